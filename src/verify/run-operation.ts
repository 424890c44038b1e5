import type { Operation } from '../contract/types.ts'
import { seedOf } from '../fake/index.ts'
import { compiledOf } from '../operation/compile-operation.ts'
import { planCases, validInput } from './generate-cases.ts'
import { requestPartSchema } from './operation-parts.ts'
import { keySources, neededIds } from './resources.ts'
import { generated, runCase, type RunContext } from './run-case.ts'
import type { CaseResult, OperationResult } from './types.ts'

const MAX_SETUP_DEPTH = 4

/** Runs every case of one operation, creating the parent resources it needs first when the run has none. */
export async function runOperation(context: RunContext, operation: Operation, before: CaseResult[] = []): Promise<OperationResult> {
  const cases = [...before, ...(await ensureIds(context, operation))]
  const plans = generated(context, operation, () => planCases(operation, { seed: context.seed, examples: context.examples, pool: context.pool }), [])
  for (const plan of plans) {
    if (context.health.stopped) break
    cases.push((await runCase(context, operation, plan)).result)
  }
  return {
    operationId: operation.operationId,
    method: operation.method.toUpperCase(),
    path: operation.path,
    tags: operation.tags,
    documented: [...compiledOf(operation).responses.keys()],
    ok: cases.every((result) => result.ok),
    cases,
  }
}

/**
 * Makes sure the run knows an id for each path parameter and id field the operation needs: first by
 * listing the collection (no side effects), else by running the create of the resource that produces
 * it (recursively, parents first). With `fresh`, creates new parents even when ids are known. Returns
 * the setup cases it ran.
 */
export async function ensureIds(context: RunContext, operation: Operation, options: { fresh?: boolean; depth?: number } = {}): Promise<CaseResult[]> {
  const depth = options.depth ?? 0
  const producers = keySources(context.model)
  const setup: CaseResult[] = []
  for (const name of neededIds(operation, new Set(producers.keys()))) {
    const spec = producers.get(name)
    const { list, create } = spec?.operations ?? {}
    if (!spec || create === operation || list === operation || depth >= MAX_SETUP_DEPTH || context.health.stopped) continue
    if (!options.fresh && context.pool.has(name)) continue
    if (!options.fresh && list) {
      setup.push(...(await ensureIds(context, list, { depth: depth + 1 })))
      setup.push(...(await setupCase(context, list, `list ${spec.name} to find ${article(name)} ${name}`, depth)))
      if (context.pool.has(name)) continue
    }
    if (!create) continue
    setup.push(...(await ensureIds(context, create, { depth: depth + 1 })))
    setup.push(...(await setupCase(context, create, `create ${spec.name} to get ${article(name)} ${name}`, depth)))
  }
  return setup
}

async function setupCase(context: RunContext, operation: Operation, name: string, depth: number): Promise<CaseResult[]> {
  const seed = seedOf(context.seed, operation.operationId, 'setup', depth, context.health.requests)
  const generatedInput = generated(context, operation, () => validInput(operation, seed, context.pool), undefined)
  if (!generatedInput) return []
  // A list is asked without filters where the query allows it, so that it finds what there is.
  const query = requestPartSchema(operation, 'query')
  const input = operation.method === 'get' && query?.safeParse({}).success ? { ...generatedInput, query: {} } : generatedInput
  return [(await runCase(context, operation, { kind: 'setup', name, seed, input, auth: 'valid' })).result]
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a'
}

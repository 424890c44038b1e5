import type { Operation } from '../contract/types.ts'
import { seedOf } from '../fake/index.ts'
import { compiledOf } from '../operation/compile-operation.ts'
import { forgeriesOfCredentials } from './auth.ts'
import { followUps, isFollowedUp } from './follow-ups.ts'
import { foreignRecordCases } from './foreign-record.ts'
import { type GenerateContext, validInput } from './generate-cases.ts'
import { planCases } from './plan-cases.ts'
import { linkedName, linkSources } from './links.ts'
import { markPersonalisedForgeries } from './personalised.ts'
import { requestPartSchema } from './operation-parts.ts'
import { isOwnRecordChange } from './identity.ts'
import { keySources, neededIds } from './resources.ts'
import { generated, isSuccess, runCase, type RunContext } from './run-case.ts'
import type { CaseResult, OperationResult } from './types.ts'

const MAX_SETUP_DEPTH = 4

/**
 * Runs every case of one operation, creating the parent resources it needs first when the run has
 * none.
 */
export async function runOperation(
  context: RunContext,
  operation: Operation,
  before: CaseResult[] = [],
): Promise<OperationResult> {
  const skipped = ownRecordDelete(context, operation)
  if (skipped) return { ...resultOf(operation, before), skipped }
  const cases = [
    ...before,
    ...(await ensureIds(context, operation)),
    ...(await readOwnRecord(context, operation)),
  ]
  const identity = context.destructive ? undefined : context.identity
  const forgeries = forgeriesOfCredentials(context.credentials, context.contract).map(
    (forgery) => forgery.name,
  )
  const generate: GenerateContext = {
    seed: context.seed,
    examples: context.examples,
    pool: context.pool,
    forgeries,
    ...(identity ? { identity } : {}),
  }
  const plans = generated(context, operation, () => planCases(operation, generate), [])
  let followed = false
  for (const plan of plans) {
    if (context.health.stopped) break
    const { result } = await runCase(context, operation, plan)
    cases.push(result)
    if (followed || !isSuccess(result) || !isFollowedUp(operation, plan)) continue
    followed = true
    for (const next of generated(
      context,
      operation,
      () => followUps(operation, plan, generate),
      [],
    )) {
      if (context.health.stopped) break
      cases.push((await runCase(context, operation, next)).result)
    }
  }
  if (!context.health.stopped)
    cases.push(...(await foreignRecordCases(context, operation, generate)))
  markPersonalisedForgeries(context, operation, cases)
  return resultOf(operation, cases)
}

/**
 * An operation the run did not get to, and why, with the requests sent to it before (to log in,
 * for instance).
 */
export function notRunOperation(
  operation: Operation,
  reason: string,
  before: CaseResult[] = [],
): OperationResult {
  return { ...resultOf(operation, before), skipped: reason }
}

function resultOf(operation: Operation, cases: CaseResult[]): OperationResult {
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

/** Why the delete of the caller's own record is left out, unless the run may be destructive. */
function ownRecordDelete(context: RunContext, operation: Operation): string | undefined {
  if (context.destructive || operation.method !== 'delete' || !isOwnRecordChange(operation))
    return undefined
  const reason = `not run: it would delete the account the run acts as (--destructive runs it).`
  context.notes.push(
    `${operation.operationId} (${operation.method.toUpperCase()} ${operation.path}) was ${reason}`,
  )
  return reason
}

/**
 * Before an update of the caller's own record, reads that record (\`GET /user\`) when the run does
 * not yet know its email or username, so that the update can send them back unchanged.
 */
async function readOwnRecord(context: RunContext, operation: Operation): Promise<CaseResult[]> {
  if (context.destructive || !isOwnRecordChange(operation) || context.identity.size > 0) return []
  const read = context.contract.operations.find(
    (candidate) => candidate.method === 'get' && candidate.path === operation.path,
  )
  return read
    ? setupCase(context, read, "read the caller's own record to keep its credentials", 0)
    : []
}

/**
 * Makes sure the run knows an id for each path parameter and id field the operation needs: first by
 * listing the collection (no side effects), else by running the create of the resource that
 * produces it (recursively, parents first). With `fresh`, creates new parents even when ids are
 * known. Returns the setup cases it ran.
 */
export async function ensureIds(
  context: RunContext,
  operation: Operation,
  options: { fresh?: boolean; depth?: number } = {},
): Promise<CaseResult[]> {
  const depth = options.depth ?? 0
  const producers = keySources(context.model)
  const setup: CaseResult[] = options.fresh ? [] : await runLinkSources(context, operation, depth)
  for (const name of neededIds(operation, new Set(producers.keys()))) {
    const spec = producers.get(name)
    const { list, create } = spec?.operations ?? {}
    if (
      !spec ||
      create === operation ||
      list === operation ||
      depth >= MAX_SETUP_DEPTH ||
      context.health.stopped
    )
      continue
    if (!options.fresh && context.pool.has(name)) continue
    if (!options.fresh && list) {
      setup.push(...(await ensureIds(context, list, { depth: depth + 1 })))
      setup.push(
        ...(await setupCase(
          context,
          list,
          `list ${spec.name} to find ${article(name)} ${name}`,
          depth,
        )),
      )
      if (context.pool.has(name)) continue
    }
    if (!create) continue
    setup.push(...(await ensureIds(context, create, { depth: depth + 1 })))
    setup.push(
      ...(await setupCase(
        context,
        create,
        `create ${spec.name} to get ${article(name)} ${name}`,
        depth,
      )),
    )
  }
  return setup
}

/**
 * Runs, once, the operation whose documented link fills a path parameter nothing has filled yet.
 */
async function runLinkSources(
  context: RunContext,
  operation: Operation,
  depth: number,
): Promise<CaseResult[]> {
  const setup: CaseResult[] = []
  for (const param of operation.pathParams) {
    const source = linkSources(context.contract, operation, param)[0]
    if (
      !source ||
      context.pool.has(linkedName(operation.operationId, param)) ||
      depth >= MAX_SETUP_DEPTH ||
      context.health.stopped
    )
      continue
    setup.push(...(await ensureIds(context, source, { depth: depth + 1 })))
    setup.push(
      ...(await setupCase(
        context,
        source,
        `${source.operationId}, whose answer links to ${param}`,
        depth,
      )),
    )
  }
  return setup
}

async function setupCase(
  context: RunContext,
  operation: Operation,
  name: string,
  depth: number,
): Promise<CaseResult[]> {
  const seed = seedOf(context.seed, operation.operationId, 'setup', depth, context.health.requests)
  const generatedInput = generated(
    context,
    operation,
    () => validInput(operation, seed, context.pool),
    undefined,
  )
  if (!generatedInput) return []
  // A list is asked without filters where the query allows it, so that it finds what there is.
  const query = requestPartSchema(operation, 'query')
  const input =
    operation.method === 'get' && query?.safeParse({}).success
      ? { ...generatedInput, query: {} }
      : generatedInput
  return [
    (await runCase(context, operation, { kind: 'setup', name, seed, input, auth: 'valid' })).result,
  ]
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a'
}

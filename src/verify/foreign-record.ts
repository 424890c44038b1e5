import type { Operation } from '../contract/types.ts'
import { seedOf } from '../fake/index.ts'
import { fieldsNamedBy } from '../operation/key-fields.ts'
import { type GenerateContext, validInput } from './generate-cases.ts'
import type { IdValue } from './id-pool.ts'
import { requestPartSchema, requiresAuth } from './operation-parts.ts'
import { keySources, listedKeys } from './resources.ts'
import { isSuccess, runCase, type RunContext } from './run-case.ts'
import type { CaseResult } from './types.ts'

// A change to a record someone else made (another author's comment, another user's article): the
// run finds one by listing what exists and keeping what it did not create itself. A contract rarely
// says whether the caller may; it says how a refusal looks, and that no answer is a 5xx.

const CHANGES = new Set(['put', 'patch', 'delete'])

/**
 * Sends a secured change or delete to a record the run did not create, with its parents as found:
 * the parents from what the run has seen, the record itself from a list of its collection under
 * them. Returns the list it ran and the case; nothing when no such record is known.
 */
export async function foreignRecordCases(
  context: RunContext,
  operation: Operation,
  generate: GenerateContext,
): Promise<CaseResult[]> {
  const own = operation.pathParams.at(-1)
  if (!requiresAuth(operation) || !CHANGES.has(operation.method) || own === undefined) return []
  const parents: Record<string, IdValue> = {}
  for (const name of operation.pathParams.slice(0, -1)) {
    const found = othersOf(context, name, operation.path)[0]
    if (found === undefined) return []
    parents[name] = found
  }
  const listed = await listUnder(context, operation, own, parents)
  const record = [...listed.keys, ...othersOf(context, own, operation.path)].find(
    (key) => !context.pool.isOwn(key) && !identityValues(context).has(String(key)),
  )
  if (record === undefined || context.health.stopped) return listed.cases
  const seed = seedOf(context.seed, operation.operationId, 'foreign')
  const base = validInput(operation, seed, context.pool, generate.identity)
  const params = { ...base.params, ...parents, [own]: record }
  const name = `someone else's record (${Object.entries(params)
    .map(([key, value]) => `${key} ${value}`)
    .join(', ')})`
  const outcome = await runCase(context, operation, {
    kind: 'foreign',
    name,
    seed,
    input: { ...base, params },
    auth: 'valid',
  })
  return [...listed.cases, outcome.result]
}

function othersOf(context: RunContext, param: string, path: string): IdValue[] {
  return context.pool
    .othersUnder(fieldsNamedBy(param, path, false))
    .filter((value) => !identityValues(context).has(String(value)))
}

/** The account the run acts as is its own, whatever the pool says. */
function identityValues(context: RunContext): Set<string> {
  return new Set(context.identity.values())
}

/**
 * Lists the collection the record belongs to, under the parents chosen, and returns the keys it
 * answered.
 */
async function listUnder(
  context: RunContext,
  operation: Operation,
  own: string,
  parents: Record<string, IdValue>,
): Promise<{ keys: IdValue[]; cases: CaseResult[] }> {
  const list = keySources(context.model).get(own)?.operations.list
  const role = list && context.model.roleOf(list.operationId)
  if (!list || !role || list.pathParams.some((name) => parents[name] === undefined))
    return { keys: [], cases: [] }
  const seed = seedOf(context.seed, list.operationId, 'foreign', operation.operationId)
  const base = validInput(list, seed, context.pool)
  const query = requestPartSchema(list, 'query')?.safeParse({}).success ? {} : base.query
  const input = {
    ...base,
    query,
    params: {
      ...base.params,
      ...Object.fromEntries(list.pathParams.map((name) => [name, parents[name]])),
    },
  }
  const outcome = await runCase(context, list, {
    kind: 'setup',
    name: `list ${role.resource.name} to find someone else's`,
    seed,
    input,
    auth: 'valid',
  })
  return {
    keys: isSuccess(outcome.result) ? listedKeys(role, outcome.body) : [],
    cases: [outcome.result],
  }
}

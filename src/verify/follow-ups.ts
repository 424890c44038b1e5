import type { Operation } from '../contract/types.ts'
import { seedOf } from '../fake/index.ts'
import { type CasePlan, type GenerateContext, validInput } from './generate-cases.ts'
import { jsonRequestBodyOf } from './operation-parts.ts'

// What a tester does right after a request that changed something succeeded: sends it again (a
// second follow, a duplicate create, a second delete), and sends a new one with the names, titles
// and tags the first one used. Either may be refused, with a documented status; neither may fail
// with a 5xx.

const STATE_CHANGING = new Set(['post', 'put', 'patch', 'delete'])
const FOLLOWED_KINDS = new Set(['example', 'valid', 'baseline'])
/**
 * Fields a second record often may not share with the first: names, titles, slugs, tags, handles.
 */
const REUSED_FIELD =
  /^(name|title|slug|tags?|tag_?list|labels?|e-?mail|user_?name|handle|code|key|sku)$/i
const MAX_DEPTH = 3

/** Whether a successful case of this kind on this operation is followed up. */
export function isFollowedUp(operation: Operation, plan: CasePlan): boolean {
  return STATE_CHANGING.has(operation.method) && FOLLOWED_KINDS.has(plan.kind)
}

/**
 * The follow-ups of a successful state-changing request: the same request again, and (for a body
 * with names or tags) another valid request that reuses them.
 *
 * @example
 * followUps(createArticle, firstCreate, context) // [the same request again…, values an earlier request used (title, tagList)]
 */
export function followUps(
  operation: Operation,
  plan: CasePlan,
  context: GenerateContext,
): CasePlan[] {
  const repeat: CasePlan = {
    kind: 'repeat',
    name: `the same request again (${plan.name})`,
    seed: plan.seed,
    input: plan.input,
    auth: 'valid',
  }
  return [repeat, ...reuseCase(operation, plan, context)]
}

function reuseCase(operation: Operation, plan: CasePlan, context: GenerateContext): CasePlan[] {
  const schema = jsonRequestBodyOf(operation)?.schema
  const used = plan.input.body && 'json' in plan.input.body ? plan.input.body.json : undefined
  if (!schema || operation.method !== 'post' || used === undefined) return []
  const seed = seedOf(context.seed, operation.operationId, 'reuse')
  const fresh = validInput(operation, seed, context.pool, context.identity)
  const freshBody = fresh.body && 'json' in fresh.body ? fresh.body.json : undefined
  const reused: string[] = []
  const body = withReusedFields(freshBody, used, reused)
  if (
    reused.length === 0 ||
    !schema.safeParse(body).success ||
    JSON.stringify(body) === JSON.stringify(used)
  )
    return []
  return [
    {
      kind: 'reuse',
      name: `values an earlier request used (${[...new Set(reused)].join(', ')})`,
      seed,
      input: { ...fresh, body: { json: body } },
      auth: 'valid',
    },
  ]
}

/**
 * The fresh body with the name-like fields the earlier body had at the same place, noting which.
 */
function withReusedFields(fresh: unknown, used: unknown, reused: string[], depth = 0): unknown {
  if (!isRecord(fresh) || !isRecord(used) || depth > MAX_DEPTH) return fresh
  return Object.fromEntries(
    Object.entries(fresh).map(([key, value]) => {
      if (
        REUSED_FIELD.test(key) &&
        key in used &&
        JSON.stringify(used[key]) !== JSON.stringify(value)
      ) {
        reused.push(key)
        return [key, used[key]]
      }
      return [key, withReusedFields(value, used[key], reused, depth + 1)]
    }),
  )
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

import { fake } from '../../fake/index.ts'
import { type CompiledOperation, responseFor, type Schema, shapeOf } from '../../operation/compile-operation.ts'
import { fakeSuccess, generateBody, responseSeed } from '../generate-response.ts'
import type { MockReply } from '../mock-types.ts'
import { pageOfItems, withoutPaging } from '../paginate.ts'
import { type ProblemInit, type ProblemIssue, problemBody } from '../problem.ts'
import type { Exchange } from '../produce-reply.ts'
import type { Plan } from '../select-response.ts'
import { bodyFields, createdObject, replacedObject } from './build-object.ts'
import { type Collection, openCollection, type Outcome, type Scope } from './collection.ts'
import { type ResourceSpec, type Role, successSchema } from '../../operation/resources.ts'
import type { StoredObject } from './store.ts'

/** The remembered answer: a plan that replies with it, or a problem that ends the request. */
export type StateAnswer = { ok: true; plan: Plan; reply: MockReply } | { ok: false; problem: ProblemInit }

type Act = (collection: Collection, role: Role, exchange: Exchange, scope: Scope) => Promise<StateAnswer>

const ACTS: Record<Role['action'], Act> = {
  list: async (collection, role, exchange) => {
    const query = exchange.input.query
    const items = whereQuery(await collection.all(), query, role.resource.itemSchema)
    return reply(exchange, [], () => listBody(exchange, items))
  },
  read: async (collection, role, exchange) => {
    const key = idOf(role, exchange)
    const found = await collection.find(key)
    return found ? reply(exchange, [found]) : notFound(`${collection.path}/${encodeURIComponent(key)}`)
  },
  create: async (collection, role, exchange, scope) => {
    const { resource } = role
    const fields = bodyFields(resource.itemSchema, exchange.input.body)
    const pins = parentPins(resource, exchange.input.params)
    const outcome = await collection.insert((id) => {
      const init = { fields, pins: { ...pins, [resource.keyField]: id }, globalSeed: scope.context.globalSeed, dynamic: scope.context.dynamic, seed: responseSeed(exchange) }
      return { value: createdObject(resource.itemSchema, init) as StoredObject }
    })
    return settle(exchange, outcome)
  },
  replace: async (collection, role, exchange) => {
    const { resource } = role
    const fields = bodyFields(resource.itemSchema, exchange.input.body)
    const clientKeys = new Set(Object.keys(shapeOf(requestSchema(exchange.compiled))))
    const outcome = await collection.change(idOf(role, exchange), (current) => ({
      value: replacedObject(current, clientKeys, fields, { ...parentPins(resource, exchange.input.params), [resource.keyField]: current[resource.keyField] }),
    }))
    return settle(exchange, outcome)
  },
  update: async (collection, role, exchange) => {
    const { resource } = role
    const fields = bodyFields(resource.itemSchema, exchange.input.body)
    const outcome = await collection.change(idOf(role, exchange), (current) => ({ value: { ...current, ...fields, [resource.keyField]: current[resource.keyField] } }))
    return settle(exchange, outcome)
  },
  delete: async (collection, role, exchange) => settle(exchange, await collection.change(idOf(role, exchange), () => ({ value: null }))),
}

/**
 * Answers an operation on a collection from the session's objects: list (with the mock's pagination,
 * filtered by query parameters named like fields), read, create, replace (PUT), merge (PATCH), delete.
 * An unknown id or parent is a 404 problem; a result its schema rejects is a 4xx problem and is not stored.
 *
 * @example
 * const answer = await answerFromState(resources.roleOf('getOrder'), exchange, scope)
 */
export async function answerFromState(role: Role, exchange: Exchange, scope: Scope): Promise<StateAnswer> {
  const missing = await missingParent(role.resource, exchange.input.params, scope)
  if (missing) return notFound(missing)
  return ACTS[role.action](openCollection(scope, role.resource, exchange.input.params), role, exchange, scope)
}

/** The path of a parent object that does not exist (`/products/0d9a…` for its reviews), if any. */
export async function missingParent(resource: ResourceSpec, params: Record<string, unknown>, scope: Scope): Promise<string | undefined> {
  const parent = resource.parent
  if (!parent) return undefined
  const key = String(params[resource.parentParams.at(-1) as string])
  const container = openCollection(scope, parent, params)
  return (await container.find(key)) ? undefined : `${container.path}/${encodeURIComponent(key)}`
}

function idOf(role: Role, exchange: Exchange): string {
  return String(exchange.input.params[role.idParam ?? role.resource.keyField])
}

/** Fields named like the path's parameters take their values: a review of product X has `productId: X`. */
export function parentPins(resource: ResourceSpec, params: Record<string, unknown>): StoredObject {
  const shape = shapeOf(resource.itemSchema)
  const pins: StoredObject = {}
  for (const name of resource.parentParams) if (shape[name]?.safeParse(params[name]).success) pins[name] = params[name]
  return pins
}

function requestSchema(compiled: CompiledOperation): Schema | undefined {
  const media = compiled.request.body?.media ?? []
  return (media.find((entry) => /json/.test(entry.type)) ?? media[0])?.schema
}

/** Query parameters named like a field keep the objects whose field has that value (`?status=paid`). */
function whereQuery(items: StoredObject[], query: Record<string, unknown>, itemSchema: Schema): StoredObject[] {
  const shape = shapeOf(itemSchema)
  const filters = Object.entries(withoutPaging(query)).filter(([key, value]) => key in shape && value !== undefined && isScalarOrList(value))
  if (filters.length === 0) return items
  return items.filter((item) => filters.every(([key, value]) => (Array.isArray(value) ? value : [value]).some((wanted) => String(wanted) === String(item[key]))))
}

function isScalarOrList(value: unknown): boolean {
  const scalar = (item: unknown) => ['string', 'number', 'boolean'].includes(typeof item)
  return Array.isArray(value) ? value.every(scalar) : scalar(value)
}

function listBody(exchange: Exchange, items: StoredObject[]): unknown {
  const schema = successSchema(exchange.compiled)
  if (!schema) return undefined
  const page = pageOfItems(schema, exchange.input.query, items)
  if (page) return fake(schema, { seed: responseSeed(exchange), idSeed: exchange.globalSeed, examples: !exchange.dynamic, overrides: page })
  return items
}

function settle(exchange: Exchange, outcome: Outcome<unknown>): StateAnswer {
  switch (outcome.kind) {
    case 'done':
      return reply(exchange, [outcome.after ?? outcome.before, outcome.container])
    case 'missing':
      return notFound(outcome.path)
    case 'invalid':
      return invalid(exchange.compiled, outcome.issues)
    default:
      return busy()
  }
}

/**
 * A plan that answers the success status with the first candidate its schema takes (the object, else the
 * parent it lives in), else with `fallback`, else generated.
 */
function reply(exchange: Exchange, candidates: unknown[], fallback?: () => unknown): StateAnswer {
  const { compiled } = exchange
  const schema = successSchema(compiled)
  const hasBody = (responseFor(compiled, compiled.successStatus)?.media.length ?? 0) > 0
  const fitting = schema && candidates.find((candidate) => candidate !== undefined && schema.safeParse(candidate).success)
  const body = !hasBody ? undefined : fitting ?? (fallback ? fallback() : schema && fakeSuccess(exchange, schema))
  const answer: MockReply = Object.freeze({ kind: 'standin.reply', status: compiled.successStatus, body, headers: {} })
  return { ok: true, reply: answer, plan: { status: compiled.successStatus, source: { kind: 'handler', handler: () => answer, scenario: undefined } } }
}

/**
 * A state answer as a handler's reply (`ctx.state.answer()`): its reply, its problem with that status,
 * or for an operation on no collection (`undefined`) the generated success.
 */
export async function asReply(exchange: Exchange, answer: StateAnswer | undefined): Promise<MockReply> {
  if (answer?.ok) return answer.reply
  if (answer) return Object.freeze({ kind: 'standin.reply', status: answer.problem.status, body: problemBody(answer.problem), headers: answer.problem.headers ?? {} })
  const { compiled } = exchange
  const response = responseFor(compiled, compiled.successStatus)
  const media = response?.media.find((entry) => /json/.test(entry.type)) ?? response?.media[0]
  const body = response && media ? generateBody(exchange, compiled.successStatus, response, media) : undefined
  return Object.freeze({ kind: 'standin.reply', status: compiled.successStatus, body, headers: {} })
}

/** 404 for an object the session does not have. */
export function notFound(path: string): StateAnswer {
  return { ok: false, problem: { kind: 'not-found', status: 404, detail: `There is no ${path} in this session: it was never created here, or it was deleted.` } }
}

/** What would break the schema is not stored: the documented 422, else 409, else 400. */
function invalid(compiled: CompiledOperation, issues: ProblemIssue[]): StateAnswer {
  const status = compiled.responses.has('422') ? 422 : compiled.responses.has('409') ? 409 : 400
  const count = issues.length
  const detail = `${compiled.operation.operationId}: the result would break the object's schema in ${count} place${count === 1 ? '' : 's'}, so nothing was stored.`
  return { ok: false, problem: { kind: 'validation', status, detail, errors: issues } }
}

function busy(): StateAnswer {
  return { ok: false, problem: { kind: 'blank', status: 409, detail: 'The object kept changing while this request tried to store it. Try again.' } }
}

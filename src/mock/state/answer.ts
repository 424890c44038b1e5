import { fake, inspectSchema, seedOf } from '../../fake/index.ts'
import {
  type CompiledOperation,
  requestBodySchema,
  responseFor,
  type Schema,
  shapeOf,
  successSchema,
} from '../../operation/compile-operation.ts'
import { type FieldPath, schemaAt, valueAt } from '../../operation/envelope.ts'
import type { ResourceSpec, Role } from '../../operation/resources.ts'
import { fitsAround, fitsObject } from '../fit-memo.ts'
import { fakeSuccess, generateBody, overridesAt, responseSeed } from '../generate-response.ts'
import type { MockReply } from '../mock-types.ts'
import { pageOfItems, withoutPaging } from '../paginate.ts'
import type { ProblemInit, ProblemIssue } from '../problem.ts'
import { refusalReply } from '../refusal.ts'
import { refusalOf } from '../../operation/refusals.ts'
import type { Exchange } from '../produce-reply.ts'
import type { Plan } from '../select-response.ts'
import { bodyFields, createdObject, replacedObject } from './build-object.ts'
import {
  type Collection,
  openCollection,
  type Outcome,
  type Scope,
  type WantedKey,
} from './collection.ts'
import type { StoredObject } from './store.ts'

/** The remembered answer: a plan that replies with it, or a problem that ends the request. */
export type StateAnswer =
  | { ok: true; plan: Plan; reply: MockReply }
  | { ok: false; problem: ProblemInit }

type Act = (
  collection: Collection,
  role: Role,
  exchange: Exchange,
  scope: Scope,
) => Promise<StateAnswer>

const ACTS: Record<Role['action'], Act> = {
  list: async (collection, role, exchange) => {
    const query = exchange.input.query
    const items = whereQuery(await collection.all(), query, role.resource.itemSchema)
    return listReply(exchange, role, items)
  },
  read: async (collection, role, exchange) => {
    const key = idOf(role, exchange)
    const found = await collection.find(key)
    return found
      ? reply(exchange, role, [found])
      : notFound(`${collection.path}/${encodeURIComponent(key)}`)
  },
  create: async (collection, role, exchange, scope) => {
    const { resource } = role
    const fields = requestFields(role, exchange)
    const pins = parentPins(resource, exchange.input.params)
    const build = (id: unknown) => {
      const init = {
        fields,
        pins: { ...pins, [resource.keyField]: id },
        globalSeed: scope.context.globalSeed,
        dynamic: scope.context.dynamic,
        seed: responseSeed(exchange),
      }
      return { value: createdObject(resource.itemSchema, init) as StoredObject }
    }
    const key = wantedKey(resource, fields)
    const outcome = await collection.insert(build, key)
    // Where the operation documents no way to refuse it, a create of a key that exists replaces the
    // object.
    if (outcome.kind === 'taken' && key && !refusalOf(exchange.compiled, 409).response)
      return settle(
        exchange,
        role,
        await collection.upsert(String(key.value), () => build(key.value)),
      )
    return settle(exchange, role, outcome)
  },
  replace: async (collection, role, exchange) => {
    const { resource } = role
    const fields = requestFields(role, exchange)
    const clientKeys = new Set(
      Object.keys(shapeOf(schemaAt(requestBodySchema(exchange.compiled), role.request ?? []))),
    )
    const outcome = await collection.change(idOf(role, exchange), (current) => ({
      value: replacedObject(resource.itemSchema, current, clientKeys, fields, {
        ...parentPins(resource, exchange.input.params),
        [resource.keyField]: current[resource.keyField],
      }),
    }))
    return settle(exchange, role, outcome)
  },
  update: async (collection, role, exchange) => {
    const { resource } = role
    const fields = requestFields(role, exchange)
    const outcome = await collection.change(idOf(role, exchange), (current) => ({
      value: { ...current, ...fields, [resource.keyField]: current[resource.keyField] },
    }))
    return settle(exchange, role, outcome)
  },
  delete: async (collection, role, exchange) =>
    settle(exchange, role, await collection.change(idOf(role, exchange), () => ({ value: null }))),
}

/**
 * Answers an operation on a collection from the session's objects: list (with the mock's
 * pagination, filtered by query parameters named like fields), read, create, replace (PUT), merge
 * (PATCH), delete. Objects are read from and answered in their envelopes (`{ article: {…} }`) and
 * found by their key (`slug`, `username`, `id`). An unknown key or parent is a 404 problem; a
 * result its schema rejects is a 4xx problem and is not stored; a create whose key the client chose
 * and another object has is a 409.
 *
 * @example
 * const answer = await answerFromState(resources.roleOf('getOrder'), exchange, scope)
 */
export async function answerFromState(
  role: Role,
  exchange: Exchange,
  scope: Scope,
): Promise<StateAnswer> {
  const missing = await missingParent(role.resource, exchange.input.params, scope)
  if (missing) return notFound(missing)
  return ACTS[role.action](
    openCollection(scope, role.resource, exchange.input.params),
    role,
    exchange,
    scope,
  )
}

/** The path of a parent object that does not exist (`/products/0d9a…` for its reviews), if any. */
export async function missingParent(
  resource: ResourceSpec,
  params: Record<string, unknown>,
  scope: Scope,
): Promise<string | undefined> {
  const parent = resource.parent
  if (!parent) return undefined
  const key = String(params[resource.parentParams.at(-1) as string])
  const container = openCollection(scope, parent, params)
  return (await container.find(key)) ? undefined : `${container.path}/${encodeURIComponent(key)}`
}

function idOf(role: Role, exchange: Exchange): string {
  return String(exchange.input.params[role.idParam ?? role.resource.keyField])
}

/** The fields of the object a request body sends, from inside its envelope. */
function requestFields(role: Role, exchange: Exchange): StoredObject {
  return bodyFields(role.resource.itemSchema, valueAt(exchange.input.body, role.request ?? []))
}

/**
 * Fields that follow from where an object is created: fields named like the path's parameters take
 * their values (a review of product X has `productId: X`), and so does the field that holds the
 * parent's key.
 */
export function parentPins(resource: ResourceSpec, params: Record<string, unknown>): StoredObject {
  const shape = shapeOf(resource.itemSchema)
  const pins: StoredObject = {}
  const take = (field: string, value: unknown) => {
    if (value !== undefined && shape[field]?.safeParse(value).success) pins[field] = value
  }
  for (const [name, value] of Object.entries(params)) take(name, value)
  if (resource.parentField)
    take(resource.parentField, params[resource.parentParams.at(-1) as string])
  return pins
}

/**
 * The key a create asks for: the one the client sent, else a slug made from the title or name it
 * sent.
 */
function wantedKey(resource: ResourceSpec, fields: StoredObject): WantedKey | undefined {
  const sent = fields[resource.keyField]
  if (typeof sent === 'string' || typeof sent === 'number') return { value: sent, exact: true }
  if (!/slug|handle/i.test(resource.keyField)) return undefined
  const words = [fields.title, fields.name].find((value) => typeof value === 'string')
  const slug = typeof words === 'string' ? slugify(words) : ''
  return slug === '' ? undefined : { value: slug, exact: false }
}

/** `How to train your dragon!` → `how-to-train-your-dragon`. */
function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '')
}

/**
 * Query parameters named like a field keep the objects whose field has that value (`?status=paid`).
 */
function whereQuery(
  items: StoredObject[],
  query: Record<string, unknown>,
  itemSchema: Schema,
): StoredObject[] {
  const shape = shapeOf(itemSchema)
  const filters = Object.entries(withoutPaging(query)).filter(
    ([key, value]) => key in shape && value !== undefined && isScalarOrList(value),
  )
  if (filters.length === 0) return items
  return items.filter((item) =>
    filters.every(([key, value]) =>
      (Array.isArray(value) ? value : [value]).some(
        (wanted) => String(wanted) === String(item[key]),
      ),
    ),
  )
}

function isScalarOrList(value: unknown): boolean {
  const scalar = (item: unknown) => ['string', 'number', 'boolean'].includes(typeof item)
  return Array.isArray(value) ? value.every(scalar) : scalar(value)
}

/**
 * The list answer: the page the query asks for, in the body's envelope (`{ articles: [...],
 * articlesCount }`).
 */
function listReply(exchange: Exchange, role: Role, items: StoredObject[]): StateAnswer {
  const schema = successSchema(exchange.compiled)
  const path = role.body
  if (!schema || path === undefined)
    return replyWith(exchange, schema ? fakeSuccess(exchange, schema) : undefined, exchange.dynamic)
  const element = elementOf(schemaAt(schema, path))
  const listed = element ? items.map((item) => projected(exchange, element, item)) : items
  const body = path.length === 0 ? listed : pageAround(exchange, schema, path, listed)
  const fits =
    element !== undefined &&
    fitsAround(schema, path, 'elements', body, (item) => fitsObject(element, item))
  return replyWith(exchange, body, fits)
}

/** The page holding `listed` at `path`, in the envelope generated around it. */
function pageAround(exchange: Exchange, schema: Schema, path: FieldPath, listed: unknown[]) {
  const container = path.slice(0, -1)
  const page = pageOfItems(schemaAt(schema, container) as Schema, exchange.input.query, listed) ?? {
    [path.at(-1) as string]: listed,
  }
  return fake(schema, {
    seed: responseSeed(exchange),
    idSeed: exchange.globalSeed,
    examples: !exchange.dynamic,
    bestEffort: true,
    overrides: overridesAt(container, page),
  })
}

function settle(exchange: Exchange, role: Role, outcome: Outcome<unknown>): StateAnswer {
  switch (outcome.kind) {
    case 'done':
      return reply(exchange, role, [outcome.after ?? outcome.before], outcome.container)
    case 'missing':
      return notFound(outcome.path)
    case 'taken':
      return taken(exchange.compiled, outcome.path)
    case 'invalid':
      return invalid(exchange.compiled, outcome.issues)
    case 'too-large':
      return tooLarge(exchange.compiled, outcome.bytes, outcome.limit)
    default:
      return busy()
  }
}

/**
 * A plan that answers the success status with the object in its envelope; where the body does not
 * carry the object itself, with the parent it lives in (the cart an item went into) when the schema
 * takes it, else generated.
 */
function reply(
  exchange: Exchange,
  role: Role,
  objects: unknown[],
  container?: StoredObject,
): StateAnswer {
  const schema = successSchema(exchange.compiled)
  if (!schema) return replyWith(exchange, undefined)
  const path = role.body
  const fitting =
    path !== undefined
      ? objects
          .map((object) => wrapAt(exchange, schema, path, object))
          .find((body) => fitsAt(schema, path, body))
      : [...objects, container].find(
          (candidate) => candidate !== undefined && fitsObject(schema, candidate),
        )
  if (fitting !== undefined) return replyWith(exchange, fitting, true)
  return replyWith(exchange, fakeSuccess(exchange, schema), exchange.dynamic)
}

/** Whether a body fits, its object at `path` checked once per stored object, then its envelope. */
function fitsAt(schema: Schema, path: FieldPath, body: unknown): boolean {
  const inner = schemaAt(schema, path)
  return (
    inner !== undefined &&
    fitsAround(schema, path, 'value', body, (value) => fitsObject(inner, value))
  )
}

/**
 * The success body with the object at its place: itself, or inside the envelope generated around
 * it.
 */
function wrapAt(exchange: Exchange, schema: Schema, path: FieldPath, object: unknown): unknown {
  const shown = projected(exchange, schemaAt(schema, path), object)
  if (path.length === 0) return shown
  return fakeSuccess(
    exchange,
    schema,
    overridesAt(path.slice(0, -1), { [path.at(-1) as string]: shown }),
  )
}

/**
 * A stored object as an answer's schema shows it: as it is where that schema takes it, else (a list
 * that shows summaries, a read that shows more) generated in that shape around the fields it
 * shares.
 */
function projected(exchange: Exchange, schema: Schema | undefined, object: unknown): unknown {
  if (!schema || typeof object !== 'object' || object === null || fitsObject(schema, object))
    return object
  const shape = shapeOf(schema)
  const shared = Object.fromEntries(
    Object.entries(object).filter(([key, value]) => shape[key]?.safeParse(value).success === true),
  )
  return fake(schema, {
    seed: seedOf(exchange.globalSeed, JSON.stringify(shared)),
    idSeed: exchange.globalSeed,
    examples: !exchange.dynamic,
    bestEffort: true,
    overrides: shared,
  })
}

function elementOf(list: Schema | undefined): Schema | undefined {
  const info = list ? inspectSchema(list) : undefined
  return info?.kind === 'array' ? info.element : undefined
}

/**
 * The state's answer as a plan; `fits` when the body is known to fit the success schema (then the
 * mock does not check it again before sending it).
 */
function replyWith(exchange: Exchange, body: unknown, fits = false): StateAnswer {
  const { compiled } = exchange
  const hasBody = (responseFor(compiled, compiled.successStatus)?.media.length ?? 0) > 0
  const answer: MockReply = Object.freeze({
    kind: 'standin.reply',
    status: compiled.successStatus,
    body: hasBody ? body : undefined,
    headers: {},
  })
  return {
    ok: true,
    reply: answer,
    plan: {
      status: compiled.successStatus,
      source: {
        kind: 'handler',
        handler: () => answer,
        scenario: undefined,
        remembered: true,
        ...(fits ? { fitsSuccess: true } : {}),
      },
    },
  }
}

/**
 * A state answer as a handler's reply (`ctx.state.answer()`): its reply, its problem with that
 * status, or for an operation on no collection (`undefined`) the generated success.
 */
export async function asReply(
  exchange: Exchange,
  answer: StateAnswer | undefined,
): Promise<MockReply> {
  if (answer?.ok) return answer.reply
  if (answer) {
    const refusal = refusalReply(exchange.compiled, answer.problem, responseSeed(exchange))
    return Object.freeze({
      kind: 'standin.reply',
      status: refusal.status,
      body: refusal.body,
      headers: refusal.headers,
    })
  }
  const { compiled } = exchange
  const response = responseFor(compiled, compiled.successStatus)
  const media = response?.media.find((entry) => /json/.test(entry.type)) ?? response?.media[0]
  const body =
    response && media ? generateBody(exchange, compiled.successStatus, response, media) : undefined
  return Object.freeze({ kind: 'standin.reply', status: compiled.successStatus, body, headers: {} })
}

/** 404 for an object the session does not have. */
export function notFound(path: string): StateAnswer {
  return {
    ok: false,
    problem: {
      kind: 'not-found',
      status: 404,
      detail: `There is no ${path} in this session: it was never created here, or it was deleted.`,
    },
  }
}

/** 409 for a create whose key another object has. */
function taken(compiled: CompiledOperation, path: string): StateAnswer {
  const detail = `${compiled.operation.operationId}: ${path} exists already, so nothing was created.`
  return { ok: false, problem: { kind: 'conflict', status: 409, detail } }
}

/** What would break the schema is not stored: the documented 422, else 409, else 400. */
function invalid(compiled: CompiledOperation, issues: ProblemIssue[]): StateAnswer {
  const status = compiled.responses.has('422') ? 422 : compiled.responses.has('409') ? 409 : 400
  const count = issues.length
  const detail = `${compiled.operation.operationId}: the result would break the object's schema in ${count} place${count === 1 ? '' : 's'}, so nothing was stored.`
  return { ok: false, problem: { kind: 'validation', status, detail, errors: issues } }
}

/**
 * 413 for an object larger than a session may keep: the client sent too much, so a 4xx (not 507).
 */
function tooLarge(compiled: CompiledOperation, bytes: number, limit: number): StateAnswer {
  const detail = `${compiled.operation.operationId}: the object takes ${bytes} bytes as JSON, more than the ${limit} bytes the mock keeps for one object (a session keeps a quarter of --max-state-bytes; a Durable Object at most 1.5 MiB per object), so nothing was stored.`
  return { ok: false, problem: { kind: 'payload-too-large', status: 413, detail } }
}

function busy(): StateAnswer {
  return {
    ok: false,
    problem: {
      kind: 'blank',
      status: 409,
      detail: 'The object kept changing while this request tried to store it. Try again.',
    },
  }
}

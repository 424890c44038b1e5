import { exampleOf, fake, nested, seedOf } from '../fake/index.ts'
import { elementShape, type FieldPath, schemaAt, valueAt } from '../operation/envelope.ts'
import { type PinPlan, pinPlanOf } from '../operation/pin-plan.ts'
import {
  type CompiledOperation,
  type MediaSpec,
  type ResponseSpec,
  type Schema,
  shapeOf,
} from '../operation/compile-operation.ts'
import { isPage, listItems, type PageRequest, pageFields, withoutPaging } from './paginate.ts'
import { errorBody } from './error-body.ts'
import type { ValidInput } from './validate-request.ts'

/** Everything generation depends on: the same values give the same bytes, on any runtime. */
export interface Generation {
  compiled: CompiledOperation
  input: ValidInput
  method: string
  /** The URL path of the request. */
  path: string
  /** The effective global seed: `Prefer: seed=` or the app's. */
  globalSeed: number
  /**
   * Faker data for every field (true), or examples first (false): `Prefer: dynamic=` or the app's.
   */
  dynamic: boolean
}

const ECHOING_METHODS = new Set(['POST', 'PUT', 'PATCH'])

/**
 * The seed of one response: global seed, operation, path parameters and query (key order does not
 * matter).
 */
export function responseSeed(generation: Generation): number {
  const { compiled, input, globalSeed } = generation
  return seedOf(globalSeed, compiled.operation.operationId, input.params, input.query)
}

/**
 * The body of a documented response. Dynamic serves faker data for every field. Static serves the
 * media type's first example, else the schema's own example, else faker data that takes every field
 * example the schema has (identifiers excepted). Success bodies are pinned to the request (see
 * `successPins`); error bodies are problem details for their status when the schema allows.
 *
 * @example
 * generateBody(generation, 200, response, media)
 */
export function generateBody(
  generation: Generation,
  status: number,
  response: ResponseSpec,
  media: MediaSpec,
): unknown {
  if (!generation.dynamic) {
    const example = staticExample(media)
    if (example) return example.value
  }
  if (!media.schema) return media.examples.values().next().value
  if (status >= 200 && status < 300) return fakeSuccess(generation, media.schema)
  return errorBody(
    media,
    { kind: 'blank', status, detail: response.description || `Answered ${status} as asked.` },
    responseSeed(generation),
  )
}

function staticExample(media: MediaSpec): { value: unknown } | undefined {
  const first = media.examples.values().next()
  if (!first.done) return { value: first.value }
  return media.schema ? exampleOf(media.schema) : undefined
}

/** Faker data for a success body, with the fields `successPins` fixes. */
export function fakeSuccess(
  generation: Generation,
  schema: Schema,
  overrides: Record<string, unknown> = {},
): unknown {
  const pins = { ...successPins(generation, schema), ...overrides }
  const options = fakeOptions(generation)
  const value = fake(
    schema,
    Object.keys(pins).length > 0 ? { ...options, overrides: pins } : options,
  )
  const plan = pinPlanOf(generation.compiled.operation)
  return plan.list && plan.params.length > 0 ? pinListItems(value, plan, generation, schema) : value
}

/**
 * Fields of a success body that follow from the request (see `pinPlanOf`): a page's window (see
 * `pageFields`); the fields the path parameters name, through any envelope (`GET /articles/{slug}`
 * answers `article.slug`, `GET /products/{productId}` the product a list shows, every review of a
 * product carries its `productId`); and for POST/PUT/PATCH the fields the body sent, where the
 * answer has them (`article.title`). A pin the field's schema rejects is dropped.
 */
function successPins(generation: Generation, schema: Schema): Record<string, unknown> {
  const plan = pinPlanOf(generation.compiled.operation)
  const page = isPage(schema, generation.input.query)
    ? pageFields(schema, pageRequest(generation, plan))
    : undefined
  if (page) return page
  if (!plan.subject || plan.list) return {}
  const shape = shapeOf(schemaAt(schema, plan.subject))
  const fields = { ...echoedFields(generation, plan), ...paramPins(plan, generation) }
  const taken = Object.fromEntries(
    Object.entries(fields).filter(([key, value]) => shape[key]?.safeParse(value).success === true),
  )
  return overridesAt(plan.subject, taken)
}

/** What a list's pages are cut from: the same list for every page of one query. */
function pageRequest(generation: Generation, plan: PinPlan): PageRequest {
  const listSeed = seedOf(
    generation.globalSeed,
    generation.compiled.operation.operationId,
    generation.input.params,
    withoutPaging(generation.input.query),
  )
  const itemPins = plan.list ? paramPins(plan, generation) : undefined
  return {
    query: generation.input.query,
    listSeed,
    idSeed: generation.globalSeed,
    examples: !generation.dynamic,
    itemPins,
  }
}

/**
 * Every object of the list an operation answers with, across all its pages, at `path` of its body:
 * what a stateful collection starts with, so it shows what the stateless mock shows.
 *
 * @example
 * listedObjects(generation, ArticlesPage, ['articles']) // [37 articles]; page 2 of 10 is articles 10–19
 */
export function listedObjects(generation: Generation, schema: Schema, path: FieldPath): unknown[] {
  const plan = pinPlanOf(generation.compiled.operation)
  const all = path.length === 1 ? listItems(schema, pageRequest(generation, plan)) : undefined
  if (all) return all
  const found = valueAt(fakeSuccess(generation, schema), path)
  return Array.isArray(found) ? found : []
}

/** The fields the path parameters name, with their values. */
function paramPins(plan: PinPlan, generation: Generation): Record<string, unknown> {
  return Object.fromEntries(
    plan.params.map(({ param, field }) => [field, generation.input.params[param]]),
  )
}

/** What the request body sent, from the object in its envelope; an id is the server's to give. */
function echoedFields(generation: Generation, plan: PinPlan): Record<string, unknown> {
  const body = plan.request ? valueAt(generation.input.body, plan.request) : undefined
  if (
    !ECHOING_METHODS.has(generation.method) ||
    typeof body !== 'object' ||
    body === null ||
    Array.isArray(body)
  )
    return {}
  return Object.fromEntries(Object.entries(body).filter(([key]) => key !== 'id'))
}

/**
 * Overrides that put fields into the object at a path: `{ article: nested(fields) }` for
 * `['article']`.
 */
export function overridesAt(
  path: FieldPath,
  fields: Record<string, unknown>,
): Record<string, unknown> {
  if (Object.keys(fields).length === 0) return {}
  return path.reduceRight<Record<string, unknown>>(
    (inner, key) => ({ [key]: nested(inner) }),
    fields,
  )
}

/** A copy of a value with the value at a path replaced. */
function replaceAt(value: unknown, path: FieldPath, replacement: unknown): unknown {
  if (path.length === 0) return replacement
  const [key, ...rest] = path as [string, ...string[]]
  const record = value as Record<string, unknown>
  return { ...record, [key]: replaceAt(record[key], rest, replacement) }
}

/**
 * A list's objects carry what the path parameters name (a plain array, which overrides cannot
 * reach).
 */
function pinListItems(
  value: unknown,
  plan: PinPlan,
  generation: Generation,
  schema: Schema,
): unknown {
  const list = plan.subject && valueAt(value, plan.subject)
  const shape = elementShape(schemaAt(schema, plan.subject ?? []) ?? schema)
  if (!Array.isArray(list) || !shape) return value
  const pins = Object.fromEntries(
    Object.entries(paramPins(plan, generation)).filter(
      ([key, pin]) => shape[key]?.safeParse(pin).success === true,
    ),
  )
  const items = list.map((item) =>
    typeof item === 'object' && item !== null && !Array.isArray(item) ? { ...item, ...pins } : item,
  )
  return replaceAt(value, plan.subject ?? [], items)
}

function fakeOptions(generation: Generation) {
  return {
    seed: responseSeed(generation),
    idSeed: generation.globalSeed,
    examples: !generation.dynamic,
    bestEffort: true,
  }
}

/**
 * The documented response headers: `Location` points at the created or addressed resource, others
 * are faker values of their schema; header values are strings.
 */
export function generateHeaders(
  generation: Generation,
  response: ResponseSpec,
  body: unknown,
): Record<string, string> {
  const headers: Record<string, string> = {}
  const shape = shapeOf(response.headers)
  for (const [name, schema] of Object.entries(shape)) {
    const location = name.toLowerCase() === 'location' ? locationOf(generation, body) : undefined
    const value =
      location !== undefined && schema.safeParse(location).success
        ? location
        : fake(schema, { seed: seedOf(responseSeed(generation), name), bestEffort: true })
    if (value !== undefined && value !== null)
      headers[name] = typeof value === 'string' ? value : JSON.stringify(value)
  }
  return headers
}

function locationOf(generation: Generation, body: unknown): string {
  const id = typeof body === 'object' && body !== null ? (body as { id?: unknown }).id : undefined
  const base = generation.path.replace(/\/+$/, '')
  if (generation.method === 'POST' && (typeof id === 'string' || typeof id === 'number'))
    return `${base}/${encodeURIComponent(String(id))}`
  return base || '/'
}

import { exampleOf, fake, seedOf } from '../fake/index.ts'
import { type CompiledOperation, type MediaSpec, type ResponseSpec, type Schema, shapeOf } from '../operation/compile-operation.ts'
import { pageFields, withoutPaging } from './paginate.ts'
import { problemBody } from './problem.ts'
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
  /** Faker data for every field (true), or examples first (false): `Prefer: dynamic=` or the app's. */
  dynamic: boolean
}

const ECHOING_METHODS = new Set(['POST', 'PUT', 'PATCH'])

/** The seed of one response: global seed, operation, path parameters and query (key order does not matter). */
export function responseSeed(generation: Generation): number {
  const { compiled, input, globalSeed } = generation
  return seedOf(globalSeed, compiled.operation.operationId, input.params, input.query)
}

/**
 * The body of a documented response. Dynamic serves faker data for every field. Static serves the media
 * type's first example, else the schema's own example, else faker data that takes every field example
 * the schema has (identifiers excepted). Success bodies are pinned to the request (see `successPins`);
 * error bodies are problem details for their status when the schema allows.
 *
 * @example
 * generateBody(generation, 200, response, media)
 */
export function generateBody(generation: Generation, status: number, response: ResponseSpec, media: MediaSpec): unknown {
  if (!generation.dynamic) {
    const example = staticExample(media)
    if (example) return example.value
  }
  if (!media.schema) return media.examples.values().next().value
  if (status >= 200 && status < 300) return fakeSuccess(generation, media.schema)
  return fakeError(generation, status, response, media.schema)
}

function staticExample(media: MediaSpec): { value: unknown } | undefined {
  const first = media.examples.values().next()
  if (!first.done) return { value: first.value }
  return media.schema ? exampleOf(media.schema) : undefined
}

/** Faker data for a success body, with the fields `successPins` fixes. */
export function fakeSuccess(generation: Generation, schema: Schema, overrides: Record<string, unknown> = {}): unknown {
  const pins = { ...successPins(generation, schema), ...overrides }
  const options = fakeOptions(generation)
  return fake(schema, Object.keys(pins).length > 0 ? { ...options, overrides: pins } : options)
}

/**
 * Top-level fields of a success body that follow from the request: a page's window (see `pageFields`),
 * the `id` of a single resource from the last path parameter (`GET /products/{productId}` answers that
 * product, the same one a list shows), and for POST/PUT/PATCH the fields the body sent. A pin the
 * field's schema rejects is dropped.
 */
function successPins(generation: Generation, schema: Schema): Record<string, unknown> {
  const shape = shapeOf(schema)
  const listSeed = seedOf(generation.globalSeed, generation.compiled.operation.operationId, generation.input.params, withoutPaging(generation.input.query))
  const page = pageFields(schema, { query: generation.input.query, listSeed, idSeed: generation.globalSeed, examples: !generation.dynamic })
  if (page) return page
  const candidates = { ...echoedFields(generation), ...idPin(generation) }
  return Object.fromEntries(Object.entries(candidates).filter(([key, value]) => shape[key]?.safeParse(value).success === true))
}

function idPin(generation: Generation): Record<string, unknown> {
  const { operation } = generation.compiled
  const last = operation.pathParams.at(-1)
  if (last === undefined || !operation.path.endsWith(`{${last}}`)) return {}
  return { id: generation.input.params[last] }
}

function echoedFields(generation: Generation): Record<string, unknown> {
  const body = generation.input.body
  if (!ECHOING_METHODS.has(generation.method) || typeof body !== 'object' || body === null || Array.isArray(body)) return {}
  return Object.fromEntries(Object.entries(body).filter(([key]) => key !== 'id'))
}

/** An error body: the problem details of its status when the schema takes them, else faker data with what fits pinned. */
function fakeError(generation: Generation, status: number, response: ResponseSpec, schema: Schema): unknown {
  const problem = problemBody({ kind: 'blank', status, detail: response.description || `Answered ${status} as asked.` })
  if (schema.safeParse(problem).success) return problem
  const shape = shapeOf(schema)
  const pins = Object.fromEntries(Object.entries(problem).filter(([key, value]) => shape[key]?.safeParse(value).success === true))
  return fake(schema, { ...fakeOptions(generation), overrides: pins })
}

function fakeOptions(generation: Generation) {
  return { seed: responseSeed(generation), idSeed: generation.globalSeed, examples: !generation.dynamic }
}

/**
 * The documented response headers: `Location` points at the created or addressed resource, others are
 * faker values of their schema; header values are strings.
 */
export function generateHeaders(generation: Generation, response: ResponseSpec, body: unknown): Record<string, string> {
  const headers: Record<string, string> = {}
  const shape = shapeOf(response.headers)
  for (const [name, schema] of Object.entries(shape)) {
    const location = name.toLowerCase() === 'location' ? locationOf(generation, body) : undefined
    const value = location !== undefined && schema.safeParse(location).success ? location : fake(schema, { seed: seedOf(responseSeed(generation), name) })
    if (value !== undefined && value !== null) headers[name] = typeof value === 'string' ? value : JSON.stringify(value)
  }
  return headers
}

function locationOf(generation: Generation, body: unknown): string {
  const id = typeof body === 'object' && body !== null ? (body as { id?: unknown }).id : undefined
  const base = generation.path.replace(/\/+$/, '')
  if (generation.method === 'POST' && (typeof id === 'string' || typeof id === 'number')) return `${base}/${encodeURIComponent(String(id))}`
  return base || '/'
}

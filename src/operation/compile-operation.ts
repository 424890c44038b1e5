import type { z } from 'zod'
import { documentedStatuses } from '../contract/operations.ts'
import type { Operation } from '../contract/types.ts'
import { inspectSchema } from '../fake/index.ts'
import { memoized } from './memo.ts'
import { type QueryObject, queryObjects } from './query-objects.ts'
import { type StyledParam, styledParams } from './styled-params.ts'

export type Schema = z.ZodType

/** One media type of a request body or response, with its schema and named examples. */
export interface MediaSpec {
  type: string
  schema: Schema | undefined
  /** Named examples (`content.examples`), then the unnamed `content.example` as `default`. */
  examples: Map<string, unknown>
}

export interface ResponseSpec {
  /** The documented key: `200`, `4XX` or `default`. */
  key: string
  description: string
  headers: Schema | undefined
  /** Headers a plain OpenAPI headers object (not a zod schema) marks `required`. */
  requiredHeaders: string[]
  media: MediaSpec[]
  /**
   * OpenAPI links: which later operation takes which value of this answer (by runtime expression).
   */
  links: ResponseLink[]
}

/**
 * A link of a documented response: `{ operationId: 'getSolution', parameters: { jobId:
 * '$response.body#/job_id' } }`.
 */
export interface ResponseLink {
  name: string
  operationId: string
  /** Parameter name (or `path.jobId`, `query.page`) → runtime expression or constant. */
  parameters: Record<string, unknown>
}

export interface RequestSpec {
  params: Schema | undefined
  query: Schema | undefined
  headers: Schema | undefined
  cookies: Schema | undefined
  body: { required: boolean; media: MediaSpec[] } | undefined
  /** Query keys whose schema is an array: they take every occurrence (`?tag=a&tag=b`). */
  queryArrays: ReadonlySet<string>
  /**
   * Object query parameters, by name, with their serialization style (`deepObject`, exploded
   * `form`…).
   */
  queryObjects: ReadonlyMap<string, QueryObject>
  /**
   * Array and object parameters of the path, headers and cookies, with their style (`a,b`, `.a.b`,
   * `;id=a,b`).
   */
  styled: {
    path: ReadonlyMap<string, StyledParam>
    header: ReadonlyMap<string, StyledParam>
    cookie: ReadonlyMap<string, StyledParam>
  }
  /**
   * Declared header names, looked up case-insensitively; undefined when the schema has no shape.
   */
  headerNames: readonly string[] | undefined
}

/**
 * What the mock looks up about an operation on every request, worked out once on its first request.
 */
export interface CompiledOperation {
  operation: Operation
  statuses: string[]
  successStatus: number
  request: RequestSpec
  responses: Map<string, ResponseSpec>
}

/**
 * What an operation looks like on the wire, worked out on first use and kept: the mock, its state
 * and verify all read this one model, so they cannot disagree.
 *
 * @example
 * compiledOf(operation).successStatus // 201
 */
export const compiledOf: (operation: Operation) => CompiledOperation = memoized(compileOperation)

/**
 * A compiler for the mock: each operation is compiled on its first request, so creating an app for
 * a large contract stays cheap.
 *
 * @example
 * const compile = createCompiler()
 * compile(operation).successStatus // 200
 */
export function createCompiler(): (operation: Operation) => CompiledOperation {
  return compiledOf
}

function compileOperation(operation: Operation): CompiledOperation {
  const statuses = documentedStatuses(operation)
  const responses = new Map<string, ResponseSpec>()
  for (const key of statuses)
    responses.set(key, toResponseSpec(key, operation.route.responses[key]))
  const success = statuses.find((status) => /^2(\d\d|XX)$/i.test(status)) ?? '200'
  return {
    operation,
    statuses,
    successStatus: Number(success.replace(/X/gi, '0')),
    request: toRequestSpec(operation),
    responses,
  }
}

/** The documented response for a status: its exact code, else its range (`4XX`), else `default`. */
export function responseFor(compiled: CompiledOperation, status: number): ResponseSpec | undefined {
  const { responses } = compiled
  const range = Math.floor(status / 100)
  return (
    responses.get(String(status)) ??
    responses.get(`${range}XX`) ??
    responses.get(`${range}xx`) ??
    responses.get('default')
  )
}

function toRequestSpec(operation: Operation): RequestSpec {
  const request = operation.route.request ?? {}
  const headers = Array.isArray(request.headers) ? undefined : asSchema(request.headers)
  const query = asSchema(request.query)
  const body = request.body as { required?: boolean; content?: Record<string, unknown> } | undefined
  return {
    params: asSchema(request.params),
    query,
    headers,
    cookies: asSchema(request.cookies),
    body: body?.content
      ? { required: body.required === true, media: toMediaSpecs(body.content) }
      : undefined,
    queryObjects: queryObjects(query),
    styled: {
      path: styledParams(asSchema(request.params), 'path'),
      header: styledParams(headers, 'header'),
      cookie: styledParams(asSchema(request.cookies), 'cookie'),
    },
    queryArrays: new Set(
      Object.entries(shapeOf(query))
        .filter(([, schema]) => isList(schema))
        .map(([key]) => key),
    ),
    headerNames: headers ? Object.keys(shapeOf(headers)) : undefined,
  }
}

/**
 * A list, or a choice between lists (`oneOf: [codes[], negated codes[]]`): one value in a query is
 * a list of one.
 */
function isList(schema: z.ZodType): boolean {
  const info = inspectSchema(schema)
  return (
    info.kind === 'array' ||
    (info.kind === 'union' && (info.options ?? []).length > 0 && (info.options ?? []).every(isList))
  )
}

function toResponseSpec(key: string, config: unknown): ResponseSpec {
  const response = (config ?? {}) as {
    description?: string
    headers?: unknown
    content?: Record<string, unknown>
    links?: unknown
  }
  return {
    key,
    description: response.description ?? '',
    headers: asSchema(response.headers),
    requiredHeaders: asSchema(response.headers) ? [] : requiredHeaderNames(response.headers),
    media: toMediaSpecs(response.content ?? {}),
    links: toLinks(response.links),
  }
}

/** The links that name their operation by id and say which parameters they fill. */
function toLinks(links: unknown): ResponseLink[] {
  if (typeof links !== 'object' || links === null) return []
  return Object.entries(
    links as Record<string, { operationId?: unknown; parameters?: unknown } | undefined>,
  ).flatMap(([name, link]) => {
    const parameters = link?.parameters
    if (
      typeof link?.operationId !== 'string' ||
      typeof parameters !== 'object' ||
      parameters === null
    )
      return []
    return [
      { name, operationId: link.operationId, parameters: parameters as Record<string, unknown> },
    ]
  })
}

function requiredHeaderNames(headers: unknown): string[] {
  if (typeof headers !== 'object' || headers === null) return []
  return Object.entries(headers as Record<string, { required?: unknown } | undefined>)
    .filter(([, header]) => header?.required === true)
    .map(([name]) => name)
}

function toMediaSpecs(content: Record<string, unknown>): MediaSpec[] {
  return Object.entries(content).map(([type, entry]) => {
    const media = (entry ?? {}) as {
      schema?: unknown
      example?: unknown
      examples?: Record<string, { value?: unknown }>
    }
    const examples = new Map<string, unknown>()
    for (const [name, example] of Object.entries(media.examples ?? {})) {
      if (example && 'value' in example) examples.set(name, example.value)
    }
    if (media.example !== undefined && !examples.has('default'))
      examples.set('default', media.example)
    return { type: type.toLowerCase(), schema: asSchema(media.schema), examples }
  })
}

/** A zod schema (anything with `safeParse`), or undefined for a plain OpenAPI object or `$ref`. */
function asSchema(value: unknown): Schema | undefined {
  const candidate = value as { safeParse?: unknown } | undefined
  return typeof candidate?.safeParse === 'function' ? (value as Schema) : undefined
}

/**
 * The fields of an object schema, through the one module that knows zod kinds; an object that may
 * also be something else (`Article | null`) has its object's fields. `{}` for anything else.
 */
export function shapeOf(schema: Schema | undefined): Record<string, Schema> {
  if (!schema) return {}
  const info = inspectSchema(schema)
  if (info.kind === 'object') return info.shape as Record<string, Schema>
  if (info.kind !== 'union') return {}
  const objects = (info.options ?? [])
    .map(inspectSchema)
    .filter((option) => option.kind === 'object')
  return objects.length === 1 && objects[0]?.kind === 'object'
    ? (objects[0].shape as Record<string, Schema>)
    : {}
}

/** The JSON schema of an operation's success response, if it has one. */
export function successSchema(compiled: CompiledOperation): Schema | undefined {
  const media = responseFor(compiled, compiled.successStatus)?.media ?? []
  return (media.find((entry) => /json/.test(entry.type)) ?? media[0])?.schema
}

/** The JSON schema of an operation's request body, if it has one. */
export function requestBodySchema(compiled: CompiledOperation): Schema | undefined {
  const media = compiled.request.body?.media ?? []
  return (media.find((entry) => /json/.test(entry.type)) ?? media[0])?.schema
}

import type { HttpMethod } from '../../contract/types.ts'
import type { Expr } from './zod-expr.ts'

/** One media type of a body: the schema is converted on demand. */
export interface MediaSpec {
  schema: () => Expr
  /** example, examples, encoding: plain JSON, as in the document. */
  extra: Record<string, unknown>
}

export interface BodySpec {
  description?: string
  required?: boolean
  content: Record<string, MediaSpec>
}

export interface ResponseSpec {
  description: string
  headers?: Array<[string, Expr]>
  content?: Record<string, MediaSpec>
  /**
   * OpenAPI links, their `$ref`s resolved: which later request takes which value of this answer.
   */
  links?: Record<string, Record<string, unknown>>
}

/** An operation of the document, ready to become a `createRoute(...)` config (or its source). */
export interface RouteSpec {
  operationId: string
  method: HttpMethod
  path: string
  /** Pointer of the operation in the input document. */
  pointer: string
  /** tags, summary, description, deprecated, security, externalDocs, servers, x-…: plain JSON. */
  fields: Record<string, unknown>
  params?: Array<[string, Expr]>
  query?: Array<[string, Expr]>
  headers?: Array<[string, Expr]>
  cookies?: Array<[string, Expr]>
  body?: BodySpec
  responses: Record<string, ResponseSpec>
}

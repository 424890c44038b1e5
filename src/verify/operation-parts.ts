import type { z } from 'zod'
import type { Operation } from '../contract/types.ts'
import {
  compiledOf,
  type MediaSpec,
  responseFor as documentedResponse,
  type ResponseSpec,
} from '../operation/compile-operation.ts'
import { carriesJson, isJsonMediaType } from '../operation/media-type.ts'

// Lookups into an operation as the one model in src/operation describes it. Schemas are only ever
// parsed with (safeParse) or handed to src/fake; what kind of schema they are is src/fake's
// business.

export type RequestPart = 'params' | 'query' | 'headers' | 'cookies'

export type { MediaSpec, ResponseSpec }

/** A request body verify can send: one documented media type, and whether the body is required. */
export type BodySpec = MediaSpec & { required: boolean }

export function isZodSchema(value: unknown): value is z.ZodType {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { safeParse?: unknown }).safeParse === 'function'
  )
}

export function requestPartSchema(operation: Operation, part: RequestPart): z.ZodType | undefined {
  return compiledOf(operation).request[part]
}

/**
 * The request body verify sends for an operation: its JSON media type when it documents one, else
 * the first documented one (a form, multipart, text…). None for GET and HEAD: fetch cannot send one
 * and the mock reads none (OpenAPI 3.0 has consumers ignore a GET's requestBody).
 */
export function requestBodyOf(operation: Operation): BodySpec | undefined {
  const body = compiledOf(operation).request.body
  if (!body || operation.method === 'get' || operation.method === 'head') return undefined
  const chosen = body.media.find((media) => isJsonMediaType(media.type)) ?? body.media[0]
  return chosen ? { ...chosen, required: body.required } : undefined
}

/**
 * The request body when it is JSON: the only kind whose malformed and schema-breaking variants
 * verify sends.
 */
export function jsonRequestBodyOf(operation: Operation): BodySpec | undefined {
  const body = requestBodyOf(operation)
  return body && carriesJson(body.type) ? body : undefined
}

/**
 * The examples of a media type, named: `content.examples` by name, then the unnamed
 * `content.example`.
 */
export function examplesOf(media: MediaSpec | undefined): { name: string; value: unknown }[] {
  return [...(media?.examples ?? new Map<string, unknown>())].map(([name, value]) => ({
    name,
    value,
  }))
}

/** Every media type the operation documents for its responses, in order, without duplicates. */
export function responseMediaTypes(operation: Operation): string[] {
  return [
    ...new Set(
      [...compiledOf(operation).responses.values()].flatMap((response) =>
        response.media.map((media) => media.type),
      ),
    ),
  ]
}

/** The response documented for a status: exact (`404`), then range (`4XX`), then `default`. */
export function responseFor(operation: Operation, status: number): ResponseSpec | undefined {
  return documentedResponse(compiledOf(operation), status)
}

/** Documented 2xx statuses of an operation, e.g. `['201']`. */
export function successStatuses(operation: Operation): string[] {
  return compiledOf(operation).statuses.filter((status) => /^2(\d\d|XX)$/i.test(status))
}

/**
 * True when some documented 2xx response of the operation has a body (a DELETE that returns the
 * resource).
 */
export function successHasBody(operation: Operation): boolean {
  const { responses } = compiledOf(operation)
  return successStatuses(operation).some((status) => (responses.get(status)?.media.length ?? 0) > 0)
}

/** True when the operation needs credentials: it declares security and no requirement is empty. */
export function requiresAuth(operation: Operation): boolean {
  return (
    operation.security.length > 0 &&
    operation.security.every((requirement) => Object.keys(requirement).length > 0)
  )
}

/**
 * True when the operation takes credentials at all: some security requirement names a scheme
 * (required or optional).
 */
export function takesCredentials(operation: Operation): boolean {
  return operation.security.some((requirement) => Object.keys(requirement).length > 0)
}

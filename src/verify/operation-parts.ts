import type { z } from 'zod'
import { documentedStatuses } from '../contract/operations.ts'
import type { Operation } from '../contract/types.ts'

// Lookups into an operation's route config. Schemas are only ever parsed with (safeParse) or handed to
// src/fake; what kind of schema they are is src/fake's business.

export type RequestPart = 'params' | 'query' | 'headers' | 'cookies'

export interface MediaTypeSpec {
  mediaType: string
  schema?: z.ZodType
  /** Examples given on the media type (`example`, `examples.*.value`), in order. */
  examples: { name: string; value: unknown }[]
}

export interface ResponseSpec {
  /** The documented key that matched: `200`, `4XX` or `default`. */
  key: string
  description?: string
  content: MediaTypeSpec[]
  headers?: unknown
}

export function isZodSchema(value: unknown): value is z.ZodType {
  return typeof value === 'object' && value !== null && typeof (value as { safeParse?: unknown }).safeParse === 'function'
}

/** `application/json`, `application/problem+json`, `application/vnd.x+json; charset=utf-8`… */
export function isJsonMediaType(mediaType: string): boolean {
  const type = (mediaType.split(';')[0] ?? '').trim().toLowerCase()
  return type === 'application/json' || type.endsWith('+json') || type === '*/*'
}

export function requestPartSchema(operation: Operation, part: RequestPart): z.ZodType | undefined {
  const schema = (operation.route.request as Record<string, unknown> | undefined)?.[part]
  return isZodSchema(schema) ? schema : undefined
}

/**
 * The request body verify sends for an operation: its JSON media type when it documents one, else the
 * first documented one (a form, multipart, text…). None for GET and HEAD: fetch cannot send one and the
 * mock reads none (OpenAPI 3.0 has consumers ignore a GET's requestBody).
 */
export function requestBodyOf(operation: Operation): (MediaTypeSpec & { required: boolean }) | undefined {
  const body = operation.route.request?.body
  if (!body || operation.method === 'get' || operation.method === 'head') return undefined
  const specs = toMediaTypeSpecs(body.content)
  const chosen = specs.find((spec) => isJsonMediaType(spec.mediaType) && !spec.mediaType.includes('*')) ?? specs[0]
  return chosen ? { ...chosen, required: body.required ?? false } : undefined
}

/** The request body when it is JSON: the only kind whose malformed and schema-breaking variants verify sends. */
export function jsonRequestBodyOf(operation: Operation): (MediaTypeSpec & { required: boolean }) | undefined {
  const body = requestBodyOf(operation)
  return body && isJsonMediaType(body.mediaType) ? body : undefined
}

/** Every media type the operation documents for its responses, in order, without duplicates. */
export function responseMediaTypes(operation: Operation): string[] {
  const responses = operation.route.responses as Record<string, { content?: unknown } | undefined>
  const types = Object.values(responses).flatMap((response) => toMediaTypeSpecs(response?.content).map((spec) => spec.mediaType))
  return [...new Set(types)]
}

/** The response documented for a status: exact (`404`), then range (`4XX`), then `default`. */
export function responseFor(operation: Operation, status: number): ResponseSpec | undefined {
  const responses = operation.route.responses as Record<string, unknown>
  const range = `${String(status)[0]}XX`
  const key = Object.keys(responses).find((candidate) => candidate === String(status))
    ?? Object.keys(responses).find((candidate) => candidate.toUpperCase() === range)
    ?? (responses.default ? 'default' : undefined)
  if (key === undefined) return undefined
  const config = (responses[key] ?? {}) as { description?: string; content?: unknown; headers?: unknown }
  return { key, description: config.description, content: toMediaTypeSpecs(config.content), headers: config.headers }
}

/** Documented 2xx statuses of an operation, e.g. `['201']`. */
export function successStatuses(operation: Operation): string[] {
  return documentedStatuses(operation).filter((status) => /^2(\d\d|XX)$/i.test(status))
}

/** True when some documented 2xx response of the operation has a body (a DELETE that returns the resource). */
export function successHasBody(operation: Operation): boolean {
  const responses = operation.route.responses as Record<string, { content?: unknown } | undefined>
  return successStatuses(operation).some((status) => toMediaTypeSpecs(responses[status]?.content).length > 0)
}

/** True when the operation needs credentials: it declares security and no requirement is empty. */
export function requiresAuth(operation: Operation): boolean {
  return operation.security.length > 0 && operation.security.every((requirement) => Object.keys(requirement).length > 0)
}

function toMediaTypeSpecs(content: unknown): MediaTypeSpec[] {
  if (typeof content !== 'object' || content === null) return []
  return Object.entries(content as Record<string, Record<string, unknown> | undefined>).map(([mediaType, media]) => ({
    mediaType,
    ...(isZodSchema(media?.schema) ? { schema: media.schema } : {}),
    examples: mediaExamples(media),
  }))
}

function mediaExamples(media: Record<string, unknown> | undefined): { name: string; value: unknown }[] {
  if (!media) return []
  const examples: { name: string; value: unknown }[] = []
  if (media.example !== undefined) examples.push({ name: 'example', value: media.example })
  const named = media.examples as Record<string, { value?: unknown } | undefined> | undefined
  for (const [name, example] of Object.entries(named ?? {})) {
    if (example && 'value' in example) examples.push({ name, value: example.value })
  }
  return examples
}

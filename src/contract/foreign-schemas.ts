import type { RouteConfig } from '@hono/zod-openapi'

/**
 * What a route's schemas must be made with, said once for every place that finds one that is not.
 */
export const USE_STANDIN_Z =
  "make schemas with the z that standin exports: import { z } from 'standin'"

interface Placed {
  where: string
  schema: unknown
}

/**
 * The places in a route whose schema is not a zod 4 schema (zod 3's, say, from a `z` imported from
 * another package), one line each: `the 200 response body (application/json) field "name" is not a
 * zod 4 schema; make schemas with …`. Fields of objects are looked into, so the line can name the
 * field.
 *
 * @example
 * foreignSchemas(route) // ['request.query is not a zod 4 schema; make schemas with the z that standin exports: …']
 */
export function foreignSchemas(route: RouteConfig): string[] {
  const seen = new Set<unknown>()
  return schemasOf(route)
    .flatMap(({ where, schema }) =>
      foreignPaths(schema, [], seen).map((path) => describe(where, path)),
    )
    .map((place) => `${place} is not a zod 4 schema; ${USE_STANDIN_Z}`)
}

function schemasOf(route: RouteConfig): Placed[] {
  const request = route.request ?? {}
  const parts = (['params', 'query', 'headers', 'cookies'] as const)
    .filter((part) => request[part] !== undefined && !Array.isArray(request[part]))
    .map((part) => ({ where: `request.${part}`, schema: request[part] as unknown }))
  const body = contentSchemas('the request body', request.body?.content)
  const responses = Object.entries(route.responses ?? {}).flatMap(([status, response]) =>
    contentSchemas(`the ${status} response body`, (response as { content?: unknown }).content),
  )
  return [...parts, ...body, ...responses]
}

function contentSchemas(what: string, content: unknown): Placed[] {
  if (typeof content !== 'object' || content === null) return []
  return Object.entries(content as Record<string, { schema?: unknown }>)
    .filter(([, media]) => media?.schema !== undefined)
    .map(([mediaType, media]) => ({ where: `${what} (${mediaType})`, schema: media.schema }))
}

function foreignPaths(schema: unknown, path: string[], seen: Set<unknown>): string[][] {
  if (!isZod4Schema(schema)) return [path]
  if (seen.has(schema)) return []
  seen.add(schema)
  const shape = (schema as { shape?: unknown }).shape
  if (typeof shape !== 'object' || shape === null) return []
  return Object.entries(shape).flatMap(([name, field]) =>
    foreignPaths(field, [...path, name], seen),
  )
}

function isZod4Schema(value: unknown): boolean {
  return typeof value === 'object' && value !== null && '_zod' in value
}

function describe(where: string, path: string[]): string {
  return path.length === 0 ? where : `${where} field "${path.join('.')}"`
}

import { getOpenApiMetadata, getRefId, zodToOpenAPIRegistry } from '@asteasolutions/zod-to-openapi'
import type { z } from 'zod'
import type { Schema } from './schema-def.ts'

// `.openapi({...})` metadata lives in zod-to-openapi's own registry; `.meta({...})` in zod's global
// one. getOpenApiMetadata merges both and walks down optional/nullable/default/readonly wrappers,
// outer wins.

/** What standin reads from a schema's metadata. */
export interface Meta {
  example?: unknown
  examples?: unknown
  hint?: unknown
  hasExample: boolean
}

const EMPTY: Meta = { hasExample: false }

export function metaOf(schema: Schema): Meta {
  const raw = getOpenApiMetadata(schema as z.ZodType) as Record<string, unknown>
  const hasExample = 'example' in raw || examplesList(raw.examples).length > 0
  if (!hasExample && raw['x-faker'] === undefined) return EMPTY
  return { example: raw.example, examples: raw.examples, hint: raw['x-faker'], hasExample }
}

/** Outer metadata (from wrappers around a schema) wins over the schema's own. */
export function mergeMeta(own: Meta, outer: Meta): Meta {
  if (outer === EMPTY) return own
  if (own === EMPTY) return outer
  return {
    example: outer.hasExample ? outer.example : own.example,
    examples: outer.hasExample ? outer.examples : own.examples,
    hint: outer.hint ?? own.hint,
    hasExample: own.hasExample || outer.hasExample,
  }
}

export const NO_META = EMPTY

/**
 * Candidate example values: `example` first, then every entry of `examples` (array or OpenAPI map).
 */
export function exampleValues(meta: Meta): unknown[] {
  const values = 'example' in meta && meta.example !== undefined ? [meta.example] : []
  return [...values, ...examplesList(meta.examples)]
}

function examplesList(examples: unknown): unknown[] {
  if (Array.isArray(examples)) return examples
  if (typeof examples === 'object' && examples !== null) {
    return Object.values(examples).map((entry) =>
      typeof entry === 'object' && entry !== null && 'value' in entry ? entry.value : entry,
    )
  }
  return []
}

/**
 * `uniqueItems: true` in an array's `.openapi({...})` or `.meta({...})`: no two items may be equal.
 */
export function wantsUniqueItems(schema: Schema): boolean {
  return (getOpenApiMetadata(schema as z.ZodType) as Record<string, unknown>).uniqueItems === true
}

/** The OpenAPI `format` given as metadata (`.openapi({ format: 'int32' })`), if any. */
export function formatOf(schema: Schema): string | undefined {
  const format = (getOpenApiMetadata(schema as z.ZodType) as Record<string, unknown>).format
  return typeof format === 'string' ? format : undefined
}

/**
 * A union published as `oneOf` (`.openapi({}, { unionPreferredType: 'oneOf' })`): a value should
 * fit one member only.
 */
export function isPublishedAsOneOf(schema: Schema): boolean {
  return zodToOpenAPIRegistry.get(schema as z.ZodType)?._internal?.unionPreferredType === 'oneOf'
}

/** The component name given with `.openapi('Name')` or `.meta({ id })`, if any. */
export function refIdOf(schema: Schema): string | undefined {
  return getRefId(schema as z.ZodType)
}

/**
 * The example attached with `.openapi({ example })` (or zod `.meta({ examples })`), if any.
 *
 * @example
 * exampleOf(z.string().openapi({ example: 'EUR' })) // { value: 'EUR' }
 */
export function exampleOf(schema: z.ZodType): { value: unknown } | undefined {
  const values = exampleValues(metaOf(schema))
  return values.length > 0 ? { value: values[0] } : undefined
}

import type { z } from 'zod'
import { inspectSchema } from '../fake/index.ts'

// What verify needs to know about a schema's shape, asked of src/fake (the one place that knows zod
// kinds).

/** The keys of an object schema; undefined for any other kind of schema. */
export function objectKeys(schema: z.ZodType): string[] | undefined {
  const info = inspectSchema(schema)
  return info.kind === 'object' ? Object.keys(info.shape) : undefined
}

/** The schema of one key of an object schema. */
export function fieldSchema(schema: z.ZodType, key: string): z.ZodType | undefined {
  const info = inspectSchema(schema)
  return info.kind === 'object' ? (info.shape[key] as z.ZodType | undefined) : undefined
}

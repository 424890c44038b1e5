import type { z } from 'zod'
import { fake } from './fake.ts'
import { inspectSchema, type SchemaInfo } from './inspect-schema.ts'
import { wantsUniqueItems } from './metadata.ts'
import { below, mix } from './random.ts'
import { isOmittable, type Schema } from './schema-def.ts'
import { accepts } from './validate.ts'

interface Candidate {
  value: unknown
  reason: string
}

const WRONG_TYPES: Candidate[] = [
  { value: 12345, reason: 'a number where the schema wants something else' },
  { value: 'not valid', reason: 'a string where the schema wants something else' },
  { value: true, reason: 'a boolean where the schema wants something else' },
  { value: null, reason: 'null where the schema does not allow it' },
  { value: {}, reason: 'an object where the schema wants something else' },
  { value: [], reason: 'an array where the schema wants something else' },
]

/**
 * A value that must NOT parse with `schema` (for negative tests), with why; undefined when the
 * schema accepts everything. The seed picks which way the value breaks the schema.
 *
 * @example
 * fakeInvalid(z.object({ price: z.number().min(0.01) }))
 * // { value: {}, reason: 'missing required property "price"' }
 */
export function fakeInvalid(
  schema: z.ZodType,
  options: { seed?: number } = {},
): { value: unknown; reason: string } | undefined {
  const seed = options.seed ?? 0
  const specific = candidatesFor(schema, seed, 0)
  const start = specific.length > 0 ? below(mix(seed >>> 0, 0x1ba4), specific.length) : 0
  const ordered = [...specific.slice(start), ...specific.slice(0, start), ...WRONG_TYPES]
  return ordered.find((candidate) => !accepts(schema as Schema, candidate.value))
}

function candidatesFor(schema: z.ZodType, seed: number, depth: number): Candidate[] {
  const info = inspectSchema(schema)
  switch (info.kind) {
    case 'object':
      return objectCandidates(info.shape, schema, seed, depth)
    case 'array':
      return arrayCandidates(info, schema, seed, depth)
    case 'string':
      return stringCandidates(info)
    case 'number':
      return numberCandidates(info)
    case 'enum':
    case 'literal':
      return [
        {
          value: 'not-one-of-the-values',
          reason: `a value outside ${JSON.stringify(info.values)}`,
        },
      ]
    default:
      return []
  }
}

function valid(schema: z.ZodType, seed: number): unknown {
  try {
    return fake(schema, { seed })
  } catch {
    return undefined
  }
}

function objectCandidates(
  shape: Record<string, z.ZodType>,
  schema: z.ZodType,
  seed: number,
  depth: number,
): Candidate[] {
  const base = valid(schema, seed)
  if (typeof base !== 'object' || base === null) return []
  const record = base as Record<string, unknown>
  const out: Candidate[] = []
  for (const [key, field] of Object.entries(shape)) {
    if (!isOmittable(field as Schema))
      out.push({ value: without(record, key), reason: `missing required property "${key}"` })
    if (depth < 2) {
      for (const inner of candidatesFor(field, seed, depth + 1).slice(0, 2))
        out.push({
          value: { ...record, [key]: inner.value },
          reason: `property "${key}": ${inner.reason}`,
        })
    }
  }
  return out
}

function without(record: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...record }
  delete copy[key]
  return copy
}

function arrayCandidates(
  info: Extract<SchemaInfo, { kind: 'array' }>,
  schema: z.ZodType,
  seed: number,
  depth: number,
): Candidate[] {
  const out: Candidate[] = []
  const base = valid(schema, seed)
  const items = Array.isArray(base) ? base : []
  if (info.minItems !== undefined)
    out.push({
      value: items.slice(0, info.minItems - 1),
      reason: `fewer than ${info.minItems} items`,
    })
  if (info.maxItems !== undefined && items.length > 0 && info.maxItems < 1000) {
    out.push({
      value: Array.from({ length: info.maxItems + 1 }, (_, i) => items[i % items.length]),
      reason: `more than ${info.maxItems} items`,
    })
  }
  if (wantsUniqueItems(schema as Schema) && items.length > 0)
    out.push({
      value: [...items.slice(0, Math.max(1, items.length - 1)), items[0]],
      reason: 'an item repeated (uniqueItems)',
    })
  if (depth < 2) {
    for (const inner of candidatesFor(info.element, seed, depth + 1).slice(0, 2))
      out.push({ value: [...items, inner.value], reason: `an item that is ${inner.reason}` })
  }
  return out
}

function stringCandidates(info: Extract<SchemaInfo, { kind: 'string' }>): Candidate[] {
  const out: Candidate[] = []
  if (info.minLength !== undefined)
    out.push({
      value: 'x'.repeat(info.minLength - 1),
      reason: `shorter than ${info.minLength} characters`,
    })
  if (info.maxLength !== undefined && info.maxLength < 100_000)
    out.push({
      value: 'x'.repeat(info.maxLength + 1),
      reason: `longer than ${info.maxLength} characters`,
    })
  if (info.format !== undefined)
    out.push({ value: `not-a-${info.format}`, reason: `not a valid ${info.format}` })
  if (info.pattern !== undefined)
    out.push({ value: '~!~', reason: `not matching /${info.pattern}/` })
  out.push({ value: 12345, reason: 'a number instead of a string' })
  return out
}

function numberCandidates(info: Extract<SchemaInfo, { kind: 'number' }>): Candidate[] {
  const out: Candidate[] = []
  if (info.minimum !== undefined)
    out.push({ value: info.minimum - 1, reason: `below the minimum ${info.minimum}` })
  if (info.exclusiveMinimum !== undefined)
    out.push({ value: info.exclusiveMinimum, reason: `not greater than ${info.exclusiveMinimum}` })
  if (info.maximum !== undefined)
    out.push({ value: info.maximum + 1, reason: `above the maximum ${info.maximum}` })
  if (info.exclusiveMaximum !== undefined)
    out.push({ value: info.exclusiveMaximum, reason: `not less than ${info.exclusiveMaximum}` })
  if (info.integer) out.push({ value: (info.minimum ?? 0) + 0.5, reason: 'not an integer' })
  if (info.multipleOf !== undefined)
    out.push({
      value: (info.minimum ?? 0) + info.multipleOf / 3,
      reason: `not a multiple of ${info.multipleOf}`,
    })
  out.push({ value: '42', reason: 'a string instead of a number' })
  return out
}

import type { z } from 'zod'
import {
  constraintsOf,
  defOf,
  enumValues,
  internals,
  kindOf,
  shapeOf,
  type Schema,
} from './schema-def.ts'

type Flags = { optional: boolean; nullable: boolean }

/** A normalised view of a schema, with its optional/nullable wrappers reported as flags. */
export type SchemaInfo =
  | ({ kind: 'object'; shape: Record<string, z.ZodType> } & Flags)
  | ({ kind: 'array'; element: z.ZodType; minItems?: number; maxItems?: number } & Flags)
  | ({
      kind: 'string'
      format?: string
      minLength?: number
      maxLength?: number
      pattern?: string
    } & Flags)
  | ({
      kind: 'number'
      integer: boolean
      minimum?: number
      maximum?: number
      exclusiveMinimum?: number
      exclusiveMaximum?: number
      multipleOf?: number
    } & Flags)
  | ({
      kind: 'boolean' | 'enum' | 'literal' | 'union' | 'record' | 'other'
      /** enum and literal: the allowed values. */
      values?: unknown[]
      /** union: the branches; `discriminator` for a discriminated union. */
      options?: z.ZodType[]
      discriminator?: string
      /** record: the key and value schemas. */
      keySchema?: z.ZodType
      valueSchema?: z.ZodType
      /** other: zod's name for the kind (`date`, `bigint`, `tuple`, `any`, …). */
      zodKind?: string
    } & Flags)

const SAFE = Number.MAX_SAFE_INTEGER

/**
 * A normalised view of a schema for code that must look inside one (pagination, negative cases).
 * Unwraps optional/nullable/default/readonly/brand/pipe-input/lazy and reports them as flags. The
 * view is shared and frozen.
 *
 * @example
 * inspectSchema(z.string().email().optional()) // { kind: 'string', format: 'email', optional: true, nullable: false }
 */
export function inspectSchema(schema: z.ZodType): SchemaInfo {
  const known = inspected.get(schema)
  if (known) return known
  const flags: Flags = { optional: false, nullable: false }
  const info = Object.freeze(describe(unwrap(schema as Schema, flags), flags)) as SchemaInfo
  inspected.set(schema, info)
  return info
}

// A schema does not change once built, so its view is worked out once (answers ask for it on every
// request) and shared, frozen.
const inspected = new WeakMap<z.ZodType, SchemaInfo>()

/** Follows wrappers inwards, noting on the way whether undefined or null is accepted. */
function unwrap(schema: Schema, flags: Flags): Schema {
  let current = schema
  let required = false
  for (let step = 0; step < 64; step++) {
    const kind = kindOf(current)
    const def = defOf(current)
    if (kind === 'optional' || kind === 'default' || kind === 'prefault')
      flags.optional ||= !required
    else if (kind === 'nullable') flags.nullable = true
    else if (kind === 'nonoptional') required = true
    else if (kind === 'lazy') {
      current = internals(current).innerType as Schema
      continue
    } else if (kind === 'pipe') {
      current = (kindOf(def.in as Schema) === 'transform' ? def.out : def.in) as Schema
      continue
    } else if (kind !== 'readonly' && kind !== 'catch' && kind !== 'success') return current
    current = def.innerType as Schema
  }
  return current
}

function describe(schema: Schema, flags: Flags): SchemaInfo {
  const kind = kindOf(schema)
  const def = defOf(schema)
  switch (kind) {
    case 'object':
      return { kind, shape: shapeOf(schema) as Record<string, z.ZodType>, ...flags }
    case 'intersection':
      return describeIntersection(schema, flags)
    case 'array':
      return {
        kind,
        element: def.element as z.ZodType,
        ...lengths(schema, 'minItems', 'maxItems'),
        ...flags,
      }
    case 'string':
      return describeString(schema, flags)
    case 'number':
      return describeNumber(schema, flags)
    case 'boolean':
      return { kind, ...flags }
    case 'enum':
      return { kind, values: enumValues(def.entries ?? {}), ...flags }
    case 'literal':
      return { kind, values: [...(def.values ?? [])], ...flags }
    case 'union':
      return {
        kind,
        options: (def.options ?? []) as z.ZodType[],
        ...(def.discriminator ? { discriminator: def.discriminator } : {}),
        ...flags,
      }
    case 'record':
      return {
        kind,
        keySchema: def.keyType as z.ZodType,
        valueSchema: def.valueType as z.ZodType,
        ...flags,
      }
    default:
      return { kind: 'other', zodKind: kind, ...flags }
  }
}

function describeIntersection(schema: Schema, flags: Flags): SchemaInfo {
  const left = inspectSchema(defOf(schema).left as z.ZodType)
  const right = inspectSchema(defOf(schema).right as z.ZodType)
  if (left.kind === 'object' && right.kind === 'object')
    return { kind: 'object', shape: { ...left.shape, ...right.shape }, ...flags }
  return { kind: 'other', zodKind: 'intersection', ...flags }
}

function lengths<Min extends string, Max extends string>(
  schema: Schema,
  minKey: Min,
  maxKey: Max,
): Partial<Record<Min | Max, number>> {
  const c = constraintsOf(schema)
  const out: Partial<Record<Min | Max, number>> = {}
  if (c.minimum !== undefined && Number(c.minimum) > 0) out[minKey] = Number(c.minimum)
  if (c.maximum !== undefined && Number.isFinite(Number(c.maximum))) out[maxKey] = Number(c.maximum)
  return out
}

function describeString(schema: Schema, flags: Flags): SchemaInfo {
  const c = constraintsOf(schema)
  const pattern = c.regexes[0]?.source
  return {
    kind: 'string',
    ...(c.format ? { format: c.format } : {}),
    ...lengths(schema, 'minLength', 'maxLength'),
    ...(pattern ? { pattern } : {}),
    ...flags,
  }
}

function describeNumber(schema: Schema, flags: Flags): SchemaInfo {
  const c = constraintsOf(schema)
  const out: Record<string, number> = {}
  const keep = (key: string, value: number | bigint | undefined): void => {
    if (value !== undefined && Math.abs(Number(value)) < SAFE) out[key] = Number(value)
  }
  keep('minimum', c.minimum)
  keep('maximum', c.maximum)
  keep('exclusiveMinimum', c.exclusiveMinimum)
  keep('exclusiveMaximum', c.exclusiveMaximum)
  if (c.multipleOf.length > 0) out.multipleOf = Number(c.multipleOf[0])
  return { kind: 'number', integer: c.integer, ...out, ...flags }
}

import { child, compile, type Ctx, type Env, type Gen, type Node } from './compile.ts'
import { nestedFields, withOverrides } from './overrides.ts'
import { refIdOf } from './metadata.ts'
import { ruleFor } from './realism.ts'
import { canonical, hashString, mix } from './random.ts'
import {
  constraintsOf,
  defOf,
  isOmittable,
  joinPath,
  kindOf,
  shapeOf,
  type Schema,
} from './schema-def.ts'

// An object with an `id` is generated from its id: the id comes from the object's seed, every other
// field from a seed derived from the id alone. So the product at position 3 of a list and GET
// /products/{that id} (fake with `overrides: { id }`) are the same product. Timestamps with a place
// in a record's life (createdAt … updatedAt) are generated in that order, each at or after the ones
// before it.

interface Field {
  key: string
  salt: number
  node: Node
  /** created 0, placed 1, paid 2, shipped 3, delivered 4, updated 5; undefined for other fields. */
  rank: number | undefined
  /** zod lets the key be absent; a required key holding undefined (z.undefined()) must stay. */
  omittable: boolean
}

const SALT_ID = 0x1d5eed

export function compileObject(schema: Schema, ctx: Ctx): Node {
  return compileShape(shapeOf(schema), refIdOf(schema) ?? ctx.key ?? ctx.parent, ctx)
}

/**
 * The generator for an object with these properties; `name` is what its properties see as their
 * parent.
 */
export function compileShape(
  shape: Record<string, Schema>,
  name: string | undefined,
  ctx: Ctx,
): Node {
  const fields = Object.entries(shape)
    .filter(([key]) => key !== '__proto__')
    .map(([key, schema]) => compileField(key, schema, name, ctx))
  const missing = fields.find((field) => field.node.impossible)
  if (missing) return missing.node
  return { gen: objectGen(fields), recursive: fields.some((field) => field.node.recursive) }
}

function compileField(key: string, schema: Schema, parent: string | undefined, ctx: Ctx): Field {
  const node = compile(
    schema,
    child(ctx, joinPath(ctx.path, key), { key, parent, position: 'field' }),
  )
  const usable =
    node.impossible && isOmittable(schema) ? { gen: () => undefined, recursive: false } : node
  const rank = ruleFor(key, parent)?.date?.rank
  return {
    key,
    salt: hashString(key),
    node: usable,
    rank: rank !== undefined && isDateLike(schema) ? rank : undefined,
    omittable: isOmittable(schema),
  }
}

function objectGen(fields: Field[]): Gen {
  const idIndex = fields.findIndex((field) => field.key === 'id')
  const order = generationOrder(fields, idIndex)
  return (seed, env) => {
    const overrides = env.overrides
    env.overrides = undefined
    const values: unknown[] = new Array(fields.length)
    let base = seed
    if (idIndex >= 0) {
      const id =
        idIndex >= 0 && overrides && Object.hasOwn(overrides, 'id')
          ? overrides.id
          : (fields[idIndex] as Field).node.gen(mix(seed, (fields[idIndex] as Field).salt), env)
      values[idIndex] = id
      // An id left out or null names no record: seeding from it would make every id-less object the
      // same one.
      if (id !== undefined && id !== null) base = mix(hashString(idKey(id)), env.idSeed ^ SALT_ID)
    }
    let floor: number | undefined
    env.level++
    for (const index of order) {
      const field = fields[index] as Field
      if (overrides && Object.hasOwn(overrides, field.key))
        values[index] = overriddenField(field, overrides[field.key], mix(base, field.salt), env)
      else if (field.rank === undefined) values[index] = field.node.gen(mix(base, field.salt), env)
      else {
        env.after = floor
        values[index] = field.node.gen(mix(base, field.salt), env)
        env.after = undefined
      }
      if (field.rank !== undefined) floor = later(floor, values[index])
    }
    env.level--
    return assemble(fields, values, overrides)
  }
}

/**
 * A field's override: the value as given, or for `nested(...)` the field generated around its
 * overrides.
 */
function overriddenField(field: Field, given: unknown, seed: number, env: Env): unknown {
  const inner = nestedFields(given)
  if (!inner) return given
  env.overrides = inner
  const value = field.node.gen(seed, env)
  const untaken = env.overrides
  env.overrides = undefined
  return untaken ? withOverrides(value, untaken) : value
}

/**
 * Field indexes: timestamps by rank first (the id is generated before everything), then the rest.
 */
function generationOrder(fields: Field[], idIndex: number): number[] {
  const indexes = fields.map((_, index) => index).filter((index) => index !== idIndex)
  const timed = indexes
    .filter((index) => fields[index]?.rank !== undefined)
    .sort((a, b) => (fields[a]?.rank ?? 0) - (fields[b]?.rank ?? 0))
  return [...timed, ...indexes.filter((index) => fields[index]?.rank === undefined)]
}

/**
 * The object in schema order; undefined values are left out where allowed; override keys outside
 * the shape come last.
 */
function assemble(
  fields: Field[],
  values: unknown[],
  overrides: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] as Field
    if (values[i] !== undefined || !field.omittable) out[field.key] = values[i]
  }
  if (overrides) {
    for (const [key, value] of Object.entries(overrides))
      if (!Object.hasOwn(out, key) && key !== '__proto__' && value !== undefined)
        out[key] = (withOverrides({}, { [key]: value }) as Record<string, unknown>)[key]
  }
  return out
}

/** `42` and `'42'` name the same record: a path parameter arrives as text. */
function idKey(id: unknown): string {
  return typeof id === 'string' || typeof id === 'number' || typeof id === 'bigint'
    ? String(id)
    : canonical(id)
}

function later(floor: number | undefined, value: unknown): number | undefined {
  const ms =
    value instanceof Date
      ? value.getTime()
      : typeof value === 'string'
        ? Date.parse(value)
        : Number.NaN
  if (Number.isNaN(ms)) return floor
  return floor === undefined || ms > floor ? ms : floor
}

const DATE_WRAPPERS = new Set([
  'optional',
  'nullable',
  'default',
  'prefault',
  'readonly',
  'nonoptional',
  'catch',
])

function isDateLike(schema: Schema): boolean {
  let current = schema
  while (DATE_WRAPPERS.has(kindOf(current))) current = defOf(current).innerType as Schema
  if (kindOf(current) === 'date') return true
  if (kindOf(current) !== 'string') return false
  const format = constraintsOf(current).format
  return format === undefined || format === 'datetime' || format === 'date'
}

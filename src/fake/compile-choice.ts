import type { z } from 'zod'
import { compile, DEEP, SHRINK_DEPTH, type Ctx, type Gen, type Node } from './compile.ts'
import { impossible } from './compile-misc.ts'
import { compileShape } from './compile-object.ts'
import { isPublishedAsOneOf, refIdOf } from './metadata.ts'
import { below, mix } from './random.ts'
import {
  defOf,
  enumValues,
  hasCustomChecks,
  internals,
  isOmittable,
  kindOf,
  shapeOf,
  type Schema,
} from './schema-def.ts'
import { inspectSchema } from './inspect-schema.ts'
import { accepts, withRetries } from './validate.ts'

const SALT_BRANCH = 0xb7a9c4
const SALT_ONE_MATCH = 0x1a7c4
const ONE_MATCH_TRIES = 10

interface Branch {
  node: Node
  /** A plain value (text, number, enum…), not an object or a list. */
  scalar: boolean
  /** For object branches: the literal values each property may take (zod's discriminator table). */
  values: Record<string, Set<unknown>> | undefined
  /** An object (after its wrappers), which can take the overrides of an object. */
  object: boolean
}

/**
 * Unions and discriminated unions: every branch equally likely; deep in a recursion, a branch that
 * ends.
 */
export function compileUnion(schema: Schema, ctx: Ctx): Node {
  const def = defOf(schema)
  const branches: Branch[] = (def.options ?? [])
    .map((option) => ({
      node: compile(option, ctx),
      scalar: isScalar(option),
      values: kindOf(option) === 'object' ? internals(option).propValues : undefined,
      object: inspectSchema(option as z.ZodType).kind === 'object',
    }))
    .filter((branch) => !branch.node.impossible)
  if (branches.length === 0)
    return impossible('no branch of the union can be generated')(schema, ctx)
  const ending = branches.filter((branch) => !branch.node.recursive)
  const scalars = branches.filter((branch) => branch.scalar)
  const gen: Gen = (seed, env) => {
    let pool = env.overrides ? matching(branches, env.overrides) : branches
    if (env.depth >= SHRINK_DEPTH && ending.length > 0 && pool === branches) pool = ending
    else if (
      env.level >= DEEP.scalarChoice &&
      scalars.length > 0 &&
      scalars.length < branches.length &&
      pool === branches
    )
      pool = scalars
    return (pool[below(mix(seed, SALT_BRANCH), pool.length)] as Branch).node.gen(seed, env)
  }
  const node = { gen, recursive: branches.some((branch) => branch.node.recursive) }
  // z.xor(): exactly one branch may match, which only zod can tell.
  if (def.inclusive === false) return withRetries(schema, node, ctx.path)
  return isPublishedAsOneOf(schema) && def.discriminator === undefined
    ? preferOneMatch(def.options ?? [], node)
    : node
}

const SCALAR_KINDS = new Set([
  'string',
  'number',
  'bigint',
  'boolean',
  'enum',
  'literal',
  'date',
  'template_literal',
])

/** A plain value once its wrappers (optional, nullable, default, pipe…) are looked through. */
function isScalar(schema: Schema): boolean {
  const info = inspectSchema(schema as z.ZodType)
  return SCALAR_KINDS.has(info.kind === 'other' ? (info.zodKind ?? '') : info.kind)
}

/**
 * A union the OpenAPI document calls `oneOf` still accepts a value more than one member takes, but
 * tools that read the document do not: draw again until exactly one member takes the value. Members
 * that overlap everywhere (two alike, or one that takes anything) leave the first value standing.
 */
function preferOneMatch(options: Schema[], node: Node): Node {
  const gen: Gen = (seed, env) => {
    const { overrides, after } = env
    let first: unknown
    for (let attempt = 0; attempt < ONE_MATCH_TRIES; attempt++) {
      Object.assign(env, { overrides, after })
      const value = node.gen(attempt === 0 ? seed : mix(seed, SALT_ONE_MATCH + attempt), env)
      if (attempt === 0) first = value
      if (matchCount(options, value) === 1) return value
    }
    return first
  }
  return { ...node, gen }
}

/** How many members take a value, counting no further than two. */
function matchCount(options: Schema[], value: unknown): number {
  let count = 0
  for (const option of options) if (accepts(option, value) && ++count > 1) break
  return count
}

/** Object branches whose discriminator values allow the overrides given for the root object. */
function matching(branches: Branch[], overrides: Record<string, unknown>): Branch[] {
  const objects = branches.filter((branch) => branch.object)
  const candidates = objects.length > 0 ? objects : branches
  const fitting = candidates.filter(({ values }) =>
    Object.entries(overrides).every(
      ([key, value]) => values?.[key] === undefined || values[key].has(value),
    ),
  )
  return fitting.length > 0 ? fitting : candidates
}

export function compileEnum(schema: Schema, ctx: Ctx): Node {
  const values = enumValues(defOf(schema).entries ?? {})
  if (values.length === 0) return impossible('the enum lists no values')(schema, ctx)
  return { gen: (seed) => values[below(mix(seed, SALT_BRANCH), values.length)], recursive: false }
}

export function compileLiteral(schema: Schema, ctx: Ctx): Node {
  const values = (defOf(schema).values ?? []).filter(
    (value) => value !== undefined || ctx.position !== 'element',
  )
  if (values.length === 0)
    return impossible('the literal has no value JSON can hold here')(schema, ctx)
  return { gen: (seed) => values[below(mix(seed, SALT_BRANCH), values.length)], recursive: false }
}

/**
 * Intersections of objects generate one object with the properties of both; other intersections
 * take a value of either side that zod confirms satisfies both.
 */
export function compileIntersection(schema: Schema, ctx: Ctx): Node {
  const merged = mergedShape(schema)
  if (merged) {
    const node = compileShape(merged.shape, refIdOf(schema) ?? ctx.key ?? ctx.parent, ctx)
    // Objects that share no property and take extra keys both accept the joined object: nothing to
    // check.
    return merged.disjoint ? node : withRetries(schema, node, ctx.path)
  }
  const def = defOf(schema)
  const left = compile(def.left as Schema, ctx)
  const right = compile(def.right as Schema, ctx)
  if (left.impossible || right.impossible) return left.impossible ? left : right
  const gen: Gen = (seed, env) => {
    const a = left.gen(seed, env)
    const b = right.gen(mix(seed, SALT_BRANCH), env)
    if (isPlainObject(a) && isPlainObject(b)) return { ...a, ...b }
    return below(seed, 2) === 0 ? a : b
  }
  return withRetries(schema, { gen, recursive: left.recursive || right.recursive }, ctx.path)
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.getPrototypeOf(value) === Object.prototype
  )
}

const TRANSPARENT = new Set(['lazy', 'readonly'])
/**
 * Around an intersection's side: an object value satisfies the side when it satisfies the object
 * inside.
 */
const OBJECT_ALLOWING = new Set(['nullable', 'optional'])
/** Kinds that accept every value: on one side of a shared property, the other side decides. */
const ANY_VALUE = new Set(['unknown', 'any'])

interface Merged {
  shape: Record<string, Schema>
  /** No property on both sides, no strict side, no refinement: the joined object needs no check. */
  disjoint: boolean
}

/**
 * The properties of an object, or of every object an intersection joins; undefined for anything
 * else.
 */
function mergedShape(schema: Schema, nested = false): Merged | undefined {
  const kind = kindOf(schema)
  const plain = !hasCustomChecks(schema)
  if (kind === 'object')
    return {
      shape: shapeOf(schema),
      disjoint: plain && kindOf(defOf(schema).catchall ?? schema) !== 'never',
    }
  if (TRANSPARENT.has(kind) || (nested && OBJECT_ALLOWING.has(kind))) {
    const inner = mergedShape(
      (kind === 'lazy' ? internals(schema).innerType : defOf(schema).innerType) as Schema,
      nested,
    )
    return inner && { shape: inner.shape, disjoint: inner.disjoint && plain }
  }
  if (kind !== 'intersection') return undefined
  const left = mergedShape(defOf(schema).left as Schema, true)
  const right = mergedShape(defOf(schema).right as Schema, true)
  if (!left || !right) return undefined
  const shape = { ...left.shape }
  for (const [key, field] of Object.entries(right.shape))
    shape[key] = Object.hasOwn(shape, key) ? sharedField(shape[key] as Schema, field) : field
  const shared = Object.keys(left.shape).some((key) => Object.hasOwn(right.shape, key))
  return { shape, disjoint: left.disjoint && right.disjoint && !shared && plain }
}

/**
 * The schema to generate a property both sides declare from: the side that takes any value (`name:
 * z.unknown()`, from an allOf that only lists `name` as required) yields to the other, which must
 * then be present; otherwise the right side, and zod judges the joined object.
 */
function sharedField(left: Schema, right: Schema): Schema {
  if (ANY_VALUE.has(kindOf(right))) return presentWhen(left, right)
  if (ANY_VALUE.has(kindOf(left))) return presentWhen(right, left)
  return right
}

/** `field` without its `.optional()` when the other side requires the property. */
function presentWhen(field: Schema, other: Schema): Schema {
  return kindOf(field) === 'optional' && !isOmittable(other)
    ? (defOf(field).innerType as Schema)
    : field
}

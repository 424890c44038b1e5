import { compile, SHRINK_DEPTH, type Ctx, type Gen, type Node } from './compile.ts'
import { impossible } from './compile-misc.ts'
import { compileShape } from './compile-object.ts'
import { refIdOf } from './metadata.ts'
import { below, mix } from './random.ts'
import { defOf, enumValues, hasCustomChecks, internals, kindOf, shapeOf, type Schema } from './schema-def.ts'
import { withRetries } from './validate.ts'

const SALT_BRANCH = 0xb7a9c4

interface Branch {
  node: Node
  /** For object branches: the literal values each property may take (zod's discriminator table). */
  values: Record<string, Set<unknown>> | undefined
}

/** Unions and discriminated unions: every branch equally likely; deep in a recursion, a branch that ends. */
export function compileUnion(schema: Schema, ctx: Ctx): Node {
  const def = defOf(schema)
  const branches: Branch[] = (def.options ?? [])
    .map((option) => ({ node: compile(option, ctx), values: kindOf(option) === 'object' ? internals(option).propValues : undefined }))
    .filter((branch) => !branch.node.impossible)
  if (branches.length === 0) return impossible('no branch of the union can be generated')(schema, ctx)
  const ending = branches.filter((branch) => !branch.node.recursive)
  const gen: Gen = (seed, env) => {
    let pool = env.overrides ? matching(branches, env.overrides) : branches
    if (env.depth >= SHRINK_DEPTH && ending.length > 0 && pool === branches) pool = ending
    return (pool[below(mix(seed, SALT_BRANCH), pool.length)] as Branch).node.gen(seed, env)
  }
  const node = { gen, recursive: branches.some((branch) => branch.node.recursive) }
  // z.xor(): exactly one branch may match, which only zod can tell.
  return def.inclusive === false ? withRetries(schema, node, ctx.path) : node
}

/** Branches whose discriminator values allow the overrides given for the root object. */
function matching(branches: Branch[], overrides: Record<string, unknown>): Branch[] {
  const fitting = branches.filter(({ values }) => Object.entries(overrides).every(([key, value]) => values?.[key] === undefined || values[key].has(value)))
  return fitting.length > 0 ? fitting : branches
}

export function compileEnum(schema: Schema, ctx: Ctx): Node {
  const values = enumValues(defOf(schema).entries ?? {})
  if (values.length === 0) return impossible('the enum lists no values')(schema, ctx)
  return { gen: (seed) => values[below(mix(seed, SALT_BRANCH), values.length)], recursive: false }
}

export function compileLiteral(schema: Schema, ctx: Ctx): Node {
  const values = (defOf(schema).values ?? []).filter((value) => value !== undefined || ctx.position !== 'element')
  if (values.length === 0) return impossible('the literal has no value JSON can hold here')(schema, ctx)
  return { gen: (seed) => values[below(mix(seed, SALT_BRANCH), values.length)], recursive: false }
}

/**
 * Intersections of objects generate one object with the properties of both; other intersections take a
 * value of either side that zod confirms satisfies both.
 */
export function compileIntersection(schema: Schema, ctx: Ctx): Node {
  const merged = mergedShape(schema)
  if (merged) {
    const node = compileShape(merged.shape, refIdOf(schema) ?? ctx.key ?? ctx.parent, ctx)
    // Objects that share no property and take extra keys both accept the joined object: nothing to check.
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
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype
}

const TRANSPARENT = new Set(['lazy', 'readonly'])

interface Merged {
  shape: Record<string, Schema>
  /** No property on both sides, no strict side, no refinement: the joined object needs no check. */
  disjoint: boolean
}

/** The properties of an object, or of every object an intersection joins; undefined for anything else. */
function mergedShape(schema: Schema): Merged | undefined {
  const kind = kindOf(schema)
  const plain = !hasCustomChecks(schema)
  if (kind === 'object') return { shape: shapeOf(schema), disjoint: plain && kindOf(defOf(schema).catchall ?? schema) !== 'never' }
  if (TRANSPARENT.has(kind)) {
    const inner = mergedShape((kind === 'lazy' ? internals(schema).innerType : defOf(schema).innerType) as Schema)
    return inner && { shape: inner.shape, disjoint: inner.disjoint && plain }
  }
  if (kind !== 'intersection') return undefined
  const left = mergedShape(defOf(schema).left as Schema)
  const right = mergedShape(defOf(schema).right as Schema)
  if (!left || !right) return undefined
  const shared = Object.keys(left.shape).some((key) => Object.hasOwn(right.shape, key))
  return { shape: { ...left.shape, ...right.shape }, disjoint: left.disjoint && right.disjoint && !shared && plain }
}

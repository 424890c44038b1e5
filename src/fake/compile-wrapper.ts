import { StandinError } from '../contract/standin-error.ts'
import { compile, DEEP, SHRINK_DEPTH, type Ctx, type Gen, type Node } from './compile.ts'
import { below, mix, unit } from './random.ts'
import { defOf, internals, kindOf, showPath, type Schema } from './schema-def.ts'
import { accepts, bestEffortValue, MAX_TRIES } from './validate.ts'

/** How often an optional value is left out, and a nullable one is null. */
const OMIT_RATE = 0.25
const NULL_RATE = 0.2
const SALT_OPTIONAL = 0x0971
const SALT_NULL = 0x0e11

function inner(schema: Schema, ctx: Ctx, fields: Partial<Ctx> = {}): Node {
  return compile(defOf(schema).innerType as Schema, { ...ctx, ...fields })
}

/** True when deep in a recursion, where a recursive value should end here. */
function shrinking(node: Node, depth: number): boolean {
  return node.recursive && depth >= SHRINK_DEPTH
}

export function compileOptional(schema: Schema, ctx: Ctx): Node {
  const value = inner(schema, ctx)
  const exact = internals(schema).traits.has('$ZodExactOptional')
  const omittable =
    !ctx.required && (ctx.position === 'field' || (ctx.position === 'root' && !exact))
  if (!omittable) return value
  if (value.impossible) return { gen: () => undefined, recursive: false }
  const gen: Gen = (seed, env) => {
    if (env.overrides !== undefined) return value.gen(seed, env)
    if (
      shrinking(value, env.depth) ||
      env.level >= DEEP.sparse ||
      unit(mix(seed, SALT_OPTIONAL)) < OMIT_RATE
    )
      return undefined
    return value.gen(seed, env)
  }
  return { gen, recursive: value.recursive }
}

export function compileNullable(schema: Schema, ctx: Ctx): Node {
  const value = inner(schema, ctx)
  if (value.impossible) return { gen: () => null, recursive: false }
  const gen: Gen = (seed, env) => {
    if (env.overrides !== undefined) return value.gen(seed, env)
    if (shrinking(value, env.depth) || unit(mix(seed, SALT_NULL)) < NULL_RATE) return null
    return value.gen(seed, env)
  }
  return { gen, recursive: value.recursive }
}

/**
 * `.default()` / `.prefault()`: always a value (realistic data shows the field); undefined only if
 * none exists.
 */
export function compileDefault(schema: Schema, ctx: Ctx): Node {
  const value = inner(schema, ctx)
  return value.impossible ? { gen: () => undefined, recursive: false } : value
}

/** nonoptional, readonly, success: the value of the schema inside. */
export function compilePassThrough(schema: Schema, ctx: Ctx): Node {
  return inner(schema, ctx, kindOf(schema) === 'nonoptional' ? { required: true } : {})
}

/** `.catch()` accepts anything; a value of the schema inside is the realistic input. */
export function compileCatch(schema: Schema, ctx: Ctx): Node {
  const value = inner(schema, ctx)
  return value.impossible ? { gen: () => null, recursive: false } : value
}

export function compileLazy(schema: Schema, ctx: Ctx): Node {
  return compile(internals(schema).innerType as Schema, ctx)
}

/**
 * A pipe accepts what its first schema accepts and the rest of the pipe then passes: generate for
 * the input side (the output side after a preprocess) and let zod confirm, retrying with fresh
 * seeds.
 */
export function compilePipe(schema: Schema, ctx: Ctx): Node {
  const def = defOf(schema)
  const bag = internals(schema).bag
  if (Array.isArray(bag.truthy) && Array.isArray(bag.falsy))
    return stringbool(bag.truthy as string[], bag.falsy as string[])
  const input = def.in as Schema
  const output = def.out as Schema
  // A copy of z.stringbool() (`.openapi({...})` on it) keeps the pipe but not the words: its
  // defaults.
  if (kindOf(input) === 'string' && kindOf(output) === 'boolean' && def.transform)
    return stringbool(['true'], ['false'])
  const sources =
    kindOf(input) === 'transform'
      ? [compile(output, ctx)]
      : [compile(input, ctx), ...(kindOf(output) === 'transform' ? [] : [compile(output, ctx)])]
  const usable = sources.filter((node) => !node.impossible)
  if (usable.length === 0) return sources[0] as Node
  const gen: Gen = (seed, env) => {
    const { overrides, after } = env
    let last: unknown
    for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
      Object.assign(env, { overrides, after })
      const value = (usable[attempt % usable.length] as Node).gen(
        attempt === 0 ? seed : mix(seed, attempt),
        env,
      )
      if (accepts(schema, value)) return value
      last = value
    }
    if (env.bestEffort) return bestEffortValue(schema, last)
    throw new StandinError(
      'FAKE_REFINE_EXHAUSTED',
      `No value generated for ${showPath(ctx.path)} made it through its pipe/transform in ${MAX_TRIES} tries. Attach a passing value with .openapi({ example }).`,
    )
  }
  return { gen, recursive: usable.some((node) => node.recursive) }
}

/** z.stringbool(): "true" or "false" where it takes those, else its first words for each. */
function stringbool(truthy: string[], falsy: string[]): Node {
  const words = [
    truthy.includes('true') ? 'true' : truthy[0],
    falsy.includes('false') ? 'false' : falsy[0],
  ]
  return { gen: (seed) => words[below(seed, 2)], recursive: false }
}

import type { z } from 'zod'
import { isStandinError, StandinError } from '../contract/standin-error.ts'
import { compile, newSession, type Env, type Node } from './compile.ts'
import { inspectSchema } from './inspect-schema.ts'
import { NO_META } from './metadata.ts'
import { mix, seedOf } from './random.ts'
import { withOverrides } from './overrides.ts'
import type { Schema } from './schema-def.ts'

export interface FakeOptions {
  /** Same schema and seed, same value, byte for byte, everywhere. Default 0. */
  seed?: number
  /**
   * Top-level object fields to use as given; when `id` is among them the rest of the object is
   * seeded from the id (so GET /products/{id} equals the product with that id inside any list).
   * Ignored unless the schema is an object (or a union of objects, whose branch the overrides then
   * pick). A value made with `nested({...})` generates that object field around its own overrides
   * (an envelope's object).
   */
  overrides?: Record<string, unknown>
  /**
   * Mixed into the seed an object derives from its `id`. Pass the mock's global seed here: changing
   * it changes every record, while list items and their GET-by-id still agree. Default 0.
   */
  idSeed?: number
  /** Use the schema's examples where they apply (default true); false generates every value. */
  examples?: boolean
  /**
   * Where no value can be generated for a string (a pattern the generator cannot meet, or one its
   * length bounds contradict), come as close as there is instead of failing: the string is left out
   * where the schema lets it be, else is its example, else the string tried that met the most of
   * its checks. What the mock answers with; default false, where such a schema is an error naming
   * its path.
   */
  bestEffort?: boolean
}

const ROOT_SALT = 0x5eed
type Slot = 'examples' | 'generated' | 'examples, stand-ins' | 'generated, stand-ins'
const compiled = new WeakMap<Schema, Partial<Record<Slot, Node>>>()

/**
 * A JSON-safe value that parses with `schema` (z.input side: what the schema accepts). Same
 * schema+seed → same value. Realistic where the property names say what a value is; the schema's
 * own examples and `x-faker` hints win over that, its bounds and formats over everything.
 *
 * @example
 * const product = fake(Product, { seed: 7 })
 * const same = fake(Product, { overrides: { id: product.id } }) // deep-equals product
 */
export function fake<T extends z.ZodType>(schema: T, options: FakeOptions = {}): z.input<T> {
  const bestEffort = options.bestEffort === true
  const node = usableNode(schema, options.examples !== false, bestEffort)
  const overrides = options.overrides && takesOverrides(schema) ? options.overrides : undefined
  const env: Env = {
    depth: 0,
    idSeed: normalSeed(options.idSeed ?? 0),
    after: undefined,
    overrides,
    level: 0,
    bestEffort,
  }
  const value = node.gen(mix(normalSeed(options.seed ?? 0), ROOT_SALT), env)
  return (env.overrides ? withOverrides(value, env.overrides) : value) as z.input<T>
}

/**
 * The generator to run; in best effort, stand-ins fill the strings without a value only when
 * nothing else can.
 */
function usableNode(schema: z.ZodType, useExamples: boolean, bestEffort: boolean): Node {
  const node = compiledNode(schema, useExamples, false)
  const usable = node.impossible && bestEffort ? compiledNode(schema, useExamples, true) : node
  if (usable.impossible) throw new StandinError('FAKE_UNSUPPORTED', usable.impossible)
  return usable
}

/**
 * The compiled generator of a schema; compiling is the slow part, so it happens once per schema.
 */
function compiledNode(schema: z.ZodType, useExamples: boolean, standIns: boolean): Node {
  const entry = compiled.get(schema) ?? {}
  const slot: Slot = `${useExamples ? 'examples' : 'generated'}${standIns ? ', stand-ins' : ''}`
  const cached = entry[slot]
  if (cached) return cached
  const session = newSession(useExamples, standIns)
  const node = compile(schema, {
    path: '',
    position: 'root',
    meta: NO_META,
    required: false,
    session,
  })
  entry[slot] = node
  compiled.set(schema, entry)
  return node
}

/** Seeds a schema is tried with before the generator counts as able to make its values. */
const TRIAL_SEEDS = 8

/**
 * Why the generator cannot make values for a schema (its examples aside), or undefined when it can:
 * for a loader to report a schema when it reads it rather than on the request that needs a value.
 *
 * @example
 * generationProblem(z.string().regex(/^(?=x)y$/)) // 'Cannot generate a value for (root): no generated string met …'
 */
export function generationProblem(schema: z.ZodType): string | undefined {
  const node = compiledNode(schema, false, false)
  if (node.impossible) return node.impossible
  for (let seed = 0; seed < TRIAL_SEEDS; seed++) {
    try {
      fake(schema, { seed, examples: false })
    } catch (error) {
      if (isStandinError(error)) return error.message
      throw error
    }
  }
  return undefined
}

/**
 * Overrides are for a top-level object (or a union of objects); a list or a scalar ignores them.
 */
function takesOverrides(schema: z.ZodType): boolean {
  const kind = inspectSchema(schema).kind
  return kind === 'object' || kind === 'union'
}

function normalSeed(seed: number): number {
  return Number.isInteger(seed) && Math.abs(seed) < 2 ** 32 ? seed >>> 0 : seedOf(seed)
}

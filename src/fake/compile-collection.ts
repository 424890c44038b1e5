import { StandinError } from '../contract/standin-error.ts'
import {
  child,
  compile,
  DEEP,
  SHRINK_DEPTH,
  type Ctx,
  type Env,
  type Gen,
  type Node,
} from './compile.ts'
import { impossible } from './compile-misc.ts'
import { singular } from './names.ts'
import { faker } from './faker.ts'
import { wantsUniqueItems } from './metadata.ts'
import { below, canonical, mix, reset } from './random.ts'
import {
  constraintsOf,
  defOf,
  internals,
  joinPath,
  kindOf,
  showPath,
  type Schema,
} from './schema-def.ts'
import { MAX_TRIES } from './validate.ts'

const SALT_LENGTH = 0x1e17
const SALT_UNIQUE = 0x0e1d
/** Lists hold a handful of items unless the schema asks for more; recursive ones fewer. */
const USUAL_LENGTH = 5
const RECURSIVE_LENGTH = 3
/** Record keys when the key schema is a plain string: `attributes: { color, material, … }`. */
const RECORD_KEYS = [
  'color',
  'size',
  'material',
  'weight',
  'brand',
  'origin',
  'style',
  'finish',
  'warranty',
  'capacity',
]

interface Length {
  min: number
  max: number
}

/**
 * The number of items: within the bounds, usually a handful, the minimum when deep in a recursion.
 */
function lengthOf(seed: number, env: Env, { min, max }: Length, node: Node): number {
  if ((node.recursive && env.depth >= SHRINK_DEPTH) || env.level >= DEEP.sparse) return min
  const high = Math.min(max, Math.max(min, node.recursive ? RECURSIVE_LENGTH : USUAL_LENGTH))
  return min + below(mix(seed, SALT_LENGTH), high - min + 1)
}

function lengthBounds(schema: Schema): Length {
  const c = constraintsOf(schema)
  return { min: Number(c.minimum ?? 0), max: Number(c.maximum ?? Infinity) }
}

function itemCtx(ctx: Ctx, key: string | undefined): Ctx {
  return child(ctx, joinPath(ctx.path, '[]'), {
    key: key === undefined ? undefined : singular(key),
    parent: ctx.parent,
    position: 'element',
  })
}

export function compileArray(schema: Schema, ctx: Ctx): Node {
  const bounds = lengthBounds(schema)
  if (bounds.min > bounds.max)
    return impossible(`an array needs at least ${bounds.min} and at most ${bounds.max} items`)(
      schema,
      ctx,
    )
  const element = compile(defOf(schema).element as Schema, itemCtx(ctx, ctx.key))
  if (element.impossible) return bounds.min === 0 ? { gen: () => [], recursive: false } : element
  if (wantsUniqueItems(schema))
    return { gen: distinctItems(element, bounds, ctx.path), recursive: element.recursive }
  const gen: Gen = (seed, env) => {
    const items = new Array(lengthOf(seed, env, bounds, element))
    for (let i = 0; i < items.length; i++) items[i] = element.gen(mix(seed, i + 1), env)
    return items
  }
  return { gen, recursive: element.recursive }
}

/**
 * uniqueItems: an item equal (as JSON) to an earlier one is drawn again from other seeds. When no
 * new item turns up, the list ends there if it is long enough; the items drawn first are the ones a
 * plain list has.
 */
function distinctItems(element: Node, bounds: Length, path: string): Gen {
  return (seed, env) => {
    const items: unknown[] = []
    const seen = new Set<string>()
    const length = lengthOf(seed, env, bounds, element)
    while (items.length < length) {
      const item = newItem(element, mix(seed, items.length + 1), env, seen)
      if (!item) break
      items.push(item.value)
    }
    if (items.length < bounds.min) {
      throw new StandinError(
        'FAKE_REFINE_EXHAUSTED',
        `The list at ${showPath(path)} needs ${bounds.min} different items (uniqueItems), but after ${items.length} no new one came up in ${MAX_TRIES} tries. ` +
          'Let the items take more values, or lower minItems.',
      )
    }
    return items
  }
}

function newItem(
  element: Node,
  seed: number,
  env: Env,
  seen: Set<string>,
): { value: unknown } | undefined {
  for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
    const value = element.gen(attempt === 0 ? seed : mix(seed, SALT_UNIQUE + attempt), env)
    const key = canonical(value)
    if (seen.has(key)) continue
    seen.add(key)
    return { value }
  }
  return undefined
}

export function compileTuple(schema: Schema, ctx: Ctx): Node {
  const def = defOf(schema)
  const slots = (def.items ?? []).map((item, i) =>
    compile(item, child(ctx, joinPath(ctx.path, i), { parent: ctx.parent, position: 'element' })),
  )
  const rest = def.rest ? compile(def.rest, itemCtx(ctx, ctx.key)) : undefined
  const missing = slots.find((slot) => slot.impossible)
  if (missing) return missing
  const extra: Length = { min: 0, max: rest && !rest.impossible ? 2 : 0 }
  const gen: Gen = (seed, env) => {
    const values = slots.map((slot, i) => slot.gen(mix(seed, i + 1), env))
    const count = rest ? lengthOf(seed, env, extra, rest) : 0
    for (let i = 0; i < count; i++)
      values.push((rest as Node).gen(mix(seed, slots.length + i + 1), env))
    return values
  }
  return { gen, recursive: slots.some((slot) => slot.recursive) || rest?.recursive === true }
}

export function compileRecord(schema: Schema, ctx: Ctx): Node {
  const def = defOf(schema)
  const keyType = def.keyType as Schema
  const listed = internals(keyType).values
  if (listed)
    return listedKeysRecord(
      schema,
      [...listed].filter((key) => typeof key === 'string' || typeof key === 'number').map(String),
      def.partial === true,
      ctx,
    )
  if (isPlainString(keyType) && ctx.key !== undefined && ATTRIBUTE_LIKE.test(ctx.key))
    return namedKeysRecord(schema, ctx)
  const keys = isPlainString(keyType)
    ? wordKeys
    : compile(keyType, child(ctx, `${ctx.path}{key}`, { position: 'element' }))
  return generatedKeysRecord(schema, keys, ctx)
}

const ATTRIBUTE_LIKE = /attribute|propert|spec|feature|option|detail|characteristic|setting/i
const wordKeys: Node = { gen: (seed) => (reset(seed), faker.word.noun()), recursive: false }

/** z.record(z.enum([...]), V) needs every key; z.partialRecord any of them. */
function listedKeysRecord(schema: Schema, keys: string[], partial: boolean, ctx: Ctx): Node {
  const values = keys.map((key) => valueNode(schema, ctx, key))
  const missing = values.find((value) => value.impossible)
  if (missing && !partial) return missing
  const gen: Gen = (seed, env) => {
    const out: Record<string, unknown> = {}
    keys.forEach((key, i) => {
      const node = values[i] as Node
      if (node.impossible || (partial && below(mix(seed, 0x9a47 + i), 2) === 0)) return
      out[key] = node.gen(mix(seed, i + 1), env)
    })
    return out
  }
  return { gen, recursive: values.some((value) => value.recursive) }
}

/** A free string key: realistic attribute names, each value generated as that property. */
function namedKeysRecord(schema: Schema, ctx: Ctx): Node {
  const values = RECORD_KEYS.map((key) => valueNode(schema, ctx, key))
  if ((values[0] as Node).impossible) return { gen: () => ({}), recursive: false }
  const bounds: Length = { min: 1, max: 4 }
  const gen: Gen = (seed, env) => {
    const out: Record<string, unknown> = {}
    const count =
      values[0]?.recursive && env.depth >= SHRINK_DEPTH
        ? 0
        : lengthOf(seed, env, bounds, values[0] as Node)
    const start = below(mix(seed, 0x57a7), RECORD_KEYS.length)
    for (let i = 0; i < count; i++) {
      const index = (start + i * 3) % RECORD_KEYS.length
      out[RECORD_KEYS[index] as string] = (values[index] as Node).gen(mix(seed, index + 1), env)
    }
    return out
  }
  return { gen, recursive: values.some((value) => value.recursive) }
}

/** Keys from the key schema itself (a regex, a number, a template literal …), distinct. */
function generatedKeysRecord(schema: Schema, keyNode: Node, ctx: Ctx): Node {
  const value = valueNode(schema, ctx, undefined)
  if (keyNode.impossible || value.impossible) return { gen: () => ({}), recursive: false }
  const bounds: Length = { min: 1, max: 4 }
  const gen: Gen = (seed, env) => {
    const out: Record<string, unknown> = {}
    const count =
      value.recursive && env.depth >= SHRINK_DEPTH ? 0 : lengthOf(seed, env, bounds, value)
    for (let i = 0; Object.keys(out).length < count && i < count * 4; i++) {
      const key = String(keyNode.gen(mix(seed, 0x6b00 + i), env))
      if (key !== '__proto__' && !Object.hasOwn(out, key))
        out[key] = value.gen(mix(seed, i + 1), env)
    }
    return out
  }
  return { gen, recursive: value.recursive }
}

function valueNode(schema: Schema, ctx: Ctx, key: string | undefined): Node {
  const path = key === undefined ? `${ctx.path}{}` : joinPath(ctx.path, key)
  return compile(
    defOf(schema).valueType as Schema,
    child(ctx, path, { key, parent: ctx.key ?? ctx.parent, position: 'field' }),
  )
}

function isPlainString(schema: Schema): boolean {
  return (
    kindOf(schema) === 'string' &&
    (defOf(schema).checks ?? []).length === 0 &&
    !internals(schema).traits.has('$ZodCheck')
  )
}

export function compileMap(schema: Schema, ctx: Ctx): Node {
  const def = defOf(schema)
  const keyNode = compile(
    def.keyType as Schema,
    child(ctx, `${ctx.path}{key}`, { position: 'element' }),
  )
  const value = compile(
    def.valueType as Schema,
    child(ctx, `${ctx.path}{}`, { position: 'element' }),
  )
  if (keyNode.impossible || value.impossible) return { gen: () => new Map(), recursive: false }
  const bounds = { min: 0, max: 3 }
  const gen: Gen = (seed, env) => {
    const map = new Map<unknown, unknown>()
    const count = lengthOf(seed, env, bounds, value)
    for (let i = 0; map.size < count && i < count * 4; i++)
      map.set(keyNode.gen(mix(seed, 0x6b00 + i), env), value.gen(mix(seed, i + 1), env))
    return map
  }
  return { gen, recursive: value.recursive }
}

export function compileSet(schema: Schema, ctx: Ctx): Node {
  const bounds = lengthBounds(schema)
  const element = compile(defOf(schema).valueType as Schema, itemCtx(ctx, ctx.key))
  if (element.impossible)
    return bounds.min === 0 ? { gen: () => new Set(), recursive: false } : element
  const gen: Gen = (seed, env) => {
    const set = new Set<unknown>()
    const seen = new Set<string>()
    const count = lengthOf(seed, env, bounds, element)
    for (let i = 0; set.size < count && i < count * 8 + 8; i++) {
      const value = element.gen(mix(seed, i + 1), env)
      if (!seen.has(canonical(value))) set.add(value), seen.add(canonical(value))
    }
    if (set.size < count)
      throw new StandinError(
        'FAKE_UNSUPPORTED',
        `Could not find ${count} distinct values for the set at ${showPath(ctx.path)}.`,
      )
    return set
  }
  return { gen, recursive: element.recursive }
}

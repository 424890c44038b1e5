import { inspectSchema } from '../fake/index.ts'
import { type Schema, shapeOf } from './compile-operation.ts'

// Real APIs wrap the object a body is about: `{ "article": { … } }`, `{ "data": { … }, "meta": …
// }`. An envelope is found by looking for the object that fits best, at most two fields down.

/** Where a value sits in a body: `[]` for the body itself, `['article']` for `{ article: {…} }`. */
export type FieldPath = readonly string[]

/** How well an object's fields fit what is looked for; 0 for not at all. */
export type FieldScore = (shape: Record<string, Schema>) => number

const MAX_DEPTH = 2

/**
 * Where the object that fits best sits in a body schema: the body itself, or an object field at
 * most two levels down. The shallowest of equally good places wins; undefined where nothing fits.
 *
 * @example
 * findObject(SingleArticleResponse, keyScore(['slug'])) // ['article']
 */
export function findObject(schema: Schema | undefined, score: FieldScore): FieldPath | undefined {
  let best: { path: FieldPath; score: number } | undefined
  for (const { path, shape } of objectsWithin(schema)) {
    const found = score(shape)
    if (found > 0 && (!best || found > best.score)) best = { path, score: found }
  }
  return best?.path
}

/**
 * Where the list of objects that fit best sits in a body schema: the body itself when it is a list,
 * else a list field of an object at most two levels down (`{ articles: [...], articlesCount }`).
 *
 * @example
 * findList(MultipleArticlesResponse, keyScore(['slug'])) // ['articles']
 */
export function findList(schema: Schema | undefined, score: FieldScore): FieldPath | undefined {
  if (!schema) return undefined
  const top = elementShape(schema)
  if (top && score(top) > 0) return []
  let best: { path: FieldPath; score: number } | undefined
  for (const { path, shape } of objectsWithin(schema)) {
    for (const [key, field] of Object.entries(shape)) {
      const element = elementShape(field)
      const found = element ? score(element) : 0
      if (found > 0 && (!best || found > best.score)) best = { path: [...path, key], score: found }
    }
  }
  return best?.path
}

/**
 * Where a request body's object sits: inside the one field of a body that has only that field and
 * it is an object (`{ "article": { … } }`, `{ "data": { … } }`), else the body itself. A body with
 * other fields beside an object (`{ policy_id, assign_to: { … } }`) is the object, and the field a
 * reference in it.
 *
 * @example
 * requestEnvelope(NewArticleRequest) // ['article']
 */
export function requestEnvelope(schema: Schema): FieldPath {
  const top = shapeOf(schema)
  const keys = Object.keys(top)
  if (keys.length !== 1) return []
  return Object.keys(shapeOf(top[keys[0] as string])).length > 0 ? [keys[0] as string] : []
}

/** Scores an object by the first of `keys` it has: earlier keys score higher. */
export function keyScore(keys: readonly string[]): FieldScore {
  return (shape) => {
    const index = keys.findIndex((key) => Object.hasOwn(shape, key))
    return index < 0 ? 0 : keys.length - index
  }
}

/** The schema at a path of object fields (through optional, nullable and `X | null`). */
export function schemaAt(schema: Schema | undefined, path: FieldPath): Schema | undefined {
  let current = schema
  for (const key of path) current = current ? shapeOf(current)[key] : undefined
  return current
}

/** The value at a path of object fields; undefined where the path leads nowhere. */
export function valueAt(value: unknown, path: FieldPath): unknown {
  let current = value
  for (const key of path) {
    if (
      typeof current !== 'object' ||
      current === null ||
      Array.isArray(current) ||
      !Object.hasOwn(current, key)
    )
      return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}

/** The fields of a list's objects; undefined when the schema is no list of objects. */
export function elementShape(schema: Schema): Record<string, Schema> | undefined {
  const info = inspectSchema(schema)
  if (info.kind !== 'array') return undefined
  const shape = shapeOf(info.element)
  return Object.keys(shape).length > 0 ? shape : undefined
}

/**
 * The object schemas within a schema, breadth first: the schema itself, then its object fields, two
 * levels down.
 */
function objectsWithin(
  schema: Schema | undefined,
): Array<{ path: FieldPath; shape: Record<string, Schema> }> {
  const found: Array<{ path: FieldPath; shape: Record<string, Schema> }> = []
  let level: Array<{ path: FieldPath; schema: Schema }> = schema ? [{ path: [], schema }] : []
  for (let depth = 0; depth <= MAX_DEPTH && level.length > 0; depth++) {
    const next: Array<{ path: FieldPath; schema: Schema }> = []
    for (const entry of level) {
      const shape = shapeOf(entry.schema)
      if (Object.keys(shape).length === 0) continue
      found.push({ path: entry.path, shape })
      for (const [key, field] of Object.entries(shape))
        next.push({ path: [...entry.path, key], schema: field })
    }
    level = next
  }
  return found
}

import { childPointer, isObject, resolvePointer } from '../openapi/from-openapi/pointer.ts'

export type Json = Record<string, unknown>

/** A part of a document and where it is: the pointer after following every `$ref`. */
export interface Located {
  value: Json
  pointer: string
}

/**
 * The schema (or parameter, response…) at `value`, its `$ref`s followed: the target's pointer, with
 * the keywords written beside a `$ref` (OpenAPI 3.1) laid over the target's.
 *
 * @example
 * resolve(document, { $ref: '#/components/schemas/Pet' }, '#/paths/…/schema') // { value: {…}, pointer: '#/components/schemas/Pet' }
 */
export function resolve(document: Json, value: unknown, pointer: string): Located {
  let current: unknown = value
  let at = pointer
  const extra: Json = {}
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string' && hops < 32; hops++) {
    const { $ref, ...siblings } = current
    // The keywords nearest the first $ref win.
    for (const [key, sibling] of Object.entries(siblings)) if (!(key in extra)) extra[key] = sibling
    at = $ref as string
    current = resolvePointer(document, at)
  }
  const target = isObject(current) ? current : {}
  return { value: Object.keys(extra).length > 0 ? { ...target, ...extra } : target, pointer: at }
}

/** A child of a located part: `child(located, 'properties', 'price')`. */
export function child(
  document: Json,
  located: Located,
  ...segments: Array<string | number>
): Located | undefined {
  let value: unknown = located.value
  for (const segment of segments) {
    if (!isObject(value) && !Array.isArray(value)) return undefined
    value = (value as Record<string | number, unknown>)[segment]
  }
  if (value === undefined) return undefined
  return resolve(document, value, childPointer(located.pointer, ...segments))
}

// Words about a schema that do not change what it accepts.
const PROSE = new Set([
  'description',
  'title',
  'summary',
  'example',
  'examples',
  'externalDocs',
  'deprecated',
  '$comment',
])

/** A keyword that describes a schema without changing what it accepts, or an extension. */
export function isProse(key: string): boolean {
  return PROSE.has(key) || key.startsWith('x-')
}

/**
 * A schema's shape as a short fingerprint, without its prose: two schemas that accept the same
 * values the same way have the same one, whether a part is a `$ref` or written out. `$ref`s are
 * followed three deep, past that a part is known by its name, so a large or recursive API costs
 * little and the fingerprint does not depend on the order things were read in.
 */
export function canonical(document: Json, value: unknown, pointer = '#'): string {
  return fingerprint(document, value, pointer, memoOf(document), REF_DEPTH)
}

const REF_DEPTH = 3

const memos = new WeakMap<Json, Map<string, string>>()

function memoOf(document: Json): Map<string, string> {
  let memo = memos.get(document)
  if (!memo) memos.set(document, (memo = new Map()))
  return memo
}

// Lists whose order says nothing.
const UNORDERED = new Set(['required', 'enum', 'type'])

function fingerprint(
  document: Json,
  value: unknown,
  pointer: string,
  memo: Map<string, string>,
  depth: number,
): string {
  if (isObject(value) && typeof value.$ref === 'string') {
    const located = resolve(document, value, pointer)
    if (depth === 0)
      return hashed(`ref ${located.pointer.slice(located.pointer.lastIndexOf('/') + 1)}`)
    const key = `${located.pointer} ${depth}`
    const plain = Object.keys(value).length === 1
    const known = plain ? memo.get(key) : undefined
    if (known !== undefined) return known
    const print = fingerprint(document, located.value, located.pointer, memo, depth - 1)
    if (plain) memo.set(key, print)
    return print
  }
  if (Array.isArray(value))
    return hashed(
      `[${value.map((item, index) => fingerprint(document, item, childPointer(pointer, index), memo, depth)).join(',')}]`,
    )
  if (!isObject(value)) return JSON.stringify(value) ?? 'undefined'
  if (Array.isArray(value.allOf))
    return fingerprint(
      document,
      flattenAllOf(document, { value, pointer }).value,
      pointer,
      memo,
      depth,
    )
  const keys = Object.keys(value)
    .filter((key) => !isProse(key))
    .sort()
  return hashed(
    `{${keys
      .map((key) => {
        const item = value[key]
        const print =
          UNORDERED.has(key) && Array.isArray(item)
            ? hashed(JSON.stringify(item.map((entry) => JSON.stringify(entry)).sort()))
            : fingerprint(document, item, childPointer(pointer, key), memo, depth)
        return `${JSON.stringify(key)}:${print}`
      })
      .join(',')}}`,
  )
}

/** Two FNV-1a hashes of the text (different offsets), as 16 hex digits. */
function hashed(text: string): string {
  let first = 0x811c9dc5
  let second = 0x01000193 ^ 0x5bd1e995
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    first = Math.imul(first ^ code, 0x01000193)
    second = Math.imul(second ^ code, 0x01000193 + 0x2a)
  }
  return `${(first >>> 0).toString(16).padStart(8, '0')}${(second >>> 0).toString(16).padStart(8, '0')}`
}

/**
 * A schema whose `allOf` parts are merged into one, as a validator reads them together: types and
 * enums intersected, the tighter of each bound, required names joined, closed when any part is
 * closed, and a property declared by several parts the `allOf` of those declarations. Each
 * property points (`$ref`) to where its part declares it, so findings name the real place.
 */
export function flattenAllOf(document: Json, located: Located): Located {
  const parts = located.value.allOf
  if (!Array.isArray(parts)) return located
  const { allOf: _allOf, ...rest } = located.value
  const pieces: Located[] = [{ value: rest, pointer: located.pointer }]
  parts.forEach((_part, index) => {
    const part = child(document, located, 'allOf', index)
    if (part) pieces.push(flattenAllOf(document, part))
  })
  return { value: mergePieces(pieces), pointer: located.pointer }
}

const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties']
const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties']

function mergePieces(pieces: Located[]): Json {
  const merged: Json = {}
  const declarations = new Map<string, unknown[]>()
  const required = new Set<string>()
  for (const piece of pieces) {
    for (const [key, value] of Object.entries(piece.value)) {
      if (key === 'properties' && isObject(value))
        for (const [name, property] of Object.entries(value))
          declarations.set(name, [
            ...(declarations.get(name) ?? []),
            isObject(property) && typeof property.$ref === 'string'
              ? property
              : { $ref: childPointer(piece.pointer, 'properties', name) },
          ])
      else if (key === 'required' && Array.isArray(value))
        for (const name of value) required.add(String(name))
      else if (!(key in merged)) merged[key] = value
      else merged[key] = tighter(key, merged[key], value)
    }
  }
  if (declarations.size > 0)
    merged.properties = Object.fromEntries(
      [...declarations].map(([name, list]) => [
        name,
        list.length === 1 ? list[0] : { allOf: list },
      ]),
    )
  if (required.size > 0) merged.required = [...required]
  return merged
}

/** Two parts' values of one keyword, as both hold at once. */
function tighter(key: string, first: unknown, second: unknown): unknown {
  if (typeof first === 'number' && typeof second === 'number') {
    if (LOWER_BOUNDS.includes(key)) return Math.max(first, second)
    if (UPPER_BOUNDS.includes(key)) return Math.min(first, second)
  }
  if (key === 'type') return intersectTypes(first, second)
  if (key === 'enum' && Array.isArray(first) && Array.isArray(second))
    return first.filter((value) =>
      second.some((other) => JSON.stringify(other) === JSON.stringify(value)),
    )
  if (key === 'additionalProperties' && (first === false || second === false)) return false
  if (key === 'nullable') return first === true && second === true
  return first
}

function intersectTypes(first: unknown, second: unknown): unknown {
  const list = (types: unknown) => (Array.isArray(types) ? types.map(String) : [String(types)])
  const other = list(second)
  const both = list(first).flatMap((type) => {
    if (other.includes(type)) return [type]
    if (type === 'number' && other.includes('integer')) return ['integer']
    if (type === 'integer' && other.includes('number')) return ['integer']
    return []
  })
  return both.length === 1 ? both[0] : both
}

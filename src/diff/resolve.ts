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
 * A schema as text without its prose, `$ref`s followed (a cycle written as its pointer): two
 * schemas that accept the same values the same way have the same text.
 */
export function canonical(
  document: Json,
  value: unknown,
  pointer = '#',
  seen = new Set<string>(),
): string {
  const located = resolve(document, value, pointer)
  if (seen.has(located.pointer)) return JSON.stringify({ cycle: located.pointer })
  return writeCanonical(
    document,
    located.value,
    located.pointer,
    new Set(seen).add(located.pointer),
  )
}

function writeCanonical(
  document: Json,
  value: unknown,
  pointer: string,
  seen: Set<string>,
): string {
  if (Array.isArray(value)) return `[${itemsOf(document, value, pointer, seen).join(',')}]`
  if (!isObject(value)) return JSON.stringify(value)
  const keys = Object.keys(value)
    .filter((key) => !isProse(key))
    .sort()
  return `{${keys
    .map((key) => {
      const item = value[key]
      const at = childPointer(pointer, key)
      const text =
        UNORDERED.has(key) && Array.isArray(item)
          ? `[${itemsOf(document, item, at, seen).sort().join(',')}]`
          : canonicalOf(document, item, at, seen)
      return `${JSON.stringify(key)}:${text}`
    })
    .join(',')}}`
}

// Lists whose order says nothing: `required: ['a', 'b']` is `required: ['b', 'a']`.
const UNORDERED = new Set(['required', 'enum', 'type'])

function itemsOf(document: Json, list: unknown[], pointer: string, seen: Set<string>): string[] {
  return list.map((item, index) => canonicalOf(document, item, childPointer(pointer, index), seen))
}

function canonicalOf(document: Json, value: unknown, pointer: string, seen: Set<string>): string {
  if (isObject(value) && typeof value.$ref === 'string')
    return canonical(document, value, pointer, seen)
  return writeCanonical(document, value, pointer, seen)
}

/** One JSON pointer segment, escaped (RFC 6901). */
export function escapeSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1')
}

/** `#/a/b` + segments. */
export function childPointer(pointer: string, ...segments: Array<string | number>): string {
  return [pointer, ...segments.map(escapeSegment)].join('/')
}

function unescapeSegment(segment: string): string {
  return decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~')
}

/** The value at a local pointer (`#/components/schemas/Pet`), or undefined. */
export function resolvePointer(root: unknown, pointer: string): unknown {
  if (!pointer.startsWith('#')) return undefined
  const segments = pointer.slice(1).split('/').slice(1).map(unescapeSegment)
  let value: unknown = root
  for (const segment of segments) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, segment))
      return undefined
    value = (value as Record<string, unknown>)[segment]
  }
  return value
}

/** The last segment of a pointer, unescaped. */
export function lastSegment(pointer: string): string {
  return unescapeSegment(pointer.slice(pointer.lastIndexOf('/') + 1))
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

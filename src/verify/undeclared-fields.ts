import type { IssuePath } from './types.ts'

/**
 * Paths of fields that are in a body but not in its schema. zod drops unknown keys of an object
 * when it parses, so they are the keys of the input that the parsed output lacks. Only walks where
 * input and output are both plain objects (or both arrays), so transforms and defaults are never
 * mistaken for extra fields.
 *
 * @example
 * findUndeclaredFields({ id: 1, debug: true }, { id: 1 }) // [['debug']]
 */
export function findUndeclaredFields(
  input: unknown,
  output: unknown,
  path: IssuePath = [],
): IssuePath[] {
  if (Array.isArray(input) && Array.isArray(output)) {
    return input.flatMap((item, index) =>
      findUndeclaredFields(item, output[index], [...path, index]),
    )
  }
  if (!isPlainObject(input) || !isPlainObject(output)) return []
  return Object.keys(input).flatMap((key) =>
    Object.hasOwn(output, key)
      ? findUndeclaredFields(input[key], output[key], [...path, key])
      : [[...path, key]],
  )
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const prototype = Object.getPrototypeOf(value) as unknown
  return prototype === Object.prototype || prototype === null
}

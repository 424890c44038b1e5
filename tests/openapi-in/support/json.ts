/**
 * JSON helpers for the test oracles (ajv's schema lookup, the round-trip comparison), written apart
 * from standin's importer so the tests do not check the importer with its own code.
 */
export type Json = Record<string, unknown>

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The value at a local JSON pointer (`#/components/schemas/Pet`), or undefined. */
export function resolvePointer(document: unknown, ref: string): unknown {
  return ref
    .slice(2)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, segment) => (isObject(node) ? node[segment] : undefined), document)
}

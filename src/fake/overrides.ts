const NESTED: unique symbol = Symbol('standin.nested-overrides')

/**
 * Overrides for an object inside an overridden object: the field is generated with them, not
 * replaced.
 */
export interface NestedOverrides {
  readonly [NESTED]: Record<string, unknown>
}

/**
 * Marks overrides for an object field: `fake(Envelope, { overrides: { article: nested({ slug }) }
 * })` generates the whole article around the slug given, as `overrides: { slug }` would at the top.
 *
 * @example
 * fake(SingleArticle, { overrides: { article: nested({ slug: 'hello', title: 'Hello' }) } }).article.slug // 'hello'
 */
export function nested(fields: Record<string, unknown>): NestedOverrides {
  return Object.freeze({ [NESTED]: fields })
}

/** The fields of a nested override; undefined for a value given as it is. */
export function nestedFields(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && NESTED in value
    ? (value as NestedOverrides)[NESTED]
    : undefined
}

/**
 * A value with overrides laid over it (nested ones field by field), for a value not generated field
 * by field.
 */
export function withOverrides(value: unknown, overrides: Record<string, unknown>): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value
  const out: Record<string, unknown> = { ...value }
  for (const [key, item] of Object.entries(overrides)) {
    if (key === '__proto__' || item === undefined) continue
    const inner = nestedFields(item)
    out[key] = inner ? withOverrides(out[key] ?? {}, inner) : item
  }
  return out
}

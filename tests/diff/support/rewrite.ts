import type { Json } from './build.ts'

/** The same JSON with every object's keys in reverse order, all the way down. */
export function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, inner]) => [key, reversedKeys(inner)]),
  ) as T
}

const COMPONENT = '#/components/schemas/'

/**
 * The document with every `$ref` to a component schema replaced by a copy of the schema; a `$ref`
 * inside the schema it names (recursion) stays. Components stay too, for those and for discriminator
 * mappings.
 */
export function inlinedSchemas(document: Json): Json {
  const schemas = ((document.components as Json | undefined)?.schemas ?? {}) as Json
  const inline = (value: unknown, within: string[]): unknown => {
    if (Array.isArray(value)) return value.map((item) => inline(item, within))
    if (typeof value !== 'object' || value === null) return value
    const { $ref, ...rest } = value as Json
    const name =
      typeof $ref === 'string' && $ref.startsWith(COMPONENT)
        ? $ref.slice(COMPONENT.length)
        : undefined
    const siblings = Object.fromEntries(
      Object.entries(rest).map(([key, inner]) => [key, inline(inner, within)]),
    )
    if (name === undefined || within.includes(name) || !(name in schemas))
      return $ref === undefined ? siblings : { $ref, ...siblings }
    return { ...(inline(schemas[name], [...within, name]) as Json), ...siblings }
  }
  const { components, ...rest } = document as Json & { components?: Json }
  const inlinedComponents = Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => [name, inline(schema, [name])]),
  )
  return {
    ...(inline(rest, []) as Json),
    ...(components ? { components: { ...components, schemas: inlinedComponents } } : {}),
  }
}

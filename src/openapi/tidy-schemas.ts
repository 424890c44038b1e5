type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * What the OpenAPI generator says differently from zod, put right in place:
 * - a `z.tuple` without a rest accepts no further items, which 3.1 spells `items: false`;
 * - `Base.extend({...})` inherits Base's description, which the generator repeats next to
 *   `allOf: [{ $ref: Base }, …]`, where it would describe the new schema with the old one's words;
 * - a nullable named schema must accept null (see nullableRefAsAnyOf).
 */
export function tidySchemas(document: Json, version: '3.1' | '3.0'): void {
  const schemas = (
    isObject(document.components) && isObject(document.components.schemas)
      ? document.components.schemas
      : {}
  ) as Json
  const inherited = new Map(Object.keys(schemas).map((name) => [name, describedAs(name, schemas)]))
  visit(document, (node) => {
    if (version === '3.1' && Array.isArray(node.prefixItems) && node.items === undefined)
      node.items = false
    if (version === '3.1') nullableRefAsAnyOf(node)
    if (
      typeof node.description === 'string' &&
      node.description === inherited.get(extendedName(node) ?? '')
    )
      delete node.description
  })
}

/**
 * The generator writes a nullable named schema as `allOf: [{ $ref }, { type: [object, null] }]`,
 * which 3.1 reads as never null (every part must accept the value, and the named one refuses null).
 * The same meaning, said so that null is allowed: `anyOf: [{ $ref }, { type: 'null' }]`.
 */
function nullableRefAsAnyOf(node: Json): void {
  const [ref, nullable, ...rest] = Array.isArray(node.allOf) ? node.allOf : []
  if (rest.length > 0 || !isObject(ref) || typeof ref.$ref !== 'string' || !isObject(nullable))
    return
  const types = nullable.type
  if (!Array.isArray(types) || !types.includes('null') || types.length !== 2) return
  const { type: _type, ...annotations } = nullable
  if (Object.keys(annotations).some((key) => !ANNOTATIONS.has(key))) return
  delete node.allOf
  Object.assign(node, annotations, { anyOf: [ref, { type: 'null' }] })
}

const ANNOTATIONS = new Set([
  'description',
  'title',
  'deprecated',
  'example',
  'examples',
  'default',
  'readOnly',
  'writeOnly',
  'externalDocs',
])

/**
 * The name of the schema this one extends (`allOf: [{ $ref }, …]` as the generator writes
 * `.extend`).
 */
function extendedName(node: Json): string | undefined {
  const first = Array.isArray(node.allOf) ? node.allOf[0] : undefined
  return isObject(first) && typeof first.$ref === 'string'
    ? first.$ref.replace('#/components/schemas/', '')
    : undefined
}

/** The description a schema shows, its own or, through `.extend` chains, the one it inherited. */
function describedAs(name: string, schemas: Json, seen = new Set<string>()): unknown {
  const schema = schemas[name]
  if (!isObject(schema) || seen.has(name)) return undefined
  if (schema.description !== undefined) return schema.description
  const base = extendedName(schema)
  return base === undefined ? undefined : describedAs(base, schemas, seen.add(name))
}

/** Every object in the document except instance data (examples, defaults, enums). */
function visit(node: unknown, fn: (node: Json) => void): void {
  if (Array.isArray(node)) return node.forEach((item) => visit(item, fn))
  if (!isObject(node)) return
  fn(node)
  for (const [key, value] of Object.entries(node)) {
    if (
      key !== 'example' &&
      key !== 'examples' &&
      key !== 'default' &&
      key !== 'enum' &&
      key !== 'const'
    )
      visit(value, fn)
  }
}

import { isObject, lastSegment, resolvePointer } from './pointer.ts'
import { COMPONENT_SCHEMA, type SchemaContext } from './schema-context.ts'
import { json, list, publishedAsOneOf, withMeta, zCall, type Expr } from './zod-expr.ts'

type Schema = Record<string, unknown>

const OBJECT_BUILDERS = new Set(['object', 'strictObject', 'looseObject'])
const OBJECT_CHAIN = new Set(['openapi', 'meta', 'catchall'])
/** Keys whose values are instance data, not schemas: a `$ref` inside them is no reference. */
const DATA = new Set(['example', 'examples', 'default', 'enum', 'const'])

/**
 * A `oneOf` of two or more members. When a discriminator names a property every member requires
 * with a value of its own, exactly one member can match, and `z.discriminatedUnion` says so.
 * Otherwise it is a union the OpenAPI output still calls `oneOf`. Not `z.xor`: documents often list
 * members that overlap (objects whose properties are all optional), and an exclusive union would
 * refuse every value they share.
 */
export function oneOfExpr(
  schema: Schema,
  members: readonly unknown[],
  exprs: Expr[],
  ctx: SchemaContext,
): Expr {
  const discriminator = isObject(schema.discriminator) ? schema.discriminator : {}
  const property = discriminator.propertyName
  const values =
    typeof property === 'string' && !ctx.inParameter
      ? discriminatorValues(property, members, exprs, ctx)
      : undefined
  if (!values)
    return withMeta(
      publishedAsOneOf(zCall('union', list(exprs))),
      isObject(schema.discriminator) ? { discriminator } : {},
    )
  const union = zCall('discriminatedUnion', json(property), list(exprs))
  return writesSameDiscriminator(discriminator, values, exprs)
    ? union
    : withMeta(union, { discriminator })
}

/**
 * Each member's own value of the discriminator property, when every member has one and zod can use
 * it.
 */
function discriminatorValues(
  property: string,
  members: readonly unknown[],
  exprs: Expr[],
  ctx: SchemaContext,
): unknown[] | undefined {
  const values = members.map((member) => fixedValue(member, property, ctx))
  if (values.some((value) => value === undefined) || new Set(values).size < values.length)
    return undefined
  return exprs.every((expr, index) => isDiscriminable(expr, members[index], ctx))
    ? values
    : undefined
}

/**
 * The generator writes a discriminated union of named schemas with its discriminator, mapping each
 * value to its schema: when the document says exactly that, the metadata would only repeat it.
 */
function writesSameDiscriminator(discriminator: Schema, values: unknown[], exprs: Expr[]): boolean {
  const mapping = discriminator.mapping
  if (
    Object.keys(discriminator).some((key) => key !== 'propertyName' && key !== 'mapping') ||
    !isObject(mapping)
  )
    return false
  const written = exprs.map((expr, index) =>
    expr.kind === 'ref' && typeof values[index] === 'string'
      ? [values[index], `#/components/schemas/${expr.name}`]
      : [],
  )
  return (
    written.every((entry) => entry.length === 2) &&
    Object.keys(mapping).length === written.length &&
    written.every(([value, ref]) => mapping[value as string] === ref)
  )
}

/**
 * The one value a member requires its discriminator property to have, through `$ref` and `allOf`.
 */
function fixedValue(member: unknown, property: string, ctx: SchemaContext): unknown {
  const found = propertyIn(member, property, ctx, new Set())
  const schema = deref(found.schema, ctx)
  if (!found.required || !isObject(schema) || hiddenIn(found.schema, ctx) || hiddenIn(schema, ctx))
    return undefined
  if (schema.nullable === true || (Array.isArray(schema.type) && schema.type.includes('null')))
    return undefined
  const value =
    schema.const ??
    (Array.isArray(schema.enum) && schema.enum.length === 1 ? schema.enum[0] : undefined)
  return value === null ? undefined : value
}

interface Found {
  required: boolean
  schema: unknown
}

/**
 * Whether an object schema requires a property, and the schema it gives it (its own before its
 * allOf parts').
 */
function propertyIn(
  node: unknown,
  property: string,
  ctx: SchemaContext,
  seen: Set<unknown>,
): Found {
  const schema = deref(node, ctx)
  if (!isObject(schema) || seen.has(schema)) return { required: false, schema: undefined }
  seen.add(schema)
  const own = isObject(schema.properties) ? schema.properties[property] : undefined
  const parts = Array.isArray(schema.allOf)
    ? [...schema.allOf].reverse().map((part) => propertyIn(part, property, ctx, seen))
    : []
  return {
    required:
      (Array.isArray(schema.required) && schema.required.includes(property)) ||
      parts.some((part) => part.required),
    schema: own ?? parts.find((part) => part.schema !== undefined)?.schema,
  }
}

function deref(node: unknown, ctx: SchemaContext): unknown {
  let current = node
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string' && hops < 20; hops++)
    current = resolvePointer(ctx.document, current.$ref)
  return current
}

/** readOnly properties are left out of requests, writeOnly ones out of responses. */
function hiddenIn(schema: unknown, ctx: SchemaContext): boolean {
  return (
    isObject(schema) &&
    (ctx.direction === 'request' ? schema.readOnly === true : schema.writeOnly === true)
  )
}

/**
 * zod discriminates object schemas only. A named member must also be built before the union and
 * must extend no base that is still being built (which would make it an intersection): so it may
 * not refer back to itself or to the schema holding the union.
 */
function isDiscriminable(expr: Expr, member: unknown, ctx: SchemaContext): boolean {
  if (expr.kind === 'call')
    return (
      OBJECT_BUILDERS.has(expr.callee) && expr.chain.every((call) => OBJECT_CHAIN.has(call.method))
    )
  const ref = isObject(member) && typeof member.$ref === 'string' ? member.$ref : ''
  if (
    expr.chain.length > 0 ||
    !COMPONENT_SCHEMA.test(ref) ||
    !ctx.isObjectNamed(lastSegment(ref), ctx.direction)
  )
    return false
  const target = resolvePointer(ctx.document, ref)
  const reached = reachable(target, ctx)
  return (
    !reached.has(target) &&
    ![...ctx.inlining].some((pointer) => reached.has(resolvePointer(ctx.document, pointer)))
  )
}

/** Every schema a schema refers to, directly or through others. */
function reachable(start: unknown, ctx: SchemaContext): Set<unknown> {
  const found = new Set<unknown>()
  const pending: unknown[] = [start]
  while (pending.length > 0) {
    const node = pending.pop()
    if (Array.isArray(node)) pending.push(...node)
    if (!isObject(node)) continue
    if (typeof node.$ref === 'string') {
      const target = resolvePointer(ctx.document, node.$ref)
      if (target !== undefined && !found.has(target)) pending.push(target), found.add(target)
      continue
    }
    for (const [key, value] of Object.entries(node)) if (!DATA.has(key)) pending.push(value)
  }
  return found
}

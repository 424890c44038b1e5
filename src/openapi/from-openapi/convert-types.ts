import { warnUngenerable, withPattern } from './convert-pattern.ts'
import { childPointer, isObject, resolvePointer } from './pointer.ts'
import type { SchemaContext } from './schema-context.ts'
import { chain, json, list, shape, withMeta, zCall, type Arg, type Expr } from './zod-expr.ts'
import type { ConvertOptions } from './convert-schema.ts'

type Schema = Record<string, unknown>
type Convert = (
  schema: unknown,
  pointer: string,
  ctx: SchemaContext,
  options?: ConvertOptions,
) => Expr

interface FormatBuilder {
  callee: string
  args?: Arg[]
  /** The `format` the OpenAPI generator writes for this builder, when it writes one. */
  renders?: string
}

// String formats with a zod builder of their own; every other format stays documentation on
// z.string().
const STRING_FORMATS: Record<string, FormatBuilder> = {
  email: { callee: 'email', renders: 'email' },
  uuid: { callee: 'uuid', renders: 'uuid' },
  uri: { callee: 'url', renders: 'uri' },
  url: { callee: 'url', renders: 'uri' },
  'date-time': { callee: 'iso.datetime', args: [json({ offset: true })], renders: 'date-time' },
  date: { callee: 'iso.date', renders: 'date' },
  duration: { callee: 'iso.duration', renders: 'duration' },
  ipv4: { callee: 'ipv4' },
  ipv6: { callee: 'ipv6' },
  byte: { callee: 'base64' },
  hostname: { callee: 'hostname' },
}

export function stringExpr(schema: Schema, pointer: string, ctx: SchemaContext): Expr {
  const format = typeof schema.format === 'string' ? schema.format : undefined
  const builder = format ? STRING_FORMATS[format] : undefined
  let expr: Expr = builder ? zCall(builder.callee, ...(builder.args ?? [])) : zCall('string')
  if (typeof schema.minLength === 'number') expr = chain(expr, 'min', json(schema.minLength))
  if (typeof schema.maxLength === 'number') expr = chain(expr, 'max', json(schema.maxLength))
  if (typeof schema.pattern === 'string') expr = withPattern(expr, schema.pattern, pointer, ctx)
  // The generator writes a pattern in place of the builder's format, so a patterned format is kept
  // as metadata.
  const formatShown = builder?.renders === format && typeof schema.pattern !== 'string'
  if (format && !formatShown) expr = withMeta(expr, { format })
  if (typeof schema.pattern === 'string') warnUngenerable(expr, schema, pointer, ctx)
  return expr
}

export function numberExpr(
  type: 'integer' | 'number',
  schema: Schema,
  _pointer: string,
  ctx: SchemaContext,
): Expr {
  let expr: Expr = ctx.inParameter
    ? zCall('coerce.number')
    : zCall(type === 'integer' ? 'int' : 'number')
  if (type === 'integer' && ctx.inParameter) expr = chain(expr, 'int')
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf } = schema
  if (typeof minimum === 'number')
    expr = chain(expr, exclusiveMinimum === true ? 'gt' : 'min', json(minimum))
  if (typeof maximum === 'number')
    expr = chain(expr, exclusiveMaximum === true ? 'lt' : 'max', json(maximum))
  if (typeof exclusiveMinimum === 'number') expr = chain(expr, 'gt', json(exclusiveMinimum))
  if (typeof exclusiveMaximum === 'number') expr = chain(expr, 'lt', json(exclusiveMaximum))
  const meta: Schema = {}
  if (typeof multipleOf === 'number' && multipleOf > 0) {
    expr = chain(expr, 'multipleOf', json(multipleOf))
    meta.multipleOf = multipleOf // the generator leaves multipleOf out of the document
  }
  if (typeof schema.format === 'string') meta.format = schema.format
  return withMeta(expr, meta)
}

const UNIQUE_MESSAGE = 'Items must be unique'

export function arrayExpr(
  schema: Schema,
  pointer: string,
  ctx: SchemaContext,
  convert: Convert,
): Expr {
  const prefix = Array.isArray(schema.prefixItems)
    ? schema.prefixItems
    : Array.isArray(schema.items)
      ? schema.items
      : undefined
  let expr: Expr
  if (prefix) {
    const key = Array.isArray(schema.prefixItems) ? 'prefixItems' : 'items'
    const items = prefix.map((item, index) => convert(item, childPointer(pointer, key, index), ctx))
    expr = zCall('tuple', list(items))
    if (key === 'prefixItems' && schema.items !== undefined && schema.items !== false) {
      expr = chain(expr, 'rest', convert(schema.items, childPointer(pointer, 'items'), ctx))
    }
  } else {
    expr = zCall('array', convert(schema.items, childPointer(pointer, 'items'), ctx))
    if (typeof schema.minItems === 'number') expr = chain(expr, 'min', json(schema.minItems))
    if (typeof schema.maxItems === 'number') expr = chain(expr, 'max', json(schema.maxItems))
  }
  // zod has no uniqueItems: a refinement checks it, and the metadata carries it into the OpenAPI
  // output.
  if (schema.uniqueItems === true)
    expr = withMeta(
      chain(expr, 'refine', { kind: 'function', name: 'distinctItems' }, json(UNIQUE_MESSAGE)),
      { uniqueItems: true },
    )
  return expr
}

export function objectExpr(
  schema: Schema,
  pointer: string,
  ctx: SchemaContext,
  convert: Convert,
): Expr {
  const entries = propertyEntries(schema, pointer, ctx, convert)
  const extra = schema.additionalProperties
  let expr: Expr
  if (extra === false) expr = zCall('strictObject', shape(entries))
  else if (isObject(extra) && Object.keys(extra).length > 0) {
    const value = convert(extra, childPointer(pointer, 'additionalProperties'), ctx)
    expr =
      entries.length === 0
        ? zCall('record', zCall('string'), value)
        : chain(zCall('object', shape(entries)), 'catchall', value)
  } else if (extra === true || isObject(extra)) {
    expr =
      entries.length === 0
        ? zCall('record', zCall('string'), zCall('unknown'))
        : zCall('looseObject', shape(entries))
  } else expr = zCall('object', shape(entries))
  return withMeta(expr, objectLimits(schema, pointer, ctx))
}

function objectLimits(schema: Schema, pointer: string, ctx: SchemaContext): Schema {
  const meta: Schema = {}
  for (const key of ['minProperties', 'maxProperties'] as const) {
    if (typeof schema[key] !== 'number') continue
    ctx.log.add(
      childPointer(pointer, key),
      `${key} is not checked by zod`,
      'kept it in the OpenAPI output, not checked',
    )
    meta[key] = schema[key]
  }
  return meta
}

function propertyEntries(
  schema: Schema,
  pointer: string,
  ctx: SchemaContext,
  convert: Convert,
): Array<[string, Expr]> {
  const properties = isObject(schema.properties) ? schema.properties : {}
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : [])
  const entries: Array<[string, Expr]> = []
  for (const [name, property] of Object.entries(properties)) {
    if (leftOut(property, ctx)) continue
    const at = childPointer(pointer, 'properties', name)
    entries.push([name, convert(property, at, ctx, { optional: !required.has(name) })])
  }
  const missing = [...required].filter((name) => !Object.hasOwn(properties, name))
  if (missing.length > 0) {
    ctx.log.add(
      childPointer(pointer, 'required'),
      `required ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not among the properties`,
      'required them with any value',
    )
    for (const name of missing) entries.push([name, zCall('unknown')])
  }
  return entries
}

/** readOnly properties are left out of requests, writeOnly ones out of responses. */
function leftOut(property: unknown, ctx: SchemaContext): boolean {
  const flags =
    isObject(property) && typeof property.$ref === 'string'
      ? resolvePointer(ctx.document, property.$ref)
      : property
  const own = isObject(property) ? property : {}
  const target = isObject(flags) ? flags : {}
  const readOnly = own.readOnly === true || target.readOnly === true
  const writeOnly = own.writeOnly === true || target.writeOnly === true
  return ctx.direction === 'request' ? readOnly : writeOnly
}

import { childPointer, isObject, lastSegment, resolvePointer } from './pointer.ts'
import { COMPONENT_SCHEMA, type SchemaContext } from './schema-context.ts'
import { oneOfExpr } from './convert-one-of.ts'
import { arrayExpr, numberExpr, objectExpr, stringExpr } from './convert-types.ts'
import { chain, isCall, json, list, shape, withMeta, zCall, type Expr } from './zod-expr.ts'

type Schema = Record<string, unknown>

export interface ConvertOptions {
  /**
   * A property or parameter that may be left out: `.optional()`, or `.default(value)` when it has
   * one.
   */
  optional?: boolean
}

/** An OpenAPI schema object (3.0 or 3.1 dialect) as a zod expression. */
export function schemaToExpr(
  schema: unknown,
  pointer: string,
  ctx: SchemaContext,
  options: ConvertOptions = {},
): Expr {
  if (schema === undefined || schema === true) return finish(zCall('unknown'), {}, options)
  if (!isObject(schema)) {
    ctx.log.add(
      pointer,
      `the schema ${JSON.stringify(schema)} cannot be expressed`,
      'accepted any value here',
    )
    return finish(zCall('unknown'), {}, options)
  }
  const expr =
    typeof schema.$ref === 'string'
      ? refExpr(schema, pointer, ctx)
      : withNullable(baseExpr(schema, pointer, ctx), schema)
  return finish(withMeta(expr, metaFor(schema, ctx)), schema, options)
}

function finish(expr: Expr, schema: Schema, options: ConvertOptions): Expr {
  if (schema.default === undefined) return options.optional ? chain(expr, 'optional') : expr
  if (options.optional && defaultFits(expr, schema.default))
    return chain(expr, 'default', json(schema.default))
  const documented = withMeta(expr, { default: schema.default })
  return options.optional ? chain(documented, 'optional') : documented
}

const JS_TYPES: Record<string, string> = {
  string: 'string',
  email: 'string',
  uuid: 'string',
  url: 'string',
  'iso.datetime': 'string',
  'iso.date': 'string',
  'iso.duration': 'string',
  ipv4: 'string',
  ipv6: 'string',
  base64: 'string',
  enum: 'string',
  number: 'number',
  int: 'number',
  'coerce.number': 'number',
  boolean: 'boolean',
  stringbool: 'boolean',
}

/**
 * `.default(value)` only where the value has the schema's type; otherwise the default is
 * documentation.
 */
function defaultFits(expr: Expr, value: unknown): boolean {
  if (value === null) return expr.chain.some((call) => call.method === 'nullable')
  if (expr.kind !== 'call') return false
  if (expr.callee === 'enum')
    return (expr.args[0] as { value?: unknown[] }).value?.includes(value) === true
  if (expr.callee === 'literal') return (expr.args[0] as { value?: unknown }).value === value
  if (expr.callee === 'array') return Array.isArray(value)
  return JS_TYPES[expr.callee] === typeof value
}

function refExpr(schema: Schema, pointer: string, ctx: SchemaContext): Expr {
  const ref = schema.$ref as string
  const named = COMPONENT_SCHEMA.exec(ref)
  let expr: Expr | undefined
  // Parameters inline their schemas: scalars in a URL, header or cookie are text and need coercing.
  if (named && !ctx.inParameter) expr = ctx.refToNamed(lastSegment(ref), ctx.direction, pointer)
  else expr = inlineRef(ref, pointer, ctx)
  if (!expr) return zCall('unknown')
  if (schema.nullable === true) {
    ctx.log.add(
      childPointer(pointer, 'nullable'),
      '"nullable" next to a $ref has no effect (OpenAPI ignores the siblings of $ref)',
      'did not allow null; wrap the $ref in allOf to allow it',
    )
  }
  return expr
}

function inlineRef(ref: string, pointer: string, ctx: SchemaContext): Expr | undefined {
  const target = resolvePointer(ctx.document, ref)
  if (target === undefined) {
    ctx.log.add(pointer, `$ref ${ref} does not resolve`, 'accepted any value here')
    return undefined
  }
  if (ctx.inlining.has(ref)) {
    ctx.log.add(
      pointer,
      `$ref ${ref} is recursive outside components.schemas`,
      'accepted any value at the recursion',
    )
    return undefined
  }
  return schemaToExpr(target, ref, { ...ctx, inlining: new Set([...ctx.inlining, ref]) })
}

/** The schema without nullability, composition first, then const/enum, then by type. */
function baseExpr(schema: Schema, pointer: string, ctx: SchemaContext): Expr {
  warnUnsupported(schema, pointer, ctx)
  if (Array.isArray(schema.allOf)) return allOfExpr(schema, pointer, ctx)
  if (Array.isArray(schema.oneOf) || Array.isArray(schema.anyOf))
    return unionExpr(schema, pointer, ctx)
  if (schema.const !== undefined) return withFormat(exactExpr(schema.const), schema)
  const types = typesOf(schema)
  if (Array.isArray(schema.enum)) {
    const values = schema.enum.filter(
      (value) => value === null || types.length === 0 || types.some((type) => hasType(value, type)),
    )
    if (values.length > 0)
      return withFormat(enumExpr({ ...schema, enum: values }, pointer, ctx), schema)
    ctx.log.add(
      childPointer(pointer, 'enum'),
      `no enum value has the type ${types.join(' or ')}`,
      'ignored the enum',
    )
  }
  if (types.length === 0)
    return schema.type === 'null' || nullOnly(schema) ? zCall('null') : zCall('unknown')
  if (types.length === 1) return typedExpr(types[0]!, schema, pointer, ctx)
  return zCall('union', list(types.map((type) => typedExpr(type, schema, pointer, ctx))))
}

function hasType(value: unknown, type: string): boolean {
  if (type === 'integer') return Number.isInteger(value)
  if (type === 'array') return Array.isArray(value)
  if (type === 'object') return typeof value === 'object' && value !== null && !Array.isArray(value)
  return typeof value === type
}

function nullOnly(schema: Schema): boolean {
  return Array.isArray(schema.type) && schema.type.length === 1 && schema.type[0] === 'null'
}

/** Non-null types, from `type` or, when it is missing, from the keywords present. */
function typesOf(schema: Schema): string[] {
  const declared = Array.isArray(schema.type)
    ? schema.type
    : schema.type === undefined
      ? []
      : [schema.type]
  const types = declared.filter(
    (type): type is string => typeof type === 'string' && type !== 'null',
  )
  if (types.length > 0 || declared.length > 0) return types
  if (isObject(schema.properties) || schema.additionalProperties !== undefined) return ['object']
  if (schema.items !== undefined || schema.prefixItems !== undefined) return ['array']
  if (
    schema.pattern !== undefined ||
    schema.minLength !== undefined ||
    schema.maxLength !== undefined
  )
    return ['string']
  if (
    schema.minimum !== undefined ||
    schema.maximum !== undefined ||
    schema.multipleOf !== undefined
  )
    return ['number']
  return []
}

function typedExpr(type: string, schema: Schema, pointer: string, ctx: SchemaContext): Expr {
  switch (type) {
    case 'string':
      return stringExpr(schema, pointer, ctx)
    case 'integer':
    case 'number':
      return numberExpr(type, schema, pointer, ctx)
    case 'boolean':
      // A boolean in a URL, header or cookie is the text true or false; z.stringbool() reads it as
      // a boolean.
      return withFormat(ctx.inParameter ? zCall('stringbool') : zCall('boolean'), schema)
    case 'object':
      return withFormat(objectExpr(schema, pointer, ctx, schemaToExpr), schema)
    case 'array':
      return withFormat(arrayExpr(schema, pointer, ctx, schemaToExpr), schema)
    default:
      ctx.log.add(pointer, `unknown type "${type}"`, 'accepted any value here')
      return zCall('unknown')
  }
}

/** A format the builder does not write itself (on an enum, an object…) stays as documentation. */
function withFormat(expr: Expr, schema: Schema): Expr {
  return typeof schema.format === 'string' ? withMeta(expr, { format: schema.format }) : expr
}

function enumExpr(schema: Schema, pointer: string, ctx: SchemaContext): Expr {
  const values = (schema.enum as unknown[]).filter((value) => value !== null)
  if (values.length === 0) return zCall('null')
  if (values.every((value) => typeof value === 'boolean'))
    return booleanEnumExpr(values as boolean[], ctx)
  if (values.every((value) => typeof value === 'string')) {
    return values.length === 1 ? zCall('literal', json(values[0])) : zCall('enum', json(values))
  }
  if (ctx.inParameter) {
    // Numbers arrive as text; the exact values stay documented.
    return withMeta(
      numberExpr(schema.type === 'integer' ? 'integer' : 'number', {}, pointer, ctx),
      { enum: values },
    )
  }
  const literals = values.map(exactExpr)
  return literals.length === 1 ? literals[0]! : zCall('union', list(literals))
}

/**
 * The schema that takes exactly one JSON value. An object or a list is matched field by field and
 * item by item: zod's literal compares objects by identity, so `enum: [{ "id": 3, … }]` would take
 * nothing.
 */
function exactExpr(value: unknown): Expr {
  if (Array.isArray(value)) return zCall('tuple', list(value.map(exactExpr)))
  if (isObject(value))
    return zCall(
      'strictObject',
      shape(Object.entries(value).map(([key, field]) => [key, exactExpr(field)])),
    )
  return zCall('literal', json(value))
}

/**
 * `enum: [true, false]` is any boolean; one value is that literal (as text where the value is
 * text).
 */
function booleanEnumExpr(values: boolean[], ctx: SchemaContext): Expr {
  if (new Set(values).size === 2) return ctx.inParameter ? zCall('stringbool') : zCall('boolean')
  return zCall('literal', json(ctx.inParameter ? String(values[0]) : values[0]))
}

function isNullSchema(schema: unknown): boolean {
  return (
    isObject(schema) &&
    (schema.type === 'null' ||
      nullOnly(schema) ||
      (Array.isArray(schema.enum) && schema.enum.length === 1 && schema.enum[0] === null))
  )
}

function unionExpr(schema: Schema, pointer: string, ctx: SchemaContext): Expr {
  const key = Array.isArray(schema.oneOf) ? 'oneOf' : 'anyOf'
  const members = (schema[key] as unknown[])
    .map((member, index) => [member, childPointer(pointer, key, index)] as const)
    .filter(([member]) => !isNullSchema(member))
  const exprs = members.map(([member, at]) => schemaToExpr(member, at, ctx))
  const union =
    exprs.length > 1 && key === 'oneOf'
      ? oneOfExpr(
          schema,
          members.map(([member]) => member),
          exprs,
          ctx,
        )
      : anyOfExpr(schema, exprs)
  const rest = withoutKeys(schema, [key, 'discriminator'])
  if (!hasStructure(rest)) return union
  return zCall('intersection', baseExpr(rest, pointer, ctx), union)
}

/**
 * anyOf (and a oneOf of fewer than two members): a plain union, its discriminator kept as
 * documentation.
 */
function anyOfExpr(schema: Schema, exprs: Expr[]): Expr {
  const union =
    exprs.length === 0
      ? zCall('null')
      : exprs.length === 1
        ? exprs[0]!
        : zCall('union', list(exprs))
  return isObject(schema.discriminator)
    ? withMeta(union, { discriminator: schema.discriminator })
    : union
}

/** allOf: inline object parts merge into one object; one named object part is extended by them. */
function allOfExpr(schema: Schema, pointer: string, ctx: SchemaContext): Expr {
  const parts = (schema.allOf as unknown[]).map(
    (member, index) => [member, childPointer(pointer, 'allOf', index)] as const,
  )
  const refs = parts.filter(([member]) => isObject(member) && typeof member.$ref === 'string')
  const inline = parts.filter(([member]) => !(isObject(member) && typeof member.$ref === 'string'))
  const own = withoutKeys(schema, ['allOf', 'discriminator'])
  const objects = [...inline.map(([member]) => member), own].filter(isObject)
  objects.push(
    requiredFromRefs(
      objects,
      refs.map(([member]) => (member as Schema).$ref as string),
      ctx,
    ),
  )
  // An extension keeps what the parts it extends require: allOf means every part applies.
  const inherited = refs.flatMap(([member]) =>
    requiredOf(resolvePointer(ctx.document, (member as Schema).$ref as string)),
  )
  warnDisjointTypes(parts, pointer, ctx)
  const merged = mergeObjects(objects, inherited)
  const mergedExpr = hasStructure(merged) ? baseExpr(merged, pointer, ctx) : undefined
  const refExprs = refs.map(([member, at]) => schemaToExpr(member, at, ctx))
  const discriminator = isObject(schema.discriminator)
    ? { discriminator: schema.discriminator }
    : {}
  // Parts that only annotate (`allOf: [{ $ref }, { description }]`) describe the whole, and so does
  // a part whose fellow parts only annotate; the annotating parts' words win.
  const annotates = (member: unknown) => isObject(member) && !hasStructure(member)
  const members = inline.map(([member]) => member)
  const alone = (member: unknown) => parts.every(([other]) => other === member || annotates(other))
  const annotating = [
    ...members.filter((member) => !annotates(member) && alone(member)),
    ...members.filter(annotates),
  ]
  const described = { ...annotationsOf(annotating, ctx), ...discriminator }
  if (refExprs.length === 0) return withMeta(mergedExpr ?? zCall('unknown'), described)
  if (!mergedExpr) return withMeta(intersect(refExprs), described)
  const only = refExprs.length === 1 ? refExprs[0]! : undefined
  // `.extend` replaces a field; a part that declares a field of the base anew, differently, means
  // both declarations apply, which only an intersection says.
  const baseRef = refs.length === 1 ? ((refs[0]![0] as Schema).$ref as string) : undefined
  const extensible =
    only?.kind === 'ref' &&
    only.chain.length === 0 &&
    ctx.isObjectNamed(only.name, ctx.direction) &&
    !redeclaresDifferently(merged, baseRef!, ctx)
  const extended =
    extensible && isObjectCall(mergedExpr) ? chain(only, 'extend', ...mergedExpr.args) : undefined
  return withMeta(extended ?? intersect([...refExprs, mergedExpr]), described)
}

/**
 * `allOf: [{ type: string }, { type: integer }]` accepts no value; the first part's type is used.
 */
function warnDisjointTypes(
  parts: ReadonlyArray<readonly [unknown, string]>,
  pointer: string,
  ctx: SchemaContext,
): void {
  const typeSets = parts
    .map(([member]) =>
      isObject(member) && typeof member.$ref === 'string'
        ? resolvePointer(ctx.document, member.$ref)
        : member,
    )
    .filter((member): member is Schema => isObject(member) && member.type !== undefined)
    .map(
      (member) =>
        new Set(
          typesOf(member).flatMap((type) => (type === 'number' ? ['number', 'integer'] : [type])),
        ),
    )
  if (typeSets.length < 2) return
  const common = [...typeSets[0]!].filter((type) => typeSets.every((set) => set.has(type)))
  if (common.length > 0) return
  ctx.log.add(
    childPointer(pointer, 'allOf'),
    'the allOf parts have no type in common, so no value is valid',
    "used the first part's type",
  )
}

function annotationsOf(parts: unknown[], ctx: SchemaContext): Record<string, unknown> {
  return Object.assign({}, ...parts.map((part) => (isObject(part) ? metaFor(part, ctx) : {})))
}

function isObjectCall(expr: Expr): expr is Expr & { kind: 'call' } {
  return (
    expr.kind === 'call' &&
    expr.callee === 'object' &&
    expr.chain.length === 0 &&
    expr.args.length === 1
  )
}

function intersect(exprs: Expr[]): Expr {
  return exprs.slice(1).reduce((left, right) => zCall('intersection', left, right), exprs[0]!)
}

/**
 * `allOf: [{ $ref: Wallet }, { required: [balance] }]` requires a property Wallet declares: the
 * merged object declares it with Wallet's own schema for it (a `$ref` to it), so it stays typed and
 * is required.
 */
function requiredFromRefs(objects: Schema[], refs: string[], ctx: SchemaContext): Schema {
  const declared = new Set(
    objects.flatMap((object) =>
      isObject(object.properties) ? Object.keys(object.properties) : [],
    ),
  )
  const properties: Schema = {}
  for (const name of objects.flatMap(requiredOf)) {
    if (declared.has(name)) continue
    const at = refs
      .map((ref) => declaredProperty(ctx.document, ref, name))
      .find((pointer) => pointer !== undefined)
    if (at) properties[name] = { $ref: at }
  }
  return Object.keys(properties).length > 0 ? { properties } : {}
}

function redeclaresDifferently(merged: Schema, baseRef: string, ctx: SchemaContext): boolean {
  const properties = isObject(merged.properties) ? merged.properties : {}
  return Object.entries(properties).some(([name, property]) => {
    const at = declaredProperty(ctx.document, baseRef, name)
    if (at === undefined || (isObject(property) && property.$ref === at)) return false
    return !narrows(property, resolvePointer(ctx.document, at))
  })
}

/**
 * Whether a redeclared property only narrows the base's (so replacing it loses nothing): it keeps
 * every constraint of the base's and adds some, or the base only names a type and the new one fixes
 * values of that type (`kind: string` → `kind: const circle`, the usual subtype pattern).
 */
function narrows(declared: unknown, base: unknown): boolean {
  if (!isObject(declared) || !isObject(base))
    return JSON.stringify(declared) === JSON.stringify(base)
  const constraints = Object.keys(base).filter((key) => !ANNOTATIONS.has(key))
  if (constraints.every((key) => JSON.stringify(declared[key]) === JSON.stringify(base[key])))
    return true
  const values =
    declared.const !== undefined
      ? [declared.const]
      : Array.isArray(declared.enum)
        ? declared.enum
        : undefined
  const baseTypes = typesOf(base)
  return (
    constraints.length === 1 &&
    constraints[0] === 'type' &&
    (values?.every((value) => baseTypes.some((type) => hasType(value, type))) ?? false)
  )
}

/** Where a referenced schema (or one of its allOf parts) declares a property, as a pointer. */
function declaredProperty(
  document: unknown,
  ref: string,
  name: string,
  seen = new Set<string>(),
): string | undefined {
  const schema = resolvePointer(document, ref)
  if (!isObject(schema) || seen.has(ref)) return undefined
  seen.add(ref)
  if (isObject(schema.properties) && Object.hasOwn(schema.properties, name))
    return childPointer(ref, 'properties', name)
  const parts = Array.isArray(schema.allOf) ? schema.allOf : []
  for (const [index, part] of parts.entries()) {
    const at =
      isObject(part) && typeof part.$ref === 'string'
        ? part.$ref
        : childPointer(ref, 'allOf', index)
    const found = declaredProperty(document, at, name, seen)
    if (found) return found
  }
  return undefined
}

/** One object schema from several inline ones: properties and required lists combined. */
function requiredOf(schema: unknown): string[] {
  return isObject(schema) && Array.isArray(schema.required) ? schema.required.map(String) : []
}

function mergeObjects(schemas: Schema[], inherited: string[] = []): Schema {
  const merged: Schema = {}
  const properties: Schema = {}
  const required = new Set<string>()
  for (const schema of schemas) {
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'properties' && isObject(value)) {
        // A property two parts declare must meet both declarations.
        for (const [name, property] of Object.entries(value))
          properties[name] = name in properties ? { allOf: [properties[name], property] } : property
      } else if (key === 'required' && Array.isArray(value))
        value.forEach((name) => required.add(String(name)))
      else if (!(key in merged) && !ANNOTATIONS.has(key)) merged[key] = value
    }
  }
  for (const name of inherited) if (Object.hasOwn(properties, name)) required.add(name)
  if (Object.keys(properties).length > 0) merged.properties = properties
  if (required.size > 0) merged.required = [...required]
  // Required names alone (`allOf: [A, B], required: [name]`) still ask for an object that has them.
  if (merged.properties || merged.additionalProperties !== undefined || merged.required)
    merged.type ??= 'object'
  return merged
}

function hasStructure(schema: Schema): boolean {
  return Object.keys(schema).some(
    (key) => !ANNOTATIONS.has(key) && key !== 'nullable' && !key.startsWith('x-'),
  )
}

function withoutKeys(schema: Schema, keys: string[]): Schema {
  return Object.fromEntries(Object.entries(schema).filter(([key]) => !keys.includes(key)))
}

const ANNOTATIONS = new Set([
  'description',
  'title',
  'example',
  'examples',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  'externalDocs',
  'xml',
  '$comment',
  '$schema',
  '$id',
])

/**
 * 3.0 `nullable`, a 3.1 type array with "null", `null` in an enum, or a null member of oneOf/anyOf.
 */
function withNullable(expr: Expr, schema: Schema): Expr {
  const types = Array.isArray(schema.type) ? schema.type : []
  const members = [...((schema.oneOf as unknown[]) ?? []), ...((schema.anyOf as unknown[]) ?? [])]
  const nullable =
    schema.nullable === true ||
    // an enum names every value: { type: [string, null], enum: [a, b] } takes no null
    (types.includes('null') &&
      types.length > 1 &&
      !(Array.isArray(schema.enum) && !schema.enum.includes(null))) ||
    // null in an enum counts only where the type allows null: { type: string, enum: [a, null] }
    // does not
    (Array.isArray(schema.enum) &&
      schema.enum.includes(null) &&
      schema.enum.length > 1 &&
      (schema.type === undefined || types.includes('null'))) ||
    (members.some(isNullSchema) && members.length > 1)
  if (!nullable || isCall(expr, 'null')) return expr
  // A named schema that may be null is a union with null: the generator writes `Named.nullable()`
  // of an extended schema as a plain $ref, which would forbid the null.
  return expr.kind === 'ref' ? zCall('union', list([expr, zCall('null')])) : chain(expr, 'nullable')
}

const META_KEYS = [
  'title',
  'description',
  'example',
  'examples',
  'deprecated',
  'externalDocs',
  'xml',
] as const

/** Documentation that travels with the schema into the OpenAPI output. */
function metaFor(schema: Schema, ctx: SchemaContext): Record<string, unknown> {
  const meta: Record<string, unknown> = {}
  for (const key of META_KEYS) if (schema[key] !== undefined) meta[key] = schema[key]
  // Siblings of a $ref describe the reference (as `.meta()` on it), never the shared schema.
  if (typeof schema.$ref === 'string') return meta
  // A base schema's discriminator (its subtypes extend it with allOf) stays on the base; unions and
  // allOf write their own.
  if (isObject(schema.discriminator) && !['oneOf', 'anyOf', 'allOf'].some((key) => key in schema))
    meta.discriminator = schema.discriminator
  if (schema.readOnly === true && ctx.direction === 'response') meta.readOnly = true
  if (schema.writeOnly === true && ctx.direction === 'request') meta.writeOnly = true
  for (const [key, value] of Object.entries(schema))
    if (key.startsWith('x-') && key !== 'x-faker') meta[key] = value
  return meta
}

const UNSUPPORTED = [
  'not',
  'if',
  'then',
  'else',
  'dependentSchemas',
  'dependentRequired',
  'unevaluatedProperties',
  'unevaluatedItems',
  'contains',
  'patternProperties',
  'propertyNames',
] as const

function warnUnsupported(schema: Schema, pointer: string, ctx: SchemaContext): void {
  if (schema['x-faker'] !== undefined) {
    ctx.log.add(
      childPointer(pointer, 'x-faker'),
      'x-faker hints written for other tools may name methods faker no longer has',
      'left the hint out',
    )
  }
  for (const key of UNSUPPORTED) {
    if (schema[key] !== undefined)
      ctx.log.add(
        childPointer(pointer, key),
        `"${key}" cannot be expressed in zod`,
        'left it out of validation and of the OpenAPI output',
      )
  }
}

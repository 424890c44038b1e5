import { isObject } from '../openapi/from-openapi/pointer.ts'
import {
  canonical,
  child,
  flattenAllOf,
  isProse,
  type Json,
  type Located,
  resolve,
} from './resolve.ts'
import type { Finding, Level, Side } from './types.ts'

/** Where a schema is read: in what a client sends, or in what the server answers. */
export type Direction = 'request' | 'response'

export interface SchemaScope {
  base: Json
  head: Json
  direction: Direction
  /** What the schema describes, for messages: `the request body (application/json)`. */
  subject: string
  emit: (finding: Finding) => void
  /** Pairs of pointers compared already (a recursive schema is compared once). */
  seen: Set<string>
}

interface Effect {
  level: Level
  side: Side
}

/**
 * Accepting fewer values breaks whoever sends them (a request's clients, a response's server,
 * which still sends what the old one allowed); accepting more breaks whoever receives them.
 */
function narrowed(direction: Direction): Effect {
  return { level: 'breaking', side: direction === 'request' ? 'clients' : 'server' }
}

function widened(direction: Direction): Effect {
  return { level: 'breaking', side: direction === 'request' ? 'server' : 'clients' }
}

/**
 * Compares two schemas of the same place in two contracts and reports each change: types, enums,
 * bounds, patterns and formats, properties (added, removed, renamed, made required or optional),
 * items, `oneOf`/`anyOf` members and discriminators, each classified by the direction the data
 * flows. `where` names the place inside the schema (`items[].price`), empty at its root.
 *
 * @example
 * diffSchema(scope, resolve(base, baseSchema, pointer), resolve(head, headSchema, pointer), '')
 */
export function diffSchema(scope: SchemaScope, base: Located, head: Located, where: string): void {
  // A schema reached again (a recursive one, or one shared inside an operation) is compared once.
  const key = `${scope.direction} ${base.pointer} ${head.pointer}`
  if (scope.seen.has(key)) return
  scope.seen.add(key)
  const before = normalised(scope.base, base)
  const after = normalised(scope.head, head)
  diffNullable(scope, base, head, before.nullable, after.nullable, where)
  const baseSchema = before.schema
  const headSchema = after.schema
  if (!diffTypes(scope, baseSchema, headSchema, where)) return
  // A plain schema against a choice: it is compared with the member it matches.
  if (isChoice(baseSchema.value) !== isChoice(headSchema.value))
    return diffMembers(scope, baseSchema, headSchema, where)
  diffEnum(scope, baseSchema, headSchema, where)
  diffBounds(scope, baseSchema, headSchema, where)
  diffValueRules(scope, baseSchema, headSchema, where)
  diffProperties(scope, baseSchema, headSchema, where)
  diffOtherProperties(scope, baseSchema, headSchema, where)
  diffItems(scope, baseSchema, headSchema, where)
  diffMembers(scope, baseSchema, headSchema, where)
  diffOpenedOrShaped(scope, baseSchema, headSchema, where)
}

/**
 * A schema as it is compared: its `allOf` parts merged, a choice of one member (and null) read as
 * that member, and whether it allows null.
 */
function normalised(
  document: Json,
  located: Located,
  depth = 0,
): { schema: Located; nullable: boolean } {
  const flat = flattenAllOf(document, located)
  const nullable = allowsNull(document, flat.value)
  const only = depth < 8 ? soleMember(document, flat) : undefined
  if (!only) return { schema: flat, nullable }
  const inner = normalised(document, only, depth + 1)
  return { schema: inner.schema, nullable: nullable || inner.nullable }
}

function report(
  scope: SchemaScope,
  rule: string,
  effect: Effect | { level: 'compatible' | 'potentially-breaking'; side?: Side },
  base: Located | undefined,
  head: Located | undefined,
  message: string,
): void {
  scope.emit({
    rule: `${scope.direction}-${rule}`,
    ...effect,
    ...(base ? { base: base.pointer } : {}),
    ...(head ? { head: head.pointer } : {}),
    message,
  })
}

function named(where: string, scope: SchemaScope): string {
  return where === '' ? scope.subject : `\`${where}\` in ${scope.subject}`
}

// Types and null

const PRIMITIVES = ['string', 'number', 'integer', 'boolean', 'array', 'object', 'null']

/**
 * The JSON types a schema allows besides null (integer within number), a choice's the union of its
 * members'; undefined for any.
 */
function typesOf(document: Json, schema: Json, depth = 0): Set<string> | undefined {
  const types =
    declaredTypes(schema) ?? (depth < 4 ? memberTypes(document, schema, depth) : undefined)
  if (!types) return undefined
  const besidesNull = new Set([...types].filter((type) => type !== 'null'))
  return besidesNull.size > 0 ? besidesNull : types
}

function declaredTypes(schema: Json): Set<string> | undefined {
  if (typeof schema.type === 'string') return new Set([schema.type])
  if (Array.isArray(schema.type)) return new Set(schema.type.map(String))
  if (schema.const !== undefined) return new Set([jsonType(schema.const)])
  if (Array.isArray(schema.enum)) return new Set(schema.enum.map(jsonType))
  if (isObject(schema.properties)) return new Set(['object'])
  if (schema.items !== undefined) return new Set(['array'])
  return undefined
}

function memberTypes(document: Json, schema: Json, depth: number): Set<string> | undefined {
  const keyword = choiceKeyword(schema)
  if (!keyword) return undefined
  const types = new Set<string>()
  for (const member of schema[keyword] as unknown[]) {
    const located = flattenAllOf(document, resolve(document, member, '#'))
    const inner = typesOf(document, located.value, depth + 1)
    if (!inner) return undefined
    for (const type of inner) types.add(type)
  }
  return types
}

function jsonType(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value
}

function allows(types: Set<string>, type: string): boolean {
  return types.has(type) || (type === 'integer' && types.has('number'))
}

/** Null is allowed by `nullable`, by a type, by an untyped enum, or by a member that is only null. */
function allowsNull(document: Json, schema: Json): boolean {
  if (schema.nullable === true || isOnlyNull(schema)) return true
  if (Array.isArray(schema.type)) return schema.type.includes('null')
  if (schema.type === undefined && (schema.const === null || isArrayWith(schema.enum, null)))
    return true
  const keyword = choiceKeyword(schema)
  return (
    keyword !== undefined &&
    (schema[keyword] as unknown[]).some((member) =>
      isOnlyNull(resolve(document, member, '#').value),
    )
  )
}

function isOnlyNull(schema: Json): boolean {
  return schema.type === 'null' || (Array.isArray(schema.type) && schema.type.join() === 'null')
}

function isArrayWith(list: unknown, value: unknown): boolean {
  return Array.isArray(list) && list.includes(value)
}

function diffNullable(
  scope: SchemaScope,
  base: Located,
  head: Located,
  before: boolean,
  after: boolean,
  where: string,
): void {
  if (before && !after)
    report(
      scope,
      'nullable-removed',
      narrowed(scope.direction),
      base,
      head,
      `${named(where, scope)} can no longer be null.`,
    )
  if (!before && after)
    report(
      scope,
      'nullable-added',
      widened(scope.direction),
      base,
      head,
      scope.direction === 'response'
        ? `${named(where, scope)} can now be null; clients that do not expect null break.`
        : `${named(where, scope)} can now be null, which the existing server does not accept.`,
    )
}

/**
 * Reports type changes; false when the types no longer overlap (nothing inside is comparable). A
 * choice's members tell what else changed.
 */
function diffTypes(scope: SchemaScope, base: Located, head: Located, where: string): boolean {
  const before = typesOf(scope.base, base.value)
  const after = typesOf(scope.head, head.value)
  const choice = isChoice(base.value) || isChoice(head.value)
  if (!before || !after) {
    if (before && !after && !choice)
      report(
        scope,
        'type-widened',
        widened(scope.direction),
        base,
        head,
        `${named(where, scope)} now takes any type, not only ${list(before)}.`,
      )
    if (!before && after && !choice)
      report(
        scope,
        'type-narrowed',
        narrowed(scope.direction),
        base,
        head,
        `${named(where, scope)} is now only ${list(after)}, where it took any type.`,
      )
    return true
  }
  const overlap = PRIMITIVES.some((type) => allows(before, type) && allows(after, type))
  if (!overlap) {
    report(
      scope,
      'type-changed',
      { level: 'breaking', side: 'clients' },
      base,
      head,
      `${named(where, scope)} changed type from ${list(before)} to ${list(after)}.`,
    )
    return false
  }
  if (choice) return true
  for (const type of [...before].filter((type) => !allows(after, type)))
    report(
      scope,
      'type-narrowed',
      narrowed(scope.direction),
      base,
      head,
      `${named(where, scope)} no longer takes ${type === 'number' && after.has('integer') ? 'fractions (now integer)' : type}.`,
    )
  for (const type of [...after].filter((type) => !allows(before, type)))
    report(
      scope,
      'type-widened',
      widened(scope.direction),
      base,
      head,
      `${named(where, scope)} now also takes ${type}.`,
    )
  return true
}

function list(types: Set<string>): string {
  return [...types].join(' or ')
}

// Enums

function diffEnum(scope: SchemaScope, base: Located, head: Located, where: string): void {
  const before = enumOf(base.value)
  const after = enumOf(head.value)
  if (!before && !after) return
  if (before && !after) {
    report(
      scope,
      'enum-removed',
      widened(scope.direction),
      base,
      head,
      `${named(where, scope)} is no longer limited to ${shownValues(before)}.`,
    )
    return
  }
  if (!before && after) {
    report(
      scope,
      'enum-added',
      narrowed(scope.direction),
      base,
      head,
      `${named(where, scope)} is now limited to ${shownValues(after)}.`,
    )
    return
  }
  const removed = [...(before as Map<string, unknown>).keys()].filter((value) => !after?.has(value))
  const added = [...(after as Map<string, unknown>).keys()].filter((value) => !before?.has(value))
  if (removed.length > 0)
    report(
      scope,
      'enum-value-removed',
      narrowed(scope.direction),
      base,
      head,
      scope.direction === 'request'
        ? `${named(where, scope)} no longer takes ${removed.join(', ')}; clients that send it are refused.`
        : `${named(where, scope)} no longer has ${removed.join(', ')}, which the existing server still sends.`,
    )
  if (added.length > 0)
    report(
      scope,
      'enum-value-added',
      scope.direction === 'response'
        ? { level: 'potentially-breaking', side: 'clients' }
        : widened('request'),
      base,
      head,
      scope.direction === 'response'
        ? `${named(where, scope)} can now be ${added.join(', ')}; clients that handle only the values they knew may break.`
        : `${named(where, scope)} now takes ${added.join(', ')}, which the existing server refuses.`,
    )
}

function enumOf(schema: Json): Map<string, unknown> | undefined {
  const values = Array.isArray(schema.enum)
    ? schema.enum
    : schema.const !== undefined
      ? [schema.const]
      : undefined
  if (!values) return undefined
  return new Map(
    values.filter((value) => value !== null).map((value) => [JSON.stringify(value), value]),
  )
}

function shownValues(values: Map<string, unknown>): string {
  const shown = [...values.keys()]
  return shown.length > 6 ? `${shown.slice(0, 6).join(', ')}, …` : shown.join(', ')
}

// Bounds

/** A bound on values: `> 0` is `{ value: 0, exclusive: true }`. */
interface Bound {
  value: number
  exclusive: boolean
}

interface BoundKind {
  name: string
  lower: boolean
  read: (schema: Json) => Bound | undefined
}

const BOUNDS: BoundKind[] = [
  { name: 'minimum', lower: true, read: (schema) => numericBound(schema, true) },
  { name: 'maximum', lower: false, read: (schema) => numericBound(schema, false) },
  ...(['minLength', 'minItems', 'minProperties'] as const).map((name) => countBound(name, true)),
  ...(['maxLength', 'maxItems', 'maxProperties'] as const).map((name) => countBound(name, false)),
]

function countBound(name: string, lower: boolean): BoundKind {
  return {
    name,
    lower,
    read: (schema) =>
      typeof schema[name] === 'number' ? { value: schema[name], exclusive: false } : undefined,
  }
}

function diffBounds(scope: SchemaScope, base: Located, head: Located, where: string): void {
  for (const { name, lower, read } of BOUNDS) {
    const before = read(base.value)
    const after = read(head.value)
    const change = strictness(before, after, lower)
    if (change === 0) continue
    const shown = `${name} ${shownBound(name, before, lower)} → ${shownBound(name, after, lower)}`
    if (change > 0)
      report(
        scope,
        `${name}-tightened`,
        narrowed(scope.direction),
        base,
        head,
        `${named(where, scope)}: ${shown}; ${scope.direction === 'request' ? 'values clients sent before are refused' : 'the existing server may send values outside it'}.`,
      )
    else
      report(
        scope,
        `${name}-loosened`,
        widened(scope.direction),
        base,
        head,
        `${named(where, scope)}: ${shown}; ${scope.direction === 'request' ? 'the existing server refuses the values it now allows' : 'clients may get values they did not expect'}.`,
      )
  }
}

/** 1 when the bound after leaves out values the one before took, -1 for the reverse, else 0. */
function strictness(before: Bound | undefined, after: Bound | undefined, lower: boolean): number {
  if (!before || !after) return before === after ? 0 : before ? -1 : 1
  if (before.value !== after.value) return after.value > before.value === lower ? 1 : -1
  return Number(after.exclusive) - Number(before.exclusive)
}

/**
 * A number's lower or upper bound from its inclusive and exclusive keywords (the stricter wins; a
 * 3.0 boolean `exclusiveMinimum` makes `minimum` exclusive); an integer's made inclusive, so
 * `minimum: 1` and `exclusiveMinimum: 0` are the same bound.
 */
function numericBound(schema: Json, lower: boolean): Bound | undefined {
  const inclusive = schema[lower ? 'minimum' : 'maximum']
  const exclusive = schema[lower ? 'exclusiveMinimum' : 'exclusiveMaximum']
  const bounds: Bound[] = []
  if (typeof inclusive === 'number')
    bounds.push({ value: inclusive, exclusive: exclusive === true })
  if (typeof exclusive === 'number') bounds.push({ value: exclusive, exclusive: true })
  const whole = isInteger(schema)
  return bounds
    .map((bound) => (whole ? wholeBound(bound, lower) : bound))
    .reduce<Bound | undefined>(
      (strictest, bound) => (strictness(strictest, bound, lower) > 0 ? bound : strictest),
      undefined,
    )
}

function wholeBound(bound: Bound, lower: boolean): Bound {
  const step = bound.exclusive && Number.isInteger(bound.value) ? 1 : 0
  const value = lower ? Math.ceil(bound.value) + step : Math.floor(bound.value) - step
  return { value, exclusive: false }
}

function isInteger(schema: Json): boolean {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type]
  return types.includes('integer') && !types.includes('number')
}

function shownBound(name: string, bound: Bound | undefined, lower: boolean): string {
  if (!bound) return 'none'
  if (name !== 'minimum' && name !== 'maximum') return String(bound.value)
  return `${lower ? (bound.exclusive ? '>' : '≥') : bound.exclusive ? '<' : '≤'} ${bound.value}`
}

// Patterns, formats and other rules on values

const VALUE_RULES = ['pattern', 'format', 'multipleOf', 'uniqueItems'] as const

function diffValueRules(scope: SchemaScope, base: Located, head: Located, where: string): void {
  for (const keyword of VALUE_RULES) {
    const before = ruleOf(base.value, keyword)
    const after = ruleOf(head.value, keyword)
    if (before === after) continue
    const change = before === undefined ? 'added' : after === undefined ? 'removed' : 'changed'
    report(
      scope,
      `${keyword}-${change}`,
      ruleEffect(scope.direction, keyword, before, after),
      base,
      head,
      `${named(where, scope)}: ${keyword} ${before === undefined ? 'none' : JSON.stringify(before)} → ${after === undefined ? 'none' : JSON.stringify(after)}.`,
    )
  }
}

/** A rule's value; `uniqueItems: false` is no rule. */
function ruleOf(schema: Json, keyword: (typeof VALUE_RULES)[number]): unknown {
  const value = schema[keyword]
  return keyword === 'uniqueItems' && value !== true ? undefined : value
}

/**
 * A rule added takes fewer values, one removed more; a multipleOf that becomes a multiple of the
 * old one takes fewer, a divisor of it more; any other change takes different values.
 */
function ruleEffect(
  direction: Direction,
  keyword: string,
  before: unknown,
  after: unknown,
): Effect | { level: 'potentially-breaking'; side: Side } {
  if (before === undefined) return narrowed(direction)
  if (after === undefined) return widened(direction)
  if (keyword === 'multipleOf' && typeof before === 'number' && typeof after === 'number') {
    if (isMultiple(after, before)) return narrowed(direction)
    if (isMultiple(before, after)) return widened(direction)
  }
  return { level: 'potentially-breaking', side: direction === 'request' ? 'clients' : 'server' }
}

function isMultiple(value: number, of: number): boolean {
  const ratio = value / of
  return ratio >= 1 && Math.abs(ratio - Math.round(ratio)) < 1e-9
}

// Properties

function diffProperties(scope: SchemaScope, base: Located, head: Located, where: string): void {
  const before = propertiesOf(base.value)
  const after = propertiesOf(head.value)
  if (!before && !after) return
  const beforeNames = Object.keys(before ?? {})
  const afterNames = Object.keys(after ?? {})
  const removed = beforeNames.filter((name) => !afterNames.includes(name))
  const added = afterNames.filter((name) => !beforeNames.includes(name))
  const renames = pairRenames(scope, base, head, removed, added)
  for (const [from, to] of renames) reportRename(scope, base, head, where, from, to)
  for (const name of removed.filter((name) => !renames.has(name)))
    reportRemoved(scope, base, head, where, name)
  const renamedTo = new Set(renames.values())
  for (const name of added.filter((name) => !renamedTo.has(name)))
    reportAdded(scope, base, head, where, name)
  for (const name of beforeNames.filter((name) => afterNames.includes(name))) {
    const path = where === '' ? name : `${where}.${name}`
    diffRequired(scope, base, head, path, name)
    const beforeProperty = child(scope.base, base, 'properties', name)
    const afterProperty = child(scope.head, head, 'properties', name)
    if (beforeProperty && afterProperty) diffSchema(scope, beforeProperty, afterProperty, path)
  }
}

/**
 * Properties beyond the named ones: a record's values compared, and an object closed to others or
 * opened to them.
 */
function diffOtherProperties(
  scope: SchemaScope,
  base: Located,
  head: Located,
  where: string,
): void {
  const before = child(scope.base, base, 'additionalProperties')
  const after = child(scope.head, head, 'additionalProperties')
  if (
    before &&
    after &&
    isObject(base.value.additionalProperties) &&
    isObject(head.value.additionalProperties)
  )
    diffSchema(scope, before, after, where === '' ? '*' : `${where}.*`)
  const closed = isClosed(head.value)
  if (isClosed(base.value) === closed) return
  const request = scope.direction === 'request'
  report(
    scope,
    closed ? 'properties-closed' : 'properties-opened',
    {
      level: 'potentially-breaking',
      side: closed === request ? 'clients' : 'server',
    },
    base,
    head,
    closed
      ? `${named(where, scope)} takes no properties but its own now; ${request ? 'clients that send others are refused' : 'the existing server may still send others'}.`
      : `${named(where, scope)} may have other properties now; ${request ? 'the existing server may refuse them' : 'clients that expect only the known ones may break'}.`,
  )
}

function propertiesOf(schema: Json): Json | undefined {
  return isObject(schema.properties) ? schema.properties : undefined
}

function isRequired(schema: Json, name: string): boolean {
  return Array.isArray(schema.required) && schema.required.includes(name)
}

function isClosed(schema: Json): boolean {
  return schema.additionalProperties === false || schema.unevaluatedProperties === false
}

/** Removed and added properties of the same shape: one renamed (`zip` → `postalCode`). */
function pairRenames(
  scope: SchemaScope,
  base: Located,
  head: Located,
  removed: string[],
  added: string[],
): Map<string, string> {
  const renames = new Map<string, string>()
  const taken = new Set<string>()
  for (const from of removed) {
    const shape = canonical(
      scope.base,
      (base.value.properties as Json)[from],
      `${base.pointer}/properties`,
    )
    const to = added.find(
      (name) =>
        !taken.has(name) &&
        canonical(
          scope.head,
          (head.value.properties as Json)[name],
          `${head.pointer}/properties`,
        ) === shape,
    )
    if (to !== undefined) {
      renames.set(from, to)
      taken.add(to)
    }
  }
  return renames
}

function reportRename(
  scope: SchemaScope,
  base: Located,
  head: Located,
  where: string,
  from: string,
  to: string,
): void {
  const path = (name: string) => (where === '' ? name : `${where}.${name}`)
  report(
    scope,
    'property-renamed',
    // Either way clients use the old name: what they send is dropped or refused, what they read is gone.
    { level: 'breaking', side: 'clients' },
    child(scope.base, base, 'properties', from),
    child(scope.head, head, 'properties', to),
    `\`${path(from)}\` in ${scope.subject} is renamed \`${path(to)}\` (the same shape); ${scope.direction === 'request' ? 'clients still send the old name' : 'clients still read the old name'}.`,
  )
}

function reportRemoved(
  scope: SchemaScope,
  base: Located,
  head: Located,
  where: string,
  name: string,
): void {
  const path = where === '' ? name : `${where}.${name}`
  const at = child(scope.base, base, 'properties', name)
  if (scope.direction === 'response') {
    const required = isRequired(base.value, name)
    report(
      scope,
      required ? 'required-property-removed' : 'optional-property-removed',
      required
        ? { level: 'breaking', side: 'clients' }
        : { level: 'potentially-breaking', side: 'clients' },
      at,
      undefined,
      `\`${path}\` is no longer in ${scope.subject}; clients that read it ${required ? 'break' : 'may break'}.`,
    )
    return
  }
  const closed = isClosed(head.value)
  report(
    scope,
    'property-removed',
    closed
      ? { level: 'breaking', side: 'clients' }
      : { level: 'potentially-breaking', side: 'clients' },
    at,
    undefined,
    closed
      ? `\`${path}\` is no longer taken in ${scope.subject}, which takes no other properties: clients that send it are refused.`
      : `\`${path}\` is no longer part of ${scope.subject}; what clients send in it is ignored.`,
  )
}

function reportAdded(
  scope: SchemaScope,
  base: Located,
  head: Located,
  where: string,
  name: string,
): void {
  const path = where === '' ? name : `${where}.${name}`
  const at = child(scope.head, head, 'properties', name)
  const required = isRequired(head.value, name)
  if (scope.direction === 'request')
    report(
      scope,
      required ? 'required-property-added' : 'property-added',
      required ? narrowed('request') : { level: 'compatible' },
      undefined,
      at,
      required
        ? `${scope.subject} now needs \`${path}\`; clients that do not send it are refused.`
        : `${scope.subject} takes a new optional \`${path}\`.`,
    )
  else
    report(
      scope,
      required ? 'required-property-added' : 'property-added',
      required
        ? narrowed('response')
        : isClosed(base.value)
          ? { level: 'potentially-breaking', side: 'clients' }
          : { level: 'compatible' },
      undefined,
      at,
      required
        ? `${scope.subject} now always has \`${path}\`, which the existing server does not send.`
        : `${scope.subject} has a new optional \`${path}\`.`,
    )
}

function diffRequired(
  scope: SchemaScope,
  base: Located,
  head: Located,
  path: string,
  name: string,
): void {
  const before = isRequired(base.value, name)
  const after = isRequired(head.value, name)
  if (before === after) return
  const at = [
    child(scope.base, base, 'properties', name),
    child(scope.head, head, 'properties', name),
  ] as const
  if (after)
    report(
      scope,
      'property-became-required',
      narrowed(scope.direction),
      ...at,
      scope.direction === 'request'
        ? `\`${path}\` in ${scope.subject} is now required; clients that leave it out are refused.`
        : `\`${path}\` in ${scope.subject} is now always there, which the existing server does not promise.`,
    )
  else
    report(
      scope,
      'property-became-optional',
      widened(scope.direction),
      ...at,
      scope.direction === 'request'
        ? `\`${path}\` in ${scope.subject} is now optional, which the existing server still requires.`
        : `\`${path}\` in ${scope.subject} may now be left out; clients that rely on it break.`,
    )
}

// Arrays and choices

function diffItems(scope: SchemaScope, base: Located, head: Located, where: string): void {
  const before = child(scope.base, base, 'items')
  const after = child(scope.head, head, 'items')
  if (before && after) diffSchema(scope, before, after, `${where}[]`)
  const beforeTuple = Array.isArray(base.value.prefixItems) ? base.value.prefixItems : []
  const afterTuple = Array.isArray(head.value.prefixItems) ? head.value.prefixItems : []
  for (let index = 0; index < Math.min(beforeTuple.length, afterTuple.length); index++) {
    const was = child(scope.base, base, 'prefixItems', index)
    const now = child(scope.head, head, 'prefixItems', index)
    if (was && now) diffSchema(scope, was, now, `${where}[${index}]`)
  }
}

/** `oneOf` or `anyOf`, whichever a schema chooses its values with. */
function choiceKeyword(schema: Json): 'oneOf' | 'anyOf' | undefined {
  if (Array.isArray(schema.oneOf) && schema.oneOf.length > 0) return 'oneOf'
  if (Array.isArray(schema.anyOf) && schema.anyOf.length > 0) return 'anyOf'
  return undefined
}

/** A schema that is only a choice between its members (no type or properties of its own). */
function isChoice(schema: Json): boolean {
  return (
    choiceKeyword(schema) !== undefined && schema.type === undefined && !isObject(schema.properties)
  )
}

/** The one member of a choice between it and null (`anyOf: [{ $ref }, { type: 'null' }]`). */
function soleMember(document: Json, located: Located): Located | undefined {
  const keyword = choiceKeyword(located.value)
  if (!keyword) return undefined
  const own = Object.keys(located.value).filter(
    (key) => key !== keyword && key !== 'nullable' && key !== 'default' && !isProse(key),
  )
  if (own.length > 0) return undefined
  const members = (located.value[keyword] as unknown[])
    .map((_member, index) => child(document, located, keyword, index))
    .filter((member): member is Located => member !== undefined && !isOnlyNull(member.value))
  return members.length === 1 ? members[0] : undefined
}

function diffMembers(scope: SchemaScope, base: Located, head: Located, where: string): void {
  const before = choicesOf(scope.base, base, head)
  const after = choicesOf(scope.head, head, base)
  const pairs = pairMembers(before, after)
  const removedAs = choiceKeyword(base.value) ?? choiceKeyword(head.value)
  const addedAs = choiceKeyword(head.value) ?? choiceKeyword(base.value)
  before.forEach((member, index) => {
    const same = pairs.get(index)
    if (same !== undefined)
      return diffSchema(
        scope,
        member.located,
        (after[same] as Member).located,
        `${where}${where === '' ? '' : ' '}(${member.label.replaceAll('`', '')})`,
      )
    report(
      scope,
      `${removedAs}-member-removed`,
      narrowed(scope.direction),
      member.located,
      undefined,
      `${named(where, scope)} no longer allows ${member.label}${scope.direction === 'request' ? '; clients that send it are refused' : ', which the existing server still sends'}.`,
    )
  })
  const paired = new Set(pairs.values())
  after.forEach((member, index) => {
    if (paired.has(index)) return
    report(
      scope,
      `${addedAs}-member-added`,
      scope.direction === 'response'
        ? { level: 'potentially-breaking', side: 'clients' }
        : widened('request'),
      undefined,
      member.located,
      scope.direction === 'response'
        ? `${named(where, scope)} can now also be ${member.label}; clients that handle only the kinds they knew may break.`
        : `${named(where, scope)} now also takes ${member.label}, which the existing server refuses.`,
    )
  })
  diffDiscriminator(scope, base, head, where)
}

interface Member {
  located: Located
  /** The member's name (its component), else its shape. */
  key: string
  named: boolean
  shape: string
  types: Set<string> | undefined
  label: string
}

/** A choice's members; a plain schema compared with a choice is a choice of itself alone. */
function choicesOf(document: Json, located: Located, other: Located): Member[] {
  const keyword = choiceKeyword(located.value)
  if (keyword)
    return (located.value[keyword] as unknown[]).flatMap((member, index) => {
      const at = child(document, located, keyword, index)
      if (!at || isOnlyNull(at.value)) return []
      const name =
        isObject(member) && typeof member.$ref === 'string' ? lastName(member.$ref) : undefined
      return [memberOf(document, at, name, index)]
    })
  if (!isChoice(other.value)) return []
  return [memberOf(document, located, componentName(located.pointer))]
}

/** A member, labelled by its name, else its position (none for a plain schema) and types. */
function memberOf(
  document: Json,
  located: Located,
  name: string | undefined,
  index?: number,
): Member {
  const shape = canonical(document, located.value, located.pointer)
  const types = typesOf(document, located.value)
  const shown = types ? list(types) : undefined
  const label = name
    ? `\`${name}\``
    : index !== undefined
      ? `member ${index + 1}${shown ? ` (${shown})` : ''}`
      : (shown ?? 'its old shape')
  return { located, key: name ?? shape, named: name !== undefined, shape, types, label }
}

function componentName(pointer: string): string | undefined {
  const match = /^#\/components\/schemas\/([^/]+)$/.exec(pointer)
  return match?.[1]
}

/**
 * Which member before is which after (index → index): the same name, else the same shape; an
 * unnamed member left over is the one unnamed member left of the same type (changed in place).
 */
function pairMembers(before: Member[], after: Member[]): Map<number, number> {
  const pairs = new Map<number, number>()
  const taken = new Set<number>()
  const pair = (index: number, test: (candidate: Member) => boolean, onlyOne = false) => {
    if (pairs.has(index)) return
    const free = after.flatMap((candidate, i) => (!taken.has(i) && test(candidate) ? [i] : []))
    if (free.length === 0 || (onlyOne && free.length > 1)) return
    pairs.set(index, free[0] as number)
    taken.add(free[0] as number)
  }
  before.forEach((member, index) => pair(index, (candidate) => candidate.key === member.key))
  before.forEach((member, index) => pair(index, (candidate) => candidate.shape === member.shape))
  before.forEach((member, index) => {
    if (!member.named)
      pair(index, (candidate) => !candidate.named && overlaps(member, candidate), true)
  })
  return pairs
}

function overlaps(a: Member, b: Member): boolean {
  return (
    a.types !== undefined &&
    b.types !== undefined &&
    PRIMITIVES.some(
      (type) => allows(a.types as Set<string>, type) && allows(b.types as Set<string>, type),
    )
  )
}

function diffDiscriminator(scope: SchemaScope, base: Located, head: Located, where: string): void {
  const before = isObject(base.value.discriminator) ? base.value.discriminator : undefined
  const after = isObject(head.value.discriminator) ? head.value.discriminator : undefined
  if (!before && !after) return
  // Naming the property that tells the members apart changes no value a schema accepts.
  if (!before || !after) {
    report(
      scope,
      before ? 'discriminator-removed' : 'discriminator-added',
      { level: 'compatible' },
      base,
      head,
      `${named(where, scope)} ${after ? `names \`${String(after.propertyName)}\` as what tells its kinds apart` : 'no longer names what tells its kinds apart'}.`,
    )
    return
  }
  if (before.propertyName !== after.propertyName) {
    report(
      scope,
      'discriminator-changed',
      { level: 'breaking', side: 'clients' },
      base,
      head,
      `${named(where, scope)} tells its kinds apart by \`${String(after.propertyName)}\` now, not \`${String(before.propertyName)}\`.`,
    )
    return
  }
  const beforeMapping = isObject(before.mapping) ? before.mapping : {}
  const afterMapping = isObject(after.mapping) ? after.mapping : {}
  for (const [value, target] of Object.entries(beforeMapping)) {
    if (!(value in afterMapping))
      report(
        scope,
        'discriminator-mapping-removed',
        narrowed(scope.direction),
        base,
        head,
        `${named(where, scope)} no longer has the kind \`${value}\`.`,
      )
    else if (!sameKind(scope, target, afterMapping[value]))
      report(
        scope,
        'discriminator-mapping-changed',
        { level: 'breaking', side: 'clients' },
        base,
        head,
        `${named(where, scope)}: the kind \`${value}\` now means ${lastName(afterMapping[value])}, not ${lastName(target)}.`,
      )
  }
  for (const value of Object.keys(afterMapping).filter((value) => !(value in beforeMapping)))
    report(
      scope,
      'discriminator-mapping-added',
      scope.direction === 'response'
        ? { level: 'potentially-breaking', side: 'clients' }
        : widened('request'),
      base,
      head,
      `${named(where, scope)} has a new kind \`${value}\`.`,
    )
}

/** Two mapping targets name the same kind: the same schema, or one renamed with its shape kept. */
function sameKind(scope: SchemaScope, before: unknown, after: unknown): boolean {
  if (lastName(before) === lastName(after)) return true
  return canonical(scope.base, mappingRef(before)) === canonical(scope.head, mappingRef(after))
}

/** A mapping value as a `$ref`: a pointer, or (OpenAPI allows it) a bare component name. */
function mappingRef(target: unknown): Json {
  const text = String(target)
  return { $ref: text.startsWith('#') ? text : `#/components/schemas/${text}` }
}

function lastName(ref: unknown): string {
  const text = String(ref)
  return text.slice(text.lastIndexOf('/') + 1)
}

// Properties a schema does not name

/**
 * An object that took any other properties and now takes them only in one shape, or the reverse:
 * compared as a record whose values were (or become) of any type, `*` in `{ [key]: string }`.
 */
function diffOpenedOrShaped(scope: SchemaScope, base: Located, head: Located, where: string): void {
  const before = base.value.additionalProperties
  const after = head.value.additionalProperties
  if (takesAny(before) === takesAny(after) || before === false || after === false) return
  const values = (document: Json, located: Located): Located | undefined =>
    takesAny(located.value.additionalProperties)
      ? { value: {}, pointer: located.pointer }
      : child(document, located, 'additionalProperties')
  const beforeValues = values(scope.base, base)
  const afterValues = values(scope.head, head)
  if (beforeValues && afterValues)
    diffSchema(scope, beforeValues, afterValues, where === '' ? '*' : `${where}.*`)
}

function takesAny(additionalProperties: unknown): boolean {
  return additionalProperties === undefined || additionalProperties === true
}

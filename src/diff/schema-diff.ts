import { child, flattenAllOf, type Json, type Located } from './resolve.ts'
import { diffMembers, soleMember } from './schema-choices.ts'
import { allows, allowsNull, isChoice, list, PRIMITIVES, typesOf } from './schema-types.ts'
import { diffOpenedOrShaped, diffOtherProperties, diffProperties } from './schema-properties.ts'
import {
  type Direction,
  type Effect,
  narrowed,
  named,
  report,
  type SchemaScope,
  widened,
} from './schema-scope.ts'
import type { Side } from './types.ts'

export type { Direction, SchemaScope } from './schema-scope.ts'

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

// Types and null

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

// Arrays

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

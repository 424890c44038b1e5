import { childPointer, isObject } from '../openapi/from-openapi/pointer.ts'
import { canonical, child, type Json, type Located } from './resolve.ts'
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
  const baseSchema = flattenAllOf(scope.base, base)
  const headSchema = flattenAllOf(scope.head, head)
  if (!diffTypes(scope, baseSchema, headSchema, where)) return
  diffEnum(scope, baseSchema, headSchema, where)
  diffBounds(scope, baseSchema, headSchema, where)
  diffTextRules(scope, baseSchema, headSchema, where)
  diffProperties(scope, baseSchema, headSchema, where)
  diffItems(scope, baseSchema, headSchema, where)
  diffMembers(scope, baseSchema, headSchema, where)
  diffOpenedOrShaped(scope, baseSchema, headSchema, where)
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

// Types

const PRIMITIVES = ['string', 'number', 'integer', 'boolean', 'array', 'object', 'null']

/** The JSON types a schema allows (integer within number), undefined for any. */
function typesOf(schema: Json): Set<string> | undefined {
  const types = new Set<string>()
  if (typeof schema.type === 'string') types.add(schema.type)
  else if (Array.isArray(schema.type)) for (const type of schema.type) types.add(String(type))
  else if (schema.const !== undefined) types.add(jsonType(schema.const))
  else if (Array.isArray(schema.enum)) for (const value of schema.enum) types.add(jsonType(value))
  else if (Array.isArray(schema.oneOf) || Array.isArray(schema.anyOf)) return undefined
  else if (isObject(schema.properties)) types.add('object')
  else if (schema.items !== undefined) types.add('array')
  else return undefined
  if (schema.nullable === true) types.add('null')
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

/** Reports type changes; false when the types no longer overlap (nothing inside is comparable). */
function diffTypes(scope: SchemaScope, base: Located, head: Located, where: string): boolean {
  const before = typesOf(base.value)
  const after = typesOf(head.value)
  if (!before || !after) {
    if (before && !after)
      report(
        scope,
        'type-widened',
        widened(scope.direction),
        base,
        head,
        `${named(where, scope)} now takes any type, not only ${list(before)}.`,
      )
    if (!before && after)
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
  const lost = [...before].filter((type) => !allows(after, type))
  const gained = [...after].filter((type) => !allows(before, type))
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
  for (const type of lost) {
    if (type === 'null')
      report(
        scope,
        'nullable-removed',
        narrowed(scope.direction),
        base,
        head,
        `${named(where, scope)} can no longer be null.`,
      )
    else
      report(
        scope,
        'type-narrowed',
        narrowed(scope.direction),
        base,
        head,
        `${named(where, scope)} no longer takes ${type === 'number' && after.has('integer') ? 'fractions (now integer)' : type}.`,
      )
  }
  for (const type of gained) {
    if (type === 'null')
      report(
        scope,
        'nullable-added',
        widened(scope.direction),
        base,
        head,
        scope.direction === 'response'
          ? `${named(where, scope)} can now be null; clients that read it as ${list(before)} break.`
          : `${named(where, scope)} can now be null, which the existing server does not accept.`,
      )
    else
      report(
        scope,
        'type-widened',
        widened(scope.direction),
        base,
        head,
        `${named(where, scope)} now also takes ${type}.`,
      )
  }
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

const LOWER = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties'] as const
const UPPER = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties'] as const

function diffBounds(scope: SchemaScope, base: Located, head: Located, where: string): void {
  for (const keyword of [...LOWER, ...UPPER]) {
    const before = bound(base.value[keyword])
    const after = bound(head.value[keyword])
    if (before === after) continue
    const lower = (LOWER as readonly string[]).includes(keyword)
    // A lower bound that rises, or an upper one that falls (or one that appears), takes fewer values.
    const tighter =
      before === undefined || (after !== undefined && (lower ? after > before : after < before))
    const looser = !tighter
    const shown = `${keyword} ${before ?? 'none'} → ${after ?? 'none'}`
    if (tighter)
      report(
        scope,
        `${keyword}-tightened`,
        narrowed(scope.direction),
        base,
        head,
        `${named(where, scope)}: ${shown}; ${scope.direction === 'request' ? 'values clients sent before are refused' : 'the existing server may send values outside it'}.`,
      )
    if (looser)
      report(
        scope,
        `${keyword}-loosened`,
        widened(scope.direction),
        base,
        head,
        `${named(where, scope)}: ${shown}; ${scope.direction === 'request' ? 'the existing server refuses the values it now allows' : 'clients may get values they did not expect'}.`,
      )
  }
}

function bound(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined
}

// Patterns and formats

function diffTextRules(scope: SchemaScope, base: Located, head: Located, where: string): void {
  for (const keyword of ['pattern', 'format'] as const) {
    const before = base.value[keyword]
    const after = head.value[keyword]
    if (before === after) continue
    const effect =
      before === undefined
        ? narrowed(scope.direction)
        : after === undefined
          ? widened(scope.direction)
          : ({
              level: 'potentially-breaking',
              side: scope.direction === 'request' ? 'clients' : 'server',
            } as const)
    const change = before === undefined ? 'added' : after === undefined ? 'removed' : 'changed'
    report(
      scope,
      `${keyword}-${change}`,
      effect,
      base,
      head,
      `${named(where, scope)}: ${keyword} ${before === undefined ? 'none' : JSON.stringify(before)} → ${after === undefined ? 'none' : JSON.stringify(after)}.`,
    )
  }
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
    {
      level: 'breaking',
      side: scope.direction === 'request' && !isRequired(head.value, to) ? 'server' : 'clients',
    },
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
}

function diffMembers(scope: SchemaScope, base: Located, head: Located, where: string): void {
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const before = membersOf(scope.base, base, keyword)
    const after = membersOf(scope.head, head, keyword)
    if (before.length === 0 && after.length === 0) continue
    const matched = new Set<number>()
    for (const member of before) {
      const index = after.findIndex(
        (candidate, i) => !matched.has(i) && candidate.key === member.key,
      )
      const same =
        index === -1
          ? after.findIndex((candidate, i) => !matched.has(i) && candidate.shape === member.shape)
          : index
      if (same === -1) {
        report(
          scope,
          `${keyword}-member-removed`,
          narrowed(scope.direction),
          member.located,
          undefined,
          `${named(where, scope)} no longer allows ${member.label}${scope.direction === 'request' ? '; clients that send it are refused' : ', which the existing server still sends'}.`,
        )
        continue
      }
      matched.add(same)
      diffSchema(
        scope,
        member.located,
        (after[same] as Member).located,
        `${where}${where === '' ? '' : ' '}(${member.label})`,
      )
    }
    after.forEach((member, index) => {
      if (matched.has(index)) return
      report(
        scope,
        `${keyword}-member-added`,
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
  }
  diffDiscriminator(scope, base, head, where)
}

interface Member {
  located: Located
  /** The member's name ($ref target, or its discriminator value), else its shape. */
  key: string
  shape: string
  label: string
}

function membersOf(document: Json, located: Located, keyword: 'oneOf' | 'anyOf'): Member[] {
  const members = located.value[keyword]
  if (!Array.isArray(members)) return []
  return members.flatMap((member, index) => {
    const at = child(document, located, keyword, index)
    if (!at) return []
    if (at.value.type === 'null') return []
    const name =
      isObject(member) && typeof member.$ref === 'string'
        ? member.$ref.slice(member.$ref.lastIndexOf('/') + 1)
        : undefined
    const shape = canonical(document, member, at.pointer)
    return [
      {
        located: at,
        key: name ?? shape,
        shape,
        label: name ? `\`${name}\`` : `member ${index + 1}`,
      },
    ]
  })
}

function diffDiscriminator(scope: SchemaScope, base: Located, head: Located, where: string): void {
  const before = isObject(base.value.discriminator) ? base.value.discriminator : undefined
  const after = isObject(head.value.discriminator) ? head.value.discriminator : undefined
  if (!before && !after) return
  if (!before || !after || before.propertyName !== after.propertyName) {
    report(
      scope,
      'discriminator-changed',
      { level: 'breaking', side: 'clients' },
      base,
      head,
      `${named(where, scope)} tells its kinds apart by ${after ? `\`${String(after.propertyName)}\`` : 'nothing'} now, not ${before ? `\`${String(before.propertyName)}\`` : 'nothing'}.`,
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
    else if (afterMapping[value] !== target && lastName(afterMapping[value]) !== lastName(target))
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

/** A schema whose `allOf` parts are merged: their properties and required names together. */
function flattenAllOf(document: Json, located: Located): Located {
  const parts = located.value.allOf
  if (!Array.isArray(parts)) return located
  const { allOf: _allOf, ...rest } = located.value
  const merged: Json = { ...rest }
  const properties: Json = {}
  if (isObject(rest.properties))
    for (const name of Object.keys(rest.properties))
      properties[name] = { $ref: childPointer(located.pointer, 'properties', name) }
  const required = new Set<string>(Array.isArray(rest.required) ? rest.required.map(String) : [])
  parts.forEach((_part, index) => {
    const part = child(document, located, 'allOf', index)
    if (!part) return
    const flat = flattenAllOf(document, part)
    for (const [key, value] of Object.entries(flat.value)) {
      // Each property points to where its part declares it, so findings name the real place.
      if (key === 'properties' && isObject(value))
        for (const [name, property] of Object.entries(value))
          properties[name] =
            isObject(property) && typeof property.$ref === 'string'
              ? property
              : { $ref: childPointer(flat.pointer, 'properties', name) }
      else if (key === 'required' && Array.isArray(value))
        for (const name of value) required.add(String(name))
      else if (!(key in merged)) merged[key] = value
    }
  })
  if (Object.keys(properties).length > 0) merged.properties = properties
  if (required.size > 0) merged.required = [...required]
  return { value: merged, pointer: located.pointer }
}

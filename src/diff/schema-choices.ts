// `oneOf`/`anyOf` members and discriminators of two schemas: members paired by name, then shape,
// a plain schema read as a choice of one; each member compared in turn by diffSchema.
import { isObject } from '../openapi/from-openapi/pointer.ts'
import { canonical, child, isProse, type Json, type Located } from './resolve.ts'
import { diffSchema } from './schema-diff.ts'
import {
  allows,
  choiceKeyword,
  isChoice,
  isOnlyNull,
  list,
  PRIMITIVES,
  typesOf,
} from './schema-types.ts'
import { narrowed, named, report, type SchemaScope, widened } from './schema-scope.ts'

/** The one member of a choice between it and null (`anyOf: [{ $ref }, { type: 'null' }]`). */
export function soleMember(document: Json, located: Located): Located | undefined {
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

export function diffMembers(scope: SchemaScope, base: Located, head: Located, where: string): void {
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

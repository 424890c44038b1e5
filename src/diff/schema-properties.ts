// The properties of two object schemas: added, removed, renamed (the same shape), made required or
// optional, and the properties a schema does not name (closed objects, record values).
import { isObject } from '../openapi/from-openapi/pointer.ts'
import { canonical, child, type Json, type Located } from './resolve.ts'
import { diffSchema } from './schema-diff.ts'
import { narrowed, named, report, type SchemaScope, widened } from './schema-scope.ts'

export function diffProperties(
  scope: SchemaScope,
  base: Located,
  head: Located,
  where: string,
): void {
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
export function diffOtherProperties(
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

// Properties a schema does not name

/**
 * An object that took any other properties and now takes them only in one shape, or the reverse:
 * compared as a record whose values were (or become) of any type, `*` in `{ [key]: string }`.
 */
export function diffOpenedOrShaped(
  scope: SchemaScope,
  base: Located,
  head: Located,
  where: string,
): void {
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

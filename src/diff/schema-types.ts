// What a schema allows, read without reporting: its JSON types (a choice's the union of its
// members'), null, and whether it is a choice.
import { isObject } from '../openapi/from-openapi/pointer.ts'
import { flattenAllOf, type Json, resolve } from './resolve.ts'

export const PRIMITIVES = ['string', 'number', 'integer', 'boolean', 'array', 'object', 'null']

/**
 * The JSON types a schema allows besides null (integer within number), a choice's the union of its
 * members'; undefined for any.
 */
export function typesOf(document: Json, schema: Json, depth = 0): Set<string> | undefined {
  const types =
    declaredTypes(schema) ?? (depth < 4 ? memberTypes(document, schema, depth) : undefined)
  if (!types) return undefined
  const besidesNull = new Set([...types].filter((type) => type !== 'null'))
  return besidesNull.size > 0 ? besidesNull : types
}

export function declaredTypes(schema: Json): Set<string> | undefined {
  if (typeof schema.type === 'string') return new Set([schema.type])
  if (Array.isArray(schema.type)) return new Set(schema.type.map(String))
  if (schema.const !== undefined) return new Set([jsonType(schema.const)])
  if (Array.isArray(schema.enum)) return new Set(schema.enum.map(jsonType))
  if (isObject(schema.properties)) return new Set(['object'])
  if (schema.items !== undefined) return new Set(['array'])
  return undefined
}

export function memberTypes(document: Json, schema: Json, depth: number): Set<string> | undefined {
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

export function jsonType(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value
}

export function allows(types: Set<string>, type: string): boolean {
  return types.has(type) || (type === 'integer' && types.has('number'))
}

/** Null is allowed by `nullable`, by a type, by an untyped enum, or by a member that is only null. */
export function allowsNull(document: Json, schema: Json): boolean {
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

export function isOnlyNull(schema: Json): boolean {
  return schema.type === 'null' || (Array.isArray(schema.type) && schema.type.join() === 'null')
}

export function isArrayWith(list: unknown, value: unknown): boolean {
  return Array.isArray(list) && list.includes(value)
}

export function list(types: Set<string>): string {
  return [...types].join(' or ')
}

export function choiceKeyword(schema: Json): 'oneOf' | 'anyOf' | undefined {
  if (Array.isArray(schema.oneOf) && schema.oneOf.length > 0) return 'oneOf'
  if (Array.isArray(schema.anyOf) && schema.anyOf.length > 0) return 'anyOf'
  return undefined
}

/** A schema that is only a choice between its members (no type or properties of its own). */
export function isChoice(schema: Json): boolean {
  return (
    choiceKeyword(schema) !== undefined && schema.type === undefined && !isObject(schema.properties)
  )
}

import { getOpenApiMetadata } from '@asteasolutions/zod-to-openapi'
import type { z } from 'zod'
import { inspectSchema } from '../fake/index.ts'
import { defineField } from './text-fields.ts'

// Object query parameters travel by their OpenAPI style: `form` exploded (the default:
// `kind=x&size=2`), `form` not exploded (`filter=kind,x,size,2`), `deepObject` (`filter[kind]=x`),
// and the space- and pipe-delimited forms. This module writes (verify) and reads (the mock) them,
// so both agree.

export interface QueryObject {
  style: 'form' | 'deepObject' | 'spaceDelimited' | 'pipeDelimited'
  explode: boolean
  /**
   * The object's declared fields not named like another query parameter; empty for a free-form
   * object.
   */
  fields: readonly string[]
  /** Fields whose schema is an array: their items travel comma-separated (`filter[ids]=1,2`). */
  arrayFields: ReadonlySet<string>
}

const DELIMITER = { form: ',', spaceDelimited: ' ', pipeDelimited: '|', deepObject: ',' } as const

/**
 * The object-valued parameters of a query schema, with how each is serialized.
 *
 * @example
 * queryObjects(z.object({ filter: z.object({ kind: z.string() }).openapi({ param: { style: 'deepObject' } }) }))
 * // Map { 'filter' => { style: 'deepObject', explode: true, fields: ['kind'], arrayFields: Set {} } }
 */
export function queryObjects(query: z.ZodType | undefined): Map<string, QueryObject> {
  const objects = new Map<string, QueryObject>()
  const info = query ? inspectSchema(query) : undefined
  if (info?.kind !== 'object') return objects
  for (const [name, field] of Object.entries(info.shape)) {
    const fieldInfo = objectInfo(field)
    if (!fieldInfo) continue
    const param =
      (getOpenApiMetadata(field) as { param?: { style?: unknown; explode?: unknown } }).param ?? {}
    const style =
      typeof param.style === 'string' && param.style in DELIMITER
        ? (param.style as QueryObject['style'])
        : 'form'
    const explode =
      typeof param.explode === 'boolean'
        ? param.explode
        : style === 'form' || style === 'deepObject'
    // Exploded fields named like another query parameter belong to that parameter.
    const fields =
      fieldInfo.kind === 'object'
        ? Object.keys(fieldInfo.shape).filter((key) => !Object.hasOwn(info.shape, key))
        : []
    const shape = fieldInfo.kind === 'object' ? fieldInfo.shape : {}
    const arrayFields = new Set(
      Object.keys(shape).filter((key) => inspectSchema(shape[key]!).kind === 'array'),
    )
    objects.set(name, { style, explode, fields, arrayFields })
  }
  return objects
}

/**
 * The object schema of a parameter: the parameter itself, or the object branch of a union (`page=2`
 * or `page[size]=30`).
 */
function objectInfo(schema: z.ZodType) {
  const info = inspectSchema(schema)
  if (info.kind === 'object' || info.kind === 'record') return info
  const branch =
    info.kind === 'union'
      ? info.options
          ?.map((option) => inspectSchema(option))
          .find((option) => option.kind === 'object' || option.kind === 'record')
      : undefined
  return branch?.kind === 'object' || branch?.kind === 'record' ? branch : undefined
}

/**
 * Query pairs for an object parameter.
 *
 * @example
 * encodeQueryObject('filter', { kind: 'x' }, queryObjects(query).get('filter')!) // [['filter[kind]', 'x']]
 */
export function encodeQueryObject(
  name: string,
  value: Record<string, unknown>,
  object: QueryObject,
): Array<[string, string]> {
  const entries = Object.entries(value)
    .filter(([, field]) => field !== undefined && field !== null)
    .map(([key, field]): [string, string] => [key, asText(field)])
  if (object.style === 'deepObject') return entries.map(([key, text]) => [`${name}[${key}]`, text])
  if (object.style === 'form' && object.explode) return entries
  return entries.length === 0 ? [] : [[name, entries.flat().join(DELIMITER[object.style])]]
}

/**
 * Gathers object parameters back from the query record the mock read: their pairs are removed and
 * the object set under its name (fields as text, for the schema to coerce).
 *
 * @example
 * decodeQueryObjects({ 'filter[kind]': 'x' }, queryObjects(query)) // { filter: { kind: 'x' } }
 */
export function decodeQueryObjects(
  query: Record<string, string | string[]>,
  objects: ReadonlyMap<string, QueryObject>,
): Record<string, unknown> {
  if (objects.size === 0) return query
  const result: Record<string, unknown> = { ...query }
  const declared = new Set(Object.keys(query).filter((key) => objects.has(key)))
  for (const [name, object] of objects) {
    const value =
      object.style === 'deepObject'
        ? takeDeep(result, name)
        : object.style === 'form' && object.explode
          ? takeExploded(result, object)
          : splitDelimited(result[name], object)
    if (value !== undefined) defineField(result, name, splitArrayFields(value, object))
    else if (!declared.has(name)) delete result[name]
  }
  return result
}

function takeDeep(
  query: Record<string, unknown>,
  name: string,
): Record<string, unknown> | undefined {
  const prefix = `${name}[`
  let value: Record<string, unknown> | undefined
  for (const key of Object.keys(query)) {
    if (!key.startsWith(prefix) || !key.endsWith(']')) continue
    defineField((value ??= {}), key.slice(prefix.length, -1), query[key])
    delete query[key]
  }
  return value
}

function takeExploded(
  query: Record<string, unknown>,
  object: QueryObject,
): Record<string, unknown> | undefined {
  if (object.fields.length === 0) return undefined
  let value: Record<string, unknown> | undefined
  for (const field of object.fields) {
    if (!Object.hasOwn(query, field)) continue
    defineField((value ??= {}), field, query[field])
    delete query[field]
  }
  return value
}

function splitDelimited(raw: unknown, object: QueryObject): Record<string, unknown> | undefined {
  if (typeof raw !== 'string') return undefined
  const parts = raw.split(DELIMITER[object.style])
  if (parts.length < 2) return undefined
  const value: Record<string, unknown> = {}
  for (let index = 0; index + 1 < parts.length; index += 2)
    defineField(value, parts[index] as string, parts[index + 1])
  return value
}

function splitArrayFields(
  value: Record<string, unknown>,
  object: QueryObject,
): Record<string, unknown> {
  for (const key of object.arrayFields) {
    const field = value[key]
    if (typeof field === 'string') defineField(value, key, field === '' ? [] : field.split(','))
  }
  return value
}

function asText(value: unknown): string {
  if (Array.isArray(value)) return value.map(asText).join(',')
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)
}

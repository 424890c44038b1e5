import type { z } from 'zod'
import { inspectSchema } from '../fake/index.ts'
import { isXmlMediaType } from './xml-body.ts'
import { defineField } from './text-fields.ts'

const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data'])

/**
 * Form fields arrive as text: turns each into what its field schema takes (a number, a boolean, a
 * list for an array field sent once, an object from JSON text) so the body schema checks values,
 * not their spelling. Text the field takes as it is stays text; other media types and fields no
 * reading fits are left as they came.
 *
 * @example
 * formValues({ age: '3', tags: 'a', admin: 'true' }, z.object({ age: z.number(), tags: z.array(z.string()), admin: z.boolean() }), 'multipart/form-data')
 * // { age: 3, tags: ['a'], admin: true }
 */
export function formValues(
  value: unknown,
  schema: z.ZodType | undefined,
  mediaType: string,
): unknown {
  return FORM_TYPES.has(mediaType) || isXmlMediaType(mediaType)
    ? textFieldValues(value, schema)
    : value
}

/**
 * Fields that arrived as text (a form body, a query string) as what their schemas take; see
 * formValues.
 *
 * @example
 * textFieldValues({ lines: ['{"amount":3}'] }, z.object({ lines: z.array(z.object({ amount: z.number() })) })) // { lines: [{ amount: 3 }] }
 */
export function textFieldValues(value: unknown, schema: z.ZodType | undefined): unknown {
  if (!schema) return value
  const info = inspectSchema(schema)
  // An empty element (`<Result/>`) is an object without fields where the schema wants an object.
  if (value === '' && info.kind === 'object') return {}
  if (typeof value !== 'object' || value === null || info.kind !== 'object') return value
  const converted: Record<string, unknown> = {}
  // Own fields only: a key such as `__proto__` names no field of the schema.
  for (const [key, field] of Object.entries(value))
    defineField(
      converted,
      key,
      Object.hasOwn(info.shape, key) ? convert(field, info.shape[key]!) : field,
    )
  return converted
}

function convert(field: unknown, schema: z.ZodType): unknown {
  const info = inspectSchema(schema)
  if (info.kind === 'array') return listOf(field).map((item) => convert(item, info.element))
  // An object read from brackets (`customer[tax]=…`) or an XML element holds text fields of its
  // own.
  if (
    info.kind === 'object' &&
    ((typeof field === 'object' && field !== null && !Array.isArray(field)) || field === '')
  )
    return textFieldValues(field, schema)
  // A map (`SummaryMap` of counts): each value read as the map's values are.
  if (
    info.kind === 'record' &&
    info.valueSchema &&
    typeof field === 'object' &&
    field !== null &&
    !Array.isArray(field)
  )
    return recordValues(field as Record<string, unknown>, info.valueSchema)
  // A choice (`discounts`: a list of objects, or '' to clear it): the first branch that reads the
  // text.
  if (info.kind === 'union' && !schema.safeParse(field).success) {
    const read = (info.options ?? [])
      .map((option) => convert(field, option))
      .find((candidate) => schema.safeParse(candidate).success)
    if (read !== undefined) return read
  }
  if (typeof field !== 'string' || schema.safeParse(field).success) return field
  return readings(field).find((candidate) => schema.safeParse(candidate).success) ?? field
}

function recordValues(
  field: Record<string, unknown>,
  valueSchema: z.ZodType,
): Record<string, unknown> {
  const converted: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(field))
    defineField(converted, key, convert(value, valueSchema))
  return converted
}

/**
 * A list's items: a value sent once is a list of one, an empty one none; XML wraps items as
 * `<Tags><member>…</member></Tags>`.
 */
function listOf(field: unknown): unknown[] {
  if (field === '') return []
  const keys =
    typeof field === 'object' && field !== null && !Array.isArray(field) ? Object.keys(field) : []
  const items =
    keys.length === 1 && LIST_WRAPPERS.has(keys[0] as string)
      ? (field as Record<string, unknown>)[keys[0] as string]
      : field
  return Array.isArray(items) ? items : [items]
}

const LIST_WRAPPERS = new Set(['member', 'item'])

/**
 * What a form text may stand for: a number, a boolean, JSON (an object, a list, null), or a
 * one-item list.
 */
function readings(text: string): unknown[] {
  const candidates: unknown[] = []
  if (text.trim() !== '' && Number.isFinite(Number(text))) candidates.push(Number(text))
  if (text === 'true' || text === 'false') candidates.push(text === 'true')
  try {
    candidates.push(JSON.parse(text) as unknown)
  } catch {
    // not JSON: the text stays as it came
  }
  // A list sent with a single item, for a field that is a list in one branch of a union.
  candidates.push([text])
  return candidates
}

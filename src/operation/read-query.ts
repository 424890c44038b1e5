import type { z } from 'zod'
import type { CompiledOperation } from './compile-operation.ts'
import { textFieldValues } from './form-fields.ts'
import { decodeQueryObjects } from './query-objects.ts'
import { defineField } from './text-fields.ts'

/**
 * The query as a record: keys the contract declares as arrays get every value, others the first.
 */
export function readQuery(
  params: URLSearchParams,
  arrays: ReadonlySet<string>,
): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {}
  for (const key of new Set(params.keys())) {
    defineField(query, key, arrays.has(key) ? params.getAll(key) : (params.get(key) as string))
  }
  return query
}

/** A query read and checked: the values its schema saw, and the schema's verdict. */
export interface ReadQuery {
  value: Record<string, unknown>
  result: z.ZodSafeParseResult<unknown> | undefined
}

/**
 * A query string as an operation reads it: list fields with every value, object parameters in their
 * style, checked by the query schema; where that refuses it, read again as the fields' schemas take
 * text (objects as JSON), which walks every field, so it runs only for a query the plain check
 * refuses. The mock validates requests with it, and verify asks it what the server will make of
 * what it sends.
 *
 * @example
 * readQueryOf(compiled, new URLSearchParams('tag=a&tag=b&limit=5')).value // { tag: ['a', 'b'], limit: '5' }
 */
export function readQueryOf(compiled: CompiledOperation, params: URLSearchParams): ReadQuery {
  const { query: schema, queryArrays, queryObjects } = compiled.request
  const raw = decodeQueryObjects(readQuery(params, queryArrays), queryObjects)
  const direct = schema?.safeParse(raw)
  if (!schema || direct?.success) return { value: raw, result: direct }
  const text = textFieldValues(raw, schema) as Record<string, unknown>
  return { value: text, result: schema.safeParse(text) }
}

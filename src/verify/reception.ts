import type { Operation } from '../contract/types.ts'
import { compiledOf } from '../operation/compile-operation.ts'
import { readQueryOf } from '../operation/read-query.ts'
import { decodeStyledPart, styledParams } from '../operation/styled-params.ts'
import { requestPartSchema } from './operation-parts.ts'
import { asReceived, encodeQuery, paramText } from './request-input.ts'

// What a server reads from the parameters verify sends: values travel as text in their style, and a
// case is valid or not by what arrives, not by the value before it was written out.

/** Path segments no router can match: an empty one, and the dot segments URLs drop. */
export const UNSENDABLE_SEGMENTS = new Set(['', '.', '..'])

/** Values as they travel (text) and as the server reads that text back. */
export interface Reception {
  sent: Record<string, string | string[]>
  parsed: Record<string, unknown>
}

/**
 * Path parameters travel as text in their style (`a,b`, `.a.b`), which the server decodes before
 * checking.
 */
export function pathReception(
  operation: Operation,
): (values: Record<string, unknown>) => Reception {
  const styled = styledParams(requestPartSchema(operation, 'params'), 'path')
  return (values) => {
    const present = Object.entries(values).filter(
      ([, value]) => value !== undefined && value !== null,
    )
    const sent = Object.fromEntries(
      present.map(([name, value]) => [name, paramText(name, value, styled)]),
    )
    return { sent, parsed: decodeStyledPart(sent, styled) }
  }
}

/**
 * Query values as they travel (object parameters in their style) and as the server reads that query
 * string back.
 */
export function queryReception(
  operation: Operation,
): (values: Record<string, unknown>) => Reception {
  const compiled = compiledOf(operation)
  return (values) => {
    const search = encodeQuery(values, compiled.request.queryObjects)
    return {
      sent: asReceived(values),
      parsed: readQueryOf(compiled, new URLSearchParams(search.slice(1))).value,
    }
  }
}

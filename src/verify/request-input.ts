import type { Operation } from '../contract/types.ts'
import type { OutgoingRequest } from './transport.ts'

/** What a case sends, before it becomes an HTTP request. */
export interface RequestInput {
  params: Record<string, unknown>
  query: Record<string, unknown>
  /** Headers the operation itself declares (request.headers), not credentials. */
  headers: Record<string, string>
  /** A JSON value, or raw text for the malformed-JSON case. */
  body?: { json: unknown } | { raw: string }
}

export const EMPTY_INPUT: RequestInput = Object.freeze({ params: {}, query: {}, headers: {} }) as RequestInput

const BASE_HEADERS = { accept: 'application/json, application/problem+json', 'user-agent': 'standin-verify' }

/**
 * The HTTP request for an input: path parameters filled in and encoded, the query string built (arrays
 * repeat the key), the body serialized with its content type, and `headers` (credentials) added.
 *
 * @example
 * toOutgoing(getOrder, { params: { orderId: 'a1' }, query: {}, headers: {} }, {}) // { method: 'GET', path: '/orders/a1', ... }
 */
export function toOutgoing(operation: Operation, input: RequestInput, headers: Record<string, string>): OutgoingRequest {
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(toText(input.params[name])))
  const request: OutgoingRequest = {
    method: operation.method.toUpperCase(),
    path: path + encodeQuery(input.query),
    headers: { ...BASE_HEADERS, ...headers, ...input.headers },
  }
  if (input.body) {
    request.headers['content-type'] = 'application/json'
    request.body = 'raw' in input.body ? input.body.raw : JSON.stringify(input.body.json)
  }
  return request
}

/** `?a=1&tag=x&tag=y`, or '' when nothing is set. */
export function encodeQuery(query: Record<string, unknown>): string {
  const search = new URLSearchParams()
  for (const [name, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null) search.append(name, toText(item))
    }
  }
  const text = search.toString()
  return text === '' ? '' : `?${text}`
}

/** Path and query values as a server receives them: strings (arrays of strings for repeated keys). */
export function asReceived(values: Record<string, unknown>): Record<string, string | string[]> {
  const received: Record<string, string | string[]> = {}
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || value === null) continue
    received[name] = Array.isArray(value) ? value.filter((item) => item !== undefined && item !== null).map(toText) : toText(value)
  }
  return received
}

/** The JSON a server receives for a value (undefined fields dropped, NaN as null). */
export function asJsonReceived(value: unknown): unknown {
  const text = JSON.stringify(value)
  return text === undefined ? undefined : (JSON.parse(text) as unknown)
}

function toText(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'object' && value !== null) return JSON.stringify(value)
  return String(value)
}

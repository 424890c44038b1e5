import type { Operation } from '../contract/types.ts'
import { encodeBody } from './encode-body.ts'
import { encodeQueryObject, type QueryObject, queryObjects } from '../operation/query-objects.ts'
import { encodeStyled, type StyledParam, styledParams } from '../operation/styled-params.ts'
import { requestBodyOf, requestPartSchema, responseMediaTypes } from './operation-parts.ts'
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

export const EMPTY_INPUT: RequestInput = Object.freeze({
  params: {},
  query: {},
  headers: {},
}) as RequestInput

const BASE_ACCEPT = ['application/json', 'application/problem+json']

/**
 * The HTTP request for an input: path parameters filled in and encoded, the query string built
 * (arrays repeat the key), the body serialized in the operation's documented media type, an Accept
 * that covers the documented responses, and `headers` (credentials) added.
 *
 * @example
 * toOutgoing(getOrder, { params: { orderId: 'a1' }, query: {}, headers: {} }, {}) // { method: 'GET', path: '/orders/a1', ... }
 */
export function toOutgoing(
  operation: Operation,
  input: RequestInput,
  headers: Record<string, string>,
  credentialQuery: Record<string, string> = {},
): OutgoingRequest {
  const styled = styledParams(requestPartSchema(operation, 'params'), 'path')
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(paramText(name, input.params[name], styled)),
  )
  const request: OutgoingRequest = {
    method: operation.method.toUpperCase(),
    path:
      path +
      encodeQuery(
        { ...input.query, ...credentialQuery },
        queryObjects(requestPartSchema(operation, 'query')),
      ),
    headers: {
      accept: acceptFor(operation),
      'user-agent': 'standin-verify',
      ...headers,
      ...input.headers,
    },
  }
  if (input.body && 'raw' in input.body) {
    request.headers['content-type'] = 'application/json'
    request.body = input.body.raw
  } else if (input.body) {
    const encoded = encodeBody(
      input.body.json,
      requestBodyOf(operation)?.type ?? 'application/json',
    )
    request.headers['content-type'] = encoded.contentType
    request.body = encoded.text
  }
  return request
}

/**
 * `application/json, application/problem+json`, then every other media type the operation's
 * responses document.
 */
function acceptFor(operation: Operation): string {
  return [...new Set([...BASE_ACCEPT, ...responseMediaTypes(operation)])].join(', ')
}

/**
 * `?a=1&tag=x&tag=y`, or '' when nothing is set; object parameters go by their style
 * (`filter[kind]=x`).
 */
export function encodeQuery(
  query: Record<string, unknown>,
  objects: ReadonlyMap<string, QueryObject> = new Map(),
): string {
  const search = new URLSearchParams()
  for (const [name, value] of Object.entries(query)) {
    const object = objects.get(name)
    if (object && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [key, text] of encodeQueryObject(name, value as Record<string, unknown>, object))
        search.append(key, text)
      continue
    }
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null) search.append(name, toText(item))
    }
  }
  const text = search.toString()
  return text === '' ? '' : `?${text}`
}

/**
 * Path and query values as a server receives them: strings (arrays of strings for repeated keys).
 */
export function asReceived(values: Record<string, unknown>): Record<string, string | string[]> {
  const received: Record<string, string | string[]> = {}
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || value === null) continue
    received[name] = Array.isArray(value)
      ? value.filter((item) => item !== undefined && item !== null).map(toText)
      : toText(value)
  }
  return received
}

/** The JSON a server receives for a value (undefined fields dropped, NaN as null). */
export function asJsonReceived(value: unknown): unknown {
  const text = JSON.stringify(value)
  return text === undefined ? undefined : (JSON.parse(text) as unknown)
}

/** A path, header or cookie value as text: arrays and objects in their style, the rest as is. */
export function paramText(
  name: string,
  value: unknown,
  styled: ReadonlyMap<string, StyledParam>,
): string {
  const param = styled.get(name)
  return param && typeof value === 'object' && value !== null
    ? encodeStyled(name, value, param)
    : toText(value)
}

function toText(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'object' && value !== null) return JSON.stringify(value)
  return String(value)
}

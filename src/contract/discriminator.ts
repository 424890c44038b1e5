import type { RouteConfig } from '@hono/zod-openapi'
import type { Discriminator } from './types.ts'

/**
 * One `name` or `name=value` of a path key's discriminator, before it is known to be a header or a
 * query parameter.
 */
export interface PathKeyCondition {
  name: string
  /** Absent for a bare `name`: the parameter only has to be there. */
  value?: string
}

/**
 * A path key split into the path template that is routed and what tells its operation from others
 * there.
 */
export interface SplitPathKey {
  path: string
  conditions: PathKeyCondition[]
}

// `&`-separated names, each with an optional value; braces or slashes make it a templated query or
// a path.
const CONDITIONS = /^[^=&{}/#?\s]+(=[^=&{}/#?\s]*)?(&[^=&{}/#?\s]+(=[^=&{}/#?\s]*)?)*$/
const PATH_PARAM = /\{[^}]+\}/g
// OpenAPI describes these outside parameters, so a discriminator naming one means the header.
const HEADERS_OUTSIDE_PARAMETERS = new Set(['accept', 'content-type', 'authorization'])

/**
 * A path key as routed: the path before a `#` or `?` whose rest is `name=value` pairs or bare names
 * (how cloud-provider descriptions put several operations on one path), and those conditions. Any
 * other key is all path.
 *
 * @example
 * splitPathKey('/#X-Amz-Target=DynamoDB_20120810.GetItem') // { path: '/', conditions: [{ name: 'X-Amz-Target', value: 'DynamoDB_20120810.GetItem' }] }
 * splitPathKey('/{Bucket}?acl') // { path: '/{Bucket}', conditions: [{ name: 'acl' }] }
 */
export function splitPathKey(key: string): SplitPathKey {
  const at = key.search(/[#?]/)
  const tail = at < 0 ? '' : key.slice(at + 1)
  if (!CONDITIONS.test(tail)) return { path: key, conditions: [] }
  return { path: key.slice(0, at), conditions: tail.split('&').map(conditionOf) }
}

function conditionOf(text: string): PathKeyCondition {
  const equals = text.indexOf('=')
  return equals < 0
    ? { name: text }
    : { name: text.slice(0, equals), value: text.slice(equals + 1) }
}

/**
 * What makes two operations the same route: method, path template (parameter names aside) and
 * discriminator conditions in any order, names compared without case.
 *
 * @example
 * routeIdentity('get', '/{Bucket}#acl') === routeIdentity('GET', '/{name}?ACL') // true
 */
export function routeIdentity(method: string, key: string): string {
  const { path, conditions } = splitPathKey(key)
  const parts = conditions.map(({ name, value }) =>
    value === undefined ? name.toLowerCase() : `${name.toLowerCase()}=${value}`,
  )
  return `${method.toUpperCase()} ${path.replace(PATH_PARAM, '{}')} ${parts.sort().join('&')}`.trimEnd()
}

/**
 * The conditions of a path key as header or query discriminators: a name the route declares as a
 * header is that header (its declared spelling), any other a query parameter, as in a URL's query
 * string.
 *
 * @example
 * discriminatorsOf(splitPathKey('/#Action=Describe').conditions, route) // [{ in: 'query', name: 'Action', value: 'Describe' }]
 */
export function discriminatorsOf(
  conditions: readonly PathKeyCondition[],
  route: RouteConfig,
): Discriminator[] {
  const headers = shapeKeys(route.request?.headers)
  return conditions.map(({ name, value }) => {
    const header = headers.find((declared) => declared.toLowerCase() === name.toLowerCase())
    const where =
      header !== undefined || HEADERS_OUTSIDE_PARAMETERS.has(name.toLowerCase())
        ? 'header'
        : 'query'
    return { in: where, name: header ?? name, ...(value === undefined ? {} : { value }) }
  })
}

function shapeKeys(schema: unknown): string[] {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape
  return shape ? Object.keys(shape) : []
}

/**
 * Discriminators as a person reads them.
 *
 * @example
 * describeDiscriminators([{ in: 'header', name: 'X-Amz-Target', value: 'S.Get' }, { in: 'query', name: 'acl' }]) // 'header X-Amz-Target: S.Get and query parameter acl'
 */
export function describeDiscriminators(discriminators: readonly Discriminator[]): string {
  return discriminators.map(describeOne).join(' and ')
}

function describeOne({ in: where, name, value }: Discriminator): string {
  if (where === 'header') return value === undefined ? `header ${name}` : `header ${name}: ${value}`
  return value === undefined ? `query parameter ${name}` : `query ${name}=${value}`
}

/** The query and headers of a request, as a client is about to send them. */
export interface CarriedValues {
  query: Record<string, unknown>
  headers: Record<string, string>
}

/**
 * A request's query and headers with its discriminators set: each value, and an empty query
 * parameter for a bare name the query lacks (a bare header name is one the request declares or
 * always sends).
 *
 * @example
 * withDiscriminators({ query: {}, headers: {} }, [{ in: 'header', name: 'X-Amz-Target', value: 'S.Get' }, { in: 'query', name: 'acl' }])
 * // { query: { acl: '' }, headers: { 'X-Amz-Target': 'S.Get' } }
 */
export function withDiscriminators<T extends CarriedValues>(
  input: T,
  discriminators: readonly Discriminator[] = [],
): T {
  const query = { ...input.query }
  const headers = { ...input.headers }
  for (const { in: where, name, value } of discriminators) {
    if (where === 'query') query[name] = value ?? query[name] ?? ''
    else if (value !== undefined) headers[name] = value
  }
  return { ...input, query, headers }
}

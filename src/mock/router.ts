import { decodeText } from '../operation/text-fields.ts'
import type { Discriminator, Operation } from '../contract/types.ts'

export type MatchResult =
  | { kind: 'operation'; operation: Operation; params: Record<string, string> }
  /** The path exists, the method does not: `allow` is what the `Allow` header lists. */
  | { kind: 'wrong-method'; allow: string[] }
  /**
   * The path and method exist, but only for requests that carry the discriminators of one of these
   * operations.
   */
  | { kind: 'no-discriminator'; operations: Operation[] }
  | { kind: 'none' }

/** Where a request's discriminators are read: its headers and its query string. */
export interface RequestCarries {
  headers: Headers
  query: URLSearchParams
}

export interface Router {
  match(method: string, pathname: string, carries?: RequestCarries): MatchResult
}

interface CompiledRoute {
  operation: Operation
  pattern: RegExp
  /** Lower sorts first: fewer parameters, then more literal characters. */
  rank: number
  /** Among routes of one rank, more discriminators sort first: `?acl&versionId` before `?acl`. */
  specificity: number
}

const METHOD_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE']
const NOTHING_CARRIED: RequestCarries = { headers: new Headers(), query: new URLSearchParams() }

/**
 * Matches requests to operations. Literal paths beat templated ones (`/orders/search` before
 * `/orders/{orderId}`), HEAD falls back to GET, and parameters are percent-decoded. Operations that
 * share a method and path are told apart by their discriminators (a header or query value the
 * request carries); the one with the most that hold wins. Patterns are compiled on the first
 * request, not when the app is created.
 *
 * @example
 * createRouter(contract.operations).match('GET', '/products/42') // { kind: 'operation', operation, params: { productId: '42' } }
 */
export function createRouter(operations: readonly Operation[]): Router {
  let routes: CompiledRoute[] | undefined
  return {
    match(method, pathname, carries = NOTHING_CARRIED) {
      routes ??= operations
        .map(compileRoute)
        .sort((a, b) => a.rank - b.rank || b.specificity - a.specificity)
      return matchRoutes(routes, method.toUpperCase(), pathname, carries)
    },
  }
}

function matchRoutes(
  routes: CompiledRoute[],
  method: string,
  pathname: string,
  carries: RequestCarries,
): MatchResult {
  const candidates = routes.filter((route) => route.pattern.test(pathname))
  if (candidates.length === 0) return { kind: 'none' }
  const wanted = method === 'HEAD' ? ['HEAD', 'GET'] : [method]
  const withMethod = candidates.filter((candidate) =>
    wanted.includes(candidate.operation.method.toUpperCase()),
  )
  for (const name of wanted) {
    const route = withMethod.find(
      (candidate) =>
        candidate.operation.method.toUpperCase() === name &&
        holds(candidate.operation.discriminators, carries),
    )
    if (route)
      return { kind: 'operation', operation: route.operation, params: paramsOf(route, pathname) }
  }
  if (withMethod.length > 0)
    return {
      kind: 'no-discriminator',
      operations: withMethod.map((candidate) => candidate.operation),
    }
  return {
    kind: 'wrong-method',
    allow: allowedMethods(candidates.map((route) => route.operation.method.toUpperCase())),
  }
}

function holds(discriminators: readonly Discriminator[] = [], carries: RequestCarries): boolean {
  return discriminators.every((discriminator) => carried(discriminator, carries))
}

function carried({ in: where, name, value }: Discriminator, carries: RequestCarries): boolean {
  const values =
    where === 'header' ? headerValues(carries.headers, name) : carries.query.getAll(name)
  return value === undefined ? values.length > 0 : values.includes(value)
}

function headerValues(headers: Headers, name: string): string[] {
  const value = headers.get(name)
  return value === null ? [] : [value.trim()]
}

/** The `Allow` list for the methods a path has: HEAD comes with GET, OPTIONS always. */
export function allowedMethods(methods: string[]): string[] {
  const set = new Set([...methods, 'OPTIONS'])
  if (set.has('GET')) set.add('HEAD')
  return METHOD_ORDER.filter((method) => set.has(method))
}

function compileRoute(operation: Operation): CompiledRoute {
  const parts = operation.path.split(/\{[^}]+\}/)
  const source = parts.map(escapeRegExp).join('([^/]+)')
  const literal = parts.join('').length
  const rank = operation.pathParams.length * 10_000 - literal
  return {
    operation,
    pattern: new RegExp(`^${source}$`),
    rank,
    specificity: operation.discriminators?.length ?? 0,
  }
}

function paramsOf(route: CompiledRoute, pathname: string): Record<string, string> {
  const values = route.pattern.exec(pathname)?.slice(1) ?? []
  const params: Record<string, string> = {}
  route.operation.pathParams.forEach((name, index) => {
    params[name] = decodeText(values[index] ?? '')
  })
  return params
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

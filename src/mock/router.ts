import type { Operation } from '../contract/types.ts'

export type MatchResult =
  | { kind: 'operation'; operation: Operation; params: Record<string, string> }
  /** The path exists, the method does not: `allow` is what the `Allow` header lists. */
  | { kind: 'wrong-method'; allow: string[] }
  | { kind: 'none' }

export interface Router {
  match(method: string, pathname: string): MatchResult
}

interface CompiledRoute {
  operation: Operation
  pattern: RegExp
  /** Lower sorts first: fewer parameters, then more literal characters. */
  rank: number
}

const METHOD_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE']

/**
 * Matches request paths to operations. Literal paths beat templated ones (`/orders/search` before
 * `/orders/{orderId}`), HEAD falls back to GET, and parameters are percent-decoded. Patterns are compiled
 * on the first request, not when the app is created.
 *
 * @example
 * createRouter(contract.operations).match('GET', '/products/42') // { kind: 'operation', operation, params: { productId: '42' } }
 */
export function createRouter(operations: readonly Operation[]): Router {
  let routes: CompiledRoute[] | undefined
  return {
    match(method, pathname) {
      routes ??= operations.map(compileRoute).sort((a, b) => a.rank - b.rank)
      return matchRoutes(routes, method.toUpperCase(), pathname)
    },
  }
}

function matchRoutes(routes: CompiledRoute[], method: string, pathname: string): MatchResult {
  const candidates = routes.filter((route) => route.pattern.test(pathname))
  if (candidates.length === 0) return { kind: 'none' }
  const wanted = method === 'HEAD' ? ['HEAD', 'GET'] : [method]
  for (const name of wanted) {
    const route = candidates.find((candidate) => candidate.operation.method.toUpperCase() === name)
    if (route) return { kind: 'operation', operation: route.operation, params: paramsOf(route, pathname) }
  }
  return { kind: 'wrong-method', allow: allowedMethods(candidates.map((route) => route.operation.method.toUpperCase())) }
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
  return { operation, pattern: new RegExp(`^${source}$`), rank: operation.pathParams.length * 10_000 - literal }
}

function paramsOf(route: CompiledRoute, pathname: string): Record<string, string> {
  const values = route.pattern.exec(pathname)?.slice(1) ?? []
  const params: Record<string, string> = {}
  route.operation.pathParams.forEach((name, index) => {
    params[name] = tryDecode(values[index] ?? '')
  })
  return params
}

function tryDecode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

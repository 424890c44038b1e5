import type { Operation } from '../contract/types.ts'
import type { Router } from '../mock/router.ts'
import { withinBasePath } from '../operation/base-path.ts'
import type { ProxyExchange } from './exchange.ts'

/** The operation a request is, with its decoded path parameters. */
export interface RoutedRequest {
  operation: Operation
  params: Record<string, string>
}

/**
 * The operation a request is, as the mock routes it: its path inside `basePath` (or, for a
 * recording made against a backend with another base path, the whole path), its method, and the
 * discriminators its headers and query carry.
 */
export function routeRequest(
  router: Router,
  basePath: string,
  request: { method: string; url: string; headers: Headers },
  options: { anyBasePath?: boolean } = {},
): RoutedRequest | undefined {
  if (!URL.canParse(request.url)) return undefined
  const url = new URL(request.url)
  const pathname =
    withinBasePath(url.pathname, basePath) ?? (options.anyBasePath ? url.pathname : undefined)
  if (pathname === undefined) return undefined
  const match = router.match(request.method, pathname, {
    headers: request.headers,
    query: url.searchParams,
  })
  return match.kind === 'operation'
    ? { operation: match.operation, params: match.params }
    : undefined
}

/** The operation a recorded request is, wherever the recording was made. */
export function routeRecorded(
  router: Router,
  basePath: string,
  request: ProxyExchange['request'],
): RoutedRequest | undefined {
  const headers = new Headers(validHeaders(request.headers))
  return routeRequest(router, basePath, { ...request, headers }, { anyBasePath: true })
}

/** The headers a Headers object takes: a recording from elsewhere may hold names or values it refuses. */
export function validHeaders(
  headers: ProxyExchange['request']['headers'],
): Array<[string, string]> {
  return headers.filter(([name, value]) => {
    try {
      new Headers([[name, value]])
      return true
    } catch {
      return false
    }
  })
}

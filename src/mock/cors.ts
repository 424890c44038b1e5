import { withChangedHeaders } from './changed-headers.ts'

export type CorsOrigins = '*' | string[] | false

// Headers a browser script can read without being told (CORS-safelisted response headers).
const SAFELISTED = new Set([
  'cache-control',
  'content-language',
  'content-length',
  'content-type',
  'expires',
  'last-modified',
  'pragma',
])

/** True for a CORS preflight: OPTIONS with Origin and Access-Control-Request-Method. */
export function isPreflight(request: Request): boolean {
  return (
    request.method === 'OPTIONS' &&
    request.headers.has('origin') &&
    request.headers.has('access-control-request-method')
  )
}

/**
 * Answers a preflight with 204. An allowed origin is reflected (so credentialed requests work), the
 * requested headers are allowed, and the methods are the path's own.
 *
 * @example
 * preflightResponse(request, '*', ['GET', 'HEAD', 'OPTIONS'])
 */
export function preflightResponse(
  request: Request,
  origins: CorsOrigins,
  methods: string[],
): Response {
  const headers = new Headers({
    Vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
  })
  const origin = allowedOrigin(request, origins)
  if (origin) {
    headers.set('Access-Control-Allow-Origin', origin)
    headers.set('Access-Control-Allow-Credentials', 'true')
    headers.set('Access-Control-Allow-Methods', methods.join(', '))
    const requested = request.headers.get('access-control-request-headers')
    if (requested) headers.set('Access-Control-Allow-Headers', requested)
    headers.set('Access-Control-Max-Age', '600')
  }
  return new Response(null, { status: 204, headers })
}

/**
 * Adds the CORS headers for the request's origin to the response; every header it carries is
 * exposed to scripts. The headers are set on the response itself: building a new Response around
 * `response.body` would turn a string body into a stream, which Node then sends chunked and several
 * times slower.
 *
 * @example
 * withCors(new Response('{}', { headers: { 'Content-Type': 'application/json' } }), request, '*')
 */
export function withCors(response: Response, request: Request, origins: CorsOrigins): Response {
  if (origins === false) return response
  const origin = allowedOrigin(request, origins)
  const exposed = origin ? [...response.headers.keys()].filter((name) => !SAFELISTED.has(name)) : []
  return withChangedHeaders(response, (headers) => addCorsHeaders(headers, origin, exposed))
}

function addCorsHeaders(headers: Headers, origin: string | undefined, exposed: string[]): void {
  headers.append('Vary', 'Origin')
  if (origin) {
    headers.set('Access-Control-Allow-Origin', origin)
    headers.set('Access-Control-Allow-Credentials', 'true')
    if (exposed.length > 0) headers.set('Access-Control-Expose-Headers', exposed.join(', '))
  }
}

function allowedOrigin(request: Request, origins: CorsOrigins): string | undefined {
  const origin = request.headers.get('origin')
  if (origins === false || origin === null) return undefined
  return origins === '*' || origins.includes(origin) ? origin : undefined
}

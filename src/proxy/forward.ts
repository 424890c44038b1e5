/** Sends a request on and answers: `fetch`, or another with its signature (tests, service bindings). */
export type Transport = (request: Request) => Promise<Response>

/**
 * Hop-by-hop headers (RFC 9110 §7.6.1): they belong to one connection and are never forwarded
 * either way; Host is the target's, set by the transport.
 */
export const HOP_BY_HOP_HEADERS: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
])

/** Answers larger than this (or event streams) are streamed through: not held, not checked. */
export const MAX_HELD_BODY_BYTES = 16 * 1024 * 1024

/**
 * Whether an answer with these headers is read whole before it is sent on: not an event stream, and
 * no longer than MAX_HELD_BODY_BYTES.
 *
 * @example
 * holdsWhole(new Headers({ 'content-type': 'text/event-stream' })) // false
 */
export function holdsWhole(headers: Headers): boolean {
  const type = headers.get('content-type') ?? ''
  const length = Number(headers.get('content-length') ?? 0)
  return !type.startsWith('text/event-stream') && length <= MAX_HELD_BODY_BYTES
}

/**
 * The request as the backend gets it: the same method, path, query, headers and body, at the
 * target (`http://127.0.0.1:3000` + `/api/products?page=2`; a target with a path prefixes it),
 * without hop-by-hop headers (and those `Connection` names), with `X-Forwarded-Host` and
 * `X-Forwarded-Proto`; redirects are the client's to follow.
 *
 * @example
 * forwardedRequest(new URL('http://127.0.0.1:3000'), request, body)
 */
export function forwardedRequest(
  target: URL,
  request: Request,
  body: Uint8Array<ArrayBuffer> | undefined,
): Request {
  const incoming = new URL(request.url)
  const prefix = target.pathname.replace(/\/+$/, '')
  const url = `${target.origin}${prefix}${incoming.pathname}${incoming.search}`
  const headers = withoutHopByHop(request.headers)
  headers.set('X-Forwarded-Host', incoming.host)
  headers.set('X-Forwarded-Proto', incoming.protocol.replace(/:$/, ''))
  return new Request(url, {
    method: request.method,
    headers,
    body: body && body.byteLength > 0 ? body : undefined,
    redirect: 'manual',
  })
}

/**
 * The backend's answer as the client gets it: status, status text and headers, without hop-by-hop
 * headers; a `Location` into the target is moved to the proxy; a body the transport decoded
 * (`Content-Encoding: gzip`) is sent decoded, without that header and its length.
 *
 * @example
 * passedOn(answer, bytes, target, new URL(request.url))
 */
export function passedOn(
  answer: Response,
  body: Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array> | null,
  target: URL,
  proxy: URL,
): Response {
  const headers = withoutHopByHop(answer.headers)
  // fetch hands a body over decoded (on Node and on Workers), so it is sent on as that.
  if (headers.has('content-encoding')) {
    headers.delete('content-encoding')
    headers.delete('content-length')
  }
  const location = headers.get('location')
  if (location) headers.set('location', movedToProxy(location, target, proxy))
  const empty = answer.status === 204 || answer.status === 205 || answer.status === 304
  return new Response(empty ? null : body, {
    status: answer.status,
    statusText: answer.statusText,
    headers,
  })
}

function withoutHopByHop(source: Headers): Headers {
  const named = (source.get('connection') ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean)
  const headers = new Headers()
  for (const [name, value] of source) {
    if (HOP_BY_HOP_HEADERS.has(name) || named.includes(name)) continue
    // Several Set-Cookie headers stay several (Headers joins the others with a comma).
    if (name === 'set-cookie') continue
    headers.append(name, value)
  }
  for (const cookie of source.getSetCookie?.() ?? []) headers.append('set-cookie', cookie)
  return headers
}

function movedToProxy(location: string, target: URL, proxy: URL): string {
  const prefix = `${target.origin}${target.pathname.replace(/\/+$/, '')}`
  if (!location.startsWith(prefix)) return location
  const rest = location.slice(prefix.length)
  return rest === '' || rest.startsWith('/') || rest.startsWith('?')
    ? `${proxy.origin}${rest}`
    : location
}

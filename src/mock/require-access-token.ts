import type { MiddlewareHandler } from 'hono'
import { problemResponse } from './problem.ts'

const encoder = new TextEncoder()

/**
 * Makes a preview private: with a token set, every request except a CORS preflight must carry it as
 * `Authorization: Bearer TOKEN`, `X-Standin-Access-Token: TOKEN` or `?access_token=TOKEN` (for
 * links a customer can open), compared in constant time. Without a token the middleware lets
 * everything through.
 *
 * @example
 * app.use(requireAccessToken(env.STANDIN_ACCESS_TOKEN))
 */
export function requireAccessToken(token: string | undefined): MiddlewareHandler {
  const expected = token ? digest(token) : undefined
  return async function accessToken(c, next) {
    if (!expected || isPreflight(c.req.raw)) return next()
    const given = presentedToken(c.req.raw)
    if (given !== undefined && (await sameDigest(await expected, await digest(given))))
      return next()
    return problemResponse({
      kind: 'unauthorized',
      status: 401,
      detail:
        given === undefined
          ? 'This preview is private. Send the access token as "Authorization: Bearer TOKEN" or open the link with ?access_token=TOKEN.'
          : 'The access token is not valid for this preview.',
      headers: { 'WWW-Authenticate': 'Bearer realm="standin preview"' },
    })
  }
}

function isPreflight(request: Request): boolean {
  return request.method === 'OPTIONS' && request.headers.has('Access-Control-Request-Method')
}

/**
 * The access token of a request: `?access_token=` (a shared link), then `X-Standin-Access-Token`
 * (for apps whose Authorization header carries their own user tokens), then `Authorization:
 * Bearer`.
 */
export function presentedToken(request: Request): string | undefined {
  const fromQuery = new URL(request.url).searchParams.get('access_token')
  if (fromQuery) return fromQuery
  const fromHeader = request.headers.get('X-Standin-Access-Token')
  if (fromHeader) return fromHeader.trim()
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('Authorization') ?? '')
  return match?.[1]
}

function digest(text: string): Promise<Uint8Array> {
  return crypto.subtle
    .digest('SHA-256', encoder.encode(text))
    .then((buffer) => new Uint8Array(buffer))
}

// Comparing fixed-length digests byte by byte, without an early exit, leaks neither length nor
// prefix.
async function sameDigest(a: Uint8Array, b: Uint8Array): Promise<boolean> {
  let difference = a.length ^ b.length
  for (let i = 0; i < a.length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0)
  return difference === 0
}

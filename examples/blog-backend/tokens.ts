import { createHmac, timingSafeEqual } from 'node:crypto'

// JSON Web Tokens signed with HS256, as most blogging backends issue them:
// `header.payload.signature`.

export interface TokenClaims {
  sub: string
  iat: number
}

/** A signed token for a user. */
export function issueToken(secret: string, username: string, issuedAt: number): string {
  const header = encode({ alg: 'HS256', typ: 'JWT' })
  const payload = encode({ sub: username, iat: issuedAt } satisfies TokenClaims)
  return `${header}.${payload}.${sign(secret, `${header}.${payload}`)}`
}

/**
 * The claims of a token this backend issued: HS256, and a signature that matches. `trusting` reads
 * any well-formed token without checking how it is signed (`alg: none` included): the mistake a
 * planted bug makes.
 */
export function readToken(
  secret: string,
  token: string,
  trusting = false,
): TokenClaims | undefined {
  const [header, payload, signature] = token.split('.')
  if (header === undefined || payload === undefined || signature === undefined) return undefined
  const alg = (decode(header) as { alg?: unknown } | undefined)?.alg
  const claims = decode(payload) as Partial<TokenClaims> | undefined
  if (typeof claims?.sub !== 'string') return undefined
  if (trusting) return { sub: claims.sub, iat: Number(claims.iat ?? 0) }
  if (alg !== 'HS256' || !sameText(signature, sign(secret, `${header}.${payload}`)))
    return undefined
  return { sub: claims.sub, iat: Number(claims.iat ?? 0) }
}

function sign(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('base64url')
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

function decode(text: string): unknown {
  try {
    return JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown
  } catch {
    return undefined
  }
}

import type { Contract, Operation, SecurityScheme } from '../contract/types.ts'
import { bearerCredentials, type Credentials } from './credentials.ts'
import { requiresAuth } from './operation-parts.ts'

// The tokens a login or a registration answers with, how the contract's secured operations want
// them sent, and tokens forged from them (well-formed, never issued) to see that a server checks
// its tokens.

const TOKEN_FIELDS = [
  'accessToken',
  'access_token',
  'token',
  'idToken',
  'id_token',
  'jwt',
  'refreshToken',
  'refresh_token',
]
/** The first fields of TOKEN_FIELDS name tokens that authorize requests. */
const ACCESS_FIELDS = 6
const LOGIN_NAME = /log-?in|sign-?in|session|token/i
const REGISTRATION_NAME = /regist|sign-?up|create-?user|\/users\/?$|\/accounts\/?$/i
const MAX_DEPTH = 2

/**
 * An unsecured POST that looks like a login (`login`, `/auth/login`, `createSession`,
 * `/oauth/token`).
 */
export function findLoginOperation(contract: Contract): Operation | undefined {
  if (!contract.operations.some(requiresAuth)) return undefined
  return contract.operations.find(
    (op) => isUnsecuredPost(op) && LOGIN_NAME.test(`${op.operationId} ${op.path}`),
  )
}

/** An unsecured POST that looks like a registration (`register`, `signUp`, `POST /users`). */
export function findRegistrationOperation(contract: Contract): Operation | undefined {
  if (!contract.operations.some(requiresAuth)) return undefined
  return contract.operations.find(
    (op) =>
      isUnsecuredPost(op) &&
      REGISTRATION_NAME.test(`${op.operationId} ${op.path}`) &&
      !LOGIN_NAME.test(`${op.operationId} ${op.path}`),
  )
}

function isUnsecuredPost(op: Operation): boolean {
  return (
    op.method === 'post' &&
    !requiresAuth(op) &&
    !/log-?out|sign-?out/i.test(op.path + op.operationId)
  )
}

/**
 * The token in a login answer: a string field named like `accessToken`, at the top or in an
 * envelope (`user.token`).
 */
export function tokenOf(body: unknown): string | undefined {
  return tokensIn(body).find((found) => TOKEN_FIELDS.slice(0, ACCESS_FIELDS).includes(found.field))
    ?.value
}

/** Every token-like string field of a body, two objects deep (access, refresh and id tokens). */
export function tokensIn(body: unknown, depth = 0): { field: string; value: string }[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || depth > MAX_DEPTH)
    return []
  const record = body as Record<string, unknown>
  const own = TOKEN_FIELDS.flatMap((field) =>
    typeof record[field] === 'string' ? [{ field, value: record[field] as string }] : [],
  )
  return [...own, ...Object.values(record).flatMap((field) => tokensIn(field, depth + 1))]
}

/**
 * How the contract's secured operations expect a token: `Authorization: Bearer …`, an API key
 * header (with the scheme word its description shows, as in `Authorization: Token …`), cookie or
 * query.
 */
export function credentialsForToken(contract: Contract, token: string): Credentials | undefined {
  const scheme = usedSchemes(contract)[0]
  if (!scheme) return undefined
  if (scheme.type === 'apiKey' && scheme.in === 'header')
    return bearerCredentials(token, scheme.name, prefixOf(scheme))
  if (scheme.type === 'apiKey' && scheme.in === 'cookie')
    return {
      headers: { cookie: `${scheme.name}=${token}` },
      shown: { cookie: `${scheme.name}=***` },
      query: {},
      secrets: [token],
    }
  if (scheme.type === 'apiKey' && scheme.in === 'query')
    return { headers: {}, shown: {}, query: { [scheme.name]: token }, secrets: [token] }
  if (
    scheme.type === 'apiKey' ||
    (scheme.type === 'http' && scheme.scheme.toLowerCase() !== 'bearer')
  )
    return undefined
  return bearerCredentials(token)
}

/** `Token ` where an API key in `Authorization` is documented as `Authorization: Token <token>`. */
function prefixOf(scheme: Extract<SecurityScheme, { type: 'apiKey' }>): string {
  if (scheme.name.toLowerCase() !== 'authorization') return ''
  const word = /\b(Bearer|Token|JWT)\s+(?:<|\{|\$|x{3,}|[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(
    scheme.description ?? '',
  )?.[1]
  return word ? `${word} ` : ''
}

function usedSchemes(contract: Contract): SecurityScheme[] {
  const names = new Set(
    contract.operations.flatMap((op) =>
      op.security.flatMap((requirement) => Object.keys(requirement)),
    ),
  )
  return [...names].flatMap((name) => {
    const scheme = contract.securitySchemes?.[name]
    return scheme ? [scheme] : []
  })
}

/**
 * Tokens shaped like one that was issued but never issued themselves: for a JSON Web Token, the
 * same claims with the signature changed, and with `alg: none` and no signature; for anything else,
 * a token of the same length and alphabet.
 *
 * @example
 * forgeriesOf('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqYWtlIn0.sig') // ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqYWtlIn0.tig', 'eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJqYWtlIn0.']
 */
export function forgeriesOf(token: string): { name: string; token: string }[] {
  const parts = token.split('.')
  if (
    parts.length === 3 &&
    parts.every((part) => /^[A-Za-z0-9_-]*$/.test(part)) &&
    isJson(parts[1] as string)
  ) {
    const none = btoa(JSON.stringify({ alg: 'none', typ: 'JWT' }))
      .replace(/=+$/, '')
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
    return [
      {
        name: 'a token with a tampered signature',
        token: `${parts[0]}.${parts[1]}.${tampered(parts[2] as string)}`,
      },
      { name: 'a token signed with alg: none', token: `${none}.${parts[1]}.` },
    ]
  }
  return [{ name: 'a token never issued', token: tampered(token) }]
}

/**
 * The text with every letter and digit moved one on in its alphabet (`a` → `b`, `z` → `a`, `9` →
 * `0`).
 */
function tampered(text: string): string {
  const turned = [...text].map(nextInAlphabet).join('')
  return turned === text ? `${text}x` : turned
}

const ALPHABETS: ReadonlyArray<readonly [string, string]> = [
  ['a', 'z'],
  ['A', 'Z'],
  ['0', '9'],
]

function nextInAlphabet(char: string): string {
  const alphabet = ALPHABETS.find(([first, last]) => char >= first && char <= last)
  if (!alphabet) return char
  return char === alphabet[1] ? alphabet[0] : String.fromCharCode(char.charCodeAt(0) + 1)
}

function isJson(part: string): boolean {
  try {
    JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/')))
    return true
  } catch {
    return false
  }
}

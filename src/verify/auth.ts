import type { Contract, Operation, SecurityScheme } from '../contract/types.ts'
import { bearerCredentials, type Credentials, isSensitiveHeader } from './credentials.ts'
import type { AuthMode } from './generate-cases.ts'
import { requiresAuth } from './operation-parts.ts'

const INVALID_TOKEN = 'standin-invalid-token'
const TOKEN_FIELDS = ['accessToken', 'access_token', 'token', 'idToken', 'id_token', 'jwt', 'refreshToken', 'refresh_token']
/** The first fields of TOKEN_FIELDS name tokens that authorize requests. */
const ACCESS_FIELDS = 6
const LOGIN_NAME = /log-?in|sign-?in|session|token/i

/** Lower-case names of the headers that carry credentials in this contract. */
export function credentialHeaderNames(contract: Contract): Set<string> {
  const names = new Set(['authorization', 'cookie'])
  for (const scheme of Object.values(contract.securitySchemes ?? {})) {
    if (scheme.type === 'apiKey' && scheme.in === 'header') names.add(scheme.name.toLowerCase())
  }
  return names
}

/** True when the user's headers already carry credentials, so standin does not log in itself. */
export function carriesCredentials(headers: Record<string, string>, contract: Contract): boolean {
  const names = credentialHeaderNames(contract)
  return Object.keys(headers).some((name) => names.has(name.toLowerCase()) || isSensitiveHeader(name))
}

/** The headers a case sends: the credentials as they are, without them, or with malformed ones. */
export function headersForMode(mode: AuthMode, credentials: Credentials, operation: Operation, contract: Contract): Credentials {
  if (mode === 'valid') return credentials
  const names = credentialHeaderNames(contract)
  const keep = (name: string) => !names.has(name.toLowerCase()) && !isSensitiveHeader(name)
  const headers = Object.fromEntries(Object.entries(credentials.headers).filter(([name]) => keep(name)))
  const shown = Object.fromEntries(Object.entries(credentials.shown).filter(([name]) => keep(name)))
  if (mode === 'none') return { headers, shown, secrets: credentials.secrets }
  return { headers: { ...headers, ...malformedHeaders(operation, contract) }, shown, secrets: credentials.secrets }
}

function malformedHeaders(operation: Operation, contract: Contract): Record<string, string> {
  const name = Object.keys(operation.security[0] ?? {})[0]
  const scheme = name ? contract.securitySchemes?.[name] : undefined
  if (scheme?.type === 'apiKey' && scheme.in === 'header') return { [scheme.name]: INVALID_TOKEN }
  if (scheme?.type === 'apiKey' && scheme.in === 'cookie') return { cookie: `${scheme.name}=${INVALID_TOKEN}` }
  if (scheme?.type === 'http' && scheme.scheme.toLowerCase() === 'basic') return { Authorization: 'Basic c3RhbmRpbjppbnZhbGlk' }
  return { Authorization: `Bearer ${INVALID_TOKEN}` }
}

/** An unsecured POST that looks like a login (`login`, `/auth/login`, `createSession`, `/oauth/token`). */
export function findLoginOperation(contract: Contract): Operation | undefined {
  if (!contract.operations.some(requiresAuth)) return undefined
  return contract.operations.find(
    (op) => op.method === 'post' && !requiresAuth(op) && !/log-?out|sign-?out/i.test(op.path + op.operationId) && LOGIN_NAME.test(`${op.operationId} ${op.path}`),
  )
}

/** The token in a login response: a string field named like `accessToken` at the top or under `data`. */
export function tokenOf(body: unknown): string | undefined {
  return tokensIn(body).find((found) => TOKEN_FIELDS.slice(0, ACCESS_FIELDS).includes(found.field))?.value
}

/** Every token-like string field at the top of a body or under `data` (access, refresh and id tokens). */
export function tokensIn(body: unknown): { field: string; value: string }[] {
  return [body, (body as { data?: unknown } | null)?.data].flatMap((holder) => {
    if (typeof holder !== 'object' || holder === null) return []
    const record = holder as Record<string, unknown>
    return TOKEN_FIELDS.flatMap((field) => (typeof record[field] === 'string' ? [{ field, value: record[field] as string }] : []))
  })
}

/** How the contract's secured operations expect a token to be sent. */
export function credentialsForToken(contract: Contract, token: string): Credentials | undefined {
  const scheme = usedSchemes(contract)[0]
  if (!scheme) return undefined
  if (scheme.type === 'apiKey' && scheme.in === 'header') return bearerCredentials(token, scheme.name, '')
  if (scheme.type === 'apiKey' && scheme.in === 'cookie') return { headers: { cookie: `${scheme.name}=${token}` }, shown: { cookie: `${scheme.name}=***` }, secrets: [token] }
  if (scheme.type === 'apiKey' || (scheme.type === 'http' && scheme.scheme.toLowerCase() !== 'bearer')) return undefined
  return bearerCredentials(token)
}

function usedSchemes(contract: Contract): SecurityScheme[] {
  const names = new Set(contract.operations.flatMap((op) => op.security.flatMap((requirement) => Object.keys(requirement))))
  return [...names].flatMap((name) => {
    const scheme = contract.securitySchemes?.[name]
    return scheme ? [scheme] : []
  })
}

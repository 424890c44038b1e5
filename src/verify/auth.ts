import type { Contract, Operation, SecurityScheme } from '../contract/types.ts'
import { type Credentials, isSensitiveHeader } from './credentials.ts'
import type { AuthMode } from './generate-cases.ts'
import type { RequestInput } from './request-input.ts'
import { forgeriesOf } from './tokens.ts'

const FORGED_TOKEN = 'c3RhbmRpbi1mb3JnZWQtdG9rZW4'
const FORGED_KEY = 'standin-forged-key'

/** Lower-case names of the headers that carry credentials in this contract. */
export function credentialHeaderNames(contract: Contract): Set<string> {
  const names = new Set(['authorization', 'cookie'])
  for (const scheme of Object.values(contract.securitySchemes ?? {})) {
    if (scheme.type === 'apiKey' && scheme.in === 'header') names.add(scheme.name.toLowerCase())
  }
  return names
}

/**
 * Names of the query parameters that carry credentials in this contract (API keys in the query).
 */
export function credentialQueryNames(contract: Contract): Set<string> {
  return new Set(
    Object.values(contract.securitySchemes ?? {}).flatMap((scheme) =>
      scheme.type === 'apiKey' && scheme.in === 'query' ? [scheme.name] : [],
    ),
  )
}

/**
 * True when the user's headers or query already carry credentials, so standin does not log in
 * itself.
 */
export function carriesCredentials(
  headers: Record<string, string>,
  contract: Contract,
  query: Record<string, string> = {},
): boolean {
  const names = credentialHeaderNames(contract)
  const queryNames = credentialQueryNames(contract)
  return (
    Object.keys(headers).some((name) => names.has(name.toLowerCase()) || isSensitiveHeader(name)) ||
    Object.keys(query).some((name) => queryNames.has(name))
  )
}

/**
 * The credentials a case sends: as they are; none; malformed ones (the wrong scheme, an empty token
 * or key), which no server may take; or forged ones, well-formed but never issued, which a server
 * that checks its tokens refuses (a mock takes any well-formed one, by design).
 */
export function credentialsForMode(
  mode: AuthMode,
  credentials: Credentials,
  operation: Operation,
  contract: Contract,
  forgery = 0,
): Credentials {
  if (mode === 'valid') return credentials
  const names = credentialHeaderNames(contract)
  const queryNames = credentialQueryNames(contract)
  const keep = (name: string) => !names.has(name.toLowerCase()) && !isSensitiveHeader(name)
  const headers = Object.fromEntries(
    Object.entries(credentials.headers).filter(([name]) => keep(name)),
  )
  const shown = Object.fromEntries(Object.entries(credentials.shown).filter(([name]) => keep(name)))
  const query = Object.fromEntries(
    Object.entries(credentials.query).filter(([name]) => !queryNames.has(name)),
  )
  const without = { headers, shown, query, secrets: credentials.secrets }
  if (mode === 'none') return without
  const schemes = schemesOf(operation, contract)
  const own = mode === 'forged' ? forgeriesOfCredentials(credentials, contract)[forgery] : undefined
  const sent =
    mode === 'malformed'
      ? malformedCredentials(schemes)
      : (own?.sent ?? forgedCredentials(schemes[0]))
  const masked = Object.fromEntries(
    Object.keys(own?.sent.headers ?? {}).map((name) => [
      name.toLowerCase(),
      maskedToken(own?.sent.headers[name] ?? ''),
    ]),
  )
  return {
    headers: { ...headers, ...sent.headers },
    shown: { ...shown, ...masked },
    query: { ...query, ...sent.query },
    // A forgery of the run's own token gives the token away (its letters moved one on, its claims).
    secrets: own ? [...credentials.secrets, own.token] : credentials.secrets,
  }
}

/**
 * Forgeries of the run's own credentials: its token (from \`Authorization\`, an API key header or
 * query parameter) with a tampered signature or signed with \`alg: none\` for a JSON Web Token,
 * else a token of the same shape that was never issued. None when the run has no credentials of its
 * own.
 *
 * @example
 * forgeriesOfCredentials(loggedIn, contract).map((forgery) => forgery.name) // ['a token with a tampered signature', 'a token signed with alg: none']
 */
export function forgeriesOfCredentials(
  credentials: Credentials,
  contract: Contract,
): { name: string; token: string; sent: Sent }[] {
  const names = credentialHeaderNames(contract)
  const header = Object.entries(credentials.headers).find(
    ([name]) =>
      name.toLowerCase() !== 'cookie' && (names.has(name.toLowerCase()) || isSensitiveHeader(name)),
  )
  if (header) {
    const [name, value] = header
    const token = value.split(/\s+/).at(-1) ?? ''
    return token === ''
      ? []
      : forgeriesOf(token).map((forged) => ({
          name: forged.name,
          token: forged.token,
          sent: {
            headers: { [name]: value.slice(0, value.length - token.length) + forged.token },
            query: {},
          },
        }))
  }
  const queryNames = credentialQueryNames(contract)
  const query = Object.entries(credentials.query).find(([name]) => queryNames.has(name))
  if (!query || query[1] === '') return []
  return forgeriesOf(query[1]).map((forged) => ({
    name: forged.name,
    token: forged.token,
    sent: { headers: {}, query: { [query[0]]: forged.token } },
  }))
}

/** A forged token is shown like a real one: its scheme word, then \`***\`. */
function maskedToken(value: string): string {
  const words = value.split(/\s+/)
  return words.length > 1 ? `${words.slice(0, -1).join(' ')} ***` : '***'
}

/**
 * A request's own parameters without the ones that carry credentials (an operation may declare its
 * API key as a query parameter too): a case without credentials must not send them that way either.
 */
export function withoutCredentialInput(input: RequestInput, contract: Contract): RequestInput {
  const headerNames = credentialHeaderNames(contract)
  const queryNames = credentialQueryNames(contract)
  return {
    ...input,
    query: Object.fromEntries(
      Object.entries(input.query).filter(([name]) => !queryNames.has(name)),
    ),
    headers: Object.fromEntries(
      Object.entries(input.headers).filter(([name]) => !headerNames.has(name.toLowerCase())),
    ),
  }
}

/** The schemes the operation's security requirements name, in order (none: bearer). */
function schemesOf(operation: Operation, contract: Contract): SecurityScheme[] {
  const names = [...new Set(operation.security.flatMap((requirement) => Object.keys(requirement)))]
  return names.flatMap((name) => {
    const scheme = contract.securitySchemes?.[name]
    return scheme ? [scheme] : []
  })
}

type Sent = { headers: Record<string, string>; query: Record<string, string> }

/**
 * Credentials no server may accept, for every scheme the operation takes at once: an empty key, and
 * the wrong scheme in `Authorization` (empty where an API key also lives in that header, which any
 * text fills).
 */
function malformedCredentials(schemes: SecurityScheme[]): Sent {
  const sent: Sent = { headers: {}, query: {} }
  for (const scheme of schemes.filter((candidate) => candidate.type === 'apiKey'))
    merge(sent, apiKeyCredentials(scheme as Extract<SecurityScheme, { type: 'apiKey' }>, ''))
  const authorizationIsKey = Object.keys(sent.headers).some(
    (name) => name.toLowerCase() === 'authorization',
  )
  const http = schemes.find((scheme) => scheme.type !== 'apiKey')
  if (http && !authorizationIsKey) sent.headers.Authorization = wrongScheme(http)
  if (schemes.length === 0) sent.headers.Authorization = 'Basic standin-malformed'
  return sent
}

function wrongScheme(scheme: SecurityScheme): string {
  return scheme.type === 'http' && scheme.scheme.toLowerCase() !== 'bearer'
    ? 'Bearer'
    : 'Basic standin-malformed'
}

function merge(into: Sent, from: Sent): void {
  Object.assign(into.headers, from.headers)
  Object.assign(into.query, from.query)
}

/** Credentials of the right shape that no one was ever given. */
function forgedCredentials(scheme: SecurityScheme | undefined): Sent {
  if (scheme?.type === 'apiKey') return apiKeyCredentials(scheme, FORGED_KEY)
  if (scheme?.type === 'http' && scheme.scheme.toLowerCase() === 'basic')
    return { headers: { Authorization: `Basic ${btoa('standin:forged-password')}` }, query: {} }
  if (scheme?.type === 'http' && scheme.scheme.toLowerCase() !== 'bearer')
    return {
      headers: { Authorization: `${capitalised(scheme.scheme)} ${FORGED_TOKEN}` },
      query: {},
    }
  return { headers: { Authorization: `Bearer ${FORGED_TOKEN}` }, query: {} }
}

function apiKeyCredentials(
  scheme: Extract<SecurityScheme, { type: 'apiKey' }>,
  value: string,
): Sent {
  if (scheme.in === 'query') return { headers: {}, query: { [scheme.name]: value } }
  if (scheme.in === 'cookie') return { headers: { cookie: `${scheme.name}=${value}` }, query: {} }
  return { headers: { [scheme.name]: value }, query: {} }
}

function capitalised(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase()
}

import type { Contract, Operation, SecurityScheme } from '../contract/types.ts'
import { readCookies } from './request-parts.ts'
import type { ProblemIssue } from './problem.ts'

export type AuthResult =
  | { ok: true }
  | { ok: false; detail: string; issues: ProblemIssue[]; challenges: string[] }

const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*$/

/**
 * Checks that a request carries credentials for one of the operation's security requirements. Any
 * well-formed credential is accepted: the mock checks shape, not secrets.
 *
 * @example
 * authenticate(contract, operation, request).ok // false without `Authorization: Bearer …`
 */
export function authenticate(
  contract: Contract,
  operation: Operation,
  request: Request,
): AuthResult {
  const requirements = operation.security
  if (requirements.length === 0) return { ok: true }
  const failures: ProblemIssue[][] = []
  for (const requirement of requirements) {
    const issues = Object.keys(requirement).flatMap((name) =>
      checkScheme(contract.securitySchemes?.[name], request),
    )
    if (issues.length === 0) return { ok: true }
    failures.push(issues)
  }
  const names = Object.keys(requirements[0] ?? {})
  return {
    ok: false,
    detail: `${operation.operationId} needs credentials: ${describeRequirements(contract, requirements)}.`,
    issues: failures[0] ?? [],
    challenges: names
      .map((name) => challengeOf(contract.securitySchemes?.[name]))
      .filter((c) => c !== ''),
  }
}

/** Where a request carries a credential: headers, query parameters and cookies by name. */
export interface Credentials {
  headers: Record<string, string>
  query: Record<string, string>
  cookies: Record<string, string>
}

/**
 * Well-formed stand-in credentials for an operation's first security requirement (the mock checks
 * shape, not secrets): what a request in process needs to pass `authenticate`.
 *
 * @example
 * credentialsFor(contract, operation) // { headers: { Authorization: 'Bearer standin' }, query: {}, cookies: {} }
 */
export function credentialsFor(contract: Contract, operation: Operation): Credentials {
  const credentials: Credentials = { headers: {}, query: {}, cookies: {} }
  for (const name of Object.keys(operation.security[0] ?? {})) {
    const scheme = contract.securitySchemes?.[name]
    if (scheme?.type === 'apiKey') {
      const place = scheme.in === 'header' ? 'headers' : scheme.in === 'query' ? 'query' : 'cookies'
      credentials[place][scheme.name] = 'standin'
    } else {
      const httpScheme = scheme?.type === 'http' ? scheme.scheme.toLowerCase() : 'bearer'
      credentials.headers.Authorization =
        httpScheme === 'basic'
          ? `Basic ${btoa('standin:standin')}`
          : `${capitalise(httpScheme)} standin`
    }
  }
  return credentials
}

function checkScheme(scheme: SecurityScheme | undefined, request: Request): ProblemIssue[] {
  if (!scheme) return []
  if (scheme.type === 'apiKey') return checkApiKey(scheme, request)
  const httpScheme = scheme.type === 'http' ? scheme.scheme.toLowerCase() : 'bearer'
  const header = request.headers.get('authorization')
  const problem = header === null ? 'is missing' : checkAuthorization(httpScheme, header)
  return problem
    ? [
        {
          location: 'header',
          path: 'Authorization',
          message: `${problem}; expected ${expectedHttp(httpScheme)}`,
        },
      ]
    : []
}

function checkAuthorization(httpScheme: string, header: string): string | undefined {
  const [, given = '', credentials = ''] = /^(\S*) *(.*)$/.exec(header.trim()) ?? []
  if (given.toLowerCase() !== httpScheme) return `uses the "${given}" scheme`
  if (httpScheme === 'bearer')
    return TOKEN68.test(credentials) ? undefined : 'has a malformed bearer token'
  if (httpScheme === 'basic')
    return isBasicCredential(credentials) ? undefined : 'has malformed basic credentials'
  return credentials === '' ? 'has no credentials' : undefined
}

function isBasicCredential(credentials: string): boolean {
  try {
    return TOKEN68.test(credentials) && atob(credentials).includes(':')
  } catch {
    return false
  }
}

function checkApiKey(
  scheme: Extract<SecurityScheme, { type: 'apiKey' }>,
  request: Request,
): ProblemIssue[] {
  const value = apiKeyValue(scheme, request)
  if (value !== undefined && value !== '') return []
  return [
    {
      location: scheme.in,
      path: scheme.name,
      message: `the API key ${scheme.in} "${scheme.name}" is missing`,
    },
  ]
}

function apiKeyValue(
  scheme: Extract<SecurityScheme, { type: 'apiKey' }>,
  request: Request,
): string | undefined {
  if (scheme.in === 'header') return request.headers.get(scheme.name)?.trim()
  if (scheme.in === 'query') return new URL(request.url).searchParams.get(scheme.name) ?? undefined
  return readCookies(request.headers)[scheme.name]
}

function expectedHttp(httpScheme: string): string {
  if (httpScheme === 'bearer') return '"Authorization: Bearer <token>"'
  if (httpScheme === 'basic') return '"Authorization: Basic <base64 of user:password>"'
  return `"Authorization: ${httpScheme} <credentials>"`
}

function describeRequirements(contract: Contract, requirements: Operation['security']): string {
  return requirements
    .map((requirement) =>
      Object.keys(requirement)
        .map((name) => describeScheme(contract.securitySchemes?.[name], name))
        .join(' and '),
    )
    .join(', or ')
}

function describeScheme(scheme: SecurityScheme | undefined, name: string): string {
  if (scheme?.type === 'apiKey') return `an API key in the ${scheme.in} "${scheme.name}"`
  if (scheme?.type === 'http') return `${expectedHttp(scheme.scheme.toLowerCase())} (${name})`
  return `${expectedHttp('bearer')} (${name})`
}

/** The `WWW-Authenticate` challenge for a scheme (RFC 9110 §11.6.1). */
function challengeOf(scheme: SecurityScheme | undefined): string {
  if (!scheme) return ''
  if (scheme.type === 'apiKey') return `ApiKey realm="standin", ${scheme.in}="${scheme.name}"`
  if (scheme.type === 'http') return `${capitalise(scheme.scheme)} realm="standin"`
  return 'Bearer realm="standin"'
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase()
}

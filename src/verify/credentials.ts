import { StandinError } from '../contract/standin-error.ts'

/**
 * Headers for every request, with what reports may show of them and the values that must never be
 * shown.
 */
export interface Credentials {
  headers: Record<string, string>
  /** Query parameters sent with every request (an API key in the query). */
  query: Record<string, string>
  /** Lower-case header name → the value as reports show it (`Bearer ${TOKEN}`, `Bearer ***`). */
  shown: Record<string, string>
  /** Values to redact wherever they appear in a report. */
  secrets: string[]
}

export const NO_CREDENTIALS: Credentials = Object.freeze({
  headers: {},
  shown: {},
  query: {},
  secrets: [],
}) as Credentials

const ENV_REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g
const SENSITIVE_NAME =
  /^(authorization|proxy-authorization|cookie)$|token|secret|api-?key|password|session|credential/i

/**
 * Parses `Name: value` header lines as given to `--header`.
 *
 * @example
 * parseHeaderLines(['Authorization: Bearer ${TOKEN}']) // { Authorization: 'Bearer ${TOKEN}' }
 */
export function parseHeaderLines(lines: string[]): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const line of lines) {
    const colon = line.indexOf(':')
    const name = line.slice(0, colon).trim()
    if (colon <= 0 || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      throw new StandinError('USAGE', `--header must look like 'Name: value', got "${line}".`)
    }
    headers[name] = line.slice(colon + 1).trim()
  }
  return headers
}

/**
 * Expands `${NAME}` in header values from the environment. Reports show the `${NAME}` form; headers that
 * carry credentials by their name show `***`. A variable that is not set is a usage error.
 *
 * @example
 * expandHeaders({ Authorization: 'Bearer ${TOKEN}' }, { TOKEN: 's3cret' })
 * // { headers: { Authorization: 'Bearer s3cret' }, shown: { authorization: 'Bearer ${TOKEN}' }, secrets: ['s3cret'] }
 */
export function expandHeaders(
  templates: Record<string, string>,
  env: Record<string, string | undefined>,
): Credentials {
  const credentials: Credentials = { headers: {}, shown: {}, query: {}, secrets: [] }
  for (const [name, template] of Object.entries(templates)) {
    const references = [...template.matchAll(ENV_REFERENCE)].map((match) => match[1] as string)
    const value = template.replace(ENV_REFERENCE, (_, variable: string) =>
      lookup(env, variable, name),
    )
    credentials.headers[name] = value
    if (references.length > 0) {
      credentials.shown[name.toLowerCase()] = template
      credentials.secrets.push(...references.map((variable) => lookup(env, variable, name)))
    } else if (isSensitiveHeader(name)) {
      credentials.shown[name.toLowerCase()] = maskValue(value)
      credentials.secrets.push(value, ...schemeless(value))
    }
  }
  return credentials
}

/**
 * Expands `${NAME}` in query parameters sent with every request (an API key: `api_key=${KEY}`). Every
 * value is a secret: reports show `***` in its place.
 *
 * @example
 * expandQuery({ api_key: '${KEY}' }, { KEY: 's3cret' }) // { query: { api_key: 's3cret' }, secrets: ['s3cret'] }
 */
export function expandQuery(
  templates: Record<string, string>,
  env: Record<string, string | undefined>,
): Pick<Credentials, 'query' | 'secrets'> {
  const query: Record<string, string> = {}
  for (const [name, template] of Object.entries(templates))
    query[name] = template.replace(ENV_REFERENCE, (_, variable: string) =>
      lookup(env, variable, `query parameter ${name}`),
    )
  return { query, secrets: Object.values(query).filter((value) => value !== '') }
}

/**
 * Parses `name=value` query parameters as given to `--query`.
 *
 * @example
 * parseQueryLines(['api_key=${KEY}']) // { api_key: '${KEY}' }
 */
export function parseQueryLines(lines: string[]): Record<string, string> {
  const query: Record<string, string> = {}
  for (const line of lines) {
    const equals = line.indexOf('=')
    if (equals <= 0)
      throw new StandinError('USAGE', `--query must look like 'name=value', got "${line}".`)
    query[line.slice(0, equals).trim()] = line.slice(equals + 1)
  }
  return query
}

/** Credentials for a token: `Authorization: Bearer <token>`, shown as `Bearer ***`. */
export function bearerCredentials(
  token: string,
  header = 'Authorization',
  prefix = 'Bearer ',
): Credentials {
  return {
    headers: { [header]: `${prefix}${token}` },
    shown: { [header.toLowerCase()]: `${prefix}***` },
    query: {},
    secrets: [token],
  }
}

export function isSensitiveHeader(name: string): boolean {
  return SENSITIVE_NAME.test(name)
}

/** `Bearer abc` → `Bearer ***`; anything else → `***`. */
export function maskValue(value: string): string {
  const scheme = /^([A-Za-z][\w-]*) \S/.exec(value)
  return scheme ? `${scheme[1]} ***` : '***'
}

/** `Bearer abc` → `['abc']`: the credential without its scheme word; none without a scheme. */
export function schemeless(value: string): string[] {
  const match = /^[A-Za-z][\w-]* (\S.*)$/.exec(value)
  return match?.[1] ? [match[1]] : []
}

/**
 * The secrets a target URL carries: the password of its userinfo, as written and decoded, and the
 * Basic credentials a client sends for it.
 *
 * @example
 * secretsOfTarget('http://admin:pa55@127.0.0.1:3000') // ['pa55', 'YWRtaW46cGE1NQ==']
 */
export function secretsOfTarget(target: string): string[] {
  const url = URL.canParse(target) ? new URL(target) : undefined
  if (!url || url.password === '') return []
  const password = decodeURIComponent(url.password)
  const basic = base64(`${decodeURIComponent(url.username)}:${password}`)
  return [...new Set([url.password, password, basic])]
}

function base64(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)))
}

function lookup(env: Record<string, string | undefined>, variable: string, header: string): string {
  const value = env[variable]
  if (value === undefined) {
    throw new StandinError(
      'USAGE',
      `Header ${header} uses \${${variable}}, but ${variable} is not set. Export it first, e.g. ${variable}=… standin verify.`,
    )
  }
  return value
}

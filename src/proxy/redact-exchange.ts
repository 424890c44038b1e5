import type { Contract } from '../contract/types.ts'
import { mediaTypeOf } from '../operation/media-type.ts'
import { isSensitiveHeader, maskValue, schemeless } from '../verify/credentials.ts'
import { createRedactor, isSecretField, secretFieldValues } from '../verify/redact.ts'
import { utf8Bytes, utf8TextOf } from './body-bytes.ts'
import type { ProxyExchange, RecordedMessage } from './exchange.ts'
import { cookiePairs, headerValue, queryPairs } from './message-parts.ts'

const MASK = '***'

export interface ExchangeRedactorOptions {
  /** Its security schemes name the API-key headers and query parameters to mask. */
  contract?: Pick<Contract, 'securitySchemes'>
  /** Values known to be secret from the start. */
  secrets?: Iterable<string>
}

/**
 * What a recording knows to be secret, and exchanges cleaned of it: verify's redactor, fed with
 * what exchanges carry.
 */
export interface ExchangeRedactor {
  /**
   * Learns the secrets an exchange carries: credential headers, cookies, API keys in the query,
   * fields named like secrets (`password`, `accessToken`) in either body.
   */
  learn(exchange: ProxyExchange): void
  /** A copy with `***` for every secret learned so far, in headers, the URL and text bodies. */
  redact(exchange: ProxyExchange): ProxyExchange
  /** Grows whenever a new secret is learned: what was redacted before may show one. */
  readonly generation: number
}

/**
 * A redactor for recorded exchanges. Credential headers (`Authorization`, `Cookie`, `Set-Cookie`,
 * API keys) are masked whatever their value; learned values are masked wherever they appear.
 * Bodies that are not UTF-8 text are kept as they are.
 *
 * @example
 * const redactor = createExchangeRedactor({ contract })
 * redactor.learn(exchange)
 * const shown = redactor.redact(exchange)
 */
export function createExchangeRedactor(options: ExchangeRedactorOptions = {}): ExchangeRedactor {
  const redactor = createRedactor(options.secrets)
  const keys = apiKeyNames(options.contract)
  const learned = new Set<string>()
  let generation = 0
  const learnValues = (values: Iterable<string>) => {
    const fresh = [...values].filter((value) => value !== '' && !learned.has(value))
    if (fresh.length === 0) return
    for (const value of fresh) learned.add(value)
    redactor.learn(fresh)
    generation++
  }
  return {
    learn: (exchange) => learnValues(secretsOfExchange(exchange, keys)),
    redact: (exchange) => redactExchange(exchange, keys, redactor.text),
    get generation() {
      return generation
    },
  }
}

/** Lower-case names of the API keys the contract's security schemes declare, by where they go. */
interface ApiKeyNames {
  headers: Set<string>
  query: Set<string>
}

function apiKeyNames(contract: Pick<Contract, 'securitySchemes'> | undefined): ApiKeyNames {
  const names: ApiKeyNames = { headers: new Set(), query: new Set() }
  for (const scheme of Object.values(contract?.securitySchemes ?? {})) {
    if (scheme.type !== 'apiKey') continue
    if (scheme.in === 'header') names.headers.add(scheme.name.toLowerCase())
    if (scheme.in === 'query') names.query.add(scheme.name.toLowerCase())
  }
  return names
}

function isCredentialHeader(name: string, keys: ApiKeyNames): boolean {
  const lower = name.toLowerCase()
  return isSensitiveHeader(lower) || keys.headers.has(lower)
}

function isSecretQueryName(name: string, keys: ApiKeyNames): boolean {
  return keys.query.has(name.toLowerCase()) || isSecretField(name)
}

function secretsOfExchange(exchange: ProxyExchange, keys: ApiKeyNames): string[] {
  return [
    ...secretsOfHeaders(exchange.request.headers, keys),
    ...secretsOfHeaders(exchange.response.headers, keys),
    ...secretsOfQuery(exchange.request.url, keys),
    ...secretsOfBody(exchange.request),
    ...secretsOfBody(exchange.response),
  ]
}

function secretsOfHeaders(headers: RecordedMessage['headers'], keys: ApiKeyNames): string[] {
  return headers.flatMap(([name, value]) => {
    const lower = name.toLowerCase()
    if (lower === 'cookie') return cookiePairs(value).map(([, cookie]) => cookie)
    if (lower === 'set-cookie')
      return cookiePairs(value)
        .slice(0, 1)
        .map(([, cookie]) => cookie)
    return isCredentialHeader(lower, keys) ? [value, ...schemeless(value)] : []
  })
}

function secretsOfQuery(url: string, keys: ApiKeyNames): string[] {
  return queryPairs(url).flatMap(({ name, value }) =>
    isSecretQueryName(name, keys) ? [value] : [],
  )
}

/** Secret fields of a JSON or form body (`"password": …`, `client_secret=…`). */
function secretsOfBody(message: RecordedMessage): string[] {
  const text = message.body && utf8TextOf(message.body)
  if (!text) return []
  const type = mediaTypeOf(headerValue(message.headers, 'content-type') ?? '')
  if (type === 'application/x-www-form-urlencoded')
    return secretFieldValues(Object.fromEntries(new URLSearchParams(text)))
  try {
    return secretFieldValues(JSON.parse(text))
  } catch {
    return []
  }
}

function redactExchange(
  exchange: ProxyExchange,
  keys: ApiKeyNames,
  text: (text: string) => string,
): ProxyExchange {
  const message = (recorded: RecordedMessage): RecordedMessage => ({
    headers: recorded.headers.map(([name, value]) => [name, redactHeader(name, value, keys, text)]),
    body: recorded.body && redactBody(recorded.body, text),
  })
  return {
    ...exchange,
    request: {
      ...exchange.request,
      ...message(exchange.request),
      url: text(redactQuery(exchange.request.url, keys)),
    },
    response: { ...exchange.response, ...message(exchange.response) },
  }
}

/** `Bearer ***`, `session=***; theme=***`, `session=***; Path=/`; other values as text. */
function redactHeader(
  name: string,
  value: string,
  keys: ApiKeyNames,
  text: (text: string) => string,
): string {
  const lower = name.toLowerCase()
  if (lower === 'cookie')
    return cookiePairs(value)
      .map(([cookie]) => `${cookie}=${MASK}`)
      .join('; ')
  if (lower === 'set-cookie') return text(value.replace(/^([^=;]*)=[^;]*/, `$1=${MASK}`))
  return isCredentialHeader(lower, keys) ? maskValue(value) : text(value)
}

/** The URL with `***` for the values of API keys and secret-named parameters, the rest as written. */
function redactQuery(url: string, keys: ApiKeyNames): string {
  const start = url.indexOf('?')
  if (start < 0) return url
  const end = url.includes('#') ? url.indexOf('#') : url.length
  const parts = url.slice(start + 1, end).split('&')
  const masked = parts.map((part) => {
    const name = safeDecode(part.split('=')[0] ?? '')
    return part.includes('=') && isSecretQueryName(name, keys)
      ? `${part.slice(0, part.indexOf('='))}=${MASK}`
      : part
  })
  return `${url.slice(0, start + 1)}${masked.join('&')}${url.slice(end)}`
}

function redactBody(body: Uint8Array, text: (text: string) => string): Uint8Array {
  const decoded = utf8TextOf(body)
  if (decoded === undefined) return body
  const cleaned = text(decoded)
  return cleaned === decoded ? body : utf8Bytes(cleaned)
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return text
  }
}

import { StandinError } from '../contract/standin-error.ts'
import type { Contract } from '../contract/types.ts'
import { fromBase64, toBase64, utf8Bytes, utf8TextOf } from './body-bytes.ts'
import type { ProxyExchange, RecordedMessage } from './exchange.ts'
import { cookiePairs, headerValue, queryPairs } from './message-parts.ts'
import { createExchangeRedactor } from './redact-exchange.ts'

// HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/): what `--record` writes, and what
// replay and `standin examples --from` read, from standin or from a browser's network panel.

export interface Har {
  log: {
    version: '1.2'
    creator: { name: string; version: string }
    entries: HarEntry[]
  }
}

export interface HarEntry {
  startedDateTime: string
  time: number
  request: HarRequest
  response: HarResponse
  cache: Record<string, never>
  timings: { send: number; wait: number; receive: number }
  /** The operation of the contract the request is, and who answered it. */
  _standin?: { operationId: string | null; source: ProxyExchange['source'] }
}

export interface HarNameValue {
  name: string
  value: string
}

/** A body as HAR keeps it: UTF-8 text as is, other bytes in base64 with `encoding: 'base64'`. */
interface HarText {
  text?: string
  encoding?: 'base64'
}

export interface HarRequest {
  method: string
  url: string
  httpVersion: string
  headers: HarNameValue[]
  queryString: HarNameValue[]
  cookies: HarNameValue[]
  headersSize: -1
  bodySize: number
  postData?: HarText & { mimeType: string }
}

export interface HarResponse {
  status: number
  statusText: string
  httpVersion: string
  headers: HarNameValue[]
  cookies: HarNameValue[]
  content: HarText & { size: number; mimeType: string }
  redirectURL: string
  headersSize: -1
  bodySize: number
}

export interface HarRecorderOptions {
  /** Its security schemes name the API-key headers and query parameters to mask. */
  contract?: Pick<Contract, 'securitySchemes'>
  /** Values known to be secret from the start (a token given on the command line). */
  secrets?: Iterable<string>
}

export interface HarRecorder {
  /** Keeps an exchange, and learns the secrets it carries. */
  add(exchange: ProxyExchange): void
  /** Every exchange kept, as HAR, each with every secret learned so far masked. */
  har(): Har
}

const HTTP_VERSION = 'HTTP/1.1'

/**
 * Records exchanges as HAR 1.2 with their secrets masked: credential headers and cookies, API keys
 * the contract declares, and tokens and passwords wherever they appear, also in exchanges kept
 * before the one that revealed them.
 *
 * @example
 * const recorder = createHarRecorder({ contract })
 * recorder.add(exchange)
 * const text = JSON.stringify(recorder.har(), null, 2)
 */
export function createHarRecorder(options: HarRecorderOptions = {}): HarRecorder {
  const redactor = createExchangeRedactor(options)
  const kept: { exchange: ProxyExchange; entry?: HarEntry; generation: number }[] = []
  const entryOf = (item: (typeof kept)[number]): HarEntry => {
    // An entry is redacted again only when a secret was learned since.
    if (item.entry && item.generation === redactor.generation) return item.entry
    item.generation = redactor.generation
    item.entry = toHarEntry(redactor.redact(item.exchange))
    return item.entry
  }
  return {
    add(exchange) {
      redactor.learn(exchange)
      kept.push({ exchange, generation: -1 })
    },
    har: () => ({
      log: {
        version: '1.2',
        creator: { name: 'standin', version: '' },
        entries: kept.map(entryOf),
      },
    }),
  }
}

/** One exchange as a HAR entry, bytes as they are (redact first). */
export function toHarEntry(exchange: ProxyExchange): HarEntry {
  const { request, response } = exchange
  return {
    startedDateTime: exchange.startedAt.toISOString(),
    time: exchange.durationMs,
    request: {
      method: request.method,
      url: request.url,
      httpVersion: HTTP_VERSION,
      headers: toNameValues(request.headers),
      queryString: queryPairs(request.url),
      cookies: requestCookies(request.headers),
      headersSize: -1,
      bodySize: request.body?.length ?? 0,
      ...(request.body && {
        postData: { mimeType: contentType(request), ...toHarText(request.body) },
      }),
    },
    response: {
      status: response.status,
      statusText: response.statusText,
      httpVersion: HTTP_VERSION,
      headers: toNameValues(response.headers),
      cookies: responseCookies(response.headers),
      content: {
        size: response.body?.length ?? 0,
        mimeType: contentType(response),
        ...(response.body && toHarText(response.body)),
      },
      redirectURL: headerValue(response.headers, 'location') ?? '',
      headersSize: -1,
      bodySize: response.body?.length ?? 0,
    },
    cache: {},
    timings: { send: 0, wait: exchange.durationMs, receive: 0 },
    _standin: { operationId: exchange.operationId ?? null, source: exchange.source },
  }
}

function toNameValues(headers: RecordedMessage['headers']): HarNameValue[] {
  return headers.map(([name, value]) => ({ name, value }))
}

function requestCookies(headers: RecordedMessage['headers']): HarNameValue[] {
  return headers
    .filter(([name]) => name.toLowerCase() === 'cookie')
    .flatMap(([, value]) => cookiePairs(value).map(([name, cookie]) => ({ name, value: cookie })))
}

function responseCookies(headers: RecordedMessage['headers']): HarNameValue[] {
  return headers
    .filter(([name]) => name.toLowerCase() === 'set-cookie')
    .flatMap(([, value]) =>
      cookiePairs(value)
        .slice(0, 1)
        .map(([name, cookie]) => ({ name, value: cookie })),
    )
}

function contentType(message: RecordedMessage): string {
  return headerValue(message.headers, 'content-type') ?? ''
}

function toHarText(body: Uint8Array): HarText {
  const text = utf8TextOf(body)
  return text === undefined ? { text: toBase64(body), encoding: 'base64' } : { text }
}

/**
 * The exchanges of a HAR file's text: bodies decoded from text or base64, the operation and source
 * from standin's `_standin` field (absent in a browser's HAR: none, and the backend). Text that is
 * not HAR is a StandinError (HAR_INVALID) naming the file and what is wrong.
 *
 * @example
 * const exchanges = readHar(await readFile('session.har', 'utf8'), 'session.har')
 */
export function readHar(text: string, file = 'the recording'): ProxyExchange[] {
  const fail = (what: string) => new StandinError('HAR_INVALID', `${file} is not HAR: ${what}.`)
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw fail(`it is not JSON (${(error as Error).message.split('\n')[0]})`)
  }
  const entries = (parsed as { log?: { entries?: unknown } } | null)?.log?.entries
  if (!Array.isArray(entries)) throw fail('it has no log.entries list')
  return entries.map((entry, index) =>
    fromHarEntry(entry, (what) => fail(`entry ${index + 1} ${what}`)),
  )
}

type Fail = (what: string) => StandinError

function fromHarEntry(entry: unknown, fail: Fail): ProxyExchange {
  if (!isRecord(entry)) throw fail('is not an object')
  const { request, response } = entry
  if (!isRecord(request)) throw fail('has no request')
  if (!isRecord(response)) throw fail('has no response')
  const standin = isRecord(entry._standin) ? entry._standin : {}
  return {
    startedAt: startedAtOf(entry.startedDateTime, fail),
    durationMs: typeof entry.time === 'number' && entry.time >= 0 ? entry.time : 0,
    operationId: typeof standin.operationId === 'string' ? standin.operationId : undefined,
    source: standin.source === 'mock' ? 'mock' : 'backend',
    request: {
      method: stringField(request, 'method', 'request', fail),
      url: stringField(request, 'url', 'request', fail),
      headers: fromNameValues(request.headers, 'request', fail),
      body:
        request.postData === undefined
          ? undefined
          : bodyOf(request.postData, 'request.postData', fail),
    },
    response: {
      status: statusOf(response.status, fail),
      statusText: typeof response.statusText === 'string' ? response.statusText : '',
      headers: fromNameValues(response.headers, 'response', fail),
      body: bodyOf(response.content, 'response.content', fail),
    },
  }
}

function startedAtOf(value: unknown, fail: Fail): Date {
  const date = typeof value === 'string' ? new Date(value) : undefined
  if (!date || Number.isNaN(date.getTime())) throw fail('has no startedDateTime date')
  return date
}

function stringField(
  record: Record<string, unknown>,
  name: string,
  where: string,
  fail: Fail,
): string {
  const value = record[name]
  if (typeof value !== 'string') throw fail(`has no ${where}.${name}`)
  return value
}

function statusOf(value: unknown, fail: Fail): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 100 || value > 999)
    throw fail('has no response.status from 100 to 999')
  return value
}

function fromNameValues(value: unknown, where: string, fail: Fail): RecordedMessage['headers'] {
  if (!Array.isArray(value)) throw fail(`has no ${where}.headers list`)
  return value.map((header) => {
    if (!isRecord(header) || typeof header.name !== 'string' || typeof header.value !== 'string')
      throw fail(`has a ${where} header without a name and a value`)
    return [header.name, header.value]
  })
}

/** The bytes of a postData or content: none without text, base64 when its encoding says so. */
function bodyOf(value: unknown, where: string, fail: Fail): Uint8Array | undefined {
  if (!isRecord(value)) throw fail(`has no ${where}`)
  if (typeof value.text !== 'string') return undefined
  if (value.encoding === undefined) return utf8Bytes(value.text)
  if (value.encoding !== 'base64')
    throw fail(`has ${where}.encoding "${String(value.encoding)}", not base64`)
  const bytes = fromBase64(value.text)
  if (!bytes) throw fail(`has ${where}.text that is not base64`)
  return bytes
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

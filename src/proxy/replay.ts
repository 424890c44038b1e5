import type { Contract } from '../contract/types.ts'
import { type CorsOrigins, withCors } from '../mock/cors.ts'
import { createRouter, type Router } from '../mock/router.ts'
import { basePathOf } from '../operation/base-path.ts'
import { toBase64, utf8TextOf } from './body-bytes.ts'
import type { ProxyExchange } from './exchange.ts'
import { queryPairs } from './message-parts.ts'
import {
  type RoutedRequest,
  routeRecorded,
  routeRequest,
  validHeaders,
} from './recorded-operation.ts'
import { HOP_BY_HOP_HEADERS } from './forward.ts'

export interface ReplayOptions {
  /** Where the API lives on the server that replays: `/api`; by default the contract's servers. */
  basePath?: string
  /** CORS around replayed answers, as the mock has it (default: none added). */
  cors?: CorsOrigins
  /** Told once, in one line, of recordings the contract has no operation for; they are left out. */
  warn?: (line: string) => void
}

/** Answers a request from the recording, or undefined when nothing recorded matches it. */
export type Replayer = (request: Request) => Promise<Response | undefined>

type RecordedAnswer = ProxyExchange['response']

/** The answers recorded for one request, in the order they were given, and how many were replayed. */
interface Recorded {
  answers: RecordedAnswer[]
  replayed: number
}

/** Headers of one connection, or describing bytes the runtime sends anew (it sets its own length). */
const NOT_REPLAYED = new Set([
  ...HOP_BY_HOP_HEADERS,
  'content-length',
  // Bodies are recorded decoded, as fetch hands them over.
  'content-encoding',
])
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304])

const replayedAnswers = new WeakSet<Response>()

/**
 * Answers requests with recorded answers: a request matches a recording of the same operation with
 * the same method, the same decoded path parameters, the same query parameters in any order, and
 * the same body (the same JSON value, else the same bytes). A request recorded several times gets
 * its answers in the order they were recorded, then the last one again and again. The answer is the
 * recorded status, headers and body bytes; headers of the recorded connection (`Connection`,
 * `Transfer-Encoding`, `Content-Length`, `Content-Encoding`) are left to the runtime.
 *
 * @example
 * const replay = createReplayer(contract, readHar(text))
 * const response = (await replay(request)) ?? (await mock.fetch(request))
 */
export function createReplayer(
  contract: Contract,
  exchanges: readonly ProxyExchange[],
  options: ReplayOptions = {},
): Replayer {
  const router = createRouter(contract.operations)
  const basePath = options.basePath ?? basePathOf(contract)
  const index = indexRecordings(contract, router, basePath, exchanges, options.warn)
  return async (request) => {
    const routed = routeRequest(router, basePath, request)
    const key = routed && requestKey(request.method, routed, request.url)
    // The body is read (from a copy the mock can still read) only when the rest matches.
    if (!key || !index.bodiless.has(key)) return undefined
    const body = new Uint8Array(await request.clone().arrayBuffer())
    const recorded = index.recordings.get(`${key}\n${bodyKey(body)}`)
    if (!recorded) return undefined
    const answer = recorded.answers[Math.min(recorded.replayed++, recorded.answers.length - 1)]
    if (!answer) return undefined
    return markReplayed(withCors(toResponse(answer), request, options.cors ?? false))
  }
}

/** True for a response a replayer gave from the recording (the log line says so). */
export function isReplayed(response: Response): boolean {
  return replayedAnswers.has(response)
}

function markReplayed(response: Response): Response {
  replayedAnswers.add(response)
  return response
}

interface RecordingIndex {
  /** Full keys (request and body) → answers. */
  recordings: Map<string, Recorded>
  /** Keys without the body, to tell whether a request's body is worth reading. */
  bodiless: Set<string>
}

function indexRecordings(
  contract: Contract,
  router: Router,
  basePath: string,
  exchanges: readonly ProxyExchange[],
  warn: ((line: string) => void) | undefined,
): RecordingIndex {
  const index: RecordingIndex = { recordings: new Map(), bodiless: new Set() }
  const unknown = new Set<string>()
  const known = new Set(contract.operations.map((operation) => operation.operationId))
  for (const exchange of inRecordedOrder(exchanges)) {
    const routed = routeRecorded(router, basePath, exchange.request)
    const key = routed && requestKey(exchange.request.method, routed, exchange.request.url)
    if (key === undefined || (exchange.operationId && !known.has(exchange.operationId))) {
      unknown.add(
        exchange.operationId ?? `${exchange.request.method} ${pathOf(exchange.request.url)}`,
      )
      continue
    }
    if (!canAnswer(exchange.response.status)) continue
    index.bodiless.add(key)
    const full = `${key}\n${bodyKey(exchange.request.body)}`
    const recorded = index.recordings.get(full) ?? { answers: [], replayed: 0 }
    recorded.answers.push(exchange.response)
    index.recordings.set(full, recorded)
  }
  if (unknown.size > 0) warn?.(unknownLine(unknown))
  return index
}

function inRecordedOrder(exchanges: readonly ProxyExchange[]): ProxyExchange[] {
  return [...exchanges].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime())
}

/**
 * What identifies a request apart from its body: method, operation, decoded path parameters, and
 * query parameters in any order.
 */
function requestKey(method: string, routed: RoutedRequest, url: string): string {
  const params = Object.entries(routed.params).sort(compareEntries)
  const pairs = queryPairs(url)
    .map(({ name, value }): [string, string] => [name, value])
    .sort(compareEntries)
  return JSON.stringify([method.toUpperCase(), routed.operation.operationId, params, pairs])
}

function compareEntries(a: [string, string], b: [string, string]): number {
  return a[0] === b[0] ? compareText(a[1], b[1]) : compareText(a[0], b[0])
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** A body as matching sees it: none, the same JSON value whatever its spacing and key order, else its bytes. */
function bodyKey(body: Uint8Array | undefined): string {
  if (!body || body.length === 0) return ''
  const text = utf8TextOf(body)
  if (text !== undefined)
    try {
      return `json:${canonicalJson(JSON.parse(text))}`
    } catch {
      // Not JSON: compared byte for byte.
    }
  return `bytes:${toBase64(body)}`
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (typeof value !== 'object' || value === null) return JSON.stringify(value)
  const entries = Object.entries(value).sort(([a], [b]) => compareText(a, b))
  return `{${entries.map(([name, item]) => `${JSON.stringify(name)}:${canonicalJson(item)}`).join(',')}}`
}

/** A Response can carry a final status from 200 to 599 (fetch's rule). */
function canAnswer(status: number): boolean {
  return status >= 200 && status <= 599
}

function toResponse(answer: RecordedAnswer): Response {
  const headers = new Headers(
    validHeaders(answer.headers.filter(([name]) => !NOT_REPLAYED.has(name.toLowerCase()))),
  )
  const body = NULL_BODY_STATUSES.has(answer.status) || !answer.body ? null : answer.body.slice()
  // fetch refuses a status text outside Latin-1 (a recording from elsewhere may hold one).
  const statusText = /^[\t\x20-\x7e\x80-\xff]*$/.test(answer.statusText) ? answer.statusText : ''
  return new Response(body, { status: answer.status, statusText, headers })
}

function pathOf(url: string): string {
  return URL.canParse(url) ? new URL(url).pathname : url
}

function unknownLine(unknown: Set<string>): string {
  const names = [...unknown]
  const shown =
    names.slice(0, 5).join(', ') + (names.length > 5 ? `, and ${names.length - 5} more` : '')
  return `The recording has requests the contract has no operation for (${shown}); they are not replayed.`
}

import type http from 'node:http'
import type { ResponseUnderTest } from './checks.ts'
import type { FetchHandler, TransportCode } from './types.ts'

/** A request as standin sends it: `path` starts with `/` and carries the query string. */
export interface OutgoingRequest {
  method: string
  path: string
  headers: Record<string, string>
  body?: string
}

export type Exchange =
  | { ok: true; response: ResponseUnderTest & { durationMs: number } }
  | { ok: false; code: TransportCode; message: string; durationMs: number }

export interface Transport {
  /** Base URL shown in reports and curl commands. */
  baseUrl: string
  send: (request: OutgoingRequest) => Promise<Exchange>
  close: () => void
}

const MAX_BODY_BYTES = 16 * 1024 * 1024
const IN_PROCESS_BASE = 'http://localhost'

export interface TransportOptions {
  /** Every request is abandoned after this long (`timeout`). */
  timeoutMs: number
  /** Where the API lives on the target (`/api`). */
  basePath?: string
  /**
   * Aborted when the run reaches its time limit: the requests in flight are abandoned, and later
   * ones are not sent.
   */
  signal?: AbortSignal
}

/**
 * Sends requests to a base URL (over node:http, so any port works; over fetch where there is no
 * node:http) or to an in-process fetch handler.
 * Every request ends within `timeoutMs`, or when `signal` aborts; a target that hangs, resets the
 * connection or answers something that is not HTTP gives a failed exchange, never an exception.
 *
 * @example
 * const transport = createTransport('http://127.0.0.1:3000', { timeoutMs: 5000 })
 * const exchange = await transport.send({ method: 'GET', path: '/products', headers: {} })
 */
export function createTransport(
  target: string | FetchHandler,
  options: TransportOptions,
): Transport {
  const prefix = options.basePath === undefined || options.basePath === '/' ? '' : options.basePath
  if (typeof target === 'function') {
    const baseUrl = IN_PROCESS_BASE + prefix
    return {
      baseUrl,
      send: (request) => sendToHandler(target, baseUrl, request, options),
      close: () => {},
    }
  }
  const base = target.replace(/\/+$/, '') + prefix
  const client = loadClient(base.startsWith('https:'))
  return {
    baseUrl: base,
    send: async (request) => {
      const url = new URL(base + request.path)
      const loaded = await client
      if (options.signal?.aborted) return abandoned(0)
      return loaded
        ? sendOverHttp(loaded.module, url, request, options, loaded.agent)
        : sendWithFetch(url, request, options)
    },
    close: () => {
      client.then(
        (loaded) => loaded?.agent.destroy(),
        () => {},
      )
    },
  }
}

type HttpModule = typeof http

// Loaded on first use, from a computed specifier, so that bundlers for runtimes without node:http
// (a Worker that imports the library for its contract) neither need nor warn about it. Where it is
// missing, requests go through fetch instead.
const NODE_CLIENTS = { 'http:': 'node:http', 'https:': 'node:https' }

async function loadClient(
  secure: boolean,
): Promise<{ module: HttpModule; agent: http.Agent } | undefined> {
  try {
    const module = (
      (await import(NODE_CLIENTS[secure ? 'https:' : 'http:'])) as { default: HttpModule }
    ).default
    return { module, agent: new module.Agent({ keepAlive: true, maxSockets: 4 }) }
  } catch {
    return undefined
  }
}

/**
 * The fallback for runtimes without node:http: fetch, with the same timeout and the same failure
 * codes.
 */
export async function sendWithFetch(
  url: URL,
  request: OutgoingRequest,
  { timeoutMs, signal: run }: TransportOptions,
): Promise<Exchange> {
  const started = performance.now()
  const timeout = AbortSignal.timeout(timeoutMs)
  const signal = run ? AbortSignal.any([timeout, run]) : timeout
  try {
    const init: RequestInit = {
      method: request.method,
      headers: request.headers,
      signal,
      redirect: 'manual',
    }
    if (request.body !== undefined) init.body = request.body
    const response = await fetch(url, init)
    const text = await response.text()
    return {
      ok: true,
      response: {
        status: response.status,
        headers: Object.fromEntries(response.headers),
        text,
        durationMs: performance.now() - started,
      },
    }
  } catch (error) {
    const cause = run?.aborted
      ? abandonment()
      : timeout.aborted
        ? Object.assign(new Error('timeout'), { code: 'STANDIN_TIMEOUT' })
        : ((error as { cause?: unknown }).cause ?? error)
    return {
      ok: false,
      ...classifyError(cause, timeoutMs),
      durationMs: performance.now() - started,
    }
  }
}

function sendOverHttp(
  client: HttpModule,
  url: URL,
  request: OutgoingRequest,
  { timeoutMs, signal }: TransportOptions,
  agent: http.Agent,
): Promise<Exchange> {
  return new Promise((resolve) => {
    const started = performance.now()
    let settled = false
    const finish = (exchange: Exchange) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      signal?.removeEventListener('abort', abandon)
      resolve(exchange)
    }
    const fail = (error: unknown) =>
      finish({
        ok: false,
        ...classifyError(error, timeoutMs),
        durationMs: performance.now() - started,
      })
    const outgoing = client.request(
      url,
      { method: request.method, headers: request.headers, agent },
      (incoming) => {
        readIncoming(incoming).then(
          (text) =>
            finish({
              ok: true,
              response: {
                status: incoming.statusCode ?? 0,
                headers: flattenHeaders(incoming.headers),
                text,
                durationMs: performance.now() - started,
              },
            }),
          fail,
        )
      },
    )
    const timer = setTimeout(
      () => outgoing.destroy(Object.assign(new Error('timeout'), { code: 'STANDIN_TIMEOUT' })),
      timeoutMs,
    )
    const abandon = () => outgoing.destroy(abandonment())
    signal?.addEventListener('abort', abandon, { once: true })
    outgoing.on('error', fail)
    outgoing.end(request.body)
  })
}

function readIncoming(incoming: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES)
        incoming.destroy(
          Object.assign(new Error('body over 16 MiB'), { code: 'STANDIN_TOO_LARGE' }),
        )
      else chunks.push(chunk)
    })
    incoming.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    incoming.on('error', reject)
    incoming.on('close', () => {
      if (!incoming.complete)
        reject(
          Object.assign(new Error('the connection closed before the body was complete'), {
            code: 'ECONNRESET',
          }),
        )
    })
  })
}

async function sendToHandler(
  handler: FetchHandler,
  baseUrl: string,
  request: OutgoingRequest,
  { timeoutMs, signal }: TransportOptions,
): Promise<Exchange> {
  if (signal?.aborted) return abandoned(0)
  const started = performance.now()
  const controller = new AbortController()
  let timer: ReturnType<typeof setTimeout> | undefined
  let abandon: (() => void) | undefined
  let _held: Request | undefined
  const timeout = new Promise<never>((_, reject) => {
    const stop = (error: Error) => {
      controller.abort()
      reject(error)
    }
    timer = setTimeout(
      () => stop(Object.assign(new Error('timeout'), { code: 'STANDIN_TIMEOUT' })),
      timeoutMs,
    )
    abandon = () => stop(abandonment())
    signal?.addEventListener('abort', abandon, { once: true })
  })
  try {
    const init: RequestInit = {
      method: request.method,
      headers: request.headers,
      signal: controller.signal,
    }
    if (request.body !== undefined) init.body = request.body
    // Held until the end: the request's signal only follows `controller` while the Request is
    // alive.
    const incoming = new Request(baseUrl + request.path, init)
    _held = incoming
    const answer = (async () => {
      const response = await handler(incoming)
      return {
        status: response.status,
        headers: Object.fromEntries(response.headers),
        text: await response.text(),
      }
    })()
    const response = await Promise.race([answer, timeout])
    return { ok: true, response: { ...response, durationMs: performance.now() - started } }
  } catch (error) {
    const classified = classifyHandlerError(error, timeoutMs)
    return { ok: false, ...classified, durationMs: performance.now() - started }
  } finally {
    clearTimeout(timer)
    if (abandon) signal?.removeEventListener('abort', abandon)
    _held = undefined
  }
}

/** The error a request in flight is destroyed with when the run reaches its time limit. */
function abandonment(): Error {
  return Object.assign(new Error('abandoned'), { code: 'STANDIN_ABANDONED' })
}

/** A request the run did not send, or gave up on, because it reached its time limit. */
function abandoned(durationMs: number): Exchange {
  return { ok: false, ...classifyError(abandonment(), 0), durationMs }
}

function classifyHandlerError(
  error: unknown,
  timeoutMs: number,
): { code: TransportCode; message: string } {
  if (['STANDIN_TIMEOUT', 'STANDIN_ABANDONED'].includes(errorCode(error)))
    return classifyError(error, timeoutMs)
  return {
    code: 'invalid_response',
    message: `The handler threw instead of answering: ${errorMessage(error)}`,
  }
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'ERR_INVALID_URL',
])

/** Maps a Node network error to a stable code and a sentence. */
export function classifyError(
  error: unknown,
  timeoutMs: number,
): { code: TransportCode; message: string } {
  const code = errorCode(error)
  if (code === 'STANDIN_TIMEOUT')
    return { code: 'timeout', message: `No complete response within ${timeoutMs} ms.` }
  if (code === 'STANDIN_ABANDONED')
    return {
      code: 'timeout',
      message: 'Abandoned: the run reached its time limit before an answer came.',
    }
  if (code === 'STANDIN_TOO_LARGE')
    return { code: 'invalid_response', message: 'The response body is over 16 MiB.' }
  if (UNREACHABLE.has(code))
    return { code: 'unreachable', message: `Could not connect: ${errorMessage(error)}.` }
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET')
    return {
      code: 'connection_reset',
      message: `The connection was reset: ${errorMessage(error)}.`,
    }
  if (code.startsWith('HPE_'))
    return {
      code: 'invalid_response',
      message: `The answer is not valid HTTP: ${errorMessage(error)}.`,
    }
  return { code: 'unreachable', message: `The request failed: ${errorMessage(error)}.` }
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code
  return typeof code === 'string' ? code : ''
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return flat
}

import type { Contract } from '../contract/types.ts'
import type { CompiledOperation } from '../operation/compile-operation.ts'
import type { ResolvedOptions } from './options.ts'
import { responseSeed } from './generate-response.ts'
import { refusalReasonOf } from './problem.ts'
import { refusalResponse } from './refusal.ts'
import { type ReadResult, readBody } from './read-body.ts'
import {
  type Chosen,
  chooseMedia,
  type Exchange,
  type FakeMemo,
  produceReply,
} from './produce-reply.ts'
import type { Plan } from './select-response.ts'
import { checkReply, type Rendered, renderedOf, responseOf } from './validate-reply.ts'
import { keptOnRepeat } from './kept-on-repeat.ts'

/** The last steps of the pipeline for a planned request: produce → check → render. */
export type Answerer = (
  plan: Plan,
  exchange: Exchange,
  applied: readonly string[],
) => Promise<Response>

/**
 * What the answer cache hands the pipeline: the answerer of its last steps, and the body if it read
 * it.
 */
export interface PipelineSteps {
  answer: Answerer
  body?: ReadResult
}

/**
 * Answers requests to operations, from the cache when the same request was answered before. `run`
 * is the whole pipeline (auth, validation, choice of response, answer); `session` is the request's
 * session in stateful mode.
 */
export interface AnswerCache {
  answer(
    request: Request,
    compiled: CompiledOperation,
    run: (steps: PipelineSteps) => Promise<Response>,
    session?: VersionedSession,
  ): Promise<Response>
}

/** A stateful request's session, as far as sending its answers again goes. */
export interface VersionedSession {
  id: string
  /** Changes whenever what the session holds changes; undefined when it cannot be told. */
  version(): number | undefined
}

export interface ResponseCacheLimits {
  /** Answers kept at most. */
  maxEntries: number
  /**
   * Size of keys, headers and bodies kept at most, in UTF-16 code units (close to bytes for JSON).
   */
  maxBytes: number
}

/** A bounded map of rendered answers, least recently used forgotten first. */
export interface ResponseCache {
  get(key: string): Rendered | undefined
  set(key: string, rendered: Rendered): void
  /** What it holds now: entries and their size. */
  usage(): { entries: number; bytes: number }
}

/** About 16 MiB of answers at most: a few hundred lists, a small part of the mock's own memory. */
export const DEFAULT_CACHE_LIMITS: ResponseCacheLimits = {
  maxEntries: 1000,
  maxBytes: 16 * 1024 * 1024,
}

/** What handlers' `ctx.fake()` calls made, kept at most (by count: they are objects, not bytes). */
const MAX_FAKES = 256
/**
 * Larger request bodies are not part of a fingerprint: such requests are answered without the
 * cache.
 */
const MAX_FINGERPRINT_BODY = 64 * 1024
const ECHOING_METHODS = new Set(['POST', 'PUT', 'PATCH'])
/**
 * Marks a header the request does not have, so that it differs from an empty one (NUL is never in a
 * value).
 */
const ABSENT = '\u0000'

type CacheOptions = Pick<ResolvedOptions, 'cache' | 'store' | 'maxBodyBytes'>

/** What one request's pass through the pipeline left for the cache. */
interface Ticket {
  /**
   * The answerer ran: the pipeline got past authentication, validation and the choice of response.
   */
  answered: boolean
  /**
   * The rendered answer, when it may be kept (generated or an example, and it fit the contract).
   */
  rendered: Rendered | undefined
}

/**
 * The answer cache of an app. Without remembered state the mock's answers are a function of the
 * request, except what hand-written handlers return. So an answer is kept from the second time it
 * is asked for (see `keptOnRepeat`) and its bytes are sent again: a request without `Prefer` is
 * found by its fingerprint (method, URL, the headers the operation reads and its body) before any
 * other work, problems (401, 400, 422…) included; any other request by its validated input (see
 * `answerKey`). Handlers always run. With remembered
 * state a GET or HEAD is a function of the request and what its session holds: its fingerprint and
 * the session's version find it, until the session changes (see `sessionAnswer`). With
 * `cache: false` nothing is kept.
 *
 * @example
 * const answers = createAnswerCache(contract, options)
 * return answers.answer(request, compiled, (steps) => pipeline(request, steps))
 */
export function createAnswerCache(
  contract: Contract,
  options: CacheOptions,
  limits?: ResponseCacheLimits,
): AnswerCache {
  if (!options.cache) return { answer: (_request, _compiled, run) => run({ answer: uncached }) }
  const cache = createResponseCache(limits)
  const fingerprint = createFingerprinter(contract, options.maxBodyBytes)
  if (options.store !== undefined)
    return {
      answer: (request, compiled, run, session) =>
        sessionAnswer({ cache, fingerprint }, request, compiled, run, session),
    }
  const fakes = createFakeMemo(MAX_FAKES)
  const kept = keptOnRepeat(cache)
  return {
    async answer(request, compiled, run) {
      const { print, body } = await fingerprint(request, compiled)
      const hit = print === undefined ? undefined : cache.get(print)
      if (hit) return responseOf(hit)
      const ticket: Ticket = { answered: false, rendered: undefined }
      const response = await run({
        answer: cachingAnswerer(kept, fakes, ticket),
        ...(body ? { body } : {}),
      })
      return print === undefined ? response : keep(kept, print, ticket, response)
    },
  }
}

const READING_METHODS = new Set(['GET', 'HEAD'])

/**
 * A stateful read sent again: the key is the fingerprint, the session and the version of what it
 * holds. A read answered while the session changed is not kept (it may show either state); writes,
 * a session the request starts and a store without versions always run the pipeline.
 */
async function sessionAnswer(
  memory: { cache: ResponseCache; fingerprint: Fingerprinter },
  request: Request,
  compiled: CompiledOperation,
  run: (steps: PipelineSteps) => Promise<Response>,
  session: VersionedSession | undefined,
): Promise<Response> {
  const before = READING_METHODS.has(request.method) ? session?.version() : undefined
  if (session === undefined || before === undefined) return run({ answer: uncached })
  const { print } = await memory.fingerprint(request, compiled)
  if (print === undefined) return run({ answer: uncached })
  const key = `${print}\nsession ${session.id}@${before}`
  const hit = memory.cache.get(key)
  if (hit) return responseOf(hit)
  const ticket: Ticket = { answered: false, rendered: undefined }
  const response = await run({ answer: readingAnswerer(ticket) })
  return session.version() === before ? keep(memory.cache, key, ticket, response) : response
}

/** Renders every answer, and leaves on the ticket the ones that follow from request and session. */
function readingAnswerer(ticket: Ticket): Answerer {
  return async (plan, exchange, applied) => {
    ticket.answered = true
    const rendered = await render(plan, exchange, applied)
    if (rendered.ok && (isCacheable(plan) || isRemembered(plan)))
      ticket.rendered = rendered.rendered
    return send(rendered)
  }
}

const uncached: Answerer = async (plan, exchange, applied) =>
  send(await render(plan, exchange, applied))

/**
 * Looks the answer up by its key; renders and keeps it on a miss, and leaves it on the ticket. A
 * handler runs every time, but what its `ctx.fake()` makes is kept and copied (see
 * `createFakeMemo`).
 */
function cachingAnswerer(cache: ResponseCache, fakes: FakeMemo, ticket: Ticket): Answerer {
  return async (plan, exchange, applied) => {
    ticket.answered = true
    if (!isCacheable(plan)) return uncached(plan, { ...exchange, fakes }, applied)
    const choice = chooseMedia(plan, exchange)
    if (!choice.ok)
      return refusalResponse(exchange.compiled, choice.problem, responseSeed(exchange))
    const key = answerKey(plan, exchange, choice.chosen.media?.type, applied)
    const found = key === undefined ? undefined : cache.get(key)
    const rendered: RenderResult = found
      ? { ok: true, rendered: found }
      : await render(plan, exchange, applied, choice.chosen)
    if (rendered.ok && key !== undefined) {
      if (!found) cache.set(key, rendered.rendered)
      ticket.rendered = rendered.rendered
    }
    return send(rendered)
  }
}

/**
 * Keeps a fingerprinted request's answer: the rendered one the answerer left, or a problem the
 * pipeline answered before it (authentication, validation: a 4xx that follows from the request
 * alone).
 */
async function keep(
  cache: ResponseCache,
  print: string,
  ticket: Ticket,
  response: Response,
): Promise<Response> {
  if (ticket.answered) {
    if (ticket.rendered) cache.set(print, ticket.rendered)
    return response
  }
  if (response.status < 400 || response.status >= 500) return response
  const text = await response.text()
  // A refusal documented without content keeps having none (an empty string would gain a text/plain
  // type).
  const rendered: Rendered = {
    status: response.status,
    headers: [...response.headers],
    body: response.headers.has('content-type') ? text : null,
  }
  const reason = refusalReasonOf(response)
  if (reason !== undefined) rendered.refusalReason = reason
  cache.set(print, rendered)
  return responseOf(rendered)
}

type RenderResult = { ok: true; rendered: Rendered } | { ok: false; response: Response }

async function render(
  plan: Plan,
  exchange: Exchange,
  applied: readonly string[],
  chosen?: Chosen,
): Promise<RenderResult> {
  const produced = await produceReply(plan, exchange, chosen)
  if (!produced.ok)
    return {
      ok: false,
      response: refusalResponse(exchange.compiled, produced.problem, responseSeed(exchange)),
    }
  const checked = checkReply(exchange.compiled, produced.reply)
  if (!checked.ok)
    return {
      ok: false,
      response: refusalResponse(exchange.compiled, checked.problem, responseSeed(exchange)),
    }
  return { ok: true, rendered: renderedOf(checked, applied) }
}

function send(result: RenderResult): Response {
  return result.ok ? responseOf(result.rendered) : result.response
}

/**
 * Generated answers and named examples; a hand-written handler may answer differently every time.
 */
function isCacheable(plan: Plan): boolean {
  return plan.source.kind === 'generated' || plan.source.kind === 'example'
}

/** The session's own answer from its objects (not a hand-written handler's). */
function isRemembered(plan: Plan): boolean {
  return plan.source.kind === 'handler' && plan.source.remembered === true
}

/**
 * A least-recently-used cache of rendered answers, bounded by count and size. An answer larger than
 * the whole budget is not kept.
 *
 * @example
 * const cache = createResponseCache({ maxEntries: 2, maxBytes: 1024 })
 * cache.set('a', { status: 200, headers: [], body: '{}' })
 * cache.get('a') // { status: 200, headers: [], body: '{}' }
 */
export function createResponseCache(
  limits: ResponseCacheLimits = DEFAULT_CACHE_LIMITS,
): ResponseCache {
  const entries = new Map<string, { rendered: Rendered; size: number }>()
  let bytes = 0
  const forget = (key: string) => {
    const entry = entries.get(key)
    if (!entry) return
    entries.delete(key)
    bytes -= entry.size
  }
  return {
    get(key) {
      const entry = entries.get(key)
      if (!entry) return undefined
      entries.delete(key)
      entries.set(key, entry)
      return entry.rendered
    },
    set(key, rendered) {
      forget(key)
      const size = sizeOf(key, rendered)
      if (size > limits.maxBytes || limits.maxEntries < 1) return
      for (const oldest of entries.keys()) {
        if (entries.size < limits.maxEntries && bytes + size <= limits.maxBytes) break
        forget(oldest)
      }
      entries.set(key, { rendered, size })
      bytes += size
    },
    usage: () => ({ entries: entries.size, bytes }),
  }
}

function sizeOf(key: string, rendered: Rendered): number {
  const headers = rendered.headers.reduce(
    (sum, [name, value]) => sum + name.length + value.length,
    0,
  )
  return key.length + headers + (rendered.body?.length ?? 0)
}

type Fingerprinter = (
  request: Request,
  compiled: CompiledOperation,
) => Promise<{ print?: string; body?: ReadResult }>

/**
 * The fingerprint of a request without `Prefer`: operation, method, URL, every header the pipeline
 * reads for the operation (`Accept`, `Authorization`, `Cookie`, API key headers, declared header
 * parameters) and, when the operation takes a body, `Content-Type` and the body's bytes (read here,
 * and handed on to validation). Equal fingerprints mean the same authentication, validation, choice
 * of response and answer. None when the operation validates every header (a header schema without
 * fields), or for a body that could not be read or is over MAX_FINGERPRINT_BODY.
 */
function createFingerprinter(contract: Contract, maxBodyBytes: number): Fingerprinter {
  const apiKeyHeaders = Object.values(contract.securitySchemes ?? {}).flatMap((scheme) =>
    scheme.type === 'apiKey' && scheme.in === 'header' ? [scheme.name] : [],
  )
  const read = new WeakMap<CompiledOperation, string[] | undefined>()
  const headersOf = (compiled: CompiledOperation) => {
    if (!read.has(compiled)) read.set(compiled, readHeaderNames(compiled, apiKeyHeaders))
    return read.get(compiled)
  }
  return async (request, compiled) => {
    const names = headersOf(compiled)
    if (!names || request.headers.has('prefer')) return {}
    // The operation too: one URL reaches several when a header tells them apart (`X-Amz-Target`).
    let print = `${compiled.operation.operationId} ${request.method} ${request.url}`
    for (const name of names) print += `\n${request.headers.get(name) ?? ABSENT}`
    if (!takesBody(request, compiled)) return { print }
    const body = await readBody(request, maxBodyBytes)
    if (!body.ok || body.bytes.byteLength > MAX_FINGERPRINT_BODY) return { body }
    return {
      print: `${print}\n${request.headers.get('content-type') ?? ABSENT}\n${bytesText(body.bytes)}`,
      body,
    }
  }
}

/** Validation reads a body for an operation that takes one, except on GET and HEAD. */
function takesBody(request: Request, compiled: CompiledOperation): boolean {
  return (
    compiled.request.body !== undefined && request.method !== 'GET' && request.method !== 'HEAD'
  )
}

function readHeaderNames(
  compiled: CompiledOperation,
  apiKeyHeaders: string[],
): string[] | undefined {
  const { headers, headerNames } = compiled.request
  if (headers && !headerNames) return undefined
  return [
    ...new Set(
      ['accept', 'authorization', 'cookie', ...apiKeyHeaders, ...(headerNames ?? [])].map((name) =>
        name.toLowerCase(),
      ),
    ),
  ]
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/**
 * Bytes as text, exactly: decoded when they are UTF-8 (almost always), else one character per byte.
 */
function bytesText(bytes: Uint8Array): string {
  try {
    return `u${utf8.decode(bytes)}`
  } catch {
    let text = 'b'
    for (let start = 0; start < bytes.byteLength; start += 8192)
      text += String.fromCharCode(...bytes.subarray(start, start + 8192))
    return text
  }
}

/**
 * The cache key of a planned answer, or undefined when it must not be cached. A generated answer or
 * a named example is a function of what the key holds: the request's input (see `inputKey`),
 * status, media type and the honoured preferences.
 *
 * @example
 * answerKey(plan, exchange, 'application/json', ['code=404']) // '"getProduct"\nGET\n/products/1\n…'
 */
export function answerKey(
  plan: Plan,
  exchange: Exchange,
  mediaType: string | undefined,
  applied: readonly string[],
): string | undefined {
  if (!isCacheable(plan)) return undefined
  const input = inputKey(exchange)
  if (input === undefined) return undefined
  const source =
    plan.source.kind === 'example' ? `example ${JSON.stringify(plan.source.name)}` : 'generated'
  return [input, plan.status, source, mediaType ?? ABSENT, applied.join(', ')].join('\n')
}

/**
 * What generation depends on: operation, method, path and its parameters, query (in any order),
 * seed, static or dynamic data and, for POST/PUT/PATCH, whose answers echo the request, the
 * validated body.
 */
function inputKey(exchange: Exchange): string | undefined {
  const { compiled, input, method } = exchange
  const values = [
    exact(input.params),
    exact(input.query, true),
    ECHOING_METHODS.has(method) ? exact(input.body) : '',
  ]
  if (values.includes(undefined)) return undefined
  return [
    JSON.stringify(compiled.operation.operationId),
    method,
    exchange.path,
    exchange.globalSeed,
    exchange.dynamic,
    ...values,
  ].join('\n')
}

/**
 * Keeps what `ctx.fake(overrides)` made for a request, bounded and least recently used first out,
 * and hands each later equal call a deep copy (a handler may change what it gets). Faker and the
 * schema's parse run once per request shape instead of on every request.
 *
 * @example
 * const fakes = createFakeMemo(256)
 * fakes(exchange, {}, () => fakeSuccess(exchange, schema)) // made once, then copied
 */
export function createFakeMemo(limit: number): FakeMemo {
  const made = new Map<string, unknown>()
  return (exchange, overrides, make) => {
    const input = inputKey(exchange)
    const spelled = exact(overrides)
    if (input === undefined || spelled === undefined) return make()
    const key = `${input}\n${spelled}`
    if (made.has(key)) {
      const value = made.get(key)
      made.delete(key)
      made.set(key, value)
      return copyOf(value)
    }
    const value = make()
    const copy = copyOf(value)
    if (copy === NOT_COPIED) return value
    made.set(key, copy)
    for (const oldest of made.keys()) {
      if (made.size <= limit) break
      made.delete(oldest)
    }
    return value
  }
}

const NOT_COPIED = Symbol('not copied')

/**
 * A deep copy of what a schema's parse gives (plain objects, arrays, dates, maps, sets,
 * primitives), or NOT_COPIED for anything else. Much cheaper than structuredClone, which Node 20
 * runs through a message port.
 */
function copyOf(value: unknown): unknown {
  if (typeof value !== 'object' || value === null)
    return typeof value === 'function' || typeof value === 'symbol' ? NOT_COPIED : value
  if (Array.isArray(value)) return copyAll(value, (items) => items)
  if (value instanceof Date) return new Date(value.getTime())
  if (value instanceof Map)
    return copyAll([...value.entries()].flat(), (items) => new Map(pairs(items)))
  if (value instanceof Set) return copyAll([...value], (items) => new Set(items))
  if (!isPlainObject(value)) return NOT_COPIED
  const entries = Object.entries(value)
  return copyAll(
    entries.map(([, item]) => item),
    (items) => {
      const copy: Record<string, unknown> =
        Object.getPrototypeOf(value) === null ? Object.create(null) : {}
      entries.forEach(([key], index) =>
        Object.defineProperty(copy, key, {
          value: items[index],
          enumerable: true,
          writable: true,
          configurable: true,
        }),
      )
      return copy
    },
  )
}

function copyAll(items: unknown[], build: (copies: unknown[]) => unknown): unknown {
  const copies = items.map(copyOf)
  return copies.includes(NOT_COPIED) ? NOT_COPIED : build(copies)
}

function pairs(items: unknown[]): Array<[unknown, unknown]> {
  return Array.from({ length: items.length / 2 }, (_, index) => [
    items[2 * index],
    items[2 * index + 1],
  ])
}

/**
 * A value spelled out exactly, with undefined, NaN, bigint and dates too; object keys in their
 * order, or sorted (one level) with `sortKeys`. Undefined for what it cannot spell (functions,
 * maps, class instances), so such a request is not cached.
 */
function exact(value: unknown, sortKeys = false): string | undefined {
  if (value === null || typeof value === 'boolean' || typeof value === 'string')
    return JSON.stringify(value)
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : `<${value}>`
  if (value === undefined) return '<undefined>'
  if (typeof value === 'bigint') return `${value}n`
  if (value instanceof Date) return `<date ${value.getTime()}>`
  if (Array.isArray(value))
    return spellAll(
      value.map((item) => exact(item)),
      '[',
      ']',
    )
  if (typeof value !== 'object' || !isPlainObject(value)) return undefined
  const keys = Object.keys(value)
  if (sortKeys) keys.sort()
  const record = value as Record<string, unknown>
  return spellAll(
    keys.map((key) => spellField(key, record[key])),
    '{',
    '}',
  )
}

function spellField(key: string, value: unknown): string | undefined {
  const spelled = exact(value)
  return spelled === undefined ? undefined : `${JSON.stringify(key)}:${spelled}`
}

function spellAll(
  items: Array<string | undefined>,
  open: string,
  close: string,
): string | undefined {
  return items.includes(undefined) ? undefined : `${open}${items.join(',')}${close}`
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown
  return prototype === Object.prototype || prototype === null
}

import { mix, seedOf, unit } from '../../fake/random.ts'
import { type CompiledOperation, responseFor } from '../../operation/compile-operation.ts'
import { withChangedHeaders } from '../changed-headers.ts'
import type { ResolvedOptions } from '../options.ts'
import { parsePrefer } from '../prefer.ts'
import type { ProblemInit } from '../problem.ts'
import { documentedReply, refusalReplyResponse } from '../refusal.ts'
import { withNetworkFault } from './faulty-response.ts'
import {
  DEFAULT_RETRY_AFTER_SECONDS,
  FAULT_HEADER,
  type FaultKind,
  faultKindOf,
  isNetworkFault,
  type StatusFault,
} from './kinds.ts'
import { createRateLimiter } from './rate-limit.ts'

/** Answers one request to an operation: `answer` makes the mock's own answer. */
export type Deliver = (
  request: Request,
  compiled: CompiledOperation,
  answer: () => Promise<Response>,
) => Promise<Response>

/** A fault and what asked for it, for `Preference-Applied`. */
interface ChosenFault {
  kind: FaultKind
  /** `fault=reset`, `code=429`: the preference that chose it; undefined for the server's faults. */
  preference?: string
}

/**
 * Failures on demand around an operation's answer, in this order: the rate limit (429 with the
 * seconds until the next request may pass), a status fault (429/5xx, in the shape the operation
 * documents for it, else problem+json; the mock does not see the request), the mock's answer, the
 * latency, then a network fault done to that answer (the request was handled: a create is stored,
 * its answer lost). A fault comes from `Prefer: fault=`, else from the server's seeded `faults`, else from a handler's `ctx.fault()`. Which requests fail
 * and how long each waits is drawn from the seed, the request's method and URL and how many times
 * that request came before, so a run repeats exactly.
 *
 * @example
 * const deliver = createFaultLayer(options)
 * const response = await deliver(request, compiled, () => answerMatched(…))
 */
export function createFaultLayer(options: ResolvedOptions): Deliver {
  const limiter = options.rateLimit && createRateLimiter(options.rateLimit)
  const draws = createDraws(options.seed)
  const drawing = options.faults !== undefined || options.latency !== undefined
  const deliver: Deliver = async (request, compiled, answer) => {
    const wait = limiter?.take()
    if (wait !== undefined) return rateLimited(compiled, wait, options.seed)
    const draw = drawing ? draws(request) : undefined
    const chosen = preferredFault(request, options) ?? drawnFault(draw, options)
    const kind = chosen?.kind
    if (kind !== undefined && !isNetworkFault(kind))
      return delayed(statusFault(compiled, kind, options.seed, chosen?.preference), draw)
    const response = await answer()
    if (kind === undefined) return delayed(await asked(response, compiled, request), draw)
    await delayed(undefined, draw)
    return withNetworkFault(response, kind, request.signal)
  }
  /** Waits the drawn latency, if the mock has one, then hands `value` on. */
  const delayed = async <T>(value: T, draw: Draw | undefined): Promise<T> => {
    if (draw && options.latency) await sleep(latencyOf(draw, options.latency))
    return value
  }
  /** The answer as a handler's `ctx.fault()` asked for it, else as it is (with its Retry-After). */
  const asked = (response: Response, compiled: CompiledOperation, request: Request) => {
    const fault = faultAskedBy(response)
    if (fault === undefined) return withRetryAfter(response)
    if (!isNetworkFault(fault)) return statusFault(compiled, fault, options.seed)
    return withNetworkFault(response, fault, request.signal)
  }
  // Without a rate limit, drawn faults or latency, a request that asks for nothing costs one look
  // at its answer.
  const plain = limiter === undefined && !drawing
  return (request, compiled, answer) =>
    plain && !request.headers.has('prefer')
      ? answer().then((response) => asked(response, compiled, request))
      : deliver(request, compiled, answer)
}

/** The fault the request's `Prefer` asks for; undefined for none (or a Prefer the mock refuses). */
function preferredFault(request: Request, options: ResolvedOptions): ChosenFault | undefined {
  const header = request.headers.get('prefer')
  if (header === null) return undefined
  const prefer = parsePrefer(header, options.maxDelayMs)
  if (!prefer.ok) return undefined
  const { fault } = prefer.value
  return fault === undefined ? undefined : { kind: fault, preference: `fault=${fault}` }
}

/** The server's fault for this request, when its draw falls within the rate. */
function drawnFault(draw: Draw | undefined, options: ResolvedOptions): ChosenFault | undefined {
  const faults = options.faults
  if (!draw || !faults || draw.fault >= faults.rate) return undefined
  return { kind: faults.kinds[Math.floor(draw.kind * faults.kinds.length)] as FaultKind }
}

/** What a handler's `ctx.fault()` asked for, named on its answer. */
function faultAskedBy(response: Response): FaultKind | undefined {
  const asked = response.headers.get(FAULT_HEADER)
  return asked === null ? undefined : faultKindOf(asked)
}

/** A failure answered instead of the operation: the documented shape for it, else problem+json. */
function statusFault(
  compiled: CompiledOperation,
  status: StatusFault,
  seed: number,
  preference?: string,
): Response {
  const init: ProblemInit = {
    kind: status === 429 ? 'rate-limited' : 'injected-fault',
    status,
    detail: `standin answered ${status} instead of ${compiled.operation.operationId}, as asked (${preference ? `Prefer: ${preference}` : 'the mock’s faults'}).`,
  }
  if (preference) init.headers = { 'Preference-Applied': preference }
  return withRetryAfter(faultReply(compiled, init, seed))
}

function rateLimited(compiled: CompiledOperation, seconds: number, seed: number): Response {
  return faultReply(
    compiled,
    {
      kind: 'rate-limited',
      status: 429,
      detail: `Too many requests: the mock’s rate limit is reached; send it again in ${seconds} s.`,
      headers: { 'Retry-After': String(seconds) },
    },
    seed,
  )
}

function faultReply(compiled: CompiledOperation, init: ProblemInit, seed: number): Response {
  const response = responseFor(compiled, init.status)
  return refusalReplyResponse(
    documentedReply(init, response, seedOf(seed, compiled.operation.operationId, init.status)),
  )
}

/** A 429 or 503 says when to come back: the documented `Retry-After`, else a second. */
function withRetryAfter(response: Response): Response {
  if ((response.status !== 429 && response.status !== 503) || response.headers.has('retry-after'))
    return response
  return withChangedHeaders(response, (headers) =>
    headers.set('Retry-After', String(DEFAULT_RETRY_AFTER_SECONDS)),
  )
}

/** Three numbers in [0, 1) for one request: whether it fails, how, and how long it waits. */
interface Draw {
  fault: number
  kind: number
  latency: number
}

// Requests counted per method and URL; past this many different ones the count starts over.
const MAX_COUNTED_REQUESTS = 100_000

/**
 * Draws for requests: the same seed, method and URL, the nth time it comes, draw the same numbers
 * (so concurrent clients do not change each other's faults).
 */
function createDraws(seed: number): (request: Request) => Draw {
  const counts = new Map<string, number>()
  return (request) => {
    const key = `${request.method} ${request.url.slice(request.url.indexOf('/', 8))}`
    const count = counts.get(key) ?? 0
    if (count === 0 && counts.size >= MAX_COUNTED_REQUESTS) counts.clear()
    counts.set(key, count + 1)
    const base = seedOf(seed, 'fault', key, count)
    return { fault: unit(mix(base, 1)), kind: unit(mix(base, 2)), latency: unit(mix(base, 3)) }
  }
}

function latencyOf(draw: Draw, latency: { min: number; max: number }): number {
  return latency.min + Math.floor(draw.latency * (latency.max - latency.min + 1))
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

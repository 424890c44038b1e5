import {
  type CompiledOperation,
  type MediaSpec,
  type ResponseSpec,
  responseFor,
  successSchema,
} from '../operation/compile-operation.ts'
import {
  fakeSuccess,
  type Generation,
  generateBody,
  generateHeaders,
  responseSeed,
} from './generate-response.ts'
import type { Contract } from '../contract/types.ts'
import type { AnyMockHandler, MockContext, MockReply, MockRequest } from './mock-types.ts'
import { chooseMediaType } from './negotiate.ts'
import type { ProblemInit } from './problem.ts'
import { documentedReply } from './refusal.ts'
import { FAULT_HEADER, type FaultKind } from './faults/kinds.ts'
import type { Plan } from './select-response.ts'
import type { SessionState } from './state/session-state.ts'
import { isStoreUnavailable } from './state/store.ts'

/** A response before it is checked against the contract and rendered. */
export interface Reply {
  status: number
  response: ResponseSpec
  media: MediaSpec | undefined
  body: unknown
  headers: Record<string, string>
  /**
   * Who made it, for error messages: `the generated response`, `the mock handler`, `the example
   * "x"`.
   */
  origin: string
  /**
   * Made by standin, not a handler, so already JSON values (no round trip needed before checking).
   */
  generated: boolean
  /**
   * The body is known to fit its media type's schema, so it is not checked again on each request:
   * every value came from faker generating the documented schemas (dynamic data; tests/fake's
   * property tests prove such data fits), or the session's state checked what it answers with (see
   * `fitsSuccess`). Examples and handlers' answers are written by hand and are always checked (as is
   * a reply without it).
   */
  knownToFit?: boolean
}

export type ReplyResult = { ok: true; reply: Reply } | { ok: false; problem: ProblemInit }

export interface Exchange extends Generation {
  request: Request
  /** The session's objects, in stateful mode (handlers get them as `ctx.state`). */
  state?: SessionState
  /**
   * Where `ctx.fake()` keeps what it made, to copy for an equal later call (the answer cache sets
   * it).
   */
  fakes?: FakeMemo
}

/**
 * `ctx.fake(overrides)` of an exchange: made by `make`, or a copy of what an equal earlier call
 * made.
 */
export type FakeMemo = (
  exchange: Exchange,
  overrides: Record<string, unknown>,
  make: () => unknown,
) => unknown

/**
 * The documented response a generated or example plan answers with, and its negotiated media type.
 */
export interface Chosen {
  response: ResponseSpec
  media: MediaSpec | undefined
}

export type ChosenResult = { ok: true; chosen: Chosen } | { ok: false; problem: ProblemInit }

/**
 * Carries out a plan: generates the body and headers, takes a named example, or runs a hand-written
 * handler. A 2xx whose media types all miss `Accept` is a 406 problem. `chosen` is what
 * `chooseMedia` already decided for this plan, if it was asked.
 *
 * @example
 * const result = await produceReply(plan, exchange)
 */
export async function produceReply(
  plan: Plan,
  exchange: Exchange,
  chosen?: Chosen,
): Promise<ReplyResult> {
  const { source } = plan
  if (source.kind === 'handler') {
    const result = await runHandler(source.handler, source.scenario, exchange)
    // With dynamic data its headers are faker's too, as a generated reply's are.
    if (result.ok && source.fitsSuccess && exchange.dynamic)
      result.reply.knownToFit = result.reply.media?.schema === successSchema(exchange.compiled)
    return result
  }
  const choice: ChosenResult = chosen ? { ok: true, chosen } : chooseMedia(plan, exchange)
  if (!choice.ok) return choice
  const { response, media } = choice.chosen
  const body = !media
    ? undefined
    : source.kind === 'example'
      ? media.examples.get(source.name)
      : generateBody(exchange, plan.status, response, media)
  const origin =
    source.kind === 'example' ? `the example "${source.name}"` : 'the generated response'
  const headers = generateHeaders(exchange, response, body)
  const generated = source.kind === 'generated'
  // Dynamic generation with a schema never takes an example (see generateBody), so all of it is
  // faker's.
  const knownToFit =
    generated && exchange.dynamic && (media === undefined || media.schema !== undefined)
  return {
    ok: true,
    reply: { status: plan.status, response, media, body, headers, origin, generated, knownToFit },
  }
}

/**
 * For a generated or example plan: the documented response for its status, and the media type to
 * answer with (a 406 problem when a 2xx has none the request accepts).
 *
 * @example
 * const choice = chooseMedia(plan, exchange) // { ok: true, chosen: { response, media } }
 */
export function chooseMedia(plan: Plan, exchange: Exchange): ChosenResult {
  const { source } = plan
  const response = responseFor(exchange.compiled, plan.status) as ResponseSpec
  const offered =
    source.kind === 'example'
      ? response.media.filter((media) => media.examples.has(source.name))
      : response.media
  const media = negotiate(exchange, plan.status, offered)
  if (media === false) return notAcceptable(exchange, offered)
  return { ok: true, chosen: { response, media } }
}

/**
 * The media type to answer with: undefined for a response without content, false when a 2xx fits
 * nothing the client accepts.
 */
function negotiate(
  exchange: Exchange,
  status: number,
  offered: MediaSpec[],
): MediaSpec | undefined | false {
  if (offered.length === 0) return undefined
  const chosen = chooseMediaType(
    exchange.request.headers.get('accept'),
    offered.map((media) => media.type),
  )
  if (chosen !== undefined) return offered.find((media) => media.type === chosen)
  return status >= 200 && status < 300 ? false : offered[0]
}

function notAcceptable(
  exchange: Exchange,
  offered: MediaSpec[],
): { ok: false; problem: ProblemInit } {
  const types = offered.map((media) => media.type).join(', ')
  const accept = exchange.request.headers.get('accept') ?? ''
  return {
    ok: false,
    problem: {
      kind: 'not-acceptable',
      status: 406,
      detail: `${exchange.compiled.operation.operationId} answers with ${types}; the request accepts only ${accept}.`,
      errors: [{ location: 'header', path: 'Accept', message: `must accept one of ${types}` }],
    },
  }
}

async function runHandler(
  handler: AnyMockHandler,
  scenario: string | undefined,
  exchange: Exchange,
): Promise<ReplyResult> {
  const origin = scenario === undefined ? 'the mock handler' : `the scenario "${scenario}" handler`
  let result: unknown
  try {
    result = await handler(mockRequest(exchange, scenario), mockContext(exchange))
  } catch (error) {
    if (isStoreUnavailable(error)) throw error
    return {
      ok: false,
      problem: mockProblem(
        exchange,
        `${origin} threw: ${error instanceof Error ? error.message : String(error)}`,
      ),
    }
  }
  const reply = isReply(result)
    ? result
    : { status: exchange.compiled.successStatus, body: result, headers: {} }
  const response = responseFor(exchange.compiled, reply.status)
  if (!response) {
    const documented = exchange.compiled.statuses.join(', ')
    return {
      ok: false,
      problem: mockProblem(
        exchange,
        `${origin} answered status ${reply.status}, which is not documented (${documented}).`,
      ),
    }
  }
  const media = negotiate(exchange, reply.status, response.media)
  if (media === false) return notAcceptable(exchange, response.media)
  const headers = { ...generateHeaders(exchange, response, reply.body), ...reply.headers }
  return {
    ok: true,
    reply: {
      status: reply.status,
      response,
      media,
      body: reply.body,
      headers,
      origin,
      generated: false,
    },
  }
}

/** The 500 problem for a hand-written answer (handler or example) that breaks the contract. */
export function mockProblem(
  exchange: Pick<Exchange, 'compiled'>,
  detail: string,
  errors?: ProblemInit['errors'],
): ProblemInit {
  const init: ProblemInit = {
    kind: 'mock-invalid',
    status: 500,
    detail: `${exchange.compiled.operation.operationId}: ${detail}`,
  }
  return errors ? { ...init, errors } : init
}

type LooseRequest = MockRequest<Contract, string>

function isReply(value: unknown): value is MockReply {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'standin.reply'
  )
}

function mockRequest(
  exchange: Exchange,
  scenario: string | undefined,
): MockRequest<Contract, string> {
  const { input, compiled, request } = exchange
  return {
    operationId: compiled.operation.operationId,
    method: request.method,
    path: exchange.path,
    params: input.params as LooseRequest['params'],
    query: input.query as LooseRequest['query'],
    body: input.body as LooseRequest['body'],
    headers: request.headers,
    cookies: input.cookies as Record<string, string>,
    seed: responseSeed(exchange),
    scenario,
  }
}

function mockContext(exchange: Exchange): MockContext<Contract, string> {
  const reply = (status: number, body: unknown, headers: Record<string, string> = {}): MockReply =>
    Object.freeze({ kind: 'standin.reply', status, body, headers })
  return {
    fake: ((overrides?: Record<string, unknown>) =>
      fakeSuccessOutput(exchange, overrides)) as never,
    respond: ((status: number, body?: unknown, init?: { headers?: Record<string, string> }) =>
      reply(status, body, init?.headers)) as never,
    problem: ((status: number, detail?: string) => {
      const response = responseFor(exchange.compiled, status)
      const refusal = documentedReply(
        {
          kind: 'blank',
          status,
          detail: detail ?? (response?.description || `Answered ${status}.`),
        },
        response,
        responseSeed(exchange),
      )
      return reply(status, refusal.body)
    }) as never,
    // The answer, named for the fault layer, which fails it (see faults/deliver.ts).
    fault: (kind: FaultKind, answer?: unknown) => {
      const failed = isReply(answer)
        ? answer
        : reply(
            exchange.compiled.successStatus,
            answer === undefined ? fakeSuccessOutput(exchange) : answer,
          )
      return reply(failed.status, failed.body, { ...failed.headers, [FAULT_HEADER]: String(kind) })
    },
    seed: responseSeed(exchange),
    state: exchange.state,
  }
}

/**
 * `ctx.fake()`: the generated success body, parsed by its schema so it has the types a handler
 * returns.
 */
function fakeSuccessOutput(exchange: Exchange, overrides: Record<string, unknown> = {}): unknown {
  const media = successMedia(exchange.compiled)
  if (!media?.schema) return media?.examples.values().next().value
  const schema = media.schema
  const make = () => {
    const value = fakeSuccess(exchange, schema, overrides)
    const parsed = schema.safeParse(value)
    return parsed.success ? parsed.data : value
  }
  return exchange.fakes ? exchange.fakes(exchange, overrides, make) : make()
}

function successMedia(compiled: CompiledOperation): MediaSpec | undefined {
  const media = responseFor(compiled, compiled.successStatus)?.media ?? []
  return media.find((entry) => /json/.test(entry.type)) ?? media[0]
}

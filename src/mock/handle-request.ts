import type { Contract } from '../contract/types.ts'
import { withChangedHeaders } from './changed-headers.ts'
import type { CompiledOperation } from '../operation/compile-operation.ts'
import { createCompiler } from '../operation/compile-operation.ts'
import { isPreflight, preflightResponse, withCors } from './cors.ts'
import type { DocsHandler } from './docs.ts'
import type { ResolvedOptions } from './options.ts'
import { parsePrefer, type PreferResult } from './prefer.ts'
import { seedOf } from '../fake/index.ts'
import { type ProblemInit, problemResponse } from './problem.ts'
import { refusalResponse } from './refusal.ts'
import type { Exchange } from './produce-reply.ts'
import { type AnswerCache, type Answerer, createAnswerCache } from './response-cache.ts'
import type { ReadResult } from './read-body.ts'
import { createRouter } from './router.ts'
import { unknownOperation } from './unknown-operation.ts'
import { type AuthResult, authenticate } from './security.ts'
import { type Plan, selectResponse } from './select-response.ts'
import type { StateAnswer } from './state/answer.ts'
import { withinBasePath } from '../operation/base-path.ts'
import { MOCK_HEADER } from '../operation/session-names.ts'
import { isControlPath } from './state/control.ts'
import { createStateEngine, type StateSession } from './state/create-state.ts'
import { createFaultLayer } from './faults/deliver.ts'
import { validateRequest } from './validate-request.ts'

export type RequestHandler = (request: Request) => Promise<Response>

const ANY_METHOD = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']

/**
 * The mock's request handling: route, then for an operation the `pipeline`; the docs pages for
 * paths no operation claims; 404, 405 (with `Allow`), 400 for a request that carries none of the
 * discriminators its method and path need, and CORS around all of it. In stateful mode every
 * request runs in its session, and `/__standin/state` and `/__standin/reset` answer too.
 *
 * @example
 * const handle = createRequestHandler(contract, resolveOptions({}), docs)
 * const response = await handle(new Request('http://mock/products'))
 */
export function createRequestHandler(
  contract: Contract,
  options: ResolvedOptions,
  docs: DocsHandler | undefined,
): RequestHandler {
  const router = createRouter(contract.operations)
  const compile = createCompiler()
  const answers = createAnswerCache(contract, options)
  const state = options.store
    ? createStateEngine(contract, { store: options.store, mocks: options.mocks }, compile)
    : undefined
  const deliver = createFaultLayer(options)
  return async (request) => {
    const url = new URL(request.url)
    const requested = url.pathname
    const pathname =
      withinBasePath(requested, options.basePath) ??
      (isControlPath(requested) ? requested : undefined)
    if (pathname === undefined)
      return withCors(
        outsideBasePath(request, requested, options.basePath),
        request,
        options.corsOrigins,
      )
    const match = router.match(request.method, pathname, {
      headers: request.headers,
      query: url.searchParams,
    })
    if (isPreflight(request) && options.corsOrigins !== false) {
      return preflightResponse(
        request,
        options.corsOrigins,
        match.kind === 'wrong-method' ? match.allow : ANY_METHOD,
      )
    }
    const answer = async (session?: StateSession) => {
      if (match.kind === 'operation')
        return markedAsMock(
          await answerMatched(
            {
              contract,
              compiled: compile(match.operation),
              request,
              rawParams: match.params,
              options,
              session,
            },
            answers,
          ),
          session,
        )
      if (match.kind === 'no-discriminator')
        return unknownOperation(request, pathname, match.operations.map(compile), options.seed)
      return (await docs?.(request, pathname)) ?? unmatched(request, pathname, match)
    }
    const respond = () => (state ? state.handle(request, pathname, answer) : answer())
    // Faults and latency wrap the session's handling, so a held answer holds no session up.
    const response =
      match.kind === 'operation'
        ? await deliver(request, compile(match.operation), respond)
        : await respond()
    return withCors(response, request, options.corsOrigins)
  }
}

/**
 * Says on an operation's answer that a standin mock gave it, and whether it remembers (with its
 * session): `X-Standin-Mock: stateless`, or `stateful; session=…`. verify reads it to keep one
 * session, and to leave out the checks a mock that remembers nothing cannot pass.
 */
function markedAsMock(response: Response, session: StateSession | undefined): Response {
  const value = session ? `stateful; session=${session.id}` : 'stateless'
  return withChangedHeaders(response, (headers) => headers.set(MOCK_HEADER, value))
}

function outsideBasePath(request: Request, pathname: string, basePath: string): Response {
  if (isPreflight(request)) return new Response(null, { status: 204 })
  const detail = `${pathname} is outside this API, which lives under ${basePath}: ask for ${basePath}${pathname === '/' ? '/' : pathname}.`
  return problemResponse({ kind: 'not-found', status: 404, detail })
}

function unmatched(
  request: Request,
  pathname: string,
  match: { kind: 'wrong-method'; allow: string[] } | { kind: 'none' },
): Response {
  if (match.kind === 'none') {
    return problemResponse({
      kind: 'not-found',
      status: 404,
      detail: `No operation of this API matches ${request.method} ${pathname}.`,
    })
  }
  const allow = match.allow.join(', ')
  if (request.method === 'OPTIONS')
    return new Response(null, { status: 204, headers: { Allow: allow } })
  const detail = `${pathname} does not take ${request.method}; it takes ${allow}.`
  return problemResponse({
    kind: 'method-not-allowed',
    status: 405,
    detail,
    headers: { Allow: allow },
  })
}

/** A request matched to an operation, with what answering it needs. */
interface Incoming {
  contract: Contract
  compiled: CompiledOperation
  request: Request
  rawParams: Record<string, string>
  options: ResolvedOptions
  /** The request's session, in stateful mode. */
  session?: StateSession | undefined
  /** Produces, checks and renders the planned answer (from the response cache when it may). */
  answer: Answerer
  /** The request body, when the answer cache read it already. */
  body?: ReadResult
}

type Prefer = Extract<PreferResult, { ok: true }>

/**
 * An operation's answer: sent again from the answer cache for a request answered before, else the
 * pipeline's.
 */
function answerMatched(matched: Omit<Incoming, 'answer'>, answers: AnswerCache): Promise<Response> {
  return answers.answer(
    matched.request,
    matched.compiled,
    (steps) => answerOperation({ ...matched, ...steps }),
    matched.session,
  )
}

async function answerOperation(incoming: Incoming): Promise<Response> {
  const prefer = parsePrefer(incoming.request.headers.get('prefer'), incoming.options.maxDelayMs)
  if (!prefer.ok)
    return problemResponse({
      kind: 'invalid-prefer',
      status: 400,
      detail: 'The Prefer header has values the mock cannot use.',
      errors: prefer.issues,
    })
  const response = await pipeline(incoming, prefer)
  if (prefer.value.delay) await sleep(prefer.value.delay)
  return response
}

/**
 * The pipeline for one operation: auth → validate → choose → [state] → generate → check → respond.
 * Each step hands on or ends the request with a refusal in the operation's documented shape (a
 * mistake in the `Prefer` controls is standin's own problem+json: it is about the mock, not the
 * API).
 */
async function pipeline(incoming: Incoming, prefer: Prefer): Promise<Response> {
  const { contract, compiled, request, rawParams, options } = incoming
  const refuse = (problem: ProblemInit) =>
    refusalResponse(
      compiled,
      problem,
      seedOf(prefer.value.seed ?? options.seed, compiled.operation.operationId),
    )
  const auth = authenticate(contract, compiled.operation, request)
  if (!auth.ok) return refuse(unauthorized(auth))
  const input = await validateRequest(
    compiled,
    request,
    rawParams,
    options.maxBodyBytes,
    incoming.body,
  )
  if (!input.ok) return refuse(input.problem)
  const plan = selectResponse(compiled, prefer.value, {
    mocks: options.mocks,
    scenario: incoming.session?.scenario ?? options.scenario,
  })
  if (!plan.ok) return problemResponse(plan.problem)
  const exchange = toExchange(incoming, input.value, prefer)
  // Remembered state: in stateful mode an operation on a collection answers from the session's
  // objects. Prefer: code=/example= and hand-written handlers still win (handlers get the objects
  // as ctx.state).
  const remembered = await fromState(incoming, plan.plan, prefer, exchange)
  if (remembered && !remembered.ok) return refuse(remembered.problem)
  return incoming.answer(remembered?.plan ?? plan.plan, exchange, prefer.applied)
}

function toExchange(incoming: Incoming, input: Exchange['input'], prefer: Prefer): Exchange {
  const { compiled, request, options, session } = incoming
  const exchange: Exchange = {
    compiled,
    input,
    request,
    method: request.method === 'HEAD' ? 'GET' : request.method,
    path: new URL(request.url).pathname,
    globalSeed: prefer.value.seed ?? options.seed,
    dynamic: prefer.value.dynamic ?? options.dynamic,
  }
  if (session) exchange.state = session.access(exchange, stateScenario(incoming, prefer))
  return exchange
}

/**
 * The answer from the session's objects, for a request that would otherwise get the generated
 * success.
 */
async function fromState(
  incoming: Incoming,
  plan: Plan,
  prefer: Prefer,
  exchange: Exchange,
): Promise<StateAnswer | undefined> {
  if (!incoming.session || plan.source.kind !== 'generated' || prefer.value.code !== undefined)
    return undefined
  return incoming.session.answer(exchange, stateScenario(incoming, prefer))
}

/**
 * Whose declared objects a session's collections start with: the request's scenario, the session's,
 * the app's.
 */
function stateScenario(incoming: Incoming, prefer: Prefer): string | undefined {
  return prefer.value.scenario ?? incoming.session?.scenario ?? incoming.options.scenario
}

function unauthorized(auth: Extract<AuthResult, { ok: false }>): ProblemInit {
  const init: ProblemInit = {
    kind: 'unauthorized',
    status: 401,
    detail: auth.detail,
    errors: auth.issues,
  }
  if (auth.challenges.length > 0) init.headers = { 'WWW-Authenticate': auth.challenges.join(', ') }
  return init
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

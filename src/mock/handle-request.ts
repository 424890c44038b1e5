import type { Contract } from '../contract/types.ts'
import type { CompiledOperation } from './compile-operation.ts'
import { createCompiler } from './compile-operation.ts'
import { isPreflight, preflightResponse, withCors } from './cors.ts'
import type { DocsHandler } from './docs.ts'
import type { ResolvedOptions } from './options.ts'
import { parsePrefer, type PreferResult } from './prefer.ts'
import { type ProblemInit, problemResponse } from './problem.ts'
import { type Exchange, produceReply } from './produce-reply.ts'
import { createRouter } from './router.ts'
import { type AuthResult, authenticate } from './security.ts'
import { selectResponse } from './select-response.ts'
import { checkReply, renderReply } from './validate-reply.ts'
import { validateRequest } from './validate-request.ts'

export type RequestHandler = (request: Request) => Promise<Response>

const ANY_METHOD = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']

/**
 * The mock's request handling: route, then for an operation the `pipeline`; the docs
 * pages for paths no operation claims; 404, 405 (with `Allow`) and CORS around all of it.
 *
 * @example
 * const handle = createRequestHandler(contract, resolveOptions({}), docs)
 * const response = await handle(new Request('http://mock/products'))
 */
export function createRequestHandler(contract: Contract, options: ResolvedOptions, docs: DocsHandler | undefined): RequestHandler {
  const router = createRouter(contract.operations)
  const compile = createCompiler()
  return async (request) => {
    const pathname = new URL(request.url).pathname
    const match = router.match(request.method, pathname)
    if (isPreflight(request) && options.corsOrigins !== false) {
      return preflightResponse(request, options.corsOrigins, match.kind === 'wrong-method' ? match.allow : ANY_METHOD)
    }
    const response =
      match.kind === 'operation'
        ? await answerOperation({ contract, compiled: compile(match.operation), request, rawParams: match.params, options })
        : ((await docs?.(request, pathname)) ?? unmatched(request, pathname, match))
    return withCors(response, request, options.corsOrigins)
  }
}

function unmatched(request: Request, pathname: string, match: { kind: 'wrong-method'; allow: string[] } | { kind: 'none' }): Response {
  if (match.kind === 'none') {
    return problemResponse({ kind: 'not-found', status: 404, detail: `No operation of this API matches ${request.method} ${pathname}.` })
  }
  const allow = match.allow.join(', ')
  if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: { Allow: allow } })
  const detail = `${pathname} does not take ${request.method}; it takes ${allow}.`
  return problemResponse({ kind: 'method-not-allowed', status: 405, detail, headers: { Allow: allow } })
}

/** A request matched to an operation, with what answering it needs. */
interface Incoming {
  contract: Contract
  compiled: CompiledOperation
  request: Request
  rawParams: Record<string, string>
  options: ResolvedOptions
}

type Prefer = Extract<PreferResult, { ok: true }>

async function answerOperation(incoming: Incoming): Promise<Response> {
  const prefer = parsePrefer(incoming.request.headers.get('prefer'), incoming.options.maxDelayMs)
  if (!prefer.ok) return problemResponse({ kind: 'invalid-prefer', status: 400, detail: 'The Prefer header has values the mock cannot use.', errors: prefer.issues })
  const response = await pipeline(incoming, prefer)
  if (prefer.value.delay) await sleep(prefer.value.delay)
  return response
}

/**
 * The pipeline for one operation: auth → validate → choose → [state] → generate → check → respond.
 * Each step hands on or ends the request with a problem.
 */
async function pipeline(incoming: Incoming, prefer: Prefer): Promise<Response> {
  const { contract, compiled, request, rawParams, options } = incoming
  const auth = authenticate(contract, compiled.operation, request)
  if (!auth.ok) return unauthorized(auth)
  const input = await validateRequest(compiled, request, rawParams, options.maxBodyBytes)
  if (!input.ok) return problemResponse(input.problem)
  const plan = selectResponse(compiled, prefer.value, options)
  if (!plan.ok) return problemResponse(plan.problem)
  // Remembered state (objects created, changed and deleted in a session) plugs in here: it may answer
  // from its store, or hand on to generation with fields to pin.
  const produced = await produceReply(plan.plan, toExchange(incoming, input.value, prefer))
  if (!produced.ok) return problemResponse(produced.problem)
  const checked = checkReply(compiled, produced.reply)
  if (!checked.ok) return problemResponse(checked.problem)
  return renderReply(checked, prefer.applied)
}

function toExchange(incoming: Incoming, input: Exchange['input'], prefer: Prefer): Exchange {
  const { compiled, request, options } = incoming
  return {
    compiled,
    input,
    request,
    method: request.method === 'HEAD' ? 'GET' : request.method,
    path: new URL(request.url).pathname,
    globalSeed: prefer.value.seed ?? options.seed,
    dynamic: prefer.value.dynamic ?? options.dynamic,
  }
}

function unauthorized(auth: Extract<AuthResult, { ok: false }>): Response {
  const init: ProblemInit = { kind: 'unauthorized', status: 401, detail: auth.detail, errors: auth.issues }
  if (auth.challenges.length > 0) init.headers = { 'WWW-Authenticate': auth.challenges.join(', ') }
  return problemResponse(init)
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

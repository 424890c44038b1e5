import { StandinError } from '../contract/standin-error.ts'
import type { Contract, Operation } from '../contract/types.ts'
import { createMockApp } from '../mock/create-mock-app.ts'
import { withChangedHeaders } from '../mock/changed-headers.ts'
import { isPreflight, preflightResponse, withCors } from '../mock/cors.ts'
import { type MockOptions, resolveOptions } from '../mock/options.ts'
import { problemResponse } from '../mock/problem.ts'
import { createRouter, type MatchResult } from '../mock/router.ts'
import { withinBasePath } from '../operation/base-path.ts'
import { createCompiler } from '../operation/compile-operation.ts'
import type { ResponseUnderTest } from '../verify/checks.ts'
import type { ProxyExchange } from './exchange.ts'
import { forwardedRequest, holdsWhole, passedOn, type Transport } from './forward.ts'
import { checkRequest, createAnswerChecker, type RequestFindings } from './live-checks.ts'
import { mockedOperations, notBuiltYet } from './mocked-part.ts'
import { createResourceMemory } from './resource-memory.ts'
import {
  createViolationLog,
  type Finding,
  type Violation,
  type ViolationReport,
  violationLine,
} from './violations.ts'

export interface ProxyOptions {
  /** Where the backend is: `http://127.0.0.1:3000` (a path prefixes every request). */
  target: string
  /**
   * The mock that answers what the backend does not: its seed, hand-written mocks, scenarios,
   * stateful mode, base path and CORS are those of `createMockApp`.
   */
  mock?: MockOptions
  /** Operations (operationId or tag) the mock answers from the start (`--mock`). */
  mockOperations?: readonly string[]
  /** Every operation but these (operationId or tag) is answered by the mock (`--mock-all-except`). */
  mockAllExcept?: readonly string[]
  /** Answer 502 problem+json instead of an answer that breaks the contract (`--fail-on-violation`). */
  failOnViolation?: boolean
  /** How requests reach the backend (default: `fetch`). */
  transport?: Transport
  /** Each exchange, bytes included, once answered (what `--record` writes). */
  onExchange?: (exchange: ProxyExchange) => void
  /** One line per violation found and per answer the mock gave instead of the backend. */
  log?: (line: string) => void
}

export interface ProxyApp {
  fetch(request: Request): Promise<Response>
  /** The violations so far, grouped by cause (what `GET /__standin/violations` answers). */
  report(): ViolationReport
}

/** Where the proxy lists the violations it found, grouped by cause. */
export const VIOLATIONS_PATH = '/__standin/violations'
/** The count of violations of contract in an exchange, on its answer. */
export const VIOLATIONS_HEADER = 'Standin-Violations'
/** Who answered: `backend`, or `mock; reason="…"`. */
export const ANSWERED_BY_HEADER = 'Standin-Answered-By'

/**
 * `standin proxy`: between a frontend and its backend. Every request of the contract is forwarded
 * and answered with the backend's answer as it came; on the way both sides are checked with the
 * checks of verify (the request against the operation: the frontend's fault; the answer: the
 * backend's), and each violation is logged, counted on the answer (`Standin-Violations`) and kept
 * for `GET /__standin/violations`. What the backend does not build yet (listed with
 * `mockOperations`, answered 404/501, or unreachable) the mock answers. Runtime-neutral, like
 * `createMockApp`.
 *
 * @example
 * const proxy = createProxyApp(contract, { target: 'http://127.0.0.1:3000' })
 * const response = await proxy.fetch(new Request('http://127.0.0.1:4010/products'))
 */
export function createProxyApp(contract: Contract, options: ProxyOptions): ProxyApp {
  const target = targetUrl(options.target)
  const resolved = resolveOptions(options.mock ?? {}, contract)
  const mock = createMockApp(contract, options.mock ?? {})
  const mocked = mockedOperations(contract, {
    mock: options.mockOperations,
    mockAllExcept: options.mockAllExcept,
  })
  const router = createRouter(contract.operations)
  const compile = createCompiler()
  const memory = createResourceMemory(contract)
  const checkAnswer = createAnswerChecker()
  const violations = createViolationLog()
  const transport = options.transport ?? ((request: Request) => fetch(request))
  const log = options.log ?? (() => undefined)

  const answerFromMock = async (
    request: Request,
    body: Uint8Array<ArrayBuffer> | undefined,
    reason: string,
  ) => {
    const answer = await mock.fetch(copyOf(request, body))
    log(`mocked ${request.method} ${pathOf(request)} → ${answer.status} (${reason})`)
    return marked(answer, `mock; reason="${reason}"`)
  }

  /** The frontend's side: the request against its operation, or no operation of the contract. */
  const checkFrontend = async (
    request: Request,
    url: URL,
    body: Uint8Array<ArrayBuffer> | undefined,
    match: MatchResult,
  ): Promise<RequestFindings> => {
    if (match.kind === 'operation')
      return checkRequest(
        contract,
        compile(match.operation),
        body === undefined ? request : copyOf(request, body),
        match.params,
        resolved.maxBodyBytes,
      )
    const inside =
      match.kind !== 'none' || withinBasePath(url.pathname, resolved.basePath) !== undefined
    return {
      findings: inside ? [unknownOperation(request)] : [],
      invalid: false,
      unauthenticated: false,
    }
  }

  /** Who answers and with what: the backend (checked), or the mock where the backend cannot. */
  const answer = async (
    request: Request,
    url: URL,
    body: Uint8Array<ArrayBuffer> | undefined,
    match: OperationMatch | undefined,
    front: RequestFindings,
    started: number,
  ): Promise<Answered> => {
    const fromMock = async (reason: string): Promise<Answered> => ({
      response: await answerFromMock(request, body, reason),
      source: 'mock',
      findings: [],
    })
    if (match && mocked.has(match.operation.operationId)) return fromMock('listed to be mocked')
    let answered: Response
    try {
      answered = await transport(forwardedRequest(target, request, body))
    } catch (error) {
      if (match) return fromMock(`the backend is unreachable: ${reasonOf(error)}`)
      return { response: badGateway(target, error), source: 'backend', findings: [] }
    }
    const passed = (bytes: Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array> | null) =>
      marked(passedOn(answered, bytes, target, url), 'backend')
    if (!holdsWhole(answered.headers))
      return { response: passed(answered.body), source: 'backend', findings: [], streamed: true }
    const bytes = new Uint8Array(await answered.arrayBuffer())
    if (!match) return { response: passed(bytes), source: 'backend', findings: [] }
    const under = underTest(answered, bytes, performance.now() - started)
    const { operation, params } = match
    if (notBuiltYet(operation, under)) return fromMock(`the backend answered ${answered.status}`)
    const findings = [
      ...checkAnswer(operation, under, front),
      ...memory.observe(observed(operation, params, under, answered)),
    ]
    return { response: passed(bytes), source: 'backend', findings }
  }

  const handle = async (request: Request, started: number): Promise<Handled> => {
    const url = new URL(request.url)
    const body = await bodyOf(request)
    const match = matchOf(request, url)
    const operationMatch = match.kind === 'operation' ? match : undefined
    const front = await checkFrontend(request, url, body, match)
    const answered = await answer(request, url, body, operationMatch, front, started)
    return {
      ...answered,
      findings: [...front.findings, ...answered.findings],
      operation: operationMatch?.operation,
      body,
    }
  }

  const matchOf = (request: Request, url = new URL(request.url)): MatchResult => {
    const pathname = withinBasePath(url.pathname, resolved.basePath)
    if (pathname === undefined) return { kind: 'none' }
    return router.match(request.method, pathname, {
      headers: request.headers,
      query: url.searchParams,
    })
  }

  return {
    report: () => violations.report(),
    async fetch(request) {
      const started = performance.now()
      const url = new URL(request.url)
      if (url.pathname === VIOLATIONS_PATH && request.method === 'GET')
        return withCors(Response.json(violations.report()), request, resolved.corsOrigins)
      if (isPreflight(request) && resolved.corsOrigins !== false)
        return preflightResponse(request, resolved.corsOrigins, allowed(matchOf(request)))
      const handled = await handle(request, started)
      const found = handled.findings.map((finding) => violationOf(finding, request, handled))
      violations.exchange(handled.operation?.operationId, handled.source === 'mock')
      violations.add(found)
      for (const violation of found) log(violationLine(violation))
      const errors = found.filter((violation) => violation.severity === 'error')
      const backendErrors = errors.filter((violation) => violation.side === 'backend')
      let response = handled.response
      if (options.failOnViolation && backendErrors.length > 0) response = refused(backendErrors)
      if (errors.length > 0)
        response = withHeader(response, VIOLATIONS_HEADER, String(errors.length))
      response = withCors(response, request, resolved.corsOrigins)
      if (options.onExchange) await record(options.onExchange, request, handled, response, started)
      return response
    },
  }
}

type OperationMatch = Extract<MatchResult, { kind: 'operation' }>

/** The answer to send, who gave it, and what the backend's side of it broke. */
interface Answered {
  response: Response
  source: 'backend' | 'mock'
  findings: Finding[]
  /** The answer is streamed through (an event stream, or larger than the cap): not held. */
  streamed?: true
}

/** An exchange as handled: its answer, both sides' findings, the operation and the body read once. */
interface Handled extends Answered {
  operation: Operation | undefined
  body: Uint8Array<ArrayBuffer> | undefined
}

function targetUrl(target: string): URL {
  let url: URL
  try {
    url = new URL(target)
  } catch {
    throw new StandinError(
      'USAGE',
      `--target must be an http(s) URL such as http://127.0.0.1:3000, got "${target}".`,
    )
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new StandinError('USAGE', `--target must be an http(s) URL, got "${target}".`)
  return url
}

async function bodyOf(request: Request): Promise<Uint8Array<ArrayBuffer> | undefined> {
  if (request.method === 'GET' || request.method === 'HEAD' || request.body === null)
    return undefined
  return new Uint8Array(await request.arrayBuffer())
}

/** The request again, with its body from the bytes read once (a Request's body reads only once). */
function copyOf(request: Request, body: Uint8Array<ArrayBuffer> | undefined): Request {
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: body && body.byteLength > 0 ? body : undefined,
  })
}

function pathOf(request: Request): string {
  const url = new URL(request.url)
  return `${url.pathname}${url.search}`
}

function underTest(answer: Response, bytes: Uint8Array, durationMs: number): ResponseUnderTest {
  const headers: Record<string, string> = {}
  answer.headers.forEach((value, name) => {
    headers[name] = value
  })
  // Decoded as a client decodes it; bytes that are not UTF-8 are checked as the text they make.
  return { status: answer.status, headers, text: new TextDecoder().decode(bytes), durationMs }
}

function observed(
  operation: Operation,
  params: Record<string, string>,
  under: ResponseUnderTest,
  answer: Response,
) {
  return {
    operationId: operation.operationId,
    params,
    status: under.status,
    body: () => parsedOrUndefined(under.text),
    location: answer.headers.get('location'),
  }
}

function parsedOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

function unknownOperation(request: Request): Finding {
  return {
    side: 'frontend',
    code: 'unknown_operation',
    path: '',
    message: `${request.method} ${new URL(request.url).pathname} is no operation of the contract; forwarded as it is.`,
    severity: 'error',
  }
}

function violationOf(finding: Finding, request: Request, handled: Handled): Violation {
  return {
    ...finding,
    operationId: handled.operation?.operationId,
    method: request.method,
    target: pathOf(request),
    status: handled.response.status,
  }
}

/** `--fail-on-violation`: the answer is not passed on; 502 names each violation of it. */
function refused(violations: readonly Violation[]): Response {
  return problemResponse({
    kind: 'contract-violation',
    status: 502,
    detail: `The backend answered ${violations[0]?.status} in a way that breaks the contract of ${violations[0]?.operationId ?? 'this request'}; the proxy does not pass it on (--fail-on-violation).`,
    errors: violations.map((violation) => ({
      location: 'body',
      path: violation.path,
      message: `${violation.code}: ${violation.message}`,
    })),
  })
}

function badGateway(target: URL, error: unknown): Response {
  return problemResponse({
    kind: 'bad-gateway',
    status: 502,
    detail: `The backend at ${target.origin} did not answer: ${reasonOf(error)}. The request is no operation of the contract, so the mock cannot answer it either.`,
  })
}

function reasonOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error))
}

function allowed(match: MatchResult): string[] {
  return match.kind === 'wrong-method'
    ? match.allow
    : ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']
}

function marked(response: Response, by: string): Response {
  return withHeader(response, ANSWERED_BY_HEADER, by)
}

/** The response with one more header. */
function withHeader(response: Response, name: string, value: string): Response {
  return withChangedHeaders(response, (headers) => headers.set(name, value))
}

/** Hands the exchange to `onExchange`, bytes included, without taking them from the client. */
async function record(
  onExchange: (exchange: ProxyExchange) => void,
  request: Request,
  handled: Handled,
  response: Response,
  started: number,
): Promise<void> {
  const body =
    response.body && !handled.streamed
      ? new Uint8Array(await response.clone().arrayBuffer())
      : undefined
  onExchange({
    startedAt: new Date(Date.now() - (performance.now() - started)),
    durationMs: performance.now() - started,
    operationId: handled.operation?.operationId,
    source: handled.source,
    request: {
      method: request.method,
      url: request.url,
      headers: [...request.headers],
      body: handled.body,
    },
    response: {
      status: response.status,
      statusText: response.statusText,
      headers: [...response.headers],
      body,
    },
  })
}

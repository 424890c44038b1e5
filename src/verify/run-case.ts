import { isStandinError } from '../contract/standin-error.ts'
import type { Contract, Operation } from '../contract/types.ts'
import { credentialsForMode, withoutCredentialInput } from './auth.ts'
import { checkResponse } from './check-response.ts'
import {
  checkAuthRejected,
  checkForgedRejected,
  checkRejected,
  type CheckOptions,
  type ResponseUnderTest,
} from './checks.ts'
import type { Credentials } from './credentials.ts'
import { toCurl } from './curl.ts'
import type { CaseExpectation, CasePlan } from './generate-cases.ts'
import type { IdPool, IdValue } from './id-pool.ts'
import { type Identity, learnIdentity } from './identity.ts'
import { combineChecks, issue, toCheckResult } from './issues.ts'
import { isJsonMediaType } from '../operation/media-type.ts'
import { toOutgoing } from './request-input.ts'
import { answeredKey, createdIdOf, listedKeys, type Resource } from './resources.ts'
import type { Resources } from '../operation/resources.ts'
import type { OutgoingRequest, Transport } from './transport.ts'
import { MOCK_HEADER, SESSION_HEADER } from '../operation/session-names.ts'
import type { CaseResult, CheckResult, IssueCode, ReceivedResponse } from './types.ts'
import { linkedValues } from './links.ts'
import type { Redactor } from './redact.ts'
import { shownBody } from './shorten.ts'

/** Everything a run shares: where requests go, with which credentials, and what it has learned. */
export interface RunContext {
  contract: Contract
  transport: Transport
  credentials: Credentials
  pool: IdPool
  /** The collections verify creates and then finds again (create → read → update → delete). */
  resources: Resource[]
  /** The one model of the contract's collections: where keys come from and go. */
  model: Resources
  seed: number
  examples: number
  checkOptions: CheckOptions
  health: RunHealth
  notes: string[]
  /** What the run knows to be secret: what it shows of requests and answers passes through it. */
  redactor: Redactor
  /**
   * The account the run acts as (email, username, password), which updates of the caller's own
   * record keep.
   */
  identity: Identity
  /** Whether the run may change or delete the caller's own record (`--destructive`). */
  destructive: boolean
  /** Whether a check reports (`--checks`, `--exclude-checks`). */
  enabled: (code: IssueCode) => boolean
  /**
   * What a standin mock target said of itself: stateful with the session its first answer started,
   * which every later request keeps, or stateless.
   */
  standin: { kind?: 'stateful' | 'stateless'; session?: string }
}

/** Whether the target answers at all; `stopped` ends the run (exit 2). */
export interface RunHealth {
  answered: boolean
  failuresInARow: number
  requests: number
  stopped?: { code: string; message: string }
}

export interface CaseOutcome {
  result: CaseResult
  response?: ResponseUnderTest
  /** The parsed JSON body, when the response had one. */
  body?: unknown
}

/**
 * Runs a generator of requests; one that fails with a StandinError (a schema src/fake cannot
 * satisfy) becomes a note and the fallback, so one odd schema does not stop the run.
 */
export function generated<T>(
  context: RunContext,
  operation: Operation,
  make: () => T,
  fallback: T,
): T {
  try {
    return make()
  } catch (error) {
    if (!isStandinError(error)) throw error
    context.notes.push(`${operation.operationId}: no request could be generated: ${error.message}`)
    return fallback
  }
}

const STOP_BEFORE_FIRST_ANSWER = 3
const STOP_AFTER_FAILURES = 10

/**
 * Sends one planned case and checks the response: the checks every response gets, what the case
 * expects (a 4xx for invalid input, 401/403 without credentials) and `extra` (stateful checks). Ids
 * in a 2xx answer are remembered for later operations.
 */
export async function runCase(
  context: RunContext,
  operation: Operation,
  plan: CasePlan,
  extra?: (response: ResponseUnderTest) => CheckResult,
): Promise<CaseOutcome> {
  const credentials = credentialsForMode(
    plan.auth,
    context.credentials,
    operation,
    context.contract,
    plan.forgery,
  )
  const session: Record<string, string> =
    context.standin.session === undefined ? {} : { [SESSION_HEADER]: context.standin.session }
  const input =
    plan.auth === 'valid' ? plan.input : withoutCredentialInput(plan.input, context.contract)
  const outgoing = toOutgoing(
    operation,
    input,
    { ...session, ...credentials.headers },
    credentials.query,
  )
  context.redactor.learn(credentials.secrets)
  const exchange = await context.transport.send(outgoing)
  recordHealth(context, exchange.ok ? undefined : exchange)
  const base = describeCase(context, operation, plan, outgoing, credentials.shown)
  if (!exchange.ok)
    return { result: { ...base, ok: false, issues: [issue(exchange.code, exchange.message)] } }
  const response = exchange.response
  const body = jsonBody(response)
  context.redactor.learnFromAnswer(response.headers, body)
  keepStandinSession(context, response)
  const found = combineChecks(
    checkResponse(operation, response, context.checkOptions),
    expectation(plan.expect, response),
    extra?.(response) ?? toCheckResult([]),
  )
  const checked = toCheckResult(found.issues.filter((issue) => context.enabled(issue.code)))
  if (isSuccess({ response })) learn(context, operation, plan, response, body, outgoing.path)
  return {
    result: {
      ...base,
      ok: checked.ok,
      issues: checked.issues,
      response: summarize(response, context.redactor),
    },
    response,
    body,
  }
}

/**
 * The case as reports show it: what was sent, with credentials as `${VAR}` or `***`, and its curl.
 */
function describeCase(
  context: RunContext,
  operation: Operation,
  plan: CasePlan,
  outgoing: OutgoingRequest,
  shown: Record<string, string>,
): Omit<CaseResult, 'ok' | 'issues'> {
  return {
    operationId: operation.operationId,
    kind: plan.kind,
    name: plan.name,
    seed: plan.seed,
    request: {
      method: outgoing.method,
      url: context.transport.baseUrl + outgoing.path,
      headers: Object.fromEntries(
        Object.entries(outgoing.headers).map(([name, value]) => [
          name,
          shown[name.toLowerCase()] ?? value,
        ]),
      ),
      ...(outgoing.body === undefined ? {} : { body: outgoing.body }),
    },
    curl: toCurl(context.transport.baseUrl, outgoing, shown),
  }
}

function expectation(
  expect: CaseExpectation | undefined,
  response: ResponseUnderTest,
): CheckResult {
  if (expect?.type === 'rejected') return checkRejected(response, expect.reason)
  if (expect?.type === 'auth-rejected') return checkAuthRejected(response, expect.situation)
  if (expect?.type === 'forged-rejected') return checkForgedRejected(response)
  return toCheckResult([])
}

function recordHealth(
  context: RunContext,
  failure: { code: string; message: string } | undefined,
): void {
  const health = context.health
  health.requests++
  if (!failure) {
    health.answered = true
    health.failuresInARow = 0
    return
  }
  health.failuresInARow++
  const giveUp = health.answered
    ? health.failuresInARow >= STOP_AFTER_FAILURES
    : failure.code === 'unreachable' || health.failuresInARow >= STOP_BEFORE_FIRST_ANSWER
  if (giveUp && !health.stopped) {
    const times = health.failuresInARow === 1 ? '' : ` (${health.failuresInARow} requests in a row)`
    health.stopped = {
      code: failure.code,
      message: `${context.transport.baseUrl} did not answer${times}: ${failure.message}`,
    }
  }
}

/**
 * A standin mock says so on its answers. A stateful one names its session: later requests name it
 * too, so they all see one session's objects. A stateless one remembers nothing: the checks of what
 * a create, an update or a delete leave behind are left out.
 */
function keepStandinSession(context: RunContext, response: ResponseUnderTest): void {
  const mock = response.headers[MOCK_HEADER.toLowerCase()]
  if (mock === undefined || context.standin.kind !== undefined) return
  const session = /session=([A-Za-z0-9._-]+)/.exec(mock)?.[1]
  if (session !== undefined) {
    Object.assign(context.standin, { kind: 'stateful', session })
    context.notes.push(
      `The target is a stateful standin mock: every request named the session its first answer started (${SESSION_HEADER}: ${session}).`,
    )
  } else {
    context.standin.kind = 'stateless'
    context.notes.push(
      'The target is a stateless standin mock, which remembers nothing: what creates, updates and deletes leave behind was not checked.',
    )
  }
}

/** Remembers ids from a successful answer: the created resource, listed items, any `…Id` field. */
function learn(
  context: RunContext,
  operation: Operation,
  plan: CasePlan,
  response: ResponseUnderTest,
  body: unknown,
  path: string,
): void {
  const { pool } = context
  if (plan.kind === 'negative' || plan.kind === 'auth') return
  if (operation.method === 'delete') {
    // Only the item named last is gone: DELETE /carts/{cartId}/items/{itemId} leaves the cart.
    const last = operation.pathParams.at(-1)
    if (last !== undefined) forgetId(pool, plan.input.params[last])
    return
  }
  if (body !== undefined) pool.harvest(body)
  for (const [name, value] of linkedValues(operation, {
    method: operation.method,
    path,
    input: plan.input,
    status: response.status,
    headers: response.headers,
    body,
  }))
    pool.seen(name, value)
  if (
    operation.method === 'get' &&
    operation.pathParams.length === 0 &&
    operation.security.length > 0
  )
    learnIdentity(context.identity, body)
  const role = context.model.roleOf(operation.operationId)
  const idParam = role?.resource.idParam
  if (!role || idParam === undefined) return
  if (role.action === 'create') {
    // The newest child's parents become the newest too, so that the next request names them
    // together.
    for (const parent of operation.pathParams)
      rememberKey(pool.created, parent, asIdValue(plan.input.params[parent]))
    rememberKey(pool.created, idParam, createdIdOf(role, response, body, plan.input.params))
  } else if (role.action === 'list')
    for (const key of listedKeys(role, body)) pool.seen(idParam, key)
  else rememberKey(pool.seen, idParam, answeredKey(role, body))
}

function rememberKey(
  remember: (name: string, value: IdValue) => void,
  name: string,
  key: IdValue | undefined,
): void {
  if (key !== undefined) remember(name, key)
}

function asIdValue(value: unknown): IdValue | undefined {
  return typeof value === 'string' || typeof value === 'number' ? value : undefined
}

function forgetId(pool: IdPool, value: unknown): void {
  if (typeof value === 'string' || typeof value === 'number') pool.forget(value)
}

function jsonBody(response: ResponseUnderTest): unknown {
  if (!isJsonMediaType(response.headers['content-type'] ?? '') || response.text === '')
    return undefined
  try {
    return JSON.parse(response.text) as unknown
  } catch {
    return undefined
  }
}

/** The response as a report keeps it: redacted, and its body cut at 4 KiB. */
function summarize(
  response: ResponseUnderTest & { durationMs?: number },
  redactor: Redactor,
): ReceivedResponse {
  return {
    status: response.status,
    headers: redactor.value(response.headers),
    body: shownBody(response.text, redactor.value),
    durationMs: Math.round(response.durationMs ?? 0),
  }
}

/** Whether a request was answered with a 2xx. */
export function isSuccess(
  found: { response?: { status: number } | undefined } | undefined,
): boolean {
  const status = found?.response?.status ?? 0
  return status >= 200 && status < 300
}

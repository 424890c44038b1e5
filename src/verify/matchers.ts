import { getOperation } from '../contract/operations.ts'
import type { Contract, Operation } from '../contract/types.ts'
import { annotateJson } from './annotate-json.ts'
import { checkResponse } from './check-response.ts'
import type { CheckOptions, ResponseUnderTest } from './checks.ts'
import { formatPath } from './issues.ts'
import { responseFor } from './operation-parts.ts'
import type { Issue } from './types.ts'

/**
 * A fetch Response, or what test clients such as supertest give: `{ status, headers, body }` (or
 * `text`).
 */
export type ResponseLike =
  | Response
  | {
      status: number
      headers?: Headers | Record<string, string | string[] | undefined>
      body?: unknown
      text?: string
    }

export interface MatcherResult {
  pass: boolean
  message: () => string
}

/** What vitest and jest bind `this` to in a matcher; only `isNot` is read. */
export interface MatcherContext {
  isNot?: boolean
}

/**
 * Custom matchers for vitest and jest: `expect.extend(matchers)`, then `await
 * expect(response).toMatchContract(contract, 'getOrder')`. The same checks as `standin verify`: a
 * documented status, content type, body schema and headers; undeclared fields fail with `{ strict:
 * true }`.
 *
 * @example
 * import { matchers } from 'standin/matchers'
 * expect.extend(matchers)
 * const response = await app.request('/orders/42', { headers })
 * await expect(response).toMatchContract(contract, 'getOrder')
 */
export const matchers = {
  toMatchContract(
    this: MatcherContext,
    received: unknown,
    contract: Contract,
    operationId: string,
    options: CheckOptions = {},
  ): MatcherResult | Promise<MatcherResult> {
    const operation = getOperation(contract, operationId)
    const isNot = this?.isNot ?? false
    if (typeof Response !== 'undefined' && received instanceof Response) {
      return fromFetchResponse(received).then((response) =>
        evaluate(operation, response, options, isNot),
      )
    }
    return evaluate(operation, fromResponseLike(received, operation), options, isNot)
  },
}

/** Runs the contract checks on a response and words the outcome for a test failure. */
export function evaluate(
  operation: Operation,
  response: ResponseUnderTest,
  options: CheckOptions,
  isNot = false,
): MatcherResult {
  const result = checkResponse(operation, response, options)
  const name = `${operation.operationId} (${operation.method.toUpperCase()} ${operation.path})`
  if (result.ok) {
    return {
      pass: true,
      message: () => `expected the ${response.status} response not to match ${name}, but it does.`,
    }
  }
  return {
    pass: false,
    message: () =>
      isNot
        ? `expected the response not to match ${name}.`
        : mismatchMessage(name, response, result.issues),
  }
}

function mismatchMessage(name: string, response: ResponseUnderTest, issues: Issue[]): string {
  const lines = issues.map(
    (found) =>
      `  ${found.severity === 'error' ? '✗' : '!'} ${found.code}${found.path.length > 0 ? ` at ${formatPath(found.path)}` : ''}: ${found.message}`,
  )
  return [
    `expected the ${response.status} response to match ${name}:`,
    ...lines,
    '',
    'Received body:',
    shownBody(response, issues),
  ].join('\n')
}

function shownBody(response: ResponseUnderTest, issues: Issue[]): string {
  if (response.json) return annotateJson(response.json.value, issues)
  try {
    return annotateJson(JSON.parse(response.text), issues)
  } catch {
    return response.text === '' ? '(empty)' : response.text
  }
}

async function fromFetchResponse(response: Response): Promise<ResponseUnderTest> {
  if (response.bodyUsed)
    throw new TypeError(
      'toMatchContract: the body of this Response was already read. Pass { status, headers, body } instead.',
    )
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    text: await response.clone().text(),
  }
}

function fromResponseLike(received: unknown, operation: Operation): ResponseUnderTest {
  const value = received as {
    status?: unknown
    headers?: unknown
    body?: unknown
    text?: unknown
  } | null
  if (typeof value !== 'object' || value === null || typeof value.status !== 'number') {
    throw new TypeError('toMatchContract: expected a fetch Response or { status, headers, body }.')
  }
  const headers = toHeaderRecord(value.headers)
  if (value.headers === undefined) {
    const documented = responseFor(operation, value.status)?.media[0]?.type
    if (documented && value.body !== undefined) headers['content-type'] = documented
  }
  if (typeof value.text === 'string') return { status: value.status, headers, text: value.text }
  if (typeof value.body === 'string') return { status: value.status, headers, text: value.body }
  if (value.body === undefined) return { status: value.status, headers, text: '' }
  return {
    status: value.status,
    headers,
    text: JSON.stringify(value.body),
    json: { value: value.body },
  }
}

function toHeaderRecord(headers: unknown): Record<string, string> {
  if (typeof Headers !== 'undefined' && headers instanceof Headers)
    return Object.fromEntries(headers)
  if (typeof headers !== 'object' || headers === null) return {}
  return Object.fromEntries(
    Object.entries(headers as Record<string, unknown>).flatMap(([name, value]) => {
      if (value === undefined) return []
      return [[name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value)]]
    }),
  )
}

interface ContractMatchers<R> {
  /** Checks a response against an operation of a contract (await it for a fetch Response). */
  toMatchContract: (contract: Contract, operationId: string, options?: CheckOptions) => R
}

declare module 'vitest' {
  // vitest's Assertion<T> extends Matchers<T>, so this adds the matcher to expect(...). T is the
  // received type; a fetch Response is read asynchronously, so the matcher returns a promise for it.
  // biome-ignore lint/suspicious/noExplicitAny: declaration merging needs vitest's own `T = any`.
  interface Matchers<T = any> extends ContractMatchers<T extends Response ? Promise<void> : void> {}
}

import { http, type RequestHandler } from 'msw'
import type { Contract, OperationId } from '../contract/types.ts'
import { StandinError } from '../contract/standin-error.ts'
import { createMockApp } from '../mock/create-mock-app.ts'
import { FAULT_HEADER } from '../mock/faults/kinds.ts'
import { withHandlers } from '../mock/define-mocks.ts'
import type { AnyMockHandler, MockHandler } from '../mock/mock-types.ts'
import { type MockOptions, resolveOptions, type StatefulOptions } from '../mock/options.ts'
import { createMemoryStore } from '../mock/state/memory-store.ts'
import type { StateStore } from '../mock/state/store.ts'
import { createRouter } from '../mock/router.ts'
import { withinBasePath } from '../operation/base-path.ts'

export interface MswOptions extends MockOptions {
  /**
   * Where the frontend sends its requests: `https://api.example.com` (a path in it is the API's
   * base path). By default the contract's first server URL when it is absolute, else every origin.
   */
  baseUrl?: string
}

/**
 * MSW request handlers that answer every operation of a contract exactly as `standin serve` would
 * (the same mock, the same bytes for the same seed), plus what a test changes between tests.
 * Spread them into `setupServer(...)` (msw/node) or `setupWorker(...)` (msw/browser).
 */
export interface StandinHandlers<C extends Contract> extends Array<RequestHandler> {
  /** Answers one operation with a handler of your own until `reset()`, typed like `defineMocks`. */
  override<Id extends OperationId<C>>(operationId: Id, handler: MockHandler<C, Id>): void
  /** Answers with a scenario of the mocks (its handlers and starting state) until `reset()`. */
  useScenario(name: string | undefined): void
  /** Forgets overrides, the scenario set by `useScenario`, and what a stateful mock remembered. */
  reset(): void
}

/**
 * MSW handlers for a contract: a frontend's unit and component tests (vitest, jest) and the browser
 * get the mock without a server.
 *
 * @example
 * const api = handlers(contract, { baseUrl: 'https://api.example.com', seed: 7, mocks })
 * const server = setupServer(...api)
 * afterEach(() => api.reset())
 * api.override('getOrder', (c, ctx) => ctx.problem(404, 'No such order.'))
 */
export function handlers<C extends Contract>(
  contract: C,
  options: MswOptions = {},
): StandinHandlers<C> {
  const { baseUrl, ...mockOptions } = options
  const origin = originOf(contract, baseUrl)
  const basePath = basePathOf(baseUrl, mockOptions, contract)
  const overrides: Record<string, AnyMockHandler> = {}
  let scenario: string | undefined
  // One store for the handlers' life (an override keeps what the test created), anew at reset().
  let store = sessionsOf(mockOptions.stateful)
  let app = build()
  function build() {
    // createMockApp checks the mocks, overrides included.
    const mocks = withHandlers(mockOptions.mocks, overrides)
    return createMockApp(contract, {
      ...mockOptions,
      basePath,
      ...(mocks ? { mocks } : {}),
      ...(scenario === undefined ? {} : { scenario }),
      ...(store ? { stateful: { ...statefulOptions(mockOptions.stateful), store } } : {}),
    })
  }
  const router = createRouter(contract.operations)
  const handler = http.all(`${origin ?? '*'}/*`, async ({ request }) => {
    const url = new URL(request.url)
    const pathname = withinBasePath(url.pathname, basePath)
    if (pathname === undefined) return undefined
    // The API's own origin is the mock's, as a server's would be: a path the contract lacks gets
    // standin serve's 404. Answering on every origin, the handlers take only the contract's requests.
    if (origin === undefined && !claims(router, request, url, pathname)) return undefined
    return asNetworkError(await app.fetch(request))
  })
  const list = [handler] as unknown as StandinHandlers<C>
  list.override = (operationId, mockHandler) => {
    if (!contract.operations.some((operation) => operation.operationId === operationId))
      throw new StandinError(
        'USAGE',
        `override names "${String(operationId)}", which is no operation of the contract.`,
      )
    overrides[operationId] = mockHandler as unknown as AnyMockHandler
    app = build()
  }
  list.useScenario = (name) => {
    scenario = name
    app = build()
  }
  list.reset = () => {
    for (const key of Object.keys(overrides)) delete overrides[key]
    scenario = undefined
    store = sessionsOf(mockOptions.stateful)
    app = build()
  }
  return list
}

function claims(
  router: ReturnType<typeof createRouter>,
  request: Request,
  url: URL,
  pathname: string,
): boolean {
  const match = router.match(request.method, pathname, {
    headers: request.headers,
    query: url.searchParams,
  })
  return match.kind !== 'none'
}

/**
 * A fault that leaves no answer at all (`reset`, `empty`, a `timeout` the client outlasted) is a
 * network error to the page, as the browser reports a dropped connection: `fetch` rejects with a
 * TypeError. A truncated or malformed answer arrives as the mock made it.
 */
function asNetworkError(response: Response): Response {
  const fault = response.headers.get(FAULT_HEADER)
  return fault === 'reset' || fault === 'empty' || fault === 'timeout' ? Response.error() : response
}

/** The store of a stateful mock: the one given, else a memory store with the caps given. */
function sessionsOf(stateful: MockOptions['stateful']): StateStore | undefined {
  if (!stateful) return undefined
  const options = statefulOptions(stateful)
  return options.store ?? createMemoryStore(options)
}

function statefulOptions(stateful: MockOptions['stateful']): StatefulOptions {
  return typeof stateful === 'object' ? stateful : {}
}

/** The origin the handlers answer: the base URL's, else the contract's absolute server URL's. */
function originOf(contract: Contract, baseUrl: string | undefined): string | undefined {
  const url = baseUrl ?? contract.servers?.[0]?.url
  if (!url || !/^https?:\/\//i.test(url)) return undefined
  return new URL(url).origin
}

/** The base path: the base URL's path when one is given, else the mock's own default. */
function basePathOf(baseUrl: string | undefined, options: MockOptions, contract: Contract): string {
  if (options.basePath !== undefined || baseUrl === undefined)
    return resolveOptions(options, contract).basePath
  const path = new URL(baseUrl).pathname.replace(/\/+$/, '')
  return path === '' ? '/' : path
}

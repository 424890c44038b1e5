import { Hono } from 'hono'
import { isStandinError } from '../contract/standin-error.ts'
import type { Contract } from '../contract/types.ts'
import { checkFakerHints } from '../fake/index.ts'
import { checkMocks } from './define-mocks.ts'
import { createDocs } from './docs.ts'
import { createRequestHandler } from './handle-request.ts'
import { type MockOptions, resolveOptions } from './options.ts'
import { problemResponse } from './problem.ts'
import { isStoreUnavailable, type StoreUnavailableError } from './state/store.ts'

/**
 * The mock of a contract as a Hono app: every operation answers with data that fits the contract,
 * requests are validated like the real API would, and `Prefer` steers each answer. Runtime-neutral:
 * the same app runs on Node (`standin serve`) and on Cloudflare Workers, byte for byte the same for
 * a seed. Options, faker hints and mocks are checked here; each operation is compiled on its first
 * request.
 *
 * @example
 * const app = createMockApp(contract, { seed: 42 })
 * const response = await app.request('/products?pageSize=5')
 */
export function createMockApp(contract: Contract, options: MockOptions = {}): Hono {
  const resolved = resolveOptions(options, contract)
  checkFakerHints(contract)
  if (resolved.mocks) checkMocks(contract, resolved.mocks)
  const docs = resolved.docs
    ? createDocs(contract, {
        assets: resolved.assets,
        scenarios: Object.keys(resolved.mocks?.scenarios ?? {}),
        basePath: resolved.basePath,
      })
    : undefined
  const handle = createRequestHandler(contract, resolved, docs)
  const app = new Hono()
  app.all('*', (c) => handle(c.req.raw))
  app.onError((error) => errorResponse(error))
  return app
}

function errorResponse(error: unknown): Response {
  return isStoreUnavailable(error) ? unavailable(error) : internalError(error)
}

function unavailable(error: StoreUnavailableError): Response {
  return problemResponse({
    kind: 'unavailable',
    status: 503,
    detail: `The session store is busy; send the request again in ${error.retryAfterSeconds} s. ${error.message}`,
    headers: { 'Retry-After': String(error.retryAfterSeconds) },
  })
}

// Reached only by a bug: every expected failure is answered as a 4xx problem (or the documented 500
// for a broken mock), or as a 503 while the session store is unavailable.
function internalError(error: unknown): Response {
  const message = error instanceof Error ? error.message : String(error)
  const kind = isStandinError(error) ? 'mock-invalid' : 'internal'
  return problemResponse({
    kind,
    status: 500,
    detail: `The mock failed on this request: ${message}`,
  })
}

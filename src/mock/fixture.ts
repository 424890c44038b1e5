import { StandinError } from '../contract/standin-error.ts'
import type {
  Contract,
  Operation,
  OperationId,
  PathParamsOf,
  QueryOf,
  RequestBodyOf,
} from '../contract/types.ts'
import { fake, seedOf } from '../fake/index.ts'
import { type CompiledOperation, createCompiler, shapeOf } from '../operation/compile-operation.ts'
import { carriesJson } from '../operation/media-type.ts'
import { createMockApp } from './create-mock-app.ts'
import { withHandlers } from './define-mocks.ts'
import type { AnyMockHandler, Mocks, SuccessBodyOf } from './mock-types.ts'
import { DEFAULT_SEED } from './options.ts'
import { credentialsFor } from './security.ts'

export interface FixtureOptions<C extends Contract, Id extends OperationId<C>> {
  /** The seed, as `standin serve --seed` (default 1). */
  seed?: number
  /** Path parameters; those left out are generated from their schemas (by the seed). */
  params?: Partial<PathParamsOf<C, Id>>
  /** Query parameters, as the request would send them. */
  query?: Partial<QueryOf<C, Id>>
  /** The request body; for an operation that needs one, generated from its schema by default. */
  body?: RequestBodyOf<C, Id>
  /** Top-level fields of the answer to pin, as `ctx.fake(overrides)`; checked against the contract. */
  overrides?: Partial<SuccessBodyOf<C, Id>>
  /** The mocks the mock serves with (their handlers answer, as in `standin serve`). */
  mocks?: Mocks
  scenario?: string
  /** Faker data (true, the default) or the contract's examples (false). */
  dynamic?: boolean
}

/**
 * The success body the mock sends for one request to an operation, as a typed value: what a
 * component test renders, with no server and no network (the mock runs in process). The same value
 * `standin serve --seed N` answers the same request with; `overrides` pins fields, and an answer
 * that breaks the contract, or a refused request, is an error naming why.
 *
 * @example
 * const order = await fixture(contract, 'getOrder', { seed: 7, params: { orderId }, overrides: { status: 'shipped' } })
 * render(<OrderSummary order={order} />)
 */
export async function fixture<C extends Contract, Id extends OperationId<C>>(
  contract: C,
  operationId: Id,
  options: FixtureOptions<C, Id> = {},
): Promise<SuccessBodyOf<C, Id>> {
  const operation = contract.operations.find((known) => known.operationId === operationId)
  if (!operation)
    throw new StandinError(
      'USAGE',
      `fixture names "${operationId}", which is no operation of the contract.`,
    )
  const app = createMockApp(contract, {
    seed: options.seed ?? DEFAULT_SEED,
    basePath: '/',
    docs: false,
    cors: false,
    cache: false,
    ...(options.dynamic === undefined ? {} : { dynamic: options.dynamic }),
    ...(options.scenario === undefined ? {} : { scenario: options.scenario }),
    ...withOverrides(operationId, options),
  })
  const compiled = createCompiler()(operation)
  const response = await app.fetch(fixtureRequest(contract, operation, compiled, options))
  const text = await response.text()
  if (response.status < 200 || response.status > 299)
    throw new StandinError(
      'USAGE',
      `fixture(${operationId}): the mock answered ${response.status}: ${problemDetail(text)}`,
    )
  return bodyOf(response, text) as SuccessBodyOf<C, Id>
}

function withOverrides<C extends Contract, Id extends OperationId<C>>(
  operationId: Id,
  options: FixtureOptions<C, Id>,
): { mocks?: Mocks } {
  const overrides = options.overrides as Record<string, unknown> | undefined
  const pinned: AnyMockHandler = (_c, ctx) => ctx.fake(overrides as never)
  const mocks = withHandlers(options.mocks, overrides ? { [operationId]: pinned } : {})
  return mocks ? { mocks } : {}
}

/** The request the fixture stands for, with what the operation needs to accept it. */
function fixtureRequest<C extends Contract, Id extends OperationId<C>>(
  contract: C,
  operation: Operation,
  compiled: CompiledOperation,
  options: FixtureOptions<C, Id>,
): Request {
  const seed = options.seed ?? DEFAULT_SEED
  const credentials = credentialsFor(contract, operation)
  const url = new URL(
    pathOf(operation, compiled, options.params ?? {}, seed),
    'http://fixture.invalid',
  )
  for (const [name, value] of Object.entries({ ...credentials.query, ...(options.query ?? {}) }))
    for (const item of Array.isArray(value) ? value : [value])
      if (item !== undefined) url.searchParams.append(name, String(item))
  const headers = new Headers(credentials.headers)
  for (const discriminator of operation.discriminators ?? [])
    if (discriminator.value !== undefined)
      (discriminator.in === 'header' ? headers : url.searchParams).set(
        discriminator.name,
        discriminator.value,
      )
  const cookies = Object.entries(credentials.cookies).map(([name, value]) => `${name}=${value}`)
  if (cookies.length > 0) headers.set('Cookie', cookies.join('; '))
  const body = options.body ?? generatedBody(compiled, seed)
  if (body !== undefined) headers.set('Content-Type', 'application/json')
  return new Request(url, {
    method: operation.method.toUpperCase(),
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
}

function pathOf(
  operation: Operation,
  compiled: CompiledOperation,
  params: Record<string, unknown>,
  seed: number,
): string {
  const shape = shapeOf(compiled.request.params)
  return operation.path.replace(/\{([^}]+)\}/g, (_whole, name: string) => {
    const value =
      params[name] ??
      (shape[name] && fake(shape[name], { seed: seedOf(seed, 'fixture', 'path', name) }))
    return encodeURIComponent(String(value))
  })
}

/** A JSON body for an operation that needs one, generated from its schema by the seed. */
function generatedBody(compiled: CompiledOperation, seed: number): unknown {
  const body = compiled.request.body
  const media = body?.media.find((entry) => carriesJson(entry.type))
  if (!body?.required || !media?.schema) return undefined
  return fake(media.schema, { seed: seedOf(seed, 'fixture', 'body') })
}

function bodyOf(response: Response, text: string): unknown {
  if (text === '') return undefined
  return carriesJson(response.headers.get('content-type') ?? '') ? JSON.parse(text) : text
}

function problemDetail(text: string): string {
  try {
    const problem = JSON.parse(text) as { detail?: unknown }
    return typeof problem.detail === 'string' ? problem.detail : text
  } catch {
    return text
  }
}

import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inferResources, type Operation } from 'standin'
import { handlers, type MswOptions } from 'standin/msw'
import shop from '../../contracts/index.ts'
import mocks from '../../mocks/index.ts'
import { validInput } from '../../src/verify/generate-cases.ts'
import { createIdPool, type IdPool, isIdValue } from '../../src/verify/id-pool.ts'
import { requiresAuth } from '../../src/verify/operation-parts.ts'
import { toOutgoing } from '../../src/verify/request-input.ts'
import { type ServeProcess, startServe } from '../mock/serve-process.ts'

// Every operation of the shop, one valid request each (the request verify would send for the seed),
// through standin/msw and to a real `standin serve` started as `npm start` starts it: the same
// status, headers and body bytes. Iterating the contract covers a new operation without a new line.

const SEED = 11
const BASE = 'https://shop.example.test'
const TOKEN = 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl'
// Node's HTTP server adds these on the wire; MSW hands the Response over as the mock built it.
const TRANSPORT_HEADERS = [
  'connection',
  'content-length',
  'date',
  'keep-alive',
  'transfer-encoding',
]

const MODES: {
  name: string
  args: string[]
  options: MswOptions
  headers: Record<string, string>
}[] = [
  { name: 'stateless', args: [], options: {}, headers: {} },
  {
    name: 'stateful, one session: later requests name what earlier ones created',
    args: ['--stateful'],
    options: { stateful: true },
    headers: { 'x-standin-session': 'parity' },
  },
]

describe.each(MODES)('standin/msw and standin serve, $name', (mode) => {
  const api = handlers(shop, { baseUrl: BASE, seed: SEED, mocks, ...mode.options })
  const server = setupServer(...api)
  const pool = createIdPool()
  let serve: ServeProcess

  beforeAll(async () => {
    serve = await startServe(['--seed', String(SEED), '--quiet', ...mode.args])
    server.listen({
      // The real process is reached through the same patched fetch: only its requests go through.
      onUnhandledRequest: (request, print) => {
        if (!request.url.startsWith(serve.url)) print.error()
      },
    })
  })
  afterAll(async () => {
    server.close()
    await serve?.stop()
  })

  it.each(inOrder(shop.operations).map((operation) => [operation.operationId, operation] as const))(
    'answers %s with the same status, headers and bytes',
    async (_id, operation) => {
      const init = requestFor(operation, pool, mode.headers)
      const intercepted = await answer(await fetch(`${BASE}${init.path}`, init))
      const served = await answer(await fetch(`${serve.url}${init.path}`, init))
      expect(intercepted).toEqual(served)
      if (served.body !== '') learn(pool, operation, JSON.parse(served.body))
    },
  )
})

const resources = inferResources(shop.operations)

/** Deletes last, so that in a stateful run what was created is still there for the rest. */
function inOrder(operations: readonly Operation[]): Operation[] {
  const isDelete = (operation: Operation) => Number(operation.method === 'delete')
  return [...operations].sort((a, b) => isDelete(a) - isDelete(b))
}

/** The ids an answer names, the created object's first: later requests name them. */
function learn(pool: IdPool, operation: Operation, body: unknown): void {
  pool.harvest(body)
  const role = resources.roleOf(operation.operationId)
  const key = (body as Record<string, unknown>)[role?.resource.keyField ?? '']
  if (role?.action === 'create' && role.resource.idParam && isIdValue(key))
    pool.created(role.resource.idParam, key)
}

function requestFor(operation: Operation, pool: IdPool, headers: Record<string, string>) {
  const credentials: Record<string, string> = requiresAuth(operation)
    ? { authorization: TOKEN }
    : {}
  return toOutgoing(operation, validInput(operation, SEED, pool), { ...credentials, ...headers })
}

async function answer(response: Response) {
  const headers = Object.fromEntries(
    [...response.headers].filter(([name]) => !TRANSPORT_HEADERS.includes(name)),
  )
  // latin1 maps each byte to one character: equal strings are equal bytes, and a diff stays readable.
  const body = Buffer.from(await response.arrayBuffer()).toString('latin1')
  return { status: response.status, headers, body }
}

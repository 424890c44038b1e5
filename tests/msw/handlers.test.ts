import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createMockApp } from 'standin'
import { handlers } from 'standin/msw'
import shop from '../../contracts/index.ts'
import mocks from '../../mocks/index.ts'

const BASE = 'https://shop.example.test'
const api = handlers(shop, { baseUrl: BASE, seed: 7, mocks })
const server = setupServer(...api)
// What `standin serve --seed 7` answers, in process: the same app the handlers run.
const served = createMockApp(shop, { seed: 7, mocks, basePath: '/' })

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => api.reset())
afterAll(() => server.close())

const PRODUCT = '0d9a2c4e-6f1b-4a3c-8e5d-7b9f1a2c3d4e'
const TOKEN = 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl'
const REQUESTS: Array<[string, RequestInit?]> = [
  ['/products?pageSize=5'],
  [`/products/${PRODUCT}`],
  ['/categories'],
  ['/products?pageSize=abc'],
  [`/products/${PRODUCT}`, { headers: { Prefer: 'code=404' } }],
  ['/orders', { headers: { authorization: TOKEN } }],
  ['/orders'],
  ['/carts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }],
]

describe('standin/msw: the mock inside a test, without a server', () => {
  it.each(REQUESTS)(
    'answers %s with the bytes standin serve sends for the same seed',
    async (path, init) => {
      const intercepted = await fetch(`${BASE}${path}`, init)
      const direct = await served.fetch(new Request(`http://127.0.0.1:4010${path}`, init))
      expect(intercepted.status).toBe(direct.status)
      expect(Buffer.from(await intercepted.arrayBuffer())).toEqual(
        Buffer.from(await direct.arrayBuffer()),
      )
      expect(intercepted.headers.get('content-type')).toBe(direct.headers.get('content-type'))
    },
  )

  it('answers one operation with a test’s own handler until reset()', async () => {
    api.override('getProduct', (_c, ctx) => ctx.problem(404, 'Sold out for good.'))
    const overridden = await fetch(`${BASE}/products/${PRODUCT}`)
    expect(overridden.status).toBe(404)
    expect(((await overridden.json()) as { detail: string }).detail).toBe('Sold out for good.')
    api.reset()
    expect((await fetch(`${BASE}/products/${PRODUCT}`)).status).toBe(200)
  })

  it('switches to a scenario of the mocks with useScenario()', async () => {
    const scenario = Object.keys(mocks.scenarios)[0] as string
    api.useScenario(scenario)
    const viaScenario = await fetch(`${BASE}/products?pageSize=3`)
    const direct = await createMockApp(shop, { seed: 7, mocks, basePath: '/', scenario }).fetch(
      new Request('http://127.0.0.1:4010/products?pageSize=3'),
    )
    expect(await viaScenario.text()).toBe(await direct.text())
  })

  it('answers a path of the API the contract lacks as standin serve does, with a 404 problem', async () => {
    const intercepted = await fetch(`${BASE}/not-in-the-contract`)
    const direct = await served.fetch(new Request('http://127.0.0.1:4010/not-in-the-contract'))
    expect([intercepted.status, await intercepted.text()]).toEqual([404, await direct.text()])
  })

  it('leaves other origins to MSW, which reports them as unhandled', async () => {
    const unhandled: string[] = []
    server.close()
    server.listen({ onUnhandledRequest: (request) => void unhandled.push(request.url) })
    await fetch('https://elsewhere.example.test/products').catch(() => undefined)
    server.close()
    server.listen({ onUnhandledRequest: 'error' })
    expect(unhandled).toEqual(['https://elsewhere.example.test/products'])
  })

  it('without a base URL (a contract whose server URL is relative), takes only the contract’s requests', async () => {
    const anywhere = handlers({ ...shop, servers: [{ url: '/' }] }, { seed: 7 })
    const local = setupServer(...anywhere)
    server.close()
    const unhandled: string[] = []
    local.listen({ onUnhandledRequest: (request) => void unhandled.push(request.url) })
    try {
      expect((await fetch('https://any.example.test/categories')).status).toBe(200)
      await fetch('https://any.example.test/not-in-the-contract').catch(() => undefined)
    } finally {
      local.close()
      server.listen({ onUnhandledRequest: 'error' })
    }
    // msw calls a request its handler matched but did not answer handled, and lets it through.
    expect(unhandled).toEqual([])
  })
})

describe('standin/msw in stateful mode', () => {
  it('remembers what a test created, and forgets it at reset()', async () => {
    const stateful = handlers(shop, { baseUrl: BASE, seed: 7, mocks, stateful: true })
    server.use(...stateful)
    const created = await fetch(`${BASE}/carts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Standin-Session': 'test-1' },
      body: '{}',
    })
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as { id: string }
    const read = () => fetch(`${BASE}/carts/${id}`, { headers: { 'X-Standin-Session': 'test-1' } })
    expect((await read()).status).toBe(200)
    stateful.reset()
    expect((await read()).status).toBe(404)
    server.resetHandlers()
  })
})

import { describe, expect, it } from 'vitest'
import {
  createMemoryStore,
  createMockApp,
  defineMocks,
  fake,
  getOperation,
  type MockOptions,
  type StateStore,
  type z,
} from 'standin'
import shop from '../../contracts/index.ts'
import type { Exchange } from '../../src/mock/produce-reply.ts'
import { answerKey, createFakeMemo, createResponseCache } from '../../src/mock/response-cache.ts'
import type { Plan } from '../../src/mock/select-response.ts'

const bearer = 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl'
const PRODUCT = '0d9a2c4e-6f1b-4a3c-8e5d-7b9f1a2c3d4e'
const ORDER = {
  cartId: '5b0e8f3a-2c4d-4e6f-8a1b-3c5d7e9f0a2b',
  shippingAddress: {
    name: 'Ada Lovelace',
    line1: '12 Ada Street',
    city: 'London',
    postalCode: 'N1 9GU',
    countryCode: 'GB',
  },
}
const productInput = (
  getOperation(shop, 'createProduct').route.request?.body?.content as Record<
    string,
    { schema: z.ZodType }
  >
)['application/json']!.schema
const PRODUCT_BODY = fake(productInput, { seed: 5 }) as Record<string, unknown>

interface Sample {
  path: string
  init?: RequestInit
}

/**
 * Requests over every path through the cache: fingerprinted GETs, Prefer, HEAD, CORS, POST bodies,
 * problems.
 */
const SAMPLES: Sample[] = [
  { path: '/products?pageSize=20' },
  { path: '/products?pageSize=20', init: { headers: { Origin: 'https://shop.example' } } },
  { path: '/products?category=6c1e4a2b-3d5f-4e7a-9b8c-1d2e3f4a5b6c&pageSize=5' },
  { path: '/products?pageSize=5&category=6c1e4a2b-3d5f-4e7a-9b8c-1d2e3f4a5b6c' },
  { path: `/products/${PRODUCT}` },
  { path: `/products/${PRODUCT}`, init: { method: 'HEAD' } },
  { path: `/products/${PRODUCT}`, init: { headers: { Prefer: 'example=coffee-grinder' } } },
  { path: `/products/${PRODUCT}`, init: { headers: { Prefer: 'code=404, seed=7' } } },
  { path: `/products/${PRODUCT}`, init: { headers: { Prefer: 'dynamic=false' } } },
  { path: `/products/${PRODUCT}`, init: { headers: { Accept: 'text/csv' } } },
  { path: '/products?pageSize=abc' },
  { path: '/orders', init: { headers: { Authorization: bearer } } },
  { path: '/orders' },
  {
    path: '/products',
    init: {
      method: 'POST',
      headers: { Authorization: bearer, 'Content-Type': 'application/json' },
      body: JSON.stringify(PRODUCT_BODY),
    },
  },
  {
    path: '/products',
    init: {
      method: 'POST',
      headers: { Authorization: bearer, 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...PRODUCT_BODY, name: 'Kettle' }),
    },
  },
  {
    path: '/orders',
    init: {
      method: 'POST',
      headers: { Authorization: bearer, 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...ORDER, cartId: 'nope' }),
    },
  },
]

async function answerOf(
  app: ReturnType<typeof createMockApp>,
  sample: Sample,
): Promise<{ status: number; headers: Array<[string, string]>; body: string }> {
  const response = await app.request(sample.path, sample.init)
  return { status: response.status, headers: [...response.headers], body: await response.text() }
}

function appOf(options: MockOptions = {}) {
  return createMockApp(shop, { seed: 3, ...options })
}

describe('the response cache', () => {
  it('sends byte for byte what an uncached mock sends, on the first request and on a repeat', async () => {
    const cached = appOf()
    const uncached = appOf({ cache: false })
    for (const sample of SAMPLES) {
      const expected = await answerOf(uncached, sample)
      expect(await answerOf(cached, sample), `${sample.path} (first)`).toEqual(expected)
      expect(await answerOf(cached, sample), `${sample.path} (repeat)`).toEqual(expected)
    }
  })

  it('answers the same request differently when a header the operation reads differs', async () => {
    const app = appOf()
    const path = `/products/${PRODUCT}`
    expect((await app.request(path)).status).toBe(200)
    expect((await app.request(path, { headers: { Accept: 'text/csv' } })).status).toBe(406)
    expect((await app.request('/orders', { headers: { Authorization: bearer } })).status).toBe(200)
    expect((await app.request('/orders')).status).toBe(401)
    expect((await app.request('/orders', { headers: { Authorization: 'Basic x' } })).status).toBe(
      401,
    )
    expect((await app.request(path, { headers: { Prefer: 'code=404' } })).status).toBe(404)
  })

  it('runs a hand-written handler on every request, and hands each call of ctx.fake() its own copy', async () => {
    let calls = 0
    const mocks = defineMocks(shop, {
      getProduct: (_request, ctx) => {
        const product = ctx.fake()
        product.tags.push(`call ${++calls}`)
        return { ...product, stock: calls }
      },
      createProduct: (_request, ctx) => ctx.respond(201, { ...ctx.fake(), stock: ++calls }),
    })
    const app = appOf({ mocks })
    const product = () => app.request(`/products/${PRODUCT}`)
    const create = () =>
      app.request('/products', {
        method: 'POST',
        headers: { Authorization: bearer, 'Content-Type': 'application/json' },
        body: JSON.stringify(PRODUCT_BODY),
      })
    const answers = []
    for (const send of [product, product, create, create])
      answers.push((await (await send()).json()) as { stock: number; tags: string[] })
    expect(answers.map((answer) => answer.stock)).toEqual([1, 2, 3, 4])
    expect(
      answers.slice(0, 2).map((answer) => answer.tags.filter((tag) => tag.startsWith('call '))),
    ).toEqual([['call 1'], ['call 2']])
  })

  it('answers each request body on its own, problems included', async () => {
    const app = appOf()
    const post = (body: unknown) =>
      app.request('/products', {
        method: 'POST',
        headers: { Authorization: bearer, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      })
    const statuses = []
    for (const body of [
      { ...PRODUCT_BODY, price: 'free' },
      PRODUCT_BODY,
      { ...PRODUCT_BODY, price: 'free' },
      {},
    ])
      statuses.push((await post(body)).status)
    expect(statuses).toEqual([422, 201, 422, 422])
  })

  it('echoes each POST body into its own answer', async () => {
    const app = appOf()
    const post = (name: string) =>
      app.request('/products', {
        method: 'POST',
        headers: { Authorization: bearer, 'Content-Type': 'application/json' },
        body: JSON.stringify({ ...PRODUCT_BODY, name }),
      })
    const names = []
    for (const name of ['Kettle', 'Teapot', 'Kettle'])
      names.push(((await (await post(name)).json()) as { name: string }).name)
    expect(names).toEqual(['Kettle', 'Teapot', 'Kettle'])
  })
})

const session = (id: string) => ({ 'X-Standin-Session': id })
const withToken = (id: string) => ({
  ...session(id),
  Authorization: bearer,
  'Content-Type': 'application/json',
})

/** A memory store that counts list reads, and can hold one until `release()`. */
function countingStore() {
  const memory = createMemoryStore()
  let gate: Promise<void> | undefined
  let open = () => {}
  const counted = {
    lists: 0,
    store: {
      ...memory,
      list: async (id: string, collection: string) => {
        counted.lists++
        if (gate) await gate
        return memory.list(id, collection)
      },
    } as StateStore,
    hold() {
      gate = new Promise((resolve) => {
        open = resolve
      })
    },
    release() {
      gate = undefined
      open()
    },
  }
  return counted
}

/** An answer with the id of a session it started (random) left out. */
function withoutNewSession(answer: Awaited<ReturnType<typeof answerOf>>) {
  const started = ['set-cookie', 'x-standin-mock']
  return {
    ...answer,
    headers: answer.headers.map(([name, value]) =>
      started.includes(name) && !/session=[ab](;|$)/.test(value)
        ? [name, '(new session)']
        : [name, value],
    ),
  }
}

describe('stateful reads sent again while the session stays the same', () => {
  const steps: Array<[string, RequestInit]> = [
    ['/products?pageSize=5', { headers: session('a') }],
    ['/products?pageSize=5', { headers: session('a') }],
    ['/products', { method: 'POST', headers: withToken('a'), body: JSON.stringify(PRODUCT_BODY) }],
    ['/products?pageSize=5', { headers: session('a') }],
    ['/products?pageSize=5', { headers: session('b') }],
    ['/products?pageSize=5', { method: 'HEAD', headers: session('a') }],
    ['/products?pageSize=abc', { headers: session('a') }],
    ['/products?pageSize=abc', { headers: session('a') }],
    ['/products?pageSize=5', { headers: { ...session('a'), Prefer: 'code=500' } }],
    ['/products?pageSize=5', {}],
    ['/products?pageSize=5', {}],
  ]

  it('sends byte for byte what a mock that keeps nothing sends, before and after each change', async () => {
    const kept = appOf({ stateful: true })
    const fresh = appOf({ stateful: true, cache: false })
    const created = async (app: typeof kept) => {
      const response = await app.request('/products?pageSize=5', { headers: session('a') })
      return ((await response.json()) as { items: Array<{ id: string }> }).items[0]?.id as string
    }
    for (const [path, init] of steps)
      expect(withoutNewSession(await answerOf(kept, { path, init })), path).toEqual(
        withoutNewSession(await answerOf(fresh, { path, init })),
      )
    const id = await created(kept)
    expect(id).toBe(await created(fresh))
    const changes: Array<[string, RequestInit]> = [
      [`/products/${id}`, { headers: session('a') }],
      [
        `/products/${id}`,
        {
          method: 'PUT',
          headers: withToken('a'),
          body: JSON.stringify({ ...PRODUCT_BODY, name: 'Kettle' }),
        },
      ],
      [`/products/${id}`, { headers: session('a') }],
      ['/products?pageSize=5', { headers: session('a') }],
      [`/products/${id}`, { method: 'DELETE', headers: withToken('a') }],
      [`/products/${id}`, { headers: session('a') }],
      ['/products?pageSize=5', { headers: session('a') }],
    ]
    for (const [path, init] of changes)
      expect(await answerOf(kept, { path, init }), `${init.method ?? 'GET'} ${path}`).toEqual(
        await answerOf(fresh, { path, init }),
      )
    expect(
      await answerOf(kept, { path: `/products/${id}`, init: { headers: session('a') } }),
    ).toMatchObject({ status: 404 })
  })

  it('reads a session again only after it changed, and a request without a session every time', async () => {
    const counted = countingStore()
    const app = appOf({ stateful: { store: counted.store } })
    const list = (headers: Record<string, string>) =>
      app.request('/products?pageSize=5', { headers })
    await list(session('a'))
    await list(session('a'))
    expect(counted.lists).toBe(1)
    await app.request('/products', {
      method: 'POST',
      headers: withToken('a'),
      body: JSON.stringify(PRODUCT_BODY),
    })
    await list(session('a'))
    await list(session('a'))
    expect(counted.lists).toBe(2)
    await list(session('b'))
    await list({})
    await list({})
    expect(counted.lists).toBe(5)
  })

  it('keeps no answer read while its session changed', async () => {
    const counted = countingStore()
    const app = appOf({ stateful: { store: counted.store } })
    counted.hold()
    const read = app.request('/products?pageSize=5', { headers: session('a') })
    await new Promise((resolve) => setTimeout(resolve, 10))
    const create = await app.request('/products', {
      method: 'POST',
      headers: withToken('a'),
      body: JSON.stringify({ ...PRODUCT_BODY, name: 'Kettle' }),
    })
    expect(create.status).toBe(201)
    counted.release()
    await read
    const after = await app.request('/products?pageSize=5', { headers: session('a') })
    const names = ((await after.json()) as { items: Array<{ name: string }> }).items.map(
      (item) => item.name,
    )
    expect(names[0]).toBe('Kettle')
    expect(counted.lists).toBe(2)
  })

  it('keeps nothing with cache: false', async () => {
    const counted = countingStore()
    const app = appOf({ stateful: { store: counted.store }, cache: false })
    await app.request('/products?pageSize=5', { headers: session('a') })
    await app.request('/products?pageSize=5', { headers: session('a') })
    expect(counted.lists).toBe(2)
  })
})

describe('createResponseCache', () => {
  const rendered = (body: string) => ({
    status: 200,
    headers: [['content-type', 'application/json']] as Array<[string, string]>,
    body,
  })

  it('forgets the least recently used answer past its entry limit', () => {
    const cache = createResponseCache({ maxEntries: 2, maxBytes: 1_000_000 })
    cache.set('a', rendered('1'))
    cache.set('b', rendered('2'))
    cache.get('a')
    cache.set('c', rendered('3'))
    expect([cache.get('a')?.body, cache.get('b')?.body, cache.get('c')?.body]).toEqual([
      '1',
      undefined,
      '3',
    ])
    expect(cache.usage().entries).toBe(2)
  })

  it('stays within its size limit and keeps no answer larger than all of it', () => {
    const cache = createResponseCache({ maxEntries: 100, maxBytes: 100 })
    for (const key of ['k1', 'k2', 'k3']) cache.set(key, rendered('x'.repeat(30)))
    expect(cache.usage()).toEqual({ entries: 1, bytes: 2 + 28 + 30 })
    cache.set('huge', rendered('x'.repeat(200)))
    expect(cache.get('huge')).toBeUndefined()
    expect(cache.usage().bytes).toBeLessThanOrEqual(100)
  })

  it('replaces an answer kept under the same key', () => {
    const cache = createResponseCache({ maxEntries: 10, maxBytes: 1000 })
    cache.set('a', rendered('old'))
    cache.set('a', rendered('new'))
    expect([cache.get('a')?.body, cache.usage().entries]).toEqual(['new', 1])
  })
})

describe('createFakeMemo', () => {
  const exchange = {
    compiled: { operation: { operationId: 'getOrder' } },
    input: { params: { orderId: '7' }, query: {}, headers: {}, cookies: {}, body: undefined },
    method: 'GET',
    path: '/orders/7',
    globalSeed: 1,
    dynamic: true,
  } as unknown as Exchange

  it('makes a value once per request and overrides, and hands out copies a handler may change', () => {
    const fakes = createFakeMemo(10)
    let made = 0
    const make = () => ({
      id: ++made,
      placedAt: new Date(0),
      items: [{ sku: 'A' }],
      attributes: new Map([['color', ['black']]]),
    })
    const first = fakes(exchange, {}, make) as ReturnType<typeof make>
    first.items.push({ sku: 'B' })
    first.attributes.get('color')?.push('red')
    const second = fakes(exchange, {}, make) as ReturnType<typeof make>
    const other = fakes(exchange, { status: 'paid' }, make) as ReturnType<typeof make>
    expect([made, second.id, other.id]).toEqual([2, 1, 2])
    expect(second).toEqual({
      id: 1,
      placedAt: new Date(0),
      items: [{ sku: 'A' }],
      attributes: new Map([['color', ['black']]]),
    })
    expect(second.placedAt).not.toBe(first.placedAt)
  })

  it('keeps nothing it cannot copy, and at most its limit', () => {
    const fakes = createFakeMemo(1)
    let made = 0
    const withFunction = () => ({ id: ++made, run: () => 1 })
    fakes(exchange, {}, withFunction)
    fakes(exchange, {}, withFunction)
    expect(made).toBe(2)
    const counted = () => ({ id: ++made })
    fakes(exchange, { a: 1 }, counted)
    fakes(exchange, { a: 2 }, counted)
    fakes(exchange, { a: 1 }, counted)
    expect(made).toBe(5)
  })
})

describe('answerKey', () => {
  const generated: Plan = { status: 200, source: { kind: 'generated' } }
  const exchangeOf = (method: string, query: Record<string, unknown>, body?: unknown) =>
    ({
      compiled: { operation: { operationId: 'listProducts' } },
      input: { params: {}, query, headers: {}, cookies: {}, body },
      method,
      path: '/products',
      globalSeed: 1,
      dynamic: true,
    }) as unknown as Exchange
  const key = (plan: Plan, exchange: Exchange, applied: string[] = []) =>
    answerKey(plan, exchange, 'application/json', applied)

  it('does not depend on the order of query parameters', () => {
    expect(key(generated, exchangeOf('GET', { page: 2, pageSize: 5 }))).toBe(
      key(generated, exchangeOf('GET', { pageSize: 5, page: 2 })),
    )
  })

  it('tells apart what changes an answer: values, status, preferences, an echoed body', () => {
    const base = key(generated, exchangeOf('POST', { page: 2 }, { name: 'a' }))
    const others = [
      key(generated, exchangeOf('POST', { page: 3 }, { name: 'a' })),
      key(generated, exchangeOf('POST', { page: '2' }, { name: 'a' })),
      key(generated, exchangeOf('POST', { page: 2 }, { name: 'b' })),
      key(generated, exchangeOf('POST', { page: 2 }, { name: 'a', note: undefined })),
      key({ ...generated, status: 201 }, exchangeOf('POST', { page: 2 }, { name: 'a' })),
      key(generated, exchangeOf('POST', { page: 2 }, { name: 'a' }), ['seed=7']),
      key(
        { status: 200, source: { kind: 'example', name: 'a' } },
        exchangeOf('POST', { page: 2 }, { name: 'a' }),
      ),
    ]
    expect(new Set([base, ...others]).size).toBe(others.length + 1)
  })

  it('ignores the body of a GET, which no answer echoes', () => {
    expect(key(generated, exchangeOf('GET', {}, { name: 'a' }))).toBe(
      key(generated, exchangeOf('GET', {}, undefined)),
    )
  })

  it('gives no key to a handler or to values it cannot spell exactly', () => {
    const handler: Plan = {
      status: 200,
      source: { kind: 'handler', handler: () => ({}), scenario: undefined },
    }
    expect(key(handler, exchangeOf('GET', {}))).toBeUndefined()
    expect(key(generated, exchangeOf('GET', { tags: new Map() }))).toBeUndefined()
  })
})

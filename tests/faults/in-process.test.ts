import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest'
import {
  createMockApp,
  createRoute,
  defineContract,
  defineMocks,
  fake,
  parseFaults,
  parseLatency,
  parseRateLimit,
  z,
} from 'standin'
import shop from '../../contracts/index.ts'
import { NewPayment } from '../../contracts/payments.ts'
import { NewProduct } from '../../contracts/products.ts'
import mocks from '../../mocks/index.ts'
import { createRateLimiter } from '../../src/mock/faults/rate-limit.ts'

const PRODUCT = '0d9a2c4e-6f1b-4a3c-8e5d-7b9f1a2c3d4e'
const ORDER = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a'
const TOKEN = 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl'
const GARBLE = [0x00, 0xff, 0xfe, 0x3c, 0x21, 0x7d, 0x00]

const app = createMockApp(shop, { seed: 3, basePath: '/' })
const prefer = (fault: string) => ({ headers: { Prefer: `fault=${fault}` } })

/** Reads an answer to its end or its cut, whichever comes. */
async function drain(answer: Response): Promise<void> {
  await answer.arrayBuffer().catch(() => undefined)
}

async function bytesOf(response: Response): Promise<number[]> {
  return [...new Uint8Array(await response.arrayBuffer())]
}

describe('Prefer: fault= on one request', () => {
  it('malformed: the whole answer is framed, its first half followed by bytes no parser takes', async () => {
    const clean = await bytesOf(await app.request('/products?pageSize=2'))
    const answer = await app.request('/products?pageSize=2', prefer('malformed'))
    expect([answer.status, answer.headers.get('standin-fault')]).toEqual([200, 'malformed'])
    expect(answer.headers.get('preference-applied')).toBe('fault=malformed')
    const bytes = await bytesOf(answer)
    expect(bytes).toEqual([...clean.slice(0, Math.floor(clean.length / 2)), ...GARBLE])
    expect(() => JSON.parse(new TextDecoder().decode(new Uint8Array(bytes)))).toThrow(SyntaxError)
  })

  it('truncated: Content-Length of the whole answer, half of it, then the body fails as fetch reports a cut connection', async () => {
    const clean = await bytesOf(await app.request(`/products/${PRODUCT}`))
    const answer = await app.request(`/products/${PRODUCT}`, prefer('truncated'))
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-length')).toBe(String(clean.length))
    const reader = (answer.body as ReadableStream<Uint8Array>).getReader()
    const first = await reader.read()
    expect([...(first.value ?? [])]).toEqual(clean.slice(0, Math.floor(clean.length / 2)))
    await expect(reader.read()).rejects.toThrow(new TypeError('terminated'))
  })

  it.each(['reset', 'empty'])(
    '%s: the status and headers, then a body that fails before its first byte',
    async (kind) => {
      const answer = await app.request(`/products/${PRODUCT}`, prefer(kind))
      expect([answer.status, answer.headers.get('standin-fault')]).toEqual([200, kind])
      expect(answer.headers.get('content-length')).toBeNull()
      await expect(answer.text()).rejects.toThrow(new TypeError('terminated'))
    },
  )

  it('timeout: no answer until the client gives up', async () => {
    const client = new AbortController()
    const pending = Promise.resolve(
      app.request(`/products/${PRODUCT}`, { ...prefer('timeout'), signal: client.signal }),
    )
    let settled = false
    void pending.then(() => {
      settled = true
    })
    // Another request is answered meanwhile: the mock is not blocked, the held one still waits.
    expect((await app.request('/categories')).status).toBe(200)
    expect(settled).toBe(false)
    client.abort()
    const answer = await pending
    expect(answer.headers.get('standin-fault')).toBe('timeout')
  })

  it('503: a problem in place of the operation (it documents none), with Retry-After', async () => {
    const answer = await app.request(`/products/${PRODUCT}`, prefer('503'))
    expect(answer.status).toBe(503)
    expect(Object.fromEntries(answer.headers)).toEqual({
      'content-type': 'application/problem+json',
      'preference-applied': 'fault=503',
      'retry-after': '1',
      vary: 'Origin',
    })
    expect(await answer.json()).toEqual({
      type: 'https://standin.dev/problems/injected-fault',
      title: 'Service Unavailable',
      status: 503,
      detail: 'standin answered 503 instead of getProduct, as asked (Prefer: fault=503).',
    })
  })

  it('429: rate-limited, even before the credentials are looked at', async () => {
    const answer = await app.request(`/orders/${ORDER}`, prefer('429'))
    expect([answer.status, answer.headers.get('retry-after')]).toEqual([429, '1'])
    expect(((await answer.json()) as { type: string }).type).toBe(
      'https://standin.dev/problems/rate-limited',
    )
  })

  it('answers a documented fault status in the contract’s shape, with its documented Retry-After', async () => {
    const contract = defineContract({
      info: { title: 'Busy', version: '1' },
      routes: {
        getThing: createRoute({
          method: 'get',
          path: '/thing',
          responses: {
            200: {
              description: 'A thing',
              content: { 'application/json': { schema: z.object({ id: z.string() }) } },
            },
            503: {
              description: 'Busy',
              headers: z.object({ 'Retry-After': z.literal('30') }),
              content: {
                'application/json': { schema: z.object({ message: z.string(), code: z.int() }) },
              },
            },
          },
        }),
      },
    })
    const busy = createMockApp(contract, { cors: false })
    const answer = await busy.request('/thing', prefer('503'))
    expect([answer.status, answer.headers.get('content-type')]).toEqual([503, 'application/json'])
    expect(answer.headers.get('retry-after')).toBe('30')
    const body = (await answer.json()) as { message: string; code: number }
    expect(Object.keys(body).sort()).toEqual(['code', 'message'])
  })

  it('refuses an unknown fault with a 400 naming the kinds', async () => {
    const answer = await app.request(`/products/${PRODUCT}`, prefer('slow'))
    expect(answer.status).toBe(400)
    expect(((await answer.json()) as { detail: string; errors: unknown[] }).errors).toEqual([
      {
        location: 'header',
        path: 'Prefer',
        message:
          'fault must be one of reset, timeout, empty, malformed, truncated, 429, 500, 502, 503, 504, got "slow"',
      },
    ])
  })

  it('a code= the operation does not document stays a 400 that points to fault=', async () => {
    const answer = await app.request(`/products/${PRODUCT}`, {
      headers: { Prefer: 'code=503' },
    })
    expect(answer.status).toBe(400)
    expect(((await answer.json()) as { detail: string }).detail).toBe(
      'getProduct does not document status 503. Documented: 200, 400, 404. Prefer: fault=503 answers it anyway, as a gateway or rate limiter in front of the API would.',
    )
  })

  it('handles the request before its answer is lost: a product created under fault=reset is stored', async () => {
    const stateful = createMockApp(shop, { seed: 3, basePath: '/', stateful: true })
    const session = { 'X-Standin-Session': 'lost-answer', authorization: TOKEN }
    const input = fake(NewProduct, { seed: 4 }) as Record<string, unknown>
    const created = await stateful.request('/products', {
      method: 'POST',
      headers: { ...session, 'content-type': 'application/json', Prefer: 'fault=reset' },
      body: JSON.stringify({ ...input, sku: 'LST-000001' }),
    })
    expect([created.status, created.headers.get('standin-fault')]).toEqual([201, 'reset'])
    await expect(created.text()).rejects.toThrow(TypeError)
    const page = (await (
      await stateful.request('/products?pageSize=100', { headers: session })
    ).json()) as { items: Array<{ sku: string }> }
    expect(page.items.map((product) => product.sku)).toContain('LST-000001')
  })
})

describe('the server’s faults, drawn from the seed', () => {
  const urls = Array.from(
    { length: 60 },
    (_, i) => `/products?pageSize=${(i % 5) + 1}&page=${(i % 12) + 1}`,
  )

  async function outcomes(seed: number): Promise<string[]> {
    const flaky = createMockApp(shop, {
      seed,
      basePath: '/',
      faults: { rate: 0.25, kinds: ['reset', 503] },
    })
    const seen: string[] = []
    for (const url of urls) {
      const answer = await flaky.request(url)
      seen.push(answer.headers.get('standin-fault') ?? String(answer.status))
      await drain(answer)
    }
    return seen
  }

  it('fails about the share asked for, and the same run again fails the same requests the same way', async () => {
    const first = await outcomes(11)
    expect(await outcomes(11)).toEqual(first)
    const failed = first.filter((outcome) => outcome !== '200')
    expect(failed.length).toBeGreaterThanOrEqual(6)
    expect(failed.length).toBeLessThanOrEqual(24)
    expect(new Set(failed)).toEqual(new Set(['reset', '503']))
  })

  it('another seed fails other requests', async () => {
    expect(await outcomes(12)).not.toEqual(await outcomes(11))
  })

  it('draws each request’s fault from its own method, URL and count, so the order of other requests does not matter', async () => {
    const first = await outcomes(11)
    const flaky = createMockApp(shop, {
      seed: 11,
      basePath: '/',
      faults: { rate: 0.25, kinds: ['reset', 503] },
    })
    const reversed: string[] = []
    for (const url of [...urls].reverse()) {
      const answer = await flaky.request(url)
      reversed.push(answer.headers.get('standin-fault') ?? String(answer.status))
      await drain(answer)
    }
    expect(reversed.reverse()).toEqual(first)
  })

  it('a repeated request is drawn anew each time it comes', async () => {
    const flaky = createMockApp(shop, {
      seed: 2,
      basePath: '/',
      faults: { rate: 0.5, kinds: [503] },
    })
    const statuses: number[] = []
    for (let i = 0; i < 20; i++) statuses.push((await flaky.request('/categories')).status)
    expect(new Set(statuses)).toEqual(new Set([200, 503]))
  })
})

describe('latency', () => {
  afterEach(() => vi.useRealTimers())

  it('holds every answer for its seeded wait within the range', async () => {
    vi.useFakeTimers()
    const slow = createMockApp(shop, { seed: 3, basePath: '/', latency: { min: 100, max: 300 } })
    let answered = false
    const pending = Promise.resolve(slow.request('/categories')).then((answer) => {
      answered = true
      return answer
    })
    await vi.advanceTimersByTimeAsync(99)
    expect(answered).toBe(false)
    await vi.advanceTimersByTimeAsync(201)
    expect(answered).toBe(true)
    expect((await pending).status).toBe(200)
  })

  it('a fixed latency holds each answer exactly that long', async () => {
    vi.useFakeTimers()
    const slow = createMockApp(shop, { seed: 3, basePath: '/', latency: 250 })
    let answered = false
    void Promise.resolve(slow.request('/categories')).then(() => {
      answered = true
    })
    await vi.advanceTimersByTimeAsync(249)
    expect(answered).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(answered).toBe(true)
  })
})

describe('the rate limit', () => {
  it('lets a burst of the limit through, then answers 429 with the seconds until the next turn', async () => {
    // The clock stands still, so the next turn is exactly 20 s away.
    vi.useFakeTimers({ toFake: ['Date'] })
    onTestFinished(() => {
      vi.useRealTimers()
    })
    const limited = createMockApp(shop, {
      basePath: '/',
      rateLimit: { requests: 3, windowMs: 60_000 },
    })
    const statuses = []
    for (let i = 0; i < 3; i++) statuses.push((await limited.request('/categories')).status)
    const refused = await limited.request('/categories')
    expect([...statuses, refused.status]).toEqual([200, 200, 200, 429])
    expect(refused.headers.get('retry-after')).toBe('20')
    expect(await refused.json()).toEqual({
      type: 'https://standin.dev/problems/rate-limited',
      title: 'Too Many Requests',
      status: 429,
      detail: 'Too many requests: the mock’s rate limit is reached; send it again in 20 s.',
    })
  })

  it('refills evenly: 10/s gives one more request every 100 ms', () => {
    let now = 0
    const limiter = createRateLimiter({ requests: 10, windowMs: 1000 }, () => now)
    for (let i = 0; i < 10; i++) expect(limiter.take()).toBeUndefined()
    expect(limiter.take()).toBe(1)
    now = 99
    expect(limiter.take()).toBe(1)
    now = 100
    expect(limiter.take()).toBeUndefined()
    now = 10_000
    for (let i = 0; i < 10; i++) expect(limiter.take()).toBeUndefined()
    expect(limiter.take()).toBe(1)
  })
})

describe('ctx.fault in mocks and scenarios', () => {
  it('fails the answer a handler gives: the flaky-payments scenario takes the payment and loses the answer once', async () => {
    const flaky = createMockApp(shop, { seed: 3, basePath: '/', mocks, scenario: 'flaky-payments' })
    const pay = () =>
      flaky.request(`/orders/${'1'.repeat(8)}-1111-4111-8111-111111111111/payments`, {
        method: 'POST',
        headers: { authorization: TOKEN, 'content-type': 'application/json' },
        body: JSON.stringify(
          NewPayment.openapi('NewPayment').parse({
            amount: 89.9,
            currency: 'EUR',
            method: { type: 'paypal', email: 'ada@example.com' },
          }),
        ),
      })
    const first = await pay()
    expect([first.status, first.headers.get('standin-fault')]).toEqual([201, 'reset'])
    await drain(first)
    const again = await pay()
    expect([again.status, again.headers.get('standin-fault')]).toEqual([201, null])
  })

  it('answers a status fault from a handler as Prefer: fault= does', async () => {
    const busy = createMockApp(shop, {
      basePath: '/',
      mocks: defineMocks(shop, { listCategories: (_c, ctx) => ctx.fault(502) }),
    })
    const answer = await busy.request('/categories')
    expect(answer.status).toBe(502)
    expect(((await answer.json()) as { type: string }).type).toBe(
      'https://standin.dev/problems/injected-fault',
    )
  })
})

describe('the options as the command line and a Worker’s variables spell them', () => {
  it('reads --faults, --latency and --rate-limit', () => {
    expect(parseFaults('rate=0.05,kinds=reset|503')).toEqual({ rate: 0.05, kinds: ['reset', 503] })
    expect(parseFaults('rate=1')).toEqual({ rate: 1 })
    expect(parseLatency('50-400ms')).toEqual({ min: 50, max: 400 })
    expect(parseLatency('1s')).toEqual({ min: 1000, max: 1000 })
    expect(parseLatency('0.5-2s')).toEqual({ min: 500, max: 2000 })
    expect(parseRateLimit('10/s')).toEqual({ requests: 10, windowMs: 1000 })
    expect(parseRateLimit('600/min')).toEqual({ requests: 600, windowMs: 60_000 })
  })

  it.each([
    ['faults', () => parseFaults('rate=2'), /rate= a share from 0 to 1/],
    ['faults', () => parseFaults('rate=0.1,kinds=reset|418'), /"418" is none of reset, timeout/],
    ['faults', () => parseFaults('0.1'), /takes rate=SHARE and kinds=KIND\|KIND/],
    ['latency', () => parseLatency('200'), /a time or a range with a unit/],
    ['latency', () => parseLatency('400-50ms'), /starts after it ends/],
    ['rate-limit', () => parseRateLimit('10'), /requests per time: 10\/s/],
  ])('refuses a bad --%s with a usage error', (_name, parse, message) => {
    expect(parse).toThrow(message)
  })

  it('refuses bad options of the library with the option named', () => {
    expect(() => createMockApp(shop, { faults: { rate: 1.5 } })).toThrow(
      'The mock option faults.rate must be a share from 0 to 1, got 1.5.',
    )
    expect(() => createMockApp(shop, { rateLimit: { requests: 0 } })).toThrow(/rateLimit must be/)
    expect(() => createMockApp(shop, { latency: { min: 5, max: 1 } })).toThrow(/latency must be/)
  })
})

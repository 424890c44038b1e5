import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMockApp } from 'standin'
import shop from '../../contracts/index.ts'
import { outcomeOf, retryAfterRange } from '../support/fetch-outcome.ts'
import { type RunningWorker, startWorker } from '../support/worker.ts'

const seen = (url: string, init: RequestInit = {}) => outcomeOf(url, init, { fault: true })

describe('failures on demand from the Worker in workerd: the nearest a Worker can do', () => {
  let worker: RunningWorker
  beforeAll(async () => {
    worker = await startWorker()
  }, 120_000)
  afterAll(() => worker?.dispose())
  // The Worker remembers (wrangler.toml): the categories are there in every session.
  const categories = () => `${worker.url}/categories?pageSize=3`

  it.each([
    // A Worker cannot reset or close its client's connection: Cloudflare's 520 for an origin that did.
    ['reset', '520 JSON (reset)'],
    ['empty', '520 JSON (empty)'],
    // Half the body, ended without Content-Length: the client reads a body that does not parse.
    ['truncated', '200 json(): SyntaxError (truncated)'],
    ['malformed', '200 json(): SyntaxError (malformed)'],
    ['503', '503 JSON'],
  ])('fault=%s: %s', async (fault, expected) => {
    expect(await seen(categories(), { headers: { Prefer: `fault=${fault}` } })).toBe(expected)
  })

  it('truncated sends exactly the first half of the answer', async () => {
    const whole = await (await fetch(`${worker.url}/categories`)).text()
    const cut = await fetch(`${worker.url}/categories`, { headers: { Prefer: 'fault=truncated' } })
    expect([cut.headers.get('content-length'), await cut.text()]).toEqual([
      null,
      whole.slice(0, Math.floor(new TextEncoder().encode(whole).length / 2)),
    ])
  })

  it('timeout: no answer while the client waits, until it gives up', async () => {
    const client = new AbortController()
    const pending = seen(categories(), {
      headers: { Prefer: 'fault=timeout' },
      signal: client.signal,
    })
    let settled = false
    void pending.then(() => {
      settled = true
    })
    expect(await seen(`${worker.url}/categories`)).toBe('200 JSON')
    expect(settled).toBe(false)
    client.abort()
    expect(await pending).toBe('fetch: AbortError This operation was aborted')
  })
})

describe('a Worker’s seeded faults and rate limit (STANDIN_FAULTS, STANDIN_RATE_LIMIT)', () => {
  let worker: RunningWorker
  beforeAll(async () => {
    worker = await startWorker({
      STANDIN_SEED: '9',
      STANDIN_FAULTS: 'rate=0.3,kinds=reset|503',
      STANDIN_RATE_LIMIT: '40/h',
    })
  }, 120_000)
  afterAll(() => worker?.dispose())

  const urls = Array.from({ length: 30 }, (_, i) => `/products?page=${i + 1}&pageSize=2`)

  it('fails the same requests as the mock on Node with the same seed, then refuses past the limit', async () => {
    const started = Date.now()
    const onWorkers: string[] = []
    for (const url of urls) {
      const answer = await fetch(`${worker.url}${url}`)
      onWorkers.push(answer.headers.get('standin-fault') ?? String(answer.status))
      await answer.arrayBuffer()
    }
    const node = createMockApp(shop, {
      seed: 9,
      faults: { rate: 0.3, kinds: ['reset', 503] },
      basePath: '/',
    })
    const inProcess: string[] = []
    for (const url of urls) {
      const answer = await node.request(url)
      inProcess.push(answer.headers.get('standin-fault') ?? String(answer.status))
      await answer.arrayBuffer().catch(() => undefined)
    }
    expect(onWorkers).toEqual(inProcess)
    expect(new Set(onWorkers)).toEqual(new Set(['200', '503', 'reset']))

    const more: number[] = []
    for (let i = 0; i < 10; i++) {
      const answer = await fetch(`${worker.url}/categories?n=${i}`)
      more.push(answer.status === 429 ? 429 : 0)
      await answer.arrayBuffer()
    }
    const refused = await fetch(`${worker.url}/categories`)
    expect([more, refused.status]).toEqual([Array(10).fill(0), 429])
    // 40 an hour: the next turn is 90 s away, less the time the requests took.
    const [least, most] = retryAfterRange(90, started)
    const seconds = Number(refused.headers.get('retry-after'))
    expect(seconds).toBeGreaterThanOrEqual(least)
    expect(seconds).toBeLessThanOrEqual(most)
  })
})

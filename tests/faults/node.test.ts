import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseFaults, serveMock } from 'standin'
import { type ServeProcess, startServe } from '../mock/serve-process.ts'
import { outcomeOf, retryAfterRange } from '../support/fetch-outcome.ts'
import { openConnection } from '../support/raw-http.ts'
import { runCli } from '../support/run-cli.ts'

const PRODUCT = '0d9a2c4e-6f1b-4a3c-8e5d-7b9f1a2c3d4e'

const seen = outcomeOf

describe('failures on demand from standin serve, as a Node client sees them', () => {
  let mock: ServeProcess
  beforeAll(async () => {
    mock = await startServe(['--seed', '5', '--no-mocks'])
  })
  afterAll(async () => {
    await mock?.stop()
  })
  const product = () => `${mock.url}/products/${PRODUCT}`
  const prefer = (fault: string) => ({ headers: { Prefer: `fault=${fault}` } })

  it.each([
    ['reset', 'fetch: TypeError fetch failed (ECONNRESET)'],
    ['empty', 'fetch: TypeError fetch failed (UND_ERR_SOCKET)'],
    ['truncated', '200 text(): TypeError terminated (UND_ERR_SOCKET)'],
    ['malformed', '200 json(): SyntaxError'],
    ['503', '503 JSON'],
    ['429', '429 JSON'],
  ])('fault=%s: %s', async (fault, expected) => {
    expect(await seen(product(), prefer(fault))).toBe(expected)
  })

  it('keeps serving after each fault, and logs which one it did', async () => {
    expect(await seen(product())).toBe('200 JSON')
    await mock.waitFor((out) => /GET \/products\/\S+ 200 \d+ms \(fault reset\)/.test(out))
    expect(mock.stdout()).toMatch(/GET \/products\/\S+ 200 \d+ms \(fault truncated\)/)
  })

  it('truncated: the head promises the whole answer, half of it comes, then the connection closes', async () => {
    const whole = await (await fetch(product())).arrayBuffer()
    const socket = await openConnection(mock.url)
    const received: Buffer[] = []
    socket.on('data', (chunk: Buffer) => received.push(chunk))
    const closed = new Promise((resolve) => socket.on('close', resolve))
    socket.write(
      `GET /products/${PRODUCT} HTTP/1.1\r\nHost: mock\r\nPrefer: fault=truncated\r\n\r\n`,
    )
    await closed
    const text = Buffer.concat(received).toString('latin1')
    const [head = '', body = ''] = text.split('\r\n\r\n')
    expect(head.split('\r\n')[0]).toBe('HTTP/1.1 200 OK')
    expect(head).toContain(`\r\ncontent-length: ${whole.byteLength}\r\n`)
    expect(Buffer.from(body, 'latin1')).toEqual(
      Buffer.from(whole).subarray(0, Math.floor(whole.byteLength / 2)),
    )
  })

  it('timeout: no answer while the client waits, released when it gives up', async () => {
    const client = new AbortController()
    const pending = seen(product(), { ...prefer('timeout'), signal: client.signal })
    let settled = false
    void pending.then(() => {
      settled = true
    })
    // A request sent after it is answered while it still waits.
    expect(await seen(`${mock.url}/categories`)).toBe('200 JSON')
    expect(settled).toBe(false)
    client.abort()
    expect(await pending).toBe('fetch: AbortError This operation was aborted')
    await mock.waitFor((out) => /\(fault timeout\)/.test(out))
  })
})

describe('the server’s faults, latency and rate limit from the command line', () => {
  it('fails the same requests the same way as the library with the same seed, and limits the rate', async () => {
    const urls = Array.from({ length: 30 }, (_, i) => `/products?page=${i + 1}&pageSize=2`)
    const outcomesOf = async (url: string) => {
      const outcomes: string[] = []
      for (const path of urls) outcomes.push(await seen(`${url}${path}`))
      return outcomes
    }
    const options = ['--seed', '8', '--faults', 'rate=0.3,kinds=reset|503', '--rate-limit', '40/h']
    const mock = await startServe(['--quiet', ...options])
    const started = Date.now()
    const library = await serveMock({
      port: 0,
      quiet: true,
      seed: 8,
      faults: parseFaults('rate=0.3,kinds=reset|503'),
    })
    try {
      const fromCommand = await outcomesOf(mock.url)
      expect(await outcomesOf(library.url)).toEqual(fromCommand)
      expect(new Set(fromCommand)).toEqual(
        new Set(['200 JSON', '503 JSON', 'fetch: TypeError fetch failed (ECONNRESET)']),
      )
      // 40 an hour: after 40 requests the next waits 90 s for its turn.
      for (let i = 0; i < 10; i++) await seen(`${mock.url}/categories?n=${i}`)
      const refused = await fetch(`${mock.url}/categories`)
      expect(refused.status).toBe(429)
      const [least, most] = retryAfterRange(90, started)
      const seconds = Number(refused.headers.get('retry-after'))
      expect(seconds).toBeGreaterThanOrEqual(least)
      expect(seconds).toBeLessThanOrEqual(most)
    } finally {
      await mock.stop()
      await library.close()
    }
  })

  it.each([
    [
      ['--faults', 'rate=5'],
      'standin: --faults needs rate= a share from 0 to 1 (0.05 is one in twenty), got "rate=5".',
    ],
    [
      ['--latency', 'fast'],
      'standin: --latency takes a time or a range with a unit: 200ms, 50-400ms, 1s; got "fast".',
    ],
    [
      ['--rate-limit', '10'],
      'standin: --rate-limit takes requests per time: 10/s, 600/min, 1000/h; got "10".',
    ],
  ])('refuses %j with one line and exit 2', async (args, message) => {
    const result = await runCli(['serve', '--port', '0', ...args])
    expect([result.code, result.stderr.trim().split('\n')[0]]).toEqual([2, message])
  })
})

import { createServer, type Server } from 'node:net'
import { request as httpRequest } from 'node:http'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../support/run-cli.ts'
import { makeTempDir, standinEntry } from '../support/temp-dir.ts'
import { type ServeProcess, startServe } from '../mock/serve-process.ts'
import { readAnswer, shop } from '../mock/support.ts'

const HTTP_FUZZ_RUNS = Number(process.env.STANDIN_HTTP_FUZZ_RUNS ?? 300)

describe('standin serve (the shop, as npm start serves it)', () => {
  let mock: ServeProcess
  beforeAll(async () => {
    mock = await startServe([])
  })
  afterAll(async () => {
    await mock?.stop()
  })

  it('prints one startup line with the URL, the contract, the mocks file and the docs address', () => {
    expect(mock.stdout().trimEnd().split('\n')[0]).toBe(
      `Mock of "Standin Shop API" (26 operations) with mocks from mocks/index.ts on ${mock.url} · docs ${mock.url}/docs`,
    )
  })

  it('answers over HTTP with data that fits the contract and logs one line per request', async () => {
    const answer = await readAnswer(
      shop,
      'GET',
      '/products?pageSize=3',
      await fetch(`${mock.url}/products?pageSize=3`),
    )
    expect(answer.status).toBe(200)
    expect(answer.body.items).toHaveLength(3)
    await mock.waitFor((out) => /^GET \/products\?pageSize=3 200 \d+ms$/m.test(out))
  })

  it('logs why it refused a request', async () => {
    const response = await fetch(`${mock.url}/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    })
    expect(response.status).toBe(422)
    await mock.waitFor((out) =>
      /^POST \/auth\/login 422 \d+ms — body\.email: Invalid input: expected string, received undefined$/m.test(
        out,
      ),
    )
  })

  it('serves the shop mocks: a new cart is empty', async () => {
    const answer = await readAnswer(
      shop,
      'POST',
      '/carts',
      await fetch(`${mock.url}/carts`, { method: 'POST' }),
    )
    expect(answer.status).toBe(201)
    expect(answer.body).toMatchObject({ items: [], subtotal: 0, itemCount: 0 })
    expect(answer.headers.get('location')).toBe(`/carts/${answer.body.id}`)
  })

  it('answers a real HTTP fuzz of malformed requests with 2xx/4xx only, and keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(rawRequest(), async (raw) => {
        const response = await sendRaw(new URL(mock.url), raw)
        expect(response.status).toBeGreaterThanOrEqual(200)
        expect(response.status).toBeLessThan(500)
        await readAnswer(shop, raw.method, raw.path, response)
      }),
      { numRuns: HTTP_FUZZ_RUNS, seed: 4010 },
    )
    expect(
      (await readAnswer(shop, 'GET', '/categories', await fetch(`${mock.url}/categories`))).status,
    ).toBe(200)
  })

  it('shuts down gracefully on SIGTERM with exit code 0', async () => {
    expect(await mock.stop('SIGTERM')).toBe(0)
    expect(mock.stdout()).toMatch(/\nReceived SIGTERM; shutting down\.\n$/)
    expect(mock.stderr()).toBe('')
  })
})

describe('standin serve options', () => {
  it('--quiet prints the startup line but no request lines, --static serves examples, SIGINT stops it', async () => {
    const mock = await startServe(['--quiet', '--no-mocks', '--static', '--seed', '7'])
    const path = '/products/0d9a2c4e-6f1b-4a3c-8e5d-7b9f1a2c3d4e'
    const product = await readAnswer(shop, 'GET', path, await fetch(`${mock.url}${path}`))
    expect(product.body.name).toBe('Burr Coffee Grinder')
    expect(await mock.stop('SIGINT')).toBe(0)
    const lines = mock.stdout().trimEnd().split('\n')
    expect(lines).toEqual([
      `Mock of "Standin Shop API" (26 operations) on ${mock.url} · docs ${mock.url}/docs`,
      'Received SIGINT; shutting down.',
    ])
  })

  it.each([
    ['--port N', (port: number) => ['--port', String(port)]],
    ['-p N -h HOST', (port: number) => ['-p', String(port), '-h', '127.0.0.1']],
  ])('reports a port in use in one line and exits with 2 (%s)', async (_flags, args) => {
    const blocker = await listenAnywhere()
    const port = (blocker.address() as { port: number }).port
    const result = await runCli(['serve', ...args(port)])
    blocker.close()
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: `standin: Port ${port} on 127.0.0.1 is in use. Stop the other server or pass --port N.\n`,
    })
  })

  it('rejects an unknown scenario before listening', async () => {
    const result = await runCli(['serve', '--scenario', 'nope'])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      'standin: Unknown scenario "nope". Known scenarios: empty-cart, payment-declined, flaky-payments, out-of-stock, new-customer, no-results, logged-out.\n',
    )
  })
})

describe('standin serve --watch', () => {
  const petFile = (name: string) =>
    `import { z } from '${standinEntry}'\nexport const Pet = z.object({ name: z.literal('${name}') })\n`
  const contract = `import { createRoute, defineContract, z } from '${standinEntry}'
import { Pet } from './pet.ts'
export default defineContract({
  info: { title: 'Pets', version: '1' },
  routes: { getPet: createRoute({ method: 'get', path: '/pet', responses: { 200: { description: 'ok', content: { 'application/json': { schema: Pet } } } } }) },
})
`
  const files = makeTempDir({
    'package.json': '{ "type": "module" }',
    'api.ts': contract,
    'pet.ts': petFile('Rex'),
  })
  afterAll(files.cleanup)

  it('reloads when the contract or a file it imports changes, and keeps the last good version on a broken edit', async () => {
    const mock = await startServe(['--watch', '--quiet', '--contract', 'api.ts'], {
      cwd: files.dir,
    })
    const pet = async () => (await fetch(`${mock.url}/pet`)).json()
    try {
      expect(await pet()).toEqual({ name: 'Rex' })
      writeFileSync(join(files.dir, 'pet.ts'), petFile('Fido'))
      await eventually(async () => expect(await pet()).toEqual({ name: 'Fido' }))
      expect(mock.stdout()).toContain('Reloaded "Pets" (1 operation).')

      writeFileSync(join(files.dir, 'pet.ts'), petFile('Max').replace("'Max')", "'Max'"))
      await mock.waitFor((_out, err) => err.includes('Still serving the last good version'))
      expect(mock.stderr()).toBe(
        'standin: pet.ts:2:53: Expected ")" but found "}"\nStill serving the last good version; save a fix to reload.\n',
      )
      expect(await pet()).toEqual({ name: 'Fido' })

      writeFileSync(join(files.dir, 'pet.ts'), petFile('Luna'))
      await eventually(async () => expect(await pet()).toEqual({ name: 'Luna' }))

      const source = readFileSync(join(files.dir, 'api.ts'), 'utf8')
      writeFileSync(
        join(files.dir, 'api.ts'),
        source.replace("path: '/pet'", "path: '/pets/first'"),
      )
      await eventually(async () =>
        expect(await (await fetch(`${mock.url}/pets/first`)).json()).toEqual({ name: 'Luna' }),
      )
      expect((await fetch(`${mock.url}/pet`)).status).toBe(404)
    } finally {
      expect(await mock.stop()).toBe(0)
    }
  })
})

/**
 * Retries an assertion until it holds; fails with its last error after 20 s (a deadline, not a
 * timing check).
 */
async function eventually(check: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + 20_000
  for (;;) {
    try {
      return await check()
    } catch (error) {
      if (Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  }
}

function listenAnywhere(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => resolve(server))
  })
}

interface RawRequest {
  method: string
  path: string
  headers: Record<string, string>
  body: Buffer | undefined
}

/**
 * Requests a browser would never send: bad JSON, invalid UTF-8, odd paths and very long headers.
 */
function rawRequest(): fc.Arbitrary<RawRequest> {
  const paths = fc.oneof(
    fc.constantFrom(
      '/products',
      '/products/%E0%A4%A',
      '/carts/x/items',
      '/orders?page=-1',
      '/me',
      '/auth/login',
      '/customers',
      '/nope',
    ),
    fc.webPath().map((path) => path || '/'),
    fc.string({ maxLength: 40 }).map((text) => `/products/${encodeURIComponent(text)}`),
  )
  const bodies = fc.oneof(
    fc.constant(undefined),
    fc.json().map((text) => Buffer.from(text)),
    fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from([0xff, 0xfe, ...bytes])),
    fc
      .constantFrom('{"email":', '{"__proto__":{"admin":true}}', '[[[[[[[[', '1e999')
      .map((text) => Buffer.from(text)),
  )
  const headers = fc.record({
    'content-type': fc.constantFrom(
      'application/json',
      'text/plain',
      'application/x-www-form-urlencoded',
      'nonsense',
    ),
    authorization: fc.constantFrom('Bearer abc.def', 'Bearer', 'Basic !!!', ''),
    prefer: fc.constantFrom('', 'code=404', 'code=999', 'example=nope', 'dynamic=false', 'seed=x'),
    'x-long': fc.nat({ max: 8000 }).map((n) => 'a'.repeat(n)),
  })
  return fc.record({
    method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'),
    path: paths,
    headers,
    body: bodies,
  })
}

/** Sends a request byte for byte as given (no fetch normalisation) and reads the whole answer. */
function sendRaw(base: URL, raw: RawRequest): Promise<Response> {
  return new Promise((resolve, reject) => {
    const headers = Object.fromEntries(
      Object.entries(raw.headers).filter(([, value]) => value !== ''),
    )
    const req = httpRequest(
      { host: base.hostname, port: base.port, method: raw.method, path: raw.path, headers },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => {
          const status = res.statusCode ?? 0
          const body = status === 204 || status === 304 ? null : Buffer.concat(chunks)
          const responseHeaders = Object.entries(res.headers).map(
            ([name, value]): [string, string] => [name, String(value)],
          )
          resolve(new Response(body, { status, headers: responseHeaders }))
        })
      },
    )
    req.on('error', reject)
    req.end(raw.body)
  })
}

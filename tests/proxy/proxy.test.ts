import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ShopBug } from '../../examples/shop-backend/index.ts'
import { createProxyApp, type MockServer, serveProxy, type ViolationReport } from 'standin'
import shop from '../../contracts/index.ts'
import { checkResponse, getOperation } from 'standin'
import { closedPort } from '../support/tcp-server.ts'
import { repoRoot } from '../support/temp-dir.ts'
import { type BackendProcess, listenShopBackend, shopSession, startShopBackend } from './support.ts'

const PLANTED: Array<[ShopBug, string, string]> = [
  ['wrong-field-type', 'getProduct', 'schema_mismatch'],
  ['missing-required-field', 'getCart', 'schema_mismatch'],
  ['undocumented-status', 'createCart', 'status_undocumented'],
  ['server-error-on-edge-input', 'listProducts', 'server_error'],
  ['ignores-auth', 'getOrder', 'ignored_auth'],
  ['create-not-readable', 'getCart', 'not_found_after_create'],
  ['delete-leaves-readable', 'getProduct', 'still_readable_after_delete'],
  ['accepts-invalid-body', 'updateCustomer', 'accepted_invalid_input'],
]
// The session's two mistakes of its own: reading an order without the token, a broken birth date.
const FRONTEND_CAUSES = [
  'frontend getOrder missing_credentials',
  'frontend updateCustomer invalid_request body.birthDate',
]

const backends = new Map<string, BackendProcess>()
const proxies: MockServer[] = []

async function proxyTo(
  target: string,
  proxy: Partial<Parameters<typeof serveProxy>[0]['proxy']> = {},
) {
  const server = await serveProxy({
    contract: join(repoRoot, 'contracts/index.ts'),
    port: 0,
    quiet: true,
    log: () => undefined,
    proxy: { target, ...proxy },
  })
  proxies.push(server)
  return server
}

function causes(report: ViolationReport | undefined): string[] {
  return (report?.causes ?? []).map((cause) =>
    [cause.side, cause.operationId ?? '-', cause.code, cause.path].filter(Boolean).join(' '),
  )
}

beforeAll(async () => {
  // The clean backend is a process of its own; the planted variants share this one.
  const started = await Promise.all([
    startShopBackend(),
    ...PLANTED.map(([bug]) => listenShopBackend([bug])),
  ])
  backends.set('clean', started[0] as BackendProcess)
  PLANTED.forEach(([bug], index) => backends.set(bug, started[index + 1] as BackendProcess))
}, 60_000)

afterAll(async () => {
  await Promise.all(proxies.map((proxy) => proxy.close()))
  await Promise.all([...backends.values()].map((backend) => backend.stop()))
})

describe('standin proxy between a frontend and the reference shop backend', () => {
  it('passes a clean backend’s answers on and finds only the frontend’s own mistakes', async () => {
    const proxy = await proxyTo((backends.get('clean') as BackendProcess).url)
    expect(await shopSession(proxy.url)).toEqual([
      'POST /auth/login 200',
      'GET /products?pageSize=5 200',
      'GET /products/{id} 200',
      'GET /products?page=999 200',
      'POST /carts 201',
      'GET /carts/{id} 200',
      'POST /carts/{id}/items 201',
      'POST /orders 201',
      'GET /orders/{id} 200',
      'GET /orders/{id} 401',
      'PATCH /customers/{id} 422',
      'POST /products 201',
      'DELETE /products/{id} 204',
      'GET /products/{id} 404',
    ])
    const report = proxy.violations()
    expect(causes(report)).toEqual(FRONTEND_CAUSES)
    expect(report?.totals).toMatchObject({ exchanges: 14, mocked: 0, errors: 2, causes: 2 })
  })

  it.each(PLANTED)('reports the planted bug %s at %s as %s', async (bug, operationId, code) => {
    const proxy = await proxyTo((backends.get(bug) as BackendProcess).url)
    await shopSession(proxy.url)
    const found = causes(proxy.violations())
    // A bug may fail the session further on (no cart, so no order to read): more mistakes follow.
    expect(found).toEqual(expect.arrayContaining(FRONTEND_CAUSES))
    expect(found.some((cause) => cause.startsWith(`backend ${operationId} ${code}`))).toBe(true)
  })

  it('sends the backend’s bytes on untouched, and says so', async () => {
    const backend = (backends.get('clean') as BackendProcess).url
    const proxy = await proxyTo(backend)
    for (const path of ['/products?pageSize=5', '/categories', '/products?q=coffee&sort=price']) {
      const direct = await fetch(`${backend}${path}`)
      const through = await fetch(`${proxy.url}${path}`)
      expect(through.status).toBe(direct.status)
      expect(Buffer.from(await through.arrayBuffer())).toEqual(
        Buffer.from(await direct.arrayBuffer()),
      )
      expect(headersOf(through)).toEqual(headersOf(direct))
      expect(through.headers.get('standin-answered-by')).toBe('backend')
      expect(through.headers.get('standin-violations')).toBeNull()
    }
  })

  it('counts the violations on the answer and lists them at /__standin/violations', async () => {
    const proxy = await proxyTo((backends.get('wrong-field-type') as BackendProcess).url)
    const answer = await fetch(`${proxy.url}/products?pageSize=2`)
    expect(answer.status).toBe(200)
    expect(answer.headers.get('standin-violations')).toBe('1')
    const listed = (await (
      await fetch(`${proxy.url}/__standin/violations`)
    ).json()) as ViolationReport
    expect(listed.causes).toEqual([
      {
        side: 'backend',
        operationId: 'listProducts',
        code: 'schema_mismatch',
        path: 'items[0].price',
        message: 'Invalid input: expected number, received string (got "89.90").',
        severity: 'error',
        method: 'GET',
        target: '/products?pageSize=2',
        status: 200,
        count: 1,
      },
    ])
  })

  it('answers 502 problem+json instead of a bad answer with --fail-on-violation', async () => {
    const proxy = await proxyTo((backends.get('wrong-field-type') as BackendProcess).url, {
      failOnViolation: true,
    })
    const answer = await fetch(`${proxy.url}/products?pageSize=2`)
    expect(answer.status).toBe(502)
    expect(answer.headers.get('content-type')).toBe('application/problem+json')
    expect(await answer.json()).toMatchObject({
      type: 'https://standin.dev/problems/contract-violation',
      status: 502,
      errors: [
        {
          location: 'body',
          path: 'items[0].price',
          message:
            'schema_mismatch: Invalid input: expected number, received string (got "89.90").',
        },
      ],
    })
    // The frontend's own mistakes reach the backend, which refuses them as it should.
    const refused = await fetch(`${proxy.url}/products?pageSize=abc`)
    expect(refused.status).toBe(400)
  })

  it('sends a compressed answer on decoded, keeps every Set-Cookie, and passes a redirect through', async () => {
    const categories = [
      {
        id: '6c1e4a2b-3d5f-4e7a-9b8c-1d2e3f4a5b6c',
        name: 'Kitchen',
        slug: 'kitchen',
        children: [],
      },
    ]
    const app = new Hono()
    app.get('/categories', () => {
      const headers = new Headers({
        'content-type': 'application/json',
        'content-encoding': 'gzip',
      })
      headers.append('set-cookie', 'a=1; Path=/')
      headers.append('set-cookie', 'b=2; Path=/')
      return new Response(gzipSync(JSON.stringify(categories)), { headers })
    })
    app.get('/products', (c) => c.redirect('/products?page=1', 302))
    const backend = await listening(app)
    const proxy = await proxyTo(backend.url)
    const answer = await fetch(`${proxy.url}/categories`, {
      headers: { 'accept-encoding': 'gzip' },
    })
    expect(answer.headers.get('content-encoding')).toBeNull()
    expect(answer.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/'])
    expect(await answer.json()).toEqual(categories)
    expect(proxy.violations()?.causes).toEqual([])
    const moved = await fetch(`${proxy.url}/products`, { redirect: 'manual' })
    expect([moved.status, moved.headers.get('location')]).toEqual([302, '/products?page=1'])
    await backend.close()
  })

  it('answers CORS preflights itself and adds CORS to the backend’s answers', async () => {
    const proxy = await proxyTo((backends.get('clean') as BackendProcess).url)
    const preflight = await fetch(`${proxy.url}/carts`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://app.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example')
    const answer = await fetch(`${proxy.url}/categories`, {
      headers: { Origin: 'https://app.example' },
    })
    expect(answer.headers.get('access-control-allow-origin')).toBe('https://app.example')
    expect(answer.headers.get('access-control-expose-headers')).toContain('standin-answered-by')
  })
})

describe('standin proxy mocks what the backend does not build yet', () => {
  it('answers from the mock what the backend answers 404 (not its documented one) or 501', async () => {
    const half = new Hono()
    half.get('/products', (c) => c.json({ items: [], page: 1, pageSize: 20, total: 0 }))
    half.get('/carts/:id', (c) => c.text('Not Implemented', 501))
    const backend = await listening(half)
    const proxy = await proxyTo(backend.url)
    const built = await fetch(`${proxy.url}/products`)
    expect(built.headers.get('standin-answered-by')).toBe('backend')
    expect(await built.json()).toEqual({ items: [], page: 1, pageSize: 20, total: 0 })
    for (const [path, operationId, status] of [
      ['/categories', 'listCategories', 200],
      ['/products/0d9a2c4e-6f1b-4a3c-8e5d-7b9f1a2c3d4e', 'getProduct', 200],
      ['/carts/5b0e8f3a-2c4d-4e6f-8a1b-3c5d7e9f0a2b', 'getCart', 200],
    ] as const) {
      const answer = await fetch(`${proxy.url}${path}`)
      expect(answer.status).toBe(status)
      expect(answer.headers.get('standin-answered-by')).toMatch(
        /^mock; reason="the backend answered (404|501)"$/,
      )
      const checked = checkResponse(getOperation(shop, operationId), {
        status: answer.status,
        headers: Object.fromEntries(answer.headers),
        text: await answer.text(),
      })
      expect(checked.issues).toEqual([])
    }
    expect(proxy.violations()?.totals).toMatchObject({ exchanges: 4, mocked: 3, errors: 0 })
    await backend.close()
  })

  it('answers the operations listed with --mock (by id or tag) from the mock, the rest from the backend', async () => {
    const proxy = await proxyTo((backends.get('clean') as BackendProcess).url, {
      mockOperations: ['listCategories', 'orders'],
    })
    const categories = await fetch(`${proxy.url}/categories`)
    expect(categories.headers.get('standin-answered-by')).toBe('mock; reason="listed to be mocked"')
    const orders = await fetch(`${proxy.url}/orders`, {
      headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2ln' },
    })
    expect(orders.status).toBe(200)
    expect(orders.headers.get('standin-answered-by')).toBe('mock; reason="listed to be mocked"')
    const products = await fetch(`${proxy.url}/products`)
    expect(products.headers.get('standin-answered-by')).toBe('backend')
  })

  it('answers from the mock while the backend is unreachable; outside the contract, 502', async () => {
    const proxy = await proxyTo(await closedPort())
    const answer = await fetch(`${proxy.url}/products?pageSize=3`)
    expect(answer.status).toBe(200)
    expect(((await answer.json()) as { items: unknown[] }).items).toHaveLength(3)
    expect(answer.headers.get('standin-answered-by')).toMatch(
      /^mock; reason="the backend is unreachable: ECONNREFUSED"$/,
    )
    const outside = await fetch(`${proxy.url}/not-in-the-contract`)
    expect(outside.status).toBe(502)
    expect(await outside.json()).toMatchObject({
      type: 'https://standin.dev/problems/bad-gateway',
      status: 502,
    })
  })

  it('refuses a --mock name the contract does not have, naming its tags', () => {
    expect(() =>
      createProxyApp(shop, { target: 'http://127.0.0.1:1', mockOperations: ['nope'] }),
    ).toThrow(
      /--mock names "nope", which is neither an operationId nor a tag of the contract\. Tags: /,
    )
    expect(() => createProxyApp(shop, { target: 'ftp://example.com' })).toThrow(
      '--target must be an http(s) URL, got "ftp://example.com".',
    )
  })
})

describe('recording through the proxy, and replaying the recording', () => {
  it('answers the recorded requests with the same bytes once the backend is gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'standin-record-'))
    const file = join(dir, 'session.har')
    const backend = await startShopBackend()
    const proxy = await serveProxy({
      contract: join(repoRoot, 'contracts/index.ts'),
      port: 0,
      quiet: true,
      log: () => undefined,
      proxy: { target: backend.url, record: file },
    })
    const live = await browse(proxy.url)
    await proxy.close()
    await backend.stop()
    const { serveMock } = await import('standin')
    const replay = await serveMock({
      contract: join(repoRoot, 'contracts/index.ts'),
      port: 0,
      quiet: true,
      log: () => undefined,
      replay: file,
    })
    const replayed = await browse(replay.url)
    await replay.close()
    expect(replayed.map((answer) => answer.line)).toEqual(live.map((answer) => answer.line))
    for (const [index, answer] of live.entries())
      expect(replayed[index]?.bytes.equals(answer.bytes), answer.line).toBe(true)
    const har = JSON.parse(readFileSync(file, 'utf8')) as { log: { entries: unknown[] } }
    expect(har.log.entries).toHaveLength(live.length)
    rmSync(dir, { recursive: true, force: true })
  })
})

/** A frontend browsing and filling a cart; each answer's status line and bytes. */
async function browse(base: string): Promise<Array<{ line: string; bytes: Buffer }>> {
  const answers: Array<{ line: string; bytes: Buffer }> = []
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const bytes = Buffer.from(await response.arrayBuffer())
    answers.push({ line: `${method} ${path} ${response.status}`, bytes })
    return JSON.parse(bytes.toString() || 'null') as Record<string, unknown>
  }
  const page = await call('GET', '/products?pageSize=5')
  const first = (page.items as Array<{ id: string }>)[0]?.id as string
  await call('GET', `/products/${first}`)
  await call('GET', '/categories')
  const cart = await call('POST', '/carts', {})
  await call('POST', `/carts/${cart.id}/items`, { productId: first, quantity: 2 })
  await call('GET', `/carts/${cart.id}`)
  await call('GET', '/products?sort=price&pageSize=2')
  return answers
}

describe('the standin proxy command', () => {
  it('writes --junit and --json at SIGTERM and exits 1 when the traffic broke the contract', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'standin-proxy-'))
    const target = (backends.get('wrong-field-type') as BackendProcess).url
    const child = spawn(
      process.execPath,
      [
        join(repoRoot, 'bin/standin.js'),
        'proxy',
        '--target',
        target,
        '--port',
        '0',
        '--junit',
        join(dir, 'proxy.xml'),
        '--json',
        join(dir, 'proxy.json'),
      ],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let output = ''
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const url = await new Promise<string>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        const found = / on (http:\/\/[\d.:]+)/.exec(output)
        if (found?.[1]) resolve(found[1])
      })
    })
    expect((await fetch(`${url}/products/0d9a2c4e-6f1b-4a3c-8e5d-7b9f1a2c3d4e`)).status).toBe(200)
    const exit = new Promise<number | null>((resolve) => child.on('exit', resolve))
    child.kill('SIGTERM')
    expect(await exit).toBe(1)
    expect(output).toContain(
      '✗ backend getProduct schema_mismatch price: Invalid input: expected number, received string (got "89.90"). (GET /products/0d9a2c4e-6f1b-4a3c-8e5d-7b9f1a2c3d4e → 200)',
    )
    expect(output).toContain('1 exchange seen; 1 violation of the contract in 1 cause.')
    const json = JSON.parse(readFileSync(join(dir, 'proxy.json'), 'utf8')) as ViolationReport
    expect(json.totals).toEqual({ exchanges: 1, mocked: 0, violations: 1, errors: 1, causes: 1 })
    const junit = readFileSync(join(dir, 'proxy.xml'), 'utf8')
    expect(junit).toContain('<testcase classname="standin.proxy" name="getProduct (1 exchange)">')
    expect(junit).toContain(
      '<failure type="schema_mismatch" message="backend schema_mismatch price:',
    )
    rmSync(dir, { recursive: true, force: true })
  })

  it('is a one-line usage error without --target, exit 2', async () => {
    const { runCli } = await import('../support/run-cli.ts')
    const result = await runCli(['proxy'])
    expect([result.code, result.stderr]).toEqual([
      2,
      'standin: --target URL is required, e.g. standin proxy --target http://127.0.0.1:3000.\n',
    ])
  })
})

/** The answer's headers a client compares: all but the date and what the proxy adds. */
function headersOf(response: Response): Record<string, string> {
  return Object.fromEntries(
    [...response.headers].filter(
      ([name]) => name !== 'date' && name !== 'vary' && !name.startsWith('standin-'),
    ),
  )
}

async function listening(app: Hono): Promise<{ url: string; close(): Promise<void> }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({
        url: `http://127.0.0.1:${(info as AddressInfo).port}`,
        close: () => new Promise((done) => server.close(() => done())),
      }),
    )
  })
}

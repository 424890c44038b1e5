import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { unstable_startWorker } from 'wrangler'
import { type BackendProcess, startShopBackend } from '../proxy/support.ts'
import { makeTempDir, repoRoot } from '../support/temp-dir.ts'

// A Worker of a user's own: the shop's contract behind createProxyApp, its backend from env.
const ENTRY = `
import { createProxyApp } from 'standin'
import contract from '${join(repoRoot, 'contracts/index.ts')}'
let proxy
export default {
  fetch(request, env) {
    proxy ??= createProxyApp(contract, { target: env.BACKEND_URL, mockOperations: ['listCategories'] })
    return proxy.fetch(request)
  },
}
`

let backend: BackendProcess
let worker: Awaited<ReturnType<typeof unstable_startWorker>>
const folder = makeTempDir()

beforeAll(async () => {
  backend = await startShopBackend(['wrong-field-type'])
  const entry = join(folder.dir, 'proxy-worker.js')
  writeFileSync(entry, ENTRY)
  worker = await unstable_startWorker({
    entrypoint: entry,
    compatibilityDate: '2025-09-01',
    bindings: { BACKEND_URL: { type: 'plain_text', value: backend.url } },
    build: { alias: { standin: join(repoRoot, 'src/universal.ts') } },
    dev: { server: { hostname: '127.0.0.1', port: 0 }, inspector: false, logLevel: 'error' },
  })
  await worker.ready
}, 120_000)

afterAll(async () => {
  await worker?.dispose()
  await backend?.stop()
  folder.cleanup()
})

describe('createProxyApp on Cloudflare Workers (workerd)', () => {
  it('forwards to the backend, counts its violations, and mocks what it is told to', async () => {
    const send = async (path: string) =>
      (await worker.fetch(`http://proxy.test${path}`)) as unknown as Response
    const products = await send('/products/0d9a2c4e-6f1b-4a3c-8e5d-7b9f1a2c3d4e')
    expect(products.status).toBe(200)
    expect(products.headers.get('standin-answered-by')).toBe('backend')
    expect(products.headers.get('standin-violations')).toBe('1')
    expect(((await products.json()) as { price: unknown }).price).toBe('89.90')
    const categories = await send('/categories')
    expect(categories.headers.get('standin-answered-by')).toBe('mock; reason="listed to be mocked"')
    expect(((await categories.json()) as unknown[]).length).toBeGreaterThan(0)
    const report = (await (await send('/__standin/violations')).json()) as {
      causes: Array<{ operationId: string; code: string; path: string }>
    }
    expect(report.causes.map(({ operationId, code, path }) => [operationId, code, path])).toEqual([
      ['getProduct', 'schema_mismatch', 'price'],
    ])
  })
})

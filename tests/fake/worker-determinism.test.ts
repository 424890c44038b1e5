import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { unstable_startWorker } from 'wrangler'
import { renderFakes } from './fixtures/render-fakes.ts'

const timeout = (ms: number): Promise<never> =>
  new Promise((_, reject) =>
    setTimeout(() => reject(new Error(`no answer from the Worker in ${ms} ms`)), ms).unref(),
  )

// Its own wrangler.toml, so the repository's (with its Durable Objects) is not picked up.
const config = fileURLToPath(new URL('./fixtures/wrangler.toml', import.meta.url))

describe('determinism on Cloudflare Workers', () => {
  it('gives the same bytes in workerd as on Node', async () => {
    const worker = await unstable_startWorker({
      config,
      dev: { server: { hostname: '127.0.0.1', port: 0 }, inspector: false, logLevel: 'error' },
    })
    try {
      await worker.ready
      const response = await Promise.race([worker.fetch('http://example.com/'), timeout(60_000)])
      const text = await response.text()
      expect(text.length).toBeGreaterThan(100_000)
      expect(text === renderFakes()).toBe(true)
    } finally {
      await worker.dispose()
    }
  }, 120_000)
})

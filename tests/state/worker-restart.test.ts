import { afterAll, describe, expect, it } from 'vitest'
import { readAnswer, shop } from '../mock/support.ts'
import { makeTempDir } from '../support/temp-dir.ts'
import { type StateTarget, workerStateTarget } from './targets.ts'

const headers = { 'X-Standin-Session': 'survivor', 'Content-Type': 'application/json' }

async function call(target: StateTarget, method: string, path: string, body?: unknown) {
  return readAnswer(
    shop,
    method,
    path,
    await target.fetch(path, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  )
}

describe('a session on Cloudflare Workers', () => {
  const storage = makeTempDir()
  afterAll(storage.cleanup)

  it('keeps its objects when the Worker restarts: they live in the Durable Object’s storage', async () => {
    const first = await workerStateTarget(storage.dir)
    let filled: Awaited<ReturnType<typeof call>>
    let state: Awaited<ReturnType<typeof call>>
    try {
      const cart = (await call(first, 'POST', '/carts')).body
      const product = (await call(first, 'GET', '/products?pageSize=1')).body.items[0]
      filled = await call(first, 'POST', `/carts/${cart.id}/items`, {
        productId: product.id,
        quantity: 2,
      })
      state = await call(first, 'GET', '/__standin/state')
    } finally {
      await first.close()
    }
    const second = await workerStateTarget(storage.dir)
    try {
      expect((await call(second, 'GET', `/carts/${filled.body.id}`)).text).toBe(filled.text)
      expect((await call(second, 'GET', '/__standin/state')).text).toBe(state.text)
    } finally {
      await second.close()
    }
  }, 60_000)
})

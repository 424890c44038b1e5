import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Answer, readAnswer, shop } from '../mock/support.ts'
import type { MockTarget } from './targets.ts'

const productId = '0d9a2c4e-6f1b-4a3c-8e5d-7b9f1a2c3d4e'
const cartId = '6c1e4a2b-3d5f-4e7a-9b8c-1d2e3f4a5b6c'
const bearer = { Authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl' }

/**
 * What the mock does, asserted the same way against every runtime it ships on: the Node app and the
 * Worker in workerd run this one suite.
 */
export function mockBehaviourSuite(runtime: string, start: () => Promise<MockTarget>): void {
  describe(`the mock on ${runtime}`, () => {
    let target: MockTarget
    beforeAll(async () => {
      target = await start()
    }, 120_000)
    afterAll(() => target?.close())

    async function request(path: string, init: RequestInit = {}): Promise<Answer> {
      return readAnswer(shop, init.method ?? 'GET', path, await target.fetch(path, init))
    }

    it('answers a page whose items, page size and total agree', async () => {
      const { status, body } = await request('/products?pageSize=3&page=2')
      expect(status).toBe(200)
      expect(body.items).toHaveLength(3)
      expect(body).toMatchObject({ page: 2, pageSize: 3 })
      expect(body.total).toBeGreaterThanOrEqual(6)
    })

    it('answers one item with the id from its path, equal across requests', async () => {
      const first = await request(`/products/${productId}`)
      const second = await request(`/products/${productId}`)
      expect(first.body.id).toBe(productId)
      expect(second.text).toBe(first.text)
    })

    it('answers a schema-breaking body with the documented 422 naming the field', async () => {
      const { status, body } = await request(`/carts/${cartId}/items`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ productId, quantity: 0 }),
      })
      expect(status).toBe(422)
      expect(body.errors).toEqual([
        { location: 'body', path: 'quantity', message: 'Too small: expected number to be >=1' },
      ])
    })

    it('answers malformed JSON with a 400 problem', async () => {
      const { status, body } = await request(`/carts/${cartId}/items`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"productId":',
      })
      expect(status).toBe(400)
      expect(body.type).toBe('https://standin.dev/problems/invalid-json')
    })

    it('answers an unknown path with 404 and a wrong method with 405 and Allow', async () => {
      expect((await request('/nope')).status).toBe(404)
      const wrongMethod = await request('/products', { method: 'PATCH' })
      expect(wrongMethod.status).toBe(405)
      expect(wrongMethod.headers.get('allow')).toBe('GET, HEAD, POST, OPTIONS')
    })

    it('answers 401 with WWW-Authenticate when credentials are missing', async () => {
      const { status, headers } = await request('/orders')
      expect(status).toBe(401)
      expect(headers.get('www-authenticate')).toBe('Bearer realm="standin"')
      expect((await request('/orders', { headers: bearer })).status).toBe(200)
    })

    it('follows Prefer: code, example and scenario', async () => {
      expect(
        (await request(`/products/${productId}`, { headers: { Prefer: 'code=404' } })).status,
      ).toBe(404)
      const undocumented = await request(`/products/${productId}`, {
        headers: { Prefer: 'code=418' },
      })
      expect(undocumented.status).toBe(400)
      expect(undocumented.body.detail).toBe(
        'getProduct does not document status 418. Documented: 200, 400, 404.',
      )
      const example = await request(`/products/${productId}`, {
        headers: { Prefer: 'example=coffee-grinder' },
      })
      expect(example.body.name).toBe('Burr Coffee Grinder')
      const empty = await request(`/carts/${cartId}`, {
        headers: { Prefer: 'scenario=empty-cart' },
      })
      expect(empty.body).toMatchObject({ id: cartId, items: [], subtotal: 0, itemCount: 0 })
    })

    it('changes the data with Prefer: seed and keeps it for the same seed', async () => {
      const seven = await request('/products?pageSize=2', { headers: { Prefer: 'seed=7' } })
      const again = await request('/products?pageSize=2', { headers: { Prefer: 'seed=7' } })
      const plain = await request('/products?pageSize=2')
      expect(again.text).toBe(seven.text)
      expect(plain.text).not.toBe(seven.text)
    })

    it('answers a CORS preflight and negotiates by Accept', async () => {
      const preflight = await target.fetch('/products', {
        method: 'OPTIONS',
        headers: { Origin: 'http://localhost:3000', 'Access-Control-Request-Method': 'GET' },
      })
      expect(preflight.status).toBe(204)
      expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:3000')
      expect((await request('/products', { headers: { Accept: 'text/html' } })).status).toBe(406)
      const head = await request('/products', { method: 'HEAD' })
      expect(head.status).toBe(200)
      expect(head.text).toBe('')
    })

    it('serves the docs page, its assets and the OpenAPI document without a CDN', async () => {
      const page = await request('/docs')
      expect(page.status).toBe(200)
      expect(page.text).toContain('/docs/assets/swagger-ui-bundle.js')
      expect(page.text).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)[a-z0-9.-]+\/[^"]*\.(js|css)/)
      const script = await target.fetch('/docs/assets/swagger-ui-bundle.js')
      expect(script.status).toBe(200)
      expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
      expect((await script.text()).length).toBeGreaterThan(500_000)
      const document = await request('/openapi.json')
      expect(document.body.info.title).toBe('Standin Shop API')
      expect((await request('/openapi.yaml')).text).toMatch(/^openapi: 3\.1\.0$/m)
    })

    it('answers a body over the limit with 413', async () => {
      const { status } = await request(`/carts/${cartId}/items`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ productId, quantity: 1, padding: 'x'.repeat(1_100_000) }),
      })
      expect(status).toBe(413)
    })
  })
}

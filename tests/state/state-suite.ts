import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMockApp } from 'standin'
import mocks, { DEMO_CART_ID } from '../../mocks/index.ts'
import { type Answer, readAnswer, shop } from '../mock/support.ts'
import { cpuLoadFromEnv, startCpuLoad } from '../support/cpu-load.ts'
import { MAX_OBJECTS, MAX_STATE_BYTES, type StateTarget } from './targets.ts'

const CONCURRENT_CREATES = Number(process.env.STATE_CONCURRENT_CREATES ?? 200)
const token = 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl'
const unknownId = '0d9a2c4e-6f1b-4a3c-8e5d-7b9f1a2c3d4e'
const address = {
  name: 'Ada Lovelace',
  line1: '12 St James’s Square',
  city: 'London',
  postalCode: 'SW1Y 4JH',
  countryCode: 'GB',
}
/** A product whose JSON takes about `bytes`: attributes of 100 characters each. */
export function bigProduct(bytes: number) {
  const attributes: Record<string, string> = {}
  for (let i = 0; i < bytes / 112; i++)
    attributes[`a${String(i).padStart(6, '0')}`] = 'x'.repeat(100)
  return { ...newProduct, attributes }
}

const newProduct = {
  sku: 'MUG-000042',
  name: 'Enamel Camping Mug',
  description: 'Holds 350 ml.',
  price: 12.5,
  currency: 'EUR',
  categoryId: '6c1e4a2b-3d5f-4e7a-9b8c-1d2e3f4a5b6c',
  images: ['https://images.example.com/mug.jpg'],
  stock: 40,
  attributes: { colour: 'white' },
}

/** The stateless shop, for what a fresh session must look like. */
const stateless = createMockApp(shop, { mocks })

/**
 * What remembered state does, asserted the same way against every store it ships with: the
 * in-memory store on Node and a Durable Object per session on Workers run this one suite.
 */
export function stateSuite(runtime: string, start: () => Promise<StateTarget>): void {
  describe(`stateful mocks on ${runtime}`, () => {
    let target: StateTarget
    let stopLoad: (() => void) | undefined
    beforeAll(async () => {
      if (cpuLoadFromEnv() > 0) stopLoad = startCpuLoad(cpuLoadFromEnv())
      target = await start()
    }, 120_000)
    afterAll(async () => {
      stopLoad?.()
      await target?.close()
    })

    /** A client of one session: every answer is read and checked against the contract. */
    function client(session: string) {
      return async (
        method: string,
        path: string,
        body?: unknown,
        headers: Record<string, string> = {},
      ): Promise<Answer> => {
        const init: RequestInit = {
          method,
          headers: { 'X-Standin-Session': session, Authorization: token, ...headers },
        }
        if (body !== undefined) init.body = JSON.stringify(body)
        if (body !== undefined)
          (init.headers as Record<string, string>)['Content-Type'] = 'application/json'
        return readAnswer(shop, method, path, await target.fetch(path, init))
      }
    }

    it('remembers a created cart, and answers 404 for an id the session never saw', async () => {
      const call = client('remembers')
      const created = await call('POST', '/carts')
      expect(created.status).toBe(201)
      expect(created.body).toMatchObject({ items: [], subtotal: 0, itemCount: 0, currency: 'EUR' })
      expect(created.headers.get('location')).toBe(`/carts/${created.body.id}`)
      expect((await call('GET', `/carts/${created.body.id}`)).text).toBe(created.text)
      const unknown = await call('GET', `/carts/${unknownId}`)
      expect([unknown.status, unknown.body.detail]).toEqual([
        404,
        `There is no /carts/${unknownId} in this session: it was never created here, or it was deleted.`,
      ])
    })

    it('keeps two sessions apart, even when they work at the same time', async () => {
      const alice = client('isolated-alice')
      const bob = client('isolated-bob')
      const [mine, theirs] = await Promise.all([
        alice('POST', '/products', newProduct),
        bob('POST', '/products', { ...newProduct, sku: 'MUG-000043' }),
      ])
      expect((await bob('GET', `/products/${mine.body.id}`)).status).toBe(404)
      const [aliceList, bobList] = await Promise.all([
        alice('GET', '/products?pageSize=100'),
        bob('GET', '/products?pageSize=100'),
      ])
      expect(aliceList.body.items[0]).toEqual(mine.body)
      expect(bobList.body.items[0]).toEqual(theirs.body)
      expect(aliceList.body.total).toBe(bobList.body.total)
    })

    it('starts a session on first use with an HttpOnly cookie, and keeps it by that cookie', async () => {
      const first = await target.fetch('/carts', { method: 'POST' })
      const cookie = first.headers.get('set-cookie') ?? ''
      expect(cookie).toMatch(/^standin_session=[0-9a-f-]{36}; Path=\/; HttpOnly; SameSite=Lax$/)
      const cart = (await first.json()) as { id: string }
      const again = await target.fetch(`/carts/${cart.id}`, {
        headers: { Cookie: cookie.split(';')[0] as string },
      })
      expect([again.status, again.headers.get('set-cookie')]).toEqual([200, null])
      expect((await target.fetch(`/carts/${cart.id}`)).status).toBe(404)
    })

    it('answers 400 for a malformed session id instead of starting a session', async () => {
      const answer = await client('no spaces allowed')('GET', '/products')
      expect([answer.status, answer.body]).toEqual([
        400,
        {
          type: 'https://standin.dev/problems/validation',
          title: 'Bad Request',
          status: 400,
          detail:
            'The session id in the X-Standin-Session header must be 1 to 64 letters, digits, ".", "_" or "-". Send another one, or none to get a new session.',
          errors: [
            {
              location: 'header',
              path: 'X-Standin-Session',
              message: 'must be 1 to 64 letters, digits, ".", "_" or "-"',
            },
          ],
        },
      ])
    })

    it('starts an undeclared collection with the list the stateless mock generates, paged the same way', async () => {
      const call = client('fresh-lists')
      const product = (await call('GET', '/products?pageSize=1')).body.items[0]
      for (const path of [
        '/orders?pageSize=5&page=2',
        `/products/${product.id}/reviews?pageSize=3&page=2`,
      ]) {
        const expected = await stateless.request(path, { headers: { Authorization: token } })
        expect((await call('GET', path)).text).toBe(await expected.text())
      }
    })

    it('lists the created objects first, newest first, then the starting ones, with the mock paging', async () => {
      const call = client('listing')
      const before = await call('GET', '/products?pageSize=100')
      expect(before.body.total).toBe(12)
      const first = await call('POST', '/products', newProduct)
      const second = await call('POST', '/products', { ...newProduct, sku: 'MUG-000044' })
      const opening = await call('GET', '/products?pageSize=5')
      expect(opening.body).toEqual({
        items: [second.body, first.body, ...before.body.items.slice(0, 3)],
        page: 1,
        pageSize: 5,
        total: 14,
      })
      const last = await call('GET', '/products?pageSize=5&page=3')
      expect(last.body).toEqual({
        items: before.body.items.slice(8),
        page: 3,
        pageSize: 5,
        total: 14,
      })
    })

    it('creates an object from the fields sent: a new id, what a new record has, and the rest generated', async () => {
      const call = client('creating')
      const created = await call('POST', '/products', newProduct)
      expect(created.status).toBe(201)
      expect(created.body).toEqual({
        id: expect.stringMatching(
          /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        ),
        ...newProduct,
        tags: [],
        rating: null,
        reviewCount: 0,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      })
      expect(Object.keys(created.body)).toEqual(
        Object.keys(
          (
            shop.routes.getProduct.responses[200].content['application/json'].schema as {
              shape: object
            }
          ).shape,
        ),
      )
      expect(created.headers.get('location')).toBe(`/products/${created.body.id}`)
    })

    it('replaces with PUT (server fields kept), merges with PATCH, and removes with DELETE', async () => {
      const call = client('changing')
      const created = await call('POST', '/products', newProduct)
      const replaced = await call('PUT', `/products/${created.body.id}`, {
        ...newProduct,
        name: 'Steel Mug',
        attributes: {},
      })
      expect(replaced.body).toEqual({ ...created.body, name: 'Steel Mug', attributes: {} })
      const customer = await call('POST', '/customers', {
        email: 'grace@example.com',
        password: 'hopper1906',
        firstName: 'Grace',
        lastName: 'Hopper',
      })
      expect(customer.body).toMatchObject({
        email: 'grace@example.com',
        phone: null,
        addresses: [],
        marketingOptIn: false,
      })
      expect(customer.body).not.toHaveProperty('password')
      const patched = await call('PATCH', `/customers/${customer.body.id}`, {
        phone: '+1 555 0100',
        marketingOptIn: true,
      })
      expect(patched.body).toEqual({ ...customer.body, phone: '+1 555 0100', marketingOptIn: true })
      const removed = await call('DELETE', `/products/${created.body.id}`)
      expect([removed.status, removed.text]).toEqual([204, ''])
      expect((await call('GET', `/products/${created.body.id}`)).status).toBe(404)
      expect((await call('DELETE', `/products/${created.body.id}`)).status).toBe(404)
    })

    it('nests reviews under their product: the product id is pinned, ids count on, a new product has none, an unknown one is 404', async () => {
      const call = client('reviews')
      const product = (await call('GET', '/products?pageSize=1')).body.items[0]
      const listed = await call('GET', `/products/${product.id}/reviews?pageSize=100`)
      const largest = Math.max(0, ...listed.body.items.map((review: { id: number }) => review.id))
      const review = await call('POST', `/products/${product.id}/reviews`, {
        rating: 5,
        title: 'Keeps coffee hot',
      })
      expect(review.body).toMatchObject({
        id: largest + 1,
        productId: product.id,
        rating: 5,
        title: 'Keeps coffee hot',
        body: '',
      })
      expect((await call('GET', `/products/${product.id}/reviews/${largest + 1}`)).body).toEqual(
        review.body,
      )
      const after = await call('GET', `/products/${product.id}/reviews?pageSize=100`)
      expect([after.body.total, after.body.items[0]]).toEqual([listed.body.total + 1, review.body])
      const made = (await call('POST', '/products', newProduct)).body
      expect((await call('GET', `/products/${made.id}/reviews`)).body).toEqual({
        items: [],
        page: 1,
        pageSize: 20,
        total: 0,
      })
      expect(
        (await call('POST', `/products/${made.id}/reviews`, { rating: 4, title: 'First!' })).body,
      ).toMatchObject({ id: 1, productId: made.id })
      const orphan = await call('POST', `/products/${unknownId}/reviews`, {
        rating: 1,
        title: 'Where is it?',
      })
      expect([orphan.status, orphan.body.detail]).toEqual([
        404,
        `There is no /products/${unknownId} in this session: it was never created here, or it was deleted.`,
      ])
    })

    it('keeps cart items inside their cart: adding, changing and removing one updates the cart and its totals', async () => {
      const call = client('cart-items')
      const [mug, lamp] = (await call('GET', '/products?pageSize=2')).body.items
      const cart = (await call('POST', '/carts')).body
      const added = await call('POST', `/carts/${cart.id}/items`, {
        productId: mug.id,
        quantity: 2,
      })
      const again = await call('POST', `/carts/${cart.id}/items`, { productId: lamp.id })
      expect(added.status).toBe(201)
      expect(
        again.body.items.map((item: { productId: string; quantity: number }) => [
          item.productId,
          item.quantity,
        ]),
      ).toEqual([
        [mug.id, 2],
        [lamp.id, 1],
      ])
      expect(again.body.subtotal).toBe(Math.round((mug.price * 2 + lamp.price) * 100) / 100)
      const changed = await call('PATCH', `/carts/${cart.id}/items/${again.body.items[0].id}`, {
        quantity: 3,
      })
      expect([changed.body.itemCount, changed.body.items[0].lineTotal]).toEqual([
        4,
        Math.round(mug.price * 3 * 100) / 100,
      ])
      expect(
        (await call('DELETE', `/carts/${cart.id}/items/${again.body.items[1].id}`)).status,
      ).toBe(204)
      expect((await call('GET', `/carts/${cart.id}`)).body).toMatchObject({
        itemCount: 3,
        items: [changed.body.items[0]],
      })
      const gone = await call('PATCH', `/carts/${cart.id}/items/${again.body.items[1].id}`, {
        quantity: 1,
      })
      expect([gone.status, gone.body.detail]).toEqual([
        404,
        `The cart has no item ${again.body.items[1].id}.`,
      ])
    })

    it('refuses with 409, and keeps the cart as it was, what would take it past the contract’s largest amount', async () => {
      const call = client('cart-limits')
      const piano = (
        await call('POST', '/products', {
          ...newProduct,
          sku: 'PNO-000001',
          price: 100_000,
          stock: 500,
        })
      ).body
      const cart = (await call('POST', '/carts')).body
      const tooMany = await call('POST', `/carts/${cart.id}/items`, {
        productId: piano.id,
        quantity: 11,
      })
      expect([tooMany.status, tooMany.body.detail]).toEqual([
        409,
        'The shop takes carts up to 1000000 EUR.',
      ])
      const one = (
        await call('POST', `/carts/${cart.id}/items`, { productId: piano.id, quantity: 1 })
      ).body
      const raised = await call('PATCH', `/carts/${cart.id}/items/${one.items[0].id}`, {
        quantity: 20,
      })
      expect([raised.status, raised.body.detail]).toEqual([
        409,
        'The shop takes carts up to 1000000 EUR.',
      ])
      expect((await call('GET', `/carts/${cart.id}`)).body).toEqual(one)
    })

    it('moves an order through its lifecycle, answering 409 for a step that is not allowed', async () => {
      const call = client('lifecycle')
      const order = (
        await call('POST', '/orders', { cartId: DEMO_CART_ID, shippingAddress: address })
      ).body
      expect(order).toMatchObject({
        status: 'pending',
        paidAt: null,
        shippedAt: null,
        trackingUrl: null,
        shippingAddress: address,
      })
      expect((await call('GET', `/carts/${DEMO_CART_ID}`)).body).toMatchObject({
        items: [],
        itemCount: 0,
      })
      const early = await call('PATCH', `/orders/${order.id}`, { status: 'shipped' })
      expect([early.status, early.body.detail]).toEqual([
        409,
        `Order ${order.id} is pending; only a paid order can become shipped.`,
      ])
      const payment = await call('POST', `/orders/${order.id}/payments`, {
        amount: order.total,
        currency: order.currency,
        method: { type: 'paypal', email: 'ada@example.com' },
      })
      expect(payment.body).toMatchObject({
        orderId: order.id,
        amount: order.total,
        status: 'authorized',
        method: { type: 'paypal', email: 'ada@example.com' },
      })
      expect((await call('GET', `/payments/${payment.body.id}`)).body).toEqual(payment.body)
      expect((await call('GET', `/orders/${order.id}`)).body).toMatchObject({
        status: 'paid',
        paidAt: payment.body.createdAt,
      })
      const shipped = await call('PATCH', `/orders/${order.id}`, { status: 'shipped' })
      expect(shipped.body).toMatchObject({
        status: 'shipped',
        trackingUrl: `https://tracking.example.com/${order.id}`,
      })
      const cancel = await call('DELETE', `/orders/${order.id}`)
      expect([cancel.status, cancel.body.detail]).toEqual([
        409,
        `Order ${order.id} is shipped; it can no longer be cancelled.`,
      ])
      expect(
        (await call('PATCH', `/orders/${order.id}`, { status: 'delivered' })).body.status,
      ).toBe('delivered')
    })

    it('resets a session, and starts it over in a scenario with that scenario’s objects', async () => {
      const call = client('resetting')
      await call('POST', '/carts')
      expect((await call('GET', `/carts/${DEMO_CART_ID}`)).body.itemCount).toBe(6)
      const reset = await call('POST', '/__standin/reset', undefined, {
        Prefer: 'scenario=empty-cart',
      })
      expect(reset.body).toEqual({
        session: 'resetting',
        scenario: 'empty-cart',
        objects: {},
        deleted: {},
      })
      expect((await call('GET', `/carts/${DEMO_CART_ID}`)).body).toMatchObject({
        items: [],
        itemCount: 0,
      })
      const unknown = await call('POST', '/__standin/reset', undefined, { Prefer: 'scenario=nope' })
      expect([unknown.status, unknown.body.detail]).toEqual([
        400,
        'Unknown scenario "nope". Known scenarios: empty-cart, payment-declined, flaky-payments, out-of-stock, new-customer, no-results, logged-out.',
      ])
      await call('POST', '/__standin/reset')
      expect((await call('GET', '/__standin/state')).body).toEqual({
        session: 'resetting',
        scenario: null,
        objects: {},
        deleted: {},
      })
      expect((await call('GET', `/carts/${DEMO_CART_ID}`)).body.itemCount).toBe(6)
    })

    it('shows what a session created, changed and deleted at /__standin/state', async () => {
      const call = client('showing')
      const products = (await call('GET', '/products?pageSize=2')).body.items
      const cart = (await call('POST', '/carts')).body
      await call('DELETE', `/products/${products[1].id}`)
      const state = await call('GET', '/__standin/state')
      expect(state.body).toEqual({
        session: 'showing',
        scenario: null,
        objects: { '/carts': [cart] },
        deleted: { '/products': [products[1].id] },
      })
      expect((await call('PUT', '/__standin/state')).headers.get('allow')).toBe(
        'GET, HEAD, OPTIONS',
      )
    })

    it(`loses nothing and repeats no id when ${CONCURRENT_CREATES} creates arrive at once`, async () => {
      const call = client('concurrent')
      const created = await Promise.all(
        Array.from({ length: CONCURRENT_CREATES }, () => call('POST', '/carts')),
      )
      expect(new Set(created.map((answer) => answer.status))).toEqual(new Set([201]))
      const ids = created.map((answer) => answer.body.id as string)
      expect(new Set(ids).size).toBe(CONCURRENT_CREATES)
      const state = await call('GET', '/__standin/state')
      expect(state.body.objects['/carts'].map((cart: { id: string }) => cart.id).sort()).toEqual(
        [...ids].sort(),
      )
    }, 60_000)

    it(`forgets the least recently used objects of a session past ${MAX_OBJECTS}`, async () => {
      const call = client('evicting')
      const first = [await call('POST', '/carts'), await call('POST', '/carts')]
      const [oldest, touched] = first.map((answer) => answer.body)
      const statuses = first.map((answer) => answer.status)
      for (let batch = 0; batch < MAX_OBJECTS - 1; batch += 50) {
        const created = await Promise.all(
          Array.from({ length: Math.min(50, MAX_OBJECTS - 1 - batch) }, () =>
            call('POST', '/carts'),
          ),
        )
        statuses.push(...created.map((answer) => answer.status))
        if (batch === 0) await call('GET', `/carts/${touched.id}`) // reading it makes it recently used
      }
      // Every create went through, so the session holds one more than it keeps.
      expect([statuses.length, new Set(statuses)]).toEqual([MAX_OBJECTS + 1, new Set([201])])
      const state = await call('GET', '/__standin/state')
      expect(state.body.objects['/carts']).toHaveLength(MAX_OBJECTS)
      expect((await call('GET', `/carts/${oldest.id}`)).status).toBe(404)
      expect((await call('GET', `/carts/${touched.id}`)).status).toBe(200)
    }, 60_000)

    it(`forgets a session's oldest objects past its share of ${MAX_STATE_BYTES} bytes`, async () => {
      const call = client('heavy')
      const ids = []
      for (let i = 0; i < 4; i++)
        ids.push((await call('POST', '/products', bigProduct(200_000))).body.id)
      const statuses = []
      for (const id of ids) statuses.push((await call('GET', `/products/${id}`)).status)
      expect(statuses).toEqual([404, 404, 200, 200])
      const state = await call('GET', '/__standin/state')
      expect(state.body.objects['/products']).toHaveLength(2)
    }, 60_000)

    it('refuses with a 413 problem an object larger than a session keeps, and stores nothing', async () => {
      const call = client('oversized')
      const refused = await call('POST', '/products', bigProduct(600_000))
      expect(refused.status).toBe(413)
      expect(refused.headers.get('content-type')).toBe('application/problem+json')
      expect(refused.body).toMatchObject({
        type: 'https://standin.dev/problems/payload-too-large',
        status: 413,
      })
      expect(refused.body.detail).toMatch(
        new RegExp(
          `^createProduct: the object takes \\d+ bytes as JSON, more than the ${MAX_STATE_BYTES / 4} bytes`,
        ),
      )
      expect((await call('GET', '/__standin/state')).body.objects).toEqual({})
    }, 60_000)
  })
}

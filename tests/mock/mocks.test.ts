import { describe, expect, it } from 'vitest'
import { createMockApp, createRoute, defineContract, defineMocks, z } from 'standin'
import shopMocks from '../../mocks/index.ts'
import { authed, json, mockOf, shop } from './support.ts'
import { standinErrorOf } from '../support/standin-error.ts'

const ORDER = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a'
const PRODUCT = '0d9a2c4e-6f1b-4a3c-8e5d-7b9f1a2c3d4e'
const CART = '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b'

describe('defineMocks', () => {
  it('type-checks what handlers return against the contract', () => {
    const mocks = defineMocks(shop, {
      getOrder: (c, ctx) => ({ ...ctx.fake(), id: c.params.orderId, status: 'shipped' }),
      // @ts-expect-error 'lost' is not an order status
      cancelOrder: (_c, ctx) => ({ ...ctx.fake(), status: 'lost' }),
      // @ts-expect-error getPayment does not document 418
      getPayment: (_c, ctx) => ctx.respond(418, {}),
      listOrders: (c, ctx) =>
        ctx.respond(200, { items: [], total: 0, page: c.query.page, pageSize: c.query.pageSize }),
      payOrder: (_c, ctx) => ctx.problem(402, 'Declined.'),
    })
    expect(Object.keys(mocks.handlers)).toEqual([
      'getOrder',
      'cancelOrder',
      'getPayment',
      'listOrders',
      'payOrder',
    ])
  })

  it('throws MOCK_INVALID for a handler that names no operation, suggesting the close one', () => {
    // @ts-expect-error getOrdr is no operation of the shop
    expect(standinErrorOf(() => defineMocks(shop, { getOrdr: () => ({}) }))).toEqual({
      code: 'MOCK_INVALID',
      message:
        'Mocks do not fit the contract "Standin Shop API":\n  "getOrdr" is not an operation; did you mean getOrder?',
    })
  })

  it('is checked again against the contract an app serves', () => {
    const other = defineContract({
      info: { title: 'Other', version: '1' },
      routes: {
        ping: createRoute({
          method: 'get',
          path: '/ping',
          responses: { 204: { description: 'pong' } },
        }),
      },
    })
    expect(standinErrorOf(() => createMockApp(other, { mocks: shopMocks })).code).toBe(
      'MOCK_INVALID',
    )
  })
})

describe('hand-written handlers', () => {
  const mocks = defineMocks(shop, {
    getOrder: (c, ctx) => ({
      ...ctx.fake(),
      status: 'shipped',
      note: `asked for ${c.params.orderId} with seed ${c.seed}`,
    }),
    getPayment: (_c, ctx) => ({ ...ctx.fake(), amount: -5 }),
    cancelOrder: () => {
      throw new Error('database on fire')
    },
    listOrders: (_c, ctx) => ctx.respond(401 as 200, ctx.fake()),
    updateOrderStatus: (_c, ctx) => ctx.respond(418 as 200, ctx.fake()),
  })
  const { request } = mockOf(shop, { mocks })

  it('answer with what they return, built on the generated body', async () => {
    const answer = await request(`/orders/${ORDER}`, { headers: authed })
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({
      id: ORDER,
      status: 'shipped',
      note: expect.stringMatching(new RegExp(`^asked for ${ORDER} with seed \\d+$`)),
    })
  })

  it('answer 500 naming the operation and the field when the return breaks the contract', async () => {
    const answer = await request('/payments/5b3e1f0a-8c1d-4b6e-9f2a-3c4d5e6f7a8b', {
      headers: authed,
    })
    expect(answer.body).toEqual({
      type: 'https://standin.dev/problems/mock-invalid',
      title: 'Internal Server Error',
      status: 500,
      detail:
        'getPayment: the mock handler for status 200 breaks the contract at body amount: Too small: expected number to be >=0',
      errors: [
        { location: 'body', path: 'amount', message: 'Too small: expected number to be >=0' },
      ],
    })
  })

  it('answer 500 naming the operation when they throw', async () => {
    const answer = await request(`/orders/${ORDER}`, { method: 'DELETE', headers: authed })
    expect([answer.status, answer.body.detail]).toEqual([
      500,
      'cancelOrder: the mock handler threw: database on fire',
    ])
  })

  it('answer 500 when they answer a status the operation does not document, or with the wrong body for it', async () => {
    const teapot = await request(`/orders/${ORDER}`, json('PATCH', { status: 'shipped' }))
    expect(teapot.body.detail).toBe(
      'updateOrderStatus: the mock handler answered status 418, which is not documented (200, 400, 401, 404, 409, 422).',
    )
    const wrongBody = await request('/orders', { headers: authed })
    expect(wrongBody.status).toBe(500)
    expect(wrongBody.body.detail).toMatch(
      /^listOrders: the mock handler for status 401 breaks the contract at body /,
    )
  })

  it('give way to an explicit Prefer: code=', async () => {
    const answer = await request(`/orders/${ORDER}`, { headers: { ...authed, Prefer: 'code=404' } })
    expect(answer.body).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'No such resource.',
    })
  })
})

describe('the shop scenarios', () => {
  const { request } = mockOf(shop, { mocks: shopMocks })
  const scenario = (name: string, init: RequestInit = {}): RequestInit => ({
    ...init,
    headers: { ...authed, ...init.headers, Prefer: `scenario=${name}` },
  })

  it('balance carts without a scenario: line totals, subtotal and item count add up', async () => {
    const { body } = await request(`/carts/${CART}`)
    const lines = body.items.map(
      (item: { unitPrice: number; quantity: number }) =>
        Math.round(item.unitPrice * item.quantity * 100) / 100,
    )
    expect(body.items.map((item: { lineTotal: number }) => item.lineTotal)).toEqual(lines)
    expect(body.itemCount).toBe(
      body.items.reduce((sum: number, item: { quantity: number }) => sum + item.quantity, 0),
    )
  })

  it('empty-cart: the cart is empty and checkout answers 409', async () => {
    const cart = await request(`/carts/${CART}`, scenario('empty-cart'))
    const order = await request(
      '/orders',
      scenario(
        'empty-cart',
        json('POST', {
          cartId: CART,
          shippingAddress: {
            name: 'Ada',
            line1: '1 Way',
            city: 'London',
            postalCode: 'N1 9GU',
            countryCode: 'GB',
          },
        }),
      ),
    )
    expect(cart.body).toMatchObject({ id: CART, items: [], subtotal: 0, itemCount: 0 })
    expect(order.body).toEqual({
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      detail: 'The cart is empty. Add a product before checking out.',
    })
  })

  it('payment-declined: paying answers 402 and a payment shows it was declined', async () => {
    const payment = {
      amount: 89.9,
      currency: 'EUR',
      method: { type: 'paypal', email: 'ada@example.com' },
    }
    const paid = await request(
      `/orders/${ORDER}/payments`,
      scenario('payment-declined', json('POST', payment)),
    )
    const looked = await request(
      '/payments/5b3e1f0a-8c1d-4b6e-9f2a-3c4d5e6f7a8b',
      scenario('payment-declined'),
    )
    expect(paid.body).toEqual({
      type: 'about:blank',
      title: 'Payment Required',
      status: 402,
      detail: 'The card was declined by the issuer: insufficient funds.',
    })
    expect(looked.body).toMatchObject({ status: 'declined', declineReason: 'insufficient_funds' })
  })

  it('out-of-stock: products have no stock and adding one to a cart answers 409', async () => {
    const list = await request('/products?pageSize=4', scenario('out-of-stock'))
    const one = await request(`/products/${PRODUCT}`, scenario('out-of-stock'))
    const added = await request(
      `/carts/${CART}/items`,
      scenario('out-of-stock', json('POST', { productId: PRODUCT })),
    )
    expect(list.body.items.map((product: { stock: number }) => product.stock)).toEqual([0, 0, 0, 0])
    expect(one.body.stock).toBe(0)
    expect(added.body.detail).toBe(`Product ${PRODUCT} is out of stock.`)
  })

  it('new-customer and no-results: empty lists that still describe their page', async () => {
    const orders = await request('/orders?page=2', scenario('new-customer'))
    const search = await request('/products?q=unicorn', scenario('no-results'))
    expect(orders.body).toEqual({ items: [], total: 0, page: 2, pageSize: 20 })
    expect(search.body).toEqual({ items: [], total: 0, page: 1, pageSize: 20 })
  })

  it('logged-out: operations that need a login answer 401, public ones still answer', async () => {
    expect((await request('/me', scenario('logged-out'))).body.detail).toBe(
      'The session has expired. Log in again.',
    )
    expect((await request('/categories', scenario('logged-out'))).status).toBe(200)
  })

  it('a scenario can be the default of an app, and an unknown one is a 400 listing them', async () => {
    const empty = mockOf(shop, { mocks: shopMocks, scenario: 'empty-cart' })
    expect((await empty.request(`/carts/${CART}`)).body.items).toEqual([])
    const unknown = await request(`/carts/${CART}`, scenario('nope'))
    expect(unknown.body.detail).toBe(
      'Unknown scenario "nope". Known scenarios: empty-cart, payment-declined, flaky-payments, out-of-stock, new-customer, no-results, logged-out.',
    )
  })

  it('a login answers for the email it was given', async () => {
    const answer = await request(
      '/auth/login',
      json('POST', { email: 'grace@example.com', password: 'hopper-1906' }),
    )
    expect(answer.body.customer.email).toBe('grace@example.com')
  })
})

describe('load-time checks', () => {
  it('rejects an x-faker hint that names no faker method when the app is created', () => {
    const contract = defineContract({
      info: { title: 'Hints', version: '1' },
      routes: {
        getName: createRoute({
          method: 'get',
          path: '/name',
          responses: {
            200: {
              description: 'ok',
              content: {
                'application/json': {
                  schema: z.object({ name: z.string().openapi({ 'x-faker': 'person.nope' }) }),
                },
              },
            },
          },
        }),
      },
    })
    expect(standinErrorOf(() => createMockApp(contract)).code).toBe('FAKER_HINT_INVALID')
  })
})

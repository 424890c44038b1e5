import { describe, expect, it } from 'vitest'
import { createMockApp, fixture } from 'standin'
import shop from '../../contracts/index.ts'
import mocks from '../../mocks/index.ts'

const PRODUCT = '0d9a2c4e-6f1b-4a3c-8e5d-7b9f1a2c3d4e'
const ORDER = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a'
const TOKEN = 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl'

/** What `standin serve --seed N` sends for a request, in process. */
async function served(path: string, init: RequestInit = {}, options = {}): Promise<unknown> {
  const app = createMockApp(shop, { seed: 7, basePath: '/', ...options })
  const answer = await app.request(path, init)
  expect(answer.status).toBeLessThan(300)
  return answer.json()
}

describe('fixture: the body the mock sends, as a typed value, without a server', () => {
  it('is what the mock answers a request for one product', async () => {
    const product = await fixture(shop, 'getProduct', { seed: 7, params: { productId: PRODUCT } })
    expect(product).toEqual(await served(`/products/${PRODUCT}`))
    // Typed from the contract: a product has a name and a price.
    const { name, price }: { name: string; price: number } = product
    expect([typeof name, typeof price]).toEqual(['string', 'number'])
  })

  it('is what the mock answers a query (defaults applied as the mock applies them)', async () => {
    const page = await fixture(shop, 'listProducts', { seed: 7, query: { pageSize: 3, q: 'desk' } })
    expect(page).toEqual(await served('/products?pageSize=3&q=desk'))
    expect(page.items).toHaveLength(3)
  })

  it('passes an operation’s security with stand-in credentials', async () => {
    const order = await fixture(shop, 'getOrder', { seed: 7, params: { orderId: ORDER } })
    expect(order).toEqual(await served(`/orders/${ORDER}`, { headers: { authorization: TOKEN } }))
  })

  it('answers as the mocks do when given them', async () => {
    const customer = await fixture(shop, 'getCurrentCustomer', { seed: 7, mocks })
    expect(customer).toEqual(await served('/me', { headers: { authorization: TOKEN } }, { mocks }))
  })

  it('pins fields with overrides and keeps the rest as generated', async () => {
    const plain = await fixture(shop, 'getOrder', { seed: 7, params: { orderId: ORDER } })
    const shipped = await fixture(shop, 'getOrder', {
      seed: 7,
      params: { orderId: ORDER },
      overrides: { status: 'shipped' },
    })
    expect(shipped).toEqual({ ...plain, status: 'shipped' })
  })

  it('generates the path parameters left out, the same for the same seed', async () => {
    const first = await fixture(shop, 'getProduct', { seed: 9 })
    expect(await fixture(shop, 'getProduct', { seed: 9 })).toEqual(first)
    expect(first.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    expect(await fixture(shop, 'getProduct', { seed: 9, params: { productId: first.id } })).toEqual(
      first,
    )
  })

  it('generates a required request body, so a create has its echo', async () => {
    const cart = await fixture(shop, 'createCart', { seed: 7 })
    expect(Object.keys(cart).sort()).toEqual(
      Object.keys(
        (await served('/carts', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        })) as object,
      ).sort(),
    )
  })

  it('refuses overrides that break the contract, naming why', async () => {
    await expect(
      fixture(shop, 'getOrder', {
        params: { orderId: ORDER },
        // @ts-expect-error: an order's status is one of the contract's values
        overrides: { status: 'teleported' },
      }),
    ).rejects.toThrow(/^fixture\(getOrder\): the mock answered 500: getOrder: the mock handler/)
  })

  it('refuses an operation the contract does not have', async () => {
    // @ts-expect-error: no such operation
    await expect(fixture(shop, 'getUnicorn')).rejects.toThrow(
      'fixture names "getUnicorn", which is no operation of the contract.',
    )
  })
})

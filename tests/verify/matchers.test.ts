import { describe, expect, it } from 'vitest'
import { matchers } from 'standin/matchers'
import shop from '../../contracts/index.ts'
import { createShopBackend, GRINDER_ID } from '../../examples/shop-backend/index.ts'

expect.extend(matchers)

describe('expect(response).toMatchContract(contract, operationId)', () => {
  it('passes for a fetch Response that keeps the contract', async () => {
    const response = await createShopBackend().request(`/products/${GRINDER_ID}`)
    await expect(response).toMatchContract(shop, 'getProduct')
    expect((await response.json()) as { id: string }).toMatchObject({ id: GRINDER_ID })
  })

  it('fails with a list of what is wrong and the received body', async () => {
    const response = await createShopBackend({ bugs: ['wrong-field-type'] }).request(
      `/products/${GRINDER_ID}`,
    )
    const failure = await expect(response)
      .toMatchContract(shop, 'getProduct')
      .then(
        () => undefined,
        (error: Error) => error.message,
      )
    expect(failure).toMatchInlineSnapshot(`
      "expected the 200 response to match getProduct (GET /products/{productId}):
        ✗ schema_mismatch at price: Invalid input: expected number, received string (got "89.90").

      Received body:
      {
        "id": "0d9a2c4e-6f1b-4a3c-8e5d-7b9f1a2c3d4e",
        "sku": "KIT-004211",
        "name": "Burr Coffee Grinder",
        "description": "Conical steel burrs, 40 grind settings.",
        "price": "89.90",   ← schema_mismatch: Invalid input: expected number, received string (got "89.90").
        "currency": "EUR",
        "categoryId": "6c1e4a2b-3d5f-4e7a-9b8c-1d2e3f4a5b6c",
        "images": [
          "https://images.example.com/grinder.jpg"
        ],
        "stock": 1000,
        "tags": [
          "coffee",
          "kitchen"
        ],
        "attributes": {
          "color": "black",
          "material": "steel"
        },
        "rating": null,
        "reviewCount": 0,
        "createdAt": "2026-03-01T09:30:00Z",
        "updatedAt": "2026-03-01T09:30:00Z"
      }"
    `)
  })

  it('accepts { status, headers, body } as test clients give it', async () => {
    expect({
      status: 404,
      headers: { 'Content-Type': 'application/problem+json' },
      body: { title: 'Not found', status: 404 },
    }).toMatchContract(shop, 'getProduct')
    expect({ status: 204 }).toMatchContract(shop, 'deleteProduct')
  })

  it('takes the documented content type when a plain response has no headers', () => {
    expect({ status: 200, body: [] }).not.toMatchContract(shop, 'listCategories')
    expect({ status: 401, body: { title: 'Unauthorized', status: 401 } }).toMatchContract(
      shop,
      'getCurrentCustomer',
    )
  })

  it('works negated, for responses that must break the contract', () => {
    expect({ status: 418, headers: {}, body: '' }).not.toMatchContract(shop, 'getProduct')
  })

  it('fails on undeclared fields only with { strict: true }', () => {
    const body = { title: 'Not found', status: 404, debugId: 'x' }
    expect({ status: 404, body }).toMatchContract(shop, 'getProduct')
    expect({ status: 404, body }).not.toMatchContract(shop, 'getProduct', { strict: true })
  })

  it('returns { pass, message } to jest-style callers', () => {
    const result = matchers.toMatchContract.call(
      { isNot: false },
      { status: 201, body: {} },
      shop,
      'getProduct',
    )
    expect(
      result instanceof Promise
        ? 'promise'
        : { pass: result.pass, message: result.message().split('\n')[1] },
    ).toEqual({
      pass: false,
      message:
        '  ✗ status_undocumented: Status 201 is not documented for getProduct; it documents 200, 400, 404.',
    })
  })

  it('names the known operations when the operationId is unknown', () => {
    expect(() => expect({ status: 200 }).toMatchContract(shop, 'getPrdouct')).toThrow(
      /^Unknown operation "getPrdouct"\. The contract has: login, /,
    )
  })
})

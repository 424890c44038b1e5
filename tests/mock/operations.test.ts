import { describe, expect, it } from 'vitest'
import { createRoute, defineContract, fake, type Operation, z } from 'standin'
import { authed, mockOf, shop } from './support.ts'

const { request } = mockOf()

/**
 * A valid request for an operation: path parameters and body made by faker from the contract's own
 * schemas.
 */
function validRequest(operation: Operation, seed: number): { path: string; init: RequestInit } {
  const request = operation.route.request ?? {}
  const params = (request.params ? fake(request.params, { seed }) : {}) as Record<string, unknown>
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(String(params[name])),
  )
  const bodySchema = (
    request.body?.content as Record<string, { schema: Parameters<typeof fake>[0] }> | undefined
  )?.['application/json']?.schema
  const init: RequestInit = { method: operation.method.toUpperCase(), headers: authed }
  if (bodySchema) init.body = JSON.stringify(fake(bodySchema, { seed }))
  return { path, init }
}

function successStatus(operation: Operation): number {
  return Number(Object.keys(operation.route.responses).find((status) => status.startsWith('2')))
}

describe('every operation of the shop', () => {
  it.each(shop.operations.map((operation) => [operation.operationId, operation] as const))(
    '%s answers its documented success status with a body that fits the contract',
    async (_id, operation) => {
      const { path, init } = validRequest(operation, 11)
      const answer = await request(path, init)
      expect(answer.status).toBe(successStatus(operation))
      const documented = operation.route.responses[String(answer.status)] as {
        content?: object
        headers?: unknown
      }
      expect(answer.headers.get('content-type')).toBe(
        documented.content ? 'application/json' : null,
      )
      if (!documented.content) expect(answer.text).toBe('')
      if (documented.headers)
        expect(answer.headers.get('location')).toMatch(/^\/[a-z]+\/[0-9a-f-]{36}$/)
    },
  )
})

describe('generated data', () => {
  it('is byte-identical for the same request and seed, and differs for another seed', async () => {
    const first = await request('/products?pageSize=5')
    const again = await request('/products?pageSize=5')
    const seeded = await mockOf(shop, { seed: 2 }).request('/products?pageSize=5')
    expect(again.text).toBe(first.text)
    expect(seeded.text).not.toBe(first.text)
  })

  it('does not depend on the order of query parameters', async () => {
    const one = await request('/products?pageSize=3&sort=price')
    const other = await request('/products?sort=price&pageSize=3')
    expect(other.text).toBe(one.text)
  })

  it('answers a single resource with the id from its path, the same object a list shows', async () => {
    const list = await request('/products?pageSize=3')
    const second = list.body.items[1]
    const single = await request(`/products/${second.id}`)
    expect(single.body).toEqual(second)
  })

  it('pins the id of PUT, PATCH and DELETE answers to the path', async () => {
    const id = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a'
    const patched = await request(`/orders/${id}`, {
      method: 'PATCH',
      headers: authed,
      body: JSON.stringify({ status: 'shipped' }),
    })
    const cancelled = await request(`/orders/${id}`, { method: 'DELETE', headers: authed })
    expect([patched.body.id, cancelled.body.id]).toEqual([id, id])
  })

  it('echoes the fields a POST sent when the response has them', async () => {
    const body = {
      email: 'grace@example.com',
      password: 'hopper-1906',
      firstName: 'Grace',
      lastName: 'Hopper',
    }
    const answer = await request('/customers', {
      method: 'POST',
      headers: authed,
      body: JSON.stringify(body),
    })
    expect(answer.status).toBe(201)
    expect(answer.body).toMatchObject({
      email: 'grace@example.com',
      firstName: 'Grace',
      lastName: 'Hopper',
    })
    expect(answer.body).not.toHaveProperty('password')
    expect(answer.headers.get('location')).toBe(`/customers/${answer.body.id}`)
  })
})

describe('pagination', () => {
  it('bounds the items by pageSize and reports the window it returned', async () => {
    const answer = await request('/products?pageSize=7&page=1')
    expect(answer.body.items).toHaveLength(7)
    expect(answer.body).toMatchObject({ page: 1, pageSize: 7 })
    expect(answer.body.total).toBeGreaterThanOrEqual(7)
  })

  it('keeps the total of a query the same on every page and ends the list where the total says', async () => {
    const first = await request('/orders?pageSize=10', { headers: authed })
    const { total } = first.body
    const lastPage = Math.ceil(total / 10)
    const last = await request(`/orders?pageSize=10&page=${lastPage}`, { headers: authed })
    const beyond = await request(`/orders?pageSize=10&page=${lastPage + 1}`, { headers: authed })
    expect(last.body.total).toBe(total)
    expect(last.body.items).toHaveLength(total - (lastPage - 1) * 10)
    expect(beyond.body).toMatchObject({ items: [], total, page: lastPage + 1 })
  })

  it('shows the same item at the same position whatever the page size', async () => {
    const small = await request(
      '/products/0d9a2c4e-6f1b-4a3c-8e5d-7b9f1a2c3d4e/reviews?pageSize=2&page=2',
    )
    const large = await request(
      '/products/0d9a2c4e-6f1b-4a3c-8e5d-7b9f1a2c3d4e/reviews?pageSize=4&page=1',
    )
    expect(small.body.items).toEqual(large.body.items.slice(2, 4))
  })

  it('keeps a page of a uniqueItems list free of repeats, where plain lists may repeat a record', async () => {
    // Six possible ids: records seeded from the same id are the same record.
    const Tag = z.object({ id: z.enum(['t1', 't2', 't3', 't4', 't5', 't6']), label: z.string() })
    const pageOf = (items: z.ZodType) =>
      z.object({ items, page: z.int(), pageSize: z.int(), total: z.int() })
    const query = z.object({
      q: z.string().optional(),
      page: z.coerce.number().int().optional(),
      pageSize: z.coerce.number().int().optional(),
    })
    const route = (path: string, items: z.ZodType, operationId: string) =>
      createRoute({
        method: 'get',
        path,
        operationId,
        request: { query },
        responses: {
          200: {
            description: 'A page of tags.',
            content: { 'application/json': { schema: pageOf(items) } },
          },
        },
      })
    const contract = defineContract({
      info: { title: 'Tags', version: '1.0.0' },
      routes: {
        listTags: route('/tags', z.array(Tag), 'listTags'),
        listUniqueTags: route(
          '/unique-tags',
          z.array(Tag).openapi({ uniqueItems: true }),
          'listUniqueTags',
        ),
      },
    })
    const tags = mockOf(contract).request
    const repeats = async (path: string) => {
      const counts: number[] = []
      for (let q = 0; q < 20; q++) {
        const items = (await tags(`${path}?q=${q}&pageSize=5`)).body.items as unknown[]
        counts.push(items.length - new Set(items.map((item) => JSON.stringify(item))).size)
      }
      return counts.reduce((sum, count) => sum + count, 0)
    }
    expect(await repeats('/tags')).toBeGreaterThan(0)
    expect(await repeats('/unique-tags')).toBe(0)
  })

  it('uses the default page size of the query schema', async () => {
    const answer = await request('/products')
    expect(answer.body.pageSize).toBe(20)
    expect(answer.body.items.length).toBe(Math.min(20, answer.body.total))
  })
})

describe('response headers', () => {
  it('generates every documented header, as text, even for number and boolean schemas', async () => {
    const contract = defineContract({
      info: { title: 'Limits', version: '1' },
      routes: {
        getQuota: createRoute({
          method: 'get',
          path: '/quota',
          responses: {
            200: {
              description: 'ok',
              headers: z.object({
                'X-Rate-Limit': z.int().min(1).max(100),
                'X-Cached': z.boolean(),
                'X-Trace': z.uuid().optional(),
              }),
              content: { 'application/json': { schema: z.object({ left: z.int() }) } },
            },
          },
        }),
      },
    })
    const answer = await mockOf(contract).request('/quota')
    expect(answer.status).toBe(200)
    expect(answer.headers.get('x-rate-limit')).toMatch(/^\d{1,3}$/)
    expect(answer.headers.get('x-cached')).toMatch(/^(true|false)$/)
  })
})

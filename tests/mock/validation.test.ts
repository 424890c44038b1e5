import { describe, expect, it } from 'vitest'
import { createRoute, defineContract, z } from 'standin'
import { type Answer, authed, json, mockOf } from './support.ts'

const { request } = mockOf()
const PRODUCT = '0d9a2c4e-6f1b-4a3c-8e5d-7b9f1a2c3d4e'
const CART = '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b'

describe('request validation', () => {
  it('answers a body that breaks the schema with the documented 422, one error per issue', async () => {
    const answer = await request(
      `/carts/${CART}/items`,
      json('POST', { productId: 'nope', quantity: 0 }),
    )
    expect(answer.status).toBe(422)
    expect(answer.headers.get('content-type')).toBe('application/problem+json')
    expect(answer.body).toEqual({
      type: 'https://standin.dev/problems/validation',
      title: 'Unprocessable Content',
      status: 422,
      detail: 'The request breaks the contract of addCartItem in 2 places.',
      errors: [
        { location: 'body', path: 'productId', message: 'Invalid UUID' },
        { location: 'body', path: 'quantity', message: 'Too small: expected number to be >=1' },
      ],
    })
  })

  it('names nested fields the way a frontend would write them', async () => {
    const order = {
      cartId: CART,
      shippingAddress: { name: 'Ada', line1: 'x', city: 'y', postalCode: '12', countryCode: 'de' },
    }
    const answer = await request('/orders', json('POST', order))
    expect(answer.status).toBe(422)
    expect(answer.body.errors.map((error: { path: string }) => error.path)).toEqual([
      'shippingAddress.postalCode',
      'shippingAddress.countryCode',
    ])
  })

  it('answers a bad path parameter and a bad query parameter with 400 naming both', async () => {
    const answer = await request('/products/42/reviews?pageSize=1000&minRating=x')
    expect(answer.status).toBe(400)
    expect(answer.body.errors).toEqual([
      { location: 'path', path: 'productId', message: 'Invalid UUID' },
      {
        location: 'query',
        path: 'minRating',
        message: 'Invalid input: expected number, received NaN',
      },
      { location: 'query', path: 'pageSize', message: 'Too big: expected number to be <=100' },
    ])
  })

  it('answers malformed JSON with a 400 problem', async () => {
    const answer = await request('/auth/login', json('POST', '{"email": "ada@example.com",'))
    expect(answer.status).toBe(400)
    expect(answer.body).toMatchObject({
      type: 'https://standin.dev/problems/invalid-json',
      title: 'Bad Request',
      status: 400,
    })
    expect(answer.body.detail).toMatch(/^The body is not valid JSON: .+\.$/)
  })

  it('answers a body that is not UTF-8 with a 400 problem', async () => {
    const answer = await request('/auth/login', {
      method: 'POST',
      headers: authed,
      body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
    })
    expect(answer.body).toMatchObject({ status: 400, detail: 'The body is not valid UTF-8.' })
  })

  it('answers JSON nested deeper than 256 levels with a 400 problem', async () => {
    const answer = await request(
      '/auth/login',
      json('POST', `${'['.repeat(300)}${']'.repeat(300)}`),
    )
    expect(answer.body).toMatchObject({
      status: 400,
      detail: 'The JSON body nests deeper than 256 levels.',
    })
  })

  it('answers a missing required body with 400', async () => {
    const answer = await request('/auth/login', { method: 'POST', headers: authed })
    expect(answer.status).toBe(400)
    expect(answer.body.errors).toEqual([
      { location: 'body', path: '', message: 'A request body is required.' },
    ])
  })

  it('answers a wrong content type with 400 listing what the operation takes', async () => {
    const answer = await request('/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: 'hi',
    })
    expect(answer.body).toEqual({
      type: 'https://standin.dev/problems/unsupported-media-type',
      title: 'Bad Request',
      status: 400,
      detail: 'login takes application/json; the request has Content-Type "text/plain".',
      errors: [
        { location: 'header', path: 'Content-Type', message: 'must be one of application/json' },
      ],
    })
  })

  it('answers a body over the cap with 413, and the cap is configurable', async () => {
    const small = mockOf(undefined, { maxBodyBytes: 64 })
    const answer = await small.request(
      '/auth/login',
      json('POST', { email: 'ada@example.com', password: 'x'.repeat(100) }),
    )
    expect(answer.body).toEqual({
      type: 'https://standin.dev/problems/payload-too-large',
      title: 'Content Too Large',
      status: 413,
      detail: 'The request body is larger than the mock accepts (64 bytes).',
    })
  })

  it('refuses a body of more than 1 MiB by default, even without a Content-Length', async () => {
    const chunk = new TextEncoder().encode(' '.repeat(64 * 1024))
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 20) controller.enqueue(chunk)
        else controller.close()
      },
    })
    const answer = await request('/auth/login', {
      method: 'POST',
      headers: authed,
      body,
      duplex: 'half',
    } as RequestInit)
    expect(answer.status).toBe(413)
  })

  it('ignores __proto__ and constructor keys: they neither pollute nor reach the answer', async () => {
    const body =
      '{"email":"ada@example.com","password":"correct horse","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'
    const answer = await request('/auth/login', json('POST', body))
    expect(answer.status).toBe(200)
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined()
    expect(answer.text).not.toContain('polluted')
  })
})

describe('routing', () => {
  it('answers an unknown path with a 404 problem', async () => {
    const answer = await request('/nope')
    expect(answer.body).toEqual({
      type: 'https://standin.dev/problems/not-found',
      title: 'Not Found',
      status: 404,
      detail: 'No operation of this API matches GET /nope.',
    })
  })

  it('answers a known path with a wrong method with 405 and an Allow header', async () => {
    const answer = await request('/carts', { method: 'GET' })
    expect(answer.status).toBe(405)
    expect(answer.headers.get('allow')).toBe('POST, OPTIONS')
    expect(answer.body.detail).toBe('/carts does not take GET; it takes POST, OPTIONS.')
  })

  it('answers OPTIONS on a known path with 204 and the methods it takes', async () => {
    const answer = await request(`/products/${PRODUCT}`, { method: 'OPTIONS' })
    expect(answer.status).toBe(204)
    expect(answer.headers.get('allow')).toBe('GET, HEAD, PUT, DELETE, OPTIONS')
  })

  it('answers HEAD like GET without a body', async () => {
    const head = await request(`/products/${PRODUCT}`, { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('content-type')).toBe('application/json')
    expect(head.text).toBe('')
  })
})

describe('parameters in headers, cookies and repeated query keys', () => {
  const contract = defineContract({
    info: { title: 'Parts', version: '1' },
    routes: {
      search: createRoute({
        method: 'post',
        path: '/search',
        request: {
          query: z.object({
            tag: z.array(z.string().min(2)).max(3),
            limit: z.coerce.number().int().max(5).default(2),
          }),
          headers: z.object({ 'X-Request-Id': z.uuid() }),
          cookies: z.object({ session: z.string().regex(/^s-\d+$/) }),
          body: {
            required: false,
            content: {
              'application/x-www-form-urlencoded': {
                schema: z.object({ term: z.string().min(1) }),
              },
            },
          },
        },
        responses: {
          200: {
            description: 'ok',
            content: { 'application/json': { schema: z.object({ tags: z.array(z.string()) }) } },
          },
        },
      }),
    },
  })
  const { request } = mockOf(contract)
  const good = {
    'X-Request-Id': '5b3e1f0a-8c1d-4b6e-9f2a-3c4d5e6f7a8b',
    Cookie: 'session=s-42',
    'Content-Type': 'application/x-www-form-urlencoded',
  }

  it('validates declared headers (case-insensitively), cookies, array query keys and form bodies', async () => {
    const lowerCase = {
      'x-request-id': good['X-Request-Id'],
      cookie: good.Cookie,
      'content-type': good['Content-Type'],
    }
    expect(
      (
        await request('/search?tag=ab&tag=cd', {
          method: 'POST',
          headers: lowerCase,
          body: 'term=tea',
        })
      ).status,
    ).toBe(200)
    const answer = await request('/search?tag=bb&tag=a&limit=9', {
      method: 'POST',
      headers: { ...good, 'X-Request-Id': 'nope', Cookie: 'session=x' },
      body: 'term=',
    })
    expect(answer.status).toBe(400)
    expect(answer.body.errors).toEqual([
      {
        location: 'query',
        path: 'tag[1]',
        message: 'Too small: expected string to have >=2 characters',
      },
      { location: 'query', path: 'limit', message: 'Too big: expected number to be <=5' },
      { location: 'header', path: 'X-Request-Id', message: 'Invalid UUID' },
      {
        location: 'cookie',
        path: 'session',
        message: 'Invalid string: must match pattern /^s-\\d+$/',
      },
      {
        location: 'body',
        path: 'term',
        message: 'Too small: expected string to have >=1 characters',
      },
    ])
  })

  it('takes an optional body that is left out', async () => {
    expect((await request('/search?tag=ab', { method: 'POST', headers: good })).status).toBe(200)
  })
})

describe('cursor pagination', () => {
  const Item = z.object({ id: z.uuid(), name: z.string() })
  const contract = defineContract({
    info: { title: 'Feed', version: '1' },
    routes: {
      feed: createRoute({
        method: 'get',
        path: '/feed',
        request: {
          query: z.object({
            cursor: z.string().optional(),
            limit: z.coerce.number().int().min(1).max(50).default(10),
          }),
        },
        responses: {
          200: {
            description: 'ok',
            content: {
              'application/json': {
                schema: z.object({
                  data: z.array(Item).max(50),
                  nextCursor: z.string().nullable(),
                }),
              },
            },
          },
        },
      }),
    },
  })
  const { request } = mockOf(contract)

  it('follows nextCursor through the whole list without repeats, and ends with null', async () => {
    const seen: string[] = []
    let cursor: string | null = null
    for (let page = 0; page < 20 && (page === 0 || cursor !== null); page++) {
      const answer: Answer = await request(
        `/feed?limit=25${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      )
      seen.push(...answer.body.data.map((item: { id: string }) => item.id))
      cursor = answer.body.nextCursor
      expect(answer.body.data.length).toBeLessThanOrEqual(25)
    }
    expect(cursor).toBeNull()
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.length).toBeGreaterThanOrEqual(5)
  })
})

describe('a body that breaks off', () => {
  it('answers 400 when the body stream fails before its end', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"email":'))
        controller.error(new Error('connection reset'))
      },
    })
    const answer = await mockOf().request('/auth/login', {
      method: 'POST',
      headers: authed,
      body,
      duplex: 'half',
    } as RequestInit)
    expect(answer.body).toEqual({
      type: 'https://standin.dev/problems/validation',
      title: 'Bad Request',
      status: 400,
      detail: 'The request body could not be read to its end.',
    })
  })
})

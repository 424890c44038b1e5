import { describe, expect, it } from 'vitest'
import { parsePrefer } from 'standin'
import { authed, json, mockOf } from './support.ts'

const { request } = mockOf()
const PRODUCT = '0d9a2c4e-6f1b-4a3c-8e5d-7b9f1a2c3d4e'
const ORDER = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a'

describe('parsePrefer', () => {
  it('reads Prism preferences and the standin ones, ignoring unknown ones and parameters', () => {
    expect(
      parsePrefer(
        'code=404, example="coffee grinder", dynamic=false; x=1, respond-async, delay=20, seed=7, scenario=empty-cart',
        5000,
      ),
    ).toEqual({
      ok: true,
      value: {
        code: 404,
        example: 'coffee grinder',
        dynamic: false,
        delay: 20,
        seed: 7,
        scenario: 'empty-cart',
      },
      applied: [
        'code=404',
        'example=coffee grinder',
        'dynamic=false',
        'delay=20',
        'seed=7',
        'scenario=empty-cart',
      ],
    })
  })

  it('takes the first of a repeated preference and caps the delay', () => {
    expect(parsePrefer('code=201, code=404, delay=999999', 3000)).toEqual({
      ok: true,
      value: { code: 201, delay: 3000 },
      applied: ['code=201', 'delay=3000'],
    })
  })

  it('reports every value it cannot use', () => {
    expect(parsePrefer('code=abc, dynamic=maybe, delay=-1, seed=1.5', 5000)).toEqual({
      ok: false,
      issues: [
        {
          location: 'header',
          path: 'Prefer',
          message: 'code must be an HTTP status from 200 to 599, got "abc"',
        },
        {
          location: 'header',
          path: 'Prefer',
          message: 'dynamic must be true or false, got "maybe"',
        },
        {
          location: 'header',
          path: 'Prefer',
          message: 'delay must be a whole number of milliseconds, got "-1"',
        },
        { location: 'header', path: 'Prefer', message: 'seed must be an integer, got "1.5"' },
      ],
    })
  })
})

describe('Prefer on requests', () => {
  it('code= answers a documented error status with problem details from the contract', async () => {
    const answer = await request(`/products/${PRODUCT}`, { headers: { Prefer: 'code=404' } })
    expect(answer.status).toBe(404)
    expect(answer.headers.get('preference-applied')).toBe('code=404')
    expect(answer.body).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'No such resource.',
    })
  })

  it('code= with a status the operation does not document is a 400 listing the documented ones', async () => {
    const answer = await request(`/products/${PRODUCT}`, { headers: { Prefer: 'code=418' } })
    expect(answer.body).toEqual({
      type: 'https://standin.dev/problems/invalid-prefer',
      title: 'Bad Request',
      status: 400,
      detail: 'getProduct does not document status 418. Documented: 200, 400, 404.',
      errors: [
        {
          location: 'header',
          path: 'Prefer',
          message: 'getProduct does not document status 418. Documented: 200, 400, 404.',
        },
      ],
    })
  })

  it('example= answers with that named example', async () => {
    const answer = await request(`/products/${PRODUCT}`, {
      headers: { Prefer: 'example=coffee-grinder' },
    })
    expect(answer.body).toMatchObject({ name: 'Burr Coffee Grinder', price: 89.9, rating: 4.6 })
  })

  it('example= with an unknown name is a 400 naming the examples there are', async () => {
    const answer = await request(`/products/${PRODUCT}`, { headers: { Prefer: 'example=kettle' } })
    expect(answer.body.detail).toBe(
      'getProduct has no example "kettle" for status 200: it has "coffee-grinder".',
    )
  })

  it('dynamic=false serves the example; dynamic=true (the default) serves faker data seeded by the request', async () => {
    const stat = await request(`/products/${PRODUCT}`, { headers: { Prefer: 'dynamic=false' } })
    const dynamic = await request(`/products/${PRODUCT}`, { headers: { Prefer: 'dynamic=true' } })
    const plain = await request(`/products/${PRODUCT}`)
    expect(stat.body.name).toBe('Burr Coffee Grinder')
    expect(dynamic.text).toBe(plain.text)
    expect(dynamic.body.name).not.toBe('Burr Coffee Grinder')
  })

  it('an app made static serves examples unless a request asks for dynamic=true', async () => {
    const stat = mockOf(undefined, { dynamic: false })
    expect((await stat.request(`/products/${PRODUCT}`)).body.name).toBe('Burr Coffee Grinder')
    expect(
      (await stat.request(`/products/${PRODUCT}`, { headers: { Prefer: 'dynamic=true' } })).body
        .name,
    ).not.toBe('Burr Coffee Grinder')
  })

  it('static answers without a named example take the field examples of the schema', async () => {
    const login = json('POST', { email: 'ada@example.com', password: 'correct horse' })
    const stat = await mockOf(undefined, { dynamic: false }).request('/auth/login', login)
    const dynamic = await request('/auth/login', login)
    expect(stat.body.expiresIn).toBe(3600)
    expect(dynamic.body.expiresIn).not.toBe(3600)
  })

  it('seed= replaces the global seed for one request', async () => {
    const seeded = await request('/categories', { headers: { Prefer: 'seed=99' } })
    const other = mockOf(undefined, { seed: 99 })
    expect(seeded.text).toBe((await other.request('/categories')).text)
    expect(seeded.text).not.toBe((await request('/categories')).text)
  })

  it('delay= is honoured up to the cap and reported', async () => {
    const quick = mockOf(undefined, { maxDelayMs: 1 })
    const answer = await quick.request('/categories', { headers: { Prefer: 'delay=60000' } })
    expect(answer.headers.get('preference-applied')).toBe('delay=1')
  })

  it('a Prefer value the mock cannot use is a 400 problem', async () => {
    const answer = await request(`/orders/${ORDER}`, { headers: { ...authed, Prefer: 'code=abc' } })
    expect(answer.body).toMatchObject({
      status: 400,
      detail: 'The Prefer header has values the mock cannot use.',
    })
  })

  it('checks credentials and the request before honouring code=', async () => {
    expect((await request(`/orders/${ORDER}`, { headers: { Prefer: 'code=404' } })).status).toBe(
      401,
    )
    expect(
      (
        await request('/auth/login', {
          ...json('POST', {}),
          headers: { ...authed, Prefer: 'code=200' },
        })
      ).status,
    ).toBe(422)
  })
})

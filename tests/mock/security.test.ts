import { describe, expect, it } from 'vitest'
import { createRoute, defineContract, z } from 'standin'
import { mockOf } from './support.ts'

const ok = {
  200: {
    description: 'ok',
    content: { 'application/json': { schema: z.object({ ok: z.literal(true) }) } },
  },
}
const route = (path: string, security: Array<Record<string, string[]>>) =>
  createRoute({ method: 'get', path, security, responses: ok })

const contract = defineContract({
  info: { title: 'Vault', version: '1' },
  securitySchemes: {
    bearer: { type: 'http', scheme: 'bearer' },
    basic: { type: 'http', scheme: 'basic' },
    key: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
    queryKey: { type: 'apiKey', in: 'query', name: 'api_key' },
    session: { type: 'apiKey', in: 'cookie', name: 'sid' },
  },
  routes: {
    open: createRoute({ method: 'get', path: '/open', responses: ok }),
    bearerOnly: route('/bearer', [{ bearer: [] }]),
    basicOnly: route('/basic', [{ basic: [] }]),
    keyOrSession: route('/either', [{ key: [] }, { session: [] }]),
    keyAndQuery: route('/both', [{ key: [], queryKey: [] }]),
    optional: route('/optional', [{ bearer: [] }, {}]),
  },
})

const { request } = mockOf(contract)

describe('security', () => {
  it('answers 401 with a problem and a WWW-Authenticate challenge when the bearer token is missing', async () => {
    const answer = await request('/bearer')
    expect(answer.status).toBe(401)
    expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="standin"')
    expect(answer.body).toEqual({
      type: 'https://standin.dev/problems/unauthorized',
      title: 'Unauthorized',
      status: 401,
      detail: 'bearerOnly needs credentials: "Authorization: Bearer <token>" (bearer).',
      errors: [
        {
          location: 'header',
          path: 'Authorization',
          message: 'is missing; expected "Authorization: Bearer <token>"',
        },
      ],
    })
  })

  it.each([
    ['Basic dXNlcjpwYXNz', 'uses the "Basic" scheme'],
    ['Bearer', 'has a malformed bearer token'],
    ['Bearer two words', 'has a malformed bearer token'],
  ])('answers 401 to the malformed Authorization %j', async (authorization, message) => {
    const answer = await request('/bearer', { headers: { Authorization: authorization } })
    expect(answer.status).toBe(401)
    expect(answer.body.errors[0].message).toBe(
      `${message}; expected "Authorization: Bearer <token>"`,
    )
  })

  it('accepts any well-formed credential', async () => {
    expect(
      (await request('/bearer', { headers: { Authorization: 'bearer any.token-at_all~' } })).status,
    ).toBe(200)
    expect(
      (await request('/basic', { headers: { Authorization: `Basic ${btoa('ada:secret')}` } }))
        .status,
    ).toBe(200)
    expect(
      (await request('/basic', { headers: { Authorization: `Basic ${btoa('no-colon')}` } })).status,
    ).toBe(401)
  })

  it('takes any one of several requirements, and all schemes of one', async () => {
    expect((await request('/either', { headers: { Cookie: 'theme=dark; sid=abc' } })).status).toBe(
      200,
    )
    expect((await request('/either', { headers: { 'X-Api-Key': 'k' } })).status).toBe(200)
    expect((await request('/both', { headers: { 'X-Api-Key': 'k' } })).status).toBe(401)
    expect((await request('/both?api_key=q', { headers: { 'X-Api-Key': 'k' } })).status).toBe(200)
  })

  it('describes every way in and challenges for the first when none is given', async () => {
    const answer = await request('/either')
    expect(answer.headers.get('www-authenticate')).toBe(
      'ApiKey realm="standin", header="X-Api-Key"',
    )
    expect(answer.body.detail).toBe(
      'keyOrSession needs credentials: an API key in the header "X-Api-Key", or an API key in the cookie "sid".',
    )
  })

  it('lets through operations without security and those whose security is optional', async () => {
    expect((await request('/open')).status).toBe(200)
    expect((await request('/optional')).status).toBe(200)
  })

  it('checks credentials before the request itself (as Prism does)', async () => {
    const { request: shop } = mockOf()
    const answer = await shop('/orders', { method: 'POST', body: '{not json' })
    expect(answer.status).toBe(401)
  })
})

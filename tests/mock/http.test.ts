import { describe, expect, it } from 'vitest'
import { createRoute, defineContract, z } from 'standin'
import { mockOf } from './support.ts'

const { request } = mockOf()
const ORIGIN = 'http://localhost:5173'

describe('CORS', () => {
  it('answers a preflight for any origin with the methods of the path', async () => {
    const answer = await request('/carts', {
      method: 'OPTIONS',
      headers: {
        Origin: ORIGIN,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type, prefer',
      },
    })
    expect(answer.status).toBe(204)
    expect(Object.fromEntries(answer.headers)).toEqual({
      'access-control-allow-credentials': 'true',
      'access-control-allow-headers': 'content-type, prefer',
      'access-control-allow-methods': 'POST, OPTIONS',
      'access-control-allow-origin': ORIGIN,
      'access-control-max-age': '600',
      vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    })
  })

  it('lets scripts read the answer and every header it carries', async () => {
    const answer = await request('/carts', {
      method: 'POST',
      headers: { Origin: ORIGIN, Prefer: 'seed=3' },
    })
    expect(answer.headers.get('access-control-allow-origin')).toBe(ORIGIN)
    expect(answer.headers.get('access-control-expose-headers')).toBe(
      'location, preference-applied, x-standin-mock',
    )
  })

  it('adds CORS headers to problems too, so a browser can show them', async () => {
    const answer = await request('/nope', { headers: { Origin: ORIGIN } })
    expect([answer.status, answer.headers.get('access-control-allow-origin')]).toEqual([
      404,
      ORIGIN,
    ])
  })

  it('allows only the configured origins', async () => {
    const strict = mockOf(undefined, { cors: { origins: ['https://shop.example'] } })
    const other = await strict.request('/categories', { headers: { Origin: ORIGIN } })
    const allowed = await strict.request('/categories', {
      headers: { Origin: 'https://shop.example' },
    })
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example')
  })

  it('can be turned off: a preflight is then a plain OPTIONS', async () => {
    const off = mockOf(undefined, { cors: false })
    const answer = await off.request('/carts', {
      method: 'OPTIONS',
      headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST' },
    })
    expect(Object.fromEntries(answer.headers)).toEqual({ allow: 'POST, OPTIONS' })
  })
})

describe('content negotiation', () => {
  const contract = defineContract({
    info: { title: 'Notes', version: '1' },
    routes: {
      getNote: createRoute({
        method: 'get',
        path: '/note',
        responses: {
          200: {
            description: 'A note',
            content: {
              'application/json': {
                schema: z.object({ text: z.string() }),
                example: { text: 'json' },
              },
              'text/plain': { schema: z.string(), example: 'plain' },
            },
          },
        },
      }),
    },
  })
  const notes = mockOf(contract, { dynamic: false })

  it.each([
    [undefined, 'application/json', '{"text":"json"}'],
    ['text/plain', 'text/plain', 'plain'],
    ['text/*;q=0.9, application/json;q=0.5', 'text/plain', 'plain'],
    ['application/*', 'application/json', '{"text":"json"}'],
  ])('Accept %j gets %s', async (accept, type, text) => {
    const answer = await notes.request('/note', accept ? { headers: { Accept: accept } } : {})
    expect([answer.status, answer.headers.get('content-type'), answer.text]).toEqual([
      200,
      type,
      text,
    ])
  })

  it('answers 406 when no media type fits Accept', async () => {
    const answer = await notes.request('/note', { headers: { Accept: 'image/png' } })
    expect(answer.body).toEqual({
      type: 'https://standin.dev/problems/not-acceptable',
      title: 'Not Acceptable',
      status: 406,
      detail:
        'getNote answers with application/json, text/plain; the request accepts only image/png.',
      errors: [
        {
          location: 'header',
          path: 'Accept',
          message: 'must accept one of application/json, text/plain',
        },
      ],
    })
  })

  it('still sends problem details to a client that accepts only application/json', async () => {
    const answer = await request('/products/x', { headers: { Accept: 'application/json' } })
    expect([answer.status, answer.headers.get('content-type')]).toEqual([
      400,
      'application/problem+json',
    ])
  })
})

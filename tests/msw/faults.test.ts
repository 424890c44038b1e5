import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { handlers } from 'standin/msw'
import shop from '../../contracts/index.ts'
import { outcomeOf } from '../support/fetch-outcome.ts'

const BASE = 'https://shop.example.test'
const PRODUCT = '0d9a2c4e-6f1b-4a3c-8e5d-7b9f1a2c3d4e'
const server = setupServer(...handlers(shop, { baseUrl: BASE, seed: 5 }))

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

const seen = (init: RequestInit = {}) => outcomeOf(`${BASE}/products/${PRODUCT}`, init)

describe('failures on demand in MSW, as the code under test sees them', () => {
  it.each([
    ['reset', 'fetch: TypeError Failed to fetch'],
    ['empty', 'fetch: TypeError Failed to fetch'],
    ['truncated', '200 text(): TypeError terminated'],
    ['malformed', '200 json(): SyntaxError'],
    ['503', '503 JSON'],
    ['429', '429 JSON'],
  ])('fault=%s: %s', async (fault, expected) => {
    expect(await seen({ headers: { Prefer: `fault=${fault}` } })).toBe(expected)
  })

  it('timeout: nothing comes until the code under test gives up', async () => {
    const client = new AbortController()
    const pending = seen({ headers: { Prefer: 'fault=timeout' }, signal: client.signal })
    let settled = false
    void pending.then(() => {
      settled = true
    })
    expect(await seen()).toBe('200 JSON')
    expect(settled).toBe(false)
    client.abort()
    expect(await pending).toBe('fetch: AbortError This operation was aborted')
  })
})

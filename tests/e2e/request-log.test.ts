import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type MockServer, serveMock } from 'standin'

describe('the request log of standin serve', () => {
  const lines: string[] = []
  let mock: MockServer
  beforeAll(async () => {
    mock = await serveMock({ port: 0, mocks: false, log: (line) => lines.push(line) })
  })
  afterAll(async () => {
    await mock?.close()
  })

  /** The lines logged while `send` runs, with the milliseconds (which vary) as `Nms`. */
  async function logged(send: () => Promise<Response>): Promise<string[]> {
    const before = lines.length
    await (await send()).arrayBuffer()
    return lines.slice(before).map((line) => line.replace(/ \d+ms\b/, ' Nms'))
  }

  const login = (body: string) => () =>
    fetch(`${mock.url}/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
    })

  it('logs method, target, status and time of an answer', async () => {
    expect(await logged(() => fetch(`${mock.url}/products?pageSize=2`))).toEqual([
      'GET /products?pageSize=2 200 Nms',
    ])
  })

  it('names the first reason of a refused request, also when the refusal comes from the answer cache', async () => {
    const line =
      'POST /auth/login 422 Nms — body.email: Invalid input: expected string, received undefined'
    expect(await logged(login('{}'))).toEqual([line])
    expect(await logged(login('{}'))).toEqual([line])
  })

  it('names the parameter or header at fault, or the refusal detail where there is no single one', async () => {
    expect(await logged(() => fetch(`${mock.url}/products?pageSize=abc`))).toEqual([
      'GET /products?pageSize=abc 400 Nms — query.pageSize: Invalid input: expected number, received NaN',
    ])
    expect(await logged(() => fetch(`${mock.url}/orders`))).toEqual([
      'GET /orders 401 Nms — header.Authorization: is missing; expected "Authorization: Bearer <token>"',
    ])
    expect(await logged(() => fetch(`${mock.url}/nope`))).toEqual([
      'GET /nope 404 Nms — No operation of this API matches GET /nope.',
    ])
  })

  it('gives no reason for an error the client asked for with Prefer', async () => {
    const path = '/products/0d9a2c4e-6f1b-4a3c-8e5d-7b9f1a2c3d4e'
    expect(
      await logged(() => fetch(`${mock.url}${path}`, { headers: { Prefer: 'code=404' } })),
    ).toEqual([`GET ${path} 404 Nms`])
  })
})

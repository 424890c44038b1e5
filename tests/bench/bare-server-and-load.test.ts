import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBareServer } from '../../bench/bare-server.js'
import { percentile, runLoad } from '../../bench/load.ts'
import { fetchOnce } from '../../bench/server-process.ts'
import { WORKLOADS, type Workload } from '../../bench/workloads.ts'

const [list, , create, invalid] = WORKLOADS as [Workload, Workload, Workload, Workload]
const base64 = (text: string) => Buffer.from(text).toString('base64')

const server = createBareServer([
  {
    method: 'GET',
    url: list.path,
    requestBody: '',
    status: 200,
    contentType: 'application/json',
    body: base64('{"items":[]}'),
  },
  {
    method: 'POST',
    url: '/orders',
    requestBody: create.body ?? '',
    status: 201,
    contentType: 'application/json',
    body: base64('{"id":"o-1"}'),
  },
  {
    method: 'POST',
    url: '/orders',
    requestBody: invalid.body ?? '',
    status: 422,
    contentType: 'application/problem+json',
    body: base64('{"status":422}'),
  },
])
let baseUrl = ''

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

describe('the bare node:http baseline', () => {
  it('answers each request with the fixed bytes for its method, URL and body', async () => {
    const answers = await Promise.all(
      [list, create, invalid].map((workload) => fetchOnce(baseUrl, workload)),
    )
    expect(
      answers.map((answer) => [answer.status, answer.contentType, answer.body.toString()]),
    ).toEqual([
      [200, 'application/json', '{"items":[]}'],
      [201, 'application/json', '{"id":"o-1"}'],
      [422, 'application/problem+json', '{"status":422}'],
    ])
  })

  it('answers 404 to a request it holds no answer for', async () => {
    const answer = await fetchOnce(baseUrl, { ...list, path: '/nope' })
    expect([answer.status, answer.body.toString()]).toEqual([404, '{}'])
  })
})

describe('runLoad', () => {
  const brief = { durationSeconds: 0.3, warmupSeconds: 0, connections: 2 }

  it('counts every answer with the status the workload expects as expected', async () => {
    const result = await runLoad(baseUrl, invalid, brief)
    expect(Object.keys(result.statuses)).toEqual(['422'])
    expect(result.unexpected).toBe(0)
    expect(result.responses).toBeGreaterThan(0)
  })

  it('counts answers with any other status as unexpected', async () => {
    const result = await runLoad(baseUrl, { ...list, path: '/nope' }, brief)
    expect(Object.keys(result.statuses)).toEqual(['404'])
    expect(result.unexpected).toBe(result.responses)
  })

  it('refuses to load anything but 127.0.0.1', async () => {
    await expect(runLoad('http://example.com', list, brief)).rejects.toThrow(
      'Load only goes to 127.0.0.1, not http://example.com.',
    )
  })
})

describe('percentile', () => {
  it('takes the nearest rank of sorted values', () => {
    const sorted = Float64Array.from({ length: 100 }, (_, index) => index + 1)
    expect([
      percentile(sorted, 0.5),
      percentile(sorted, 0.99),
      percentile(sorted, 1),
      percentile([], 0.5),
    ]).toEqual([50, 99, 100, 0])
  })
})

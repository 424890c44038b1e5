import { describe, expect, it } from 'vitest'
import { createRoute, defineContract, fromOpenAPI, verify, z } from 'standin'
import { mockOf } from './support.ts'

// Cloud-provider descriptions put many operations on one path and tell them apart by a header
// (`/#X-Amz-Target=Service.Action`) or a query parameter (`/#Action=Name`, `/?Action=Name`,
// `/{Bucket}#acl`).
const { contract } = await fromOpenAPI(
  new URL('../fixtures/openapi/cloud-actions-3.0.yaml', import.meta.url).pathname,
)
const target = (action: string) => ({
  'X-Amz-Target': `Vault_2024.${action}`,
  'Content-Type': 'application/json',
})

describe('operations that share a method and path', () => {
  const { request } = mockOf(contract, { docs: false })

  it('answers each by its X-Amz-Target header, whatever the case of the header name', async () => {
    const got = await request('/', {
      method: 'POST',
      headers: target('GetSecret'),
      body: JSON.stringify({ Name: 'db' }),
    })
    const put = await request('/', {
      method: 'POST',
      headers: { 'x-amz-target': 'Vault_2024.PutSecret', 'content-type': 'application/json' },
      body: JSON.stringify({ Name: 'db', Value: 's3cr3t' }),
    })
    const deleted = await request('/', {
      method: 'POST',
      headers: target('DeleteSecret'),
      body: JSON.stringify({ Name: 'db' }),
    })
    expect([got.status, Object.keys(got.body)]).toEqual([200, ['Name', 'Value']])
    expect([put.status, Object.keys(put.body)]).toEqual([200, ['VersionId']])
    expect(deleted.status).toBe(204)
  })

  it('answers each by its Action query parameter, written after # or ?', async () => {
    const listed = await request('/?Action=ListQueues&Version=2012-11-05')
    const sent = await request('/?Action=SendMessage&MessageBody=hello')
    expect([listed.status, Object.keys(listed.body)]).toEqual([200, ['QueueUrls']])
    expect([sent.status, Object.keys(sent.body)]).toEqual([200, ['MessageId']])
  })

  it('answers a bare name by its presence, and the plain path without it', async () => {
    const acl = await request('/photos?acl')
    const objects = await request('/photos')
    expect([acl.status, Object.keys(acl.body)]).toEqual([200, ['Grants']])
    expect([objects.status, Object.keys(objects.body)]).toEqual([200, ['Contents']])
  })

  it('refuses an unknown X-Amz-Target with a 400 naming the known ones, in the shape the operations document', async () => {
    const unknown = await request('/', {
      method: 'POST',
      headers: target('RotateSecret'),
      body: '{}',
    })
    expect([unknown.status, unknown.body]).toEqual([
      400,
      {
        message:
          'POST / is shared by 3 operations, told apart by a header or query parameter; send one of: header X-Amz-Target: Vault_2024.GetSecret; header X-Amz-Target: Vault_2024.PutSecret; header X-Amz-Target: Vault_2024.DeleteSecret.',
      },
    ])
  })

  it('refuses a request without the Action with a 400 naming the known ones', async () => {
    const missing = await request('/?Version=2012-11-05')
    expect([missing.status, missing.body.message]).toEqual([
      400,
      'GET / is shared by 2 operations, told apart by a header or query parameter; send one of: query Action=ListQueues; query Action=SendMessage.',
    ])
  })

  it('still checks the parameters the chosen operation requires', async () => {
    const answer = await request('/?Action=ListQueues')
    expect([answer.status, answer.body.message]).toEqual([
      400,
      'The request breaks the contract of ListQueues in 1 place.',
    ])
  })

  it('answers a method the path does not take with 405 and every method it takes', async () => {
    const answer = await request('/', { method: 'DELETE' })
    expect([answer.status, answer.headers.get('allow')]).toEqual([405, 'GET, HEAD, POST, OPTIONS'])
  })

  it('passes standin verify, which sends each operation its discriminator', async () => {
    const { app } = mockOf(contract, { docs: false })
    const report = await verify(contract, {
      target: (sent: Request) => app.fetch(sent),
      examples: 1,
      seed: 5,
      timeoutMs: 5000,
    })
    const valid = report.operations.map((op) => {
      const sent = op.cases.find((c) => c.kind === 'valid')!.request
      return [
        op.operationId,
        sent.method,
        new URL(sent.url).pathname,
        new URL(sent.url).searchParams.get('Action') ?? new URL(sent.url).search.slice(1, 4),
        sent.headers['X-Amz-Target'],
      ]
    })
    expect(report.status).toBe('passed')
    expect(valid).toEqual([
      ['GetSecret', 'POST', '/', '', 'Vault_2024.GetSecret'],
      ['PutSecret', 'POST', '/', '', 'Vault_2024.PutSecret'],
      ['postVault2024DeleteSecret', 'POST', '/', '', 'Vault_2024.DeleteSecret'],
      ['ListQueues', 'GET', '/', 'ListQueues', undefined],
      ['SendMessage', 'GET', '/', 'SendMessage', undefined],
      ['ListObjects', 'GET', expect.stringMatching(/^\/[a-z0-9-]{3,20}$/), '', undefined],
      ['GetBucketAcl', 'GET', expect.stringMatching(/^\/[a-z0-9-]{3,20}$/), 'acl', undefined],
    ])
  })
})

describe('a hand-written contract with operations told apart by a header', () => {
  const ok = (field: string) => ({
    description: 'OK',
    content: { 'application/json': { schema: z.object({ [field]: z.literal(true) }) } },
  })
  const header = (value: string) => ({ headers: z.object({ 'X-Target': z.literal(value) }) })
  const jobs = defineContract({
    info: { title: 'Jobs', version: '1' },
    routes: {
      start: createRoute({
        method: 'post',
        path: '/jobs#X-Target=Jobs.Start',
        request: header('Jobs.Start'),
        responses: { 200: ok('started') },
      }),
      stop: createRoute({
        method: 'post',
        path: '/jobs#X-Target=Jobs.Stop',
        request: header('Jobs.Stop'),
        responses: { 200: ok('stopped') },
      }),
      convert: createRoute({
        method: 'post',
        path: '/text#Content-Type',
        responses: { 200: ok('converted') },
      }),
      echo: createRoute({ method: 'post', path: '/text', responses: { 200: ok('echoed') } }),
    },
  })

  it('answers each by the header, and refuses another value with problem+json listing every value', async () => {
    const { request } = mockOf(jobs, { docs: false })
    expect(
      (await request('/jobs', { method: 'POST', headers: { 'X-Target': 'Jobs.Stop' } })).body,
    ).toEqual({ stopped: true })
    const unknown = await request('/jobs', {
      method: 'POST',
      headers: { 'X-Target': 'Jobs.Pause' },
    })
    expect([unknown.status, unknown.headers.get('content-type'), unknown.body]).toEqual([
      400,
      'application/problem+json',
      {
        type: 'https://standin.dev/problems/unknown-operation',
        title: 'Bad Request',
        status: 400,
        detail:
          'POST /jobs is shared by 2 operations, told apart by a header or query parameter; send one of: header X-Target: Jobs.Start; header X-Target: Jobs.Stop.',
        errors: [
          {
            location: 'header',
            path: 'X-Target',
            message: 'expected one of: Jobs.Start, Jobs.Stop',
          },
        ],
      },
    ])
  })

  it('keeps the answers of two operations one URL reaches apart in the answer cache', async () => {
    const { request } = mockOf(jobs, { docs: false })
    const bodies = []
    const sends: Array<Record<string, string>> = [
      { 'Content-Type': 'text/plain' },
      {},
      { 'Content-Type': 'text/plain' },
    ]
    for (const headers of sends)
      bodies.push((await request('/text', { method: 'POST', headers })).body)
    expect(bodies).toEqual([{ converted: true }, { echoed: true }, { converted: true }])
  })
})

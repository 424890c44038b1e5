import { describe, expect, it } from 'vitest'
import { createMockApp, fromOpenAPIDocument, verify } from 'standin'
import { readXml, writeXml } from '../../src/operation/xml-body.ts'

// Bodies documented as XML with an object schema, as the classic cloud query APIs document them.

const document = {
  openapi: '3.0.3',
  info: { title: 'Users', version: '1' },
  paths: {
    '/users': {
      post: {
        operationId: 'createUser',
        requestBody: {
          required: true,
          content: {
            'text/xml': {
              schema: {
                type: 'object',
                required: ['UserName'],
                properties: {
                  UserName: { type: 'string', minLength: 1 },
                  MaxSessions: { type: 'integer', maximum: 10 },
                  Admin: { type: 'boolean' },
                  Tags: {
                    type: 'array',
                    items: { type: 'object', properties: { Key: { type: 'string' } } },
                  },
                },
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'Made.',
            content: {
              'text/xml': {
                schema: {
                  type: 'object',
                  required: ['User', 'Groups'],
                  properties: {
                    User: {
                      type: 'object',
                      properties: {
                        UserName: { type: 'string' },
                        MaxSessions: { type: 'integer' },
                      },
                    },
                    Groups: { type: 'array', items: { type: 'string' } },
                  },
                },
              },
            },
          },
          '400': {
            description: 'Bad.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['message'],
                  properties: { message: { type: 'string' } },
                },
              },
            },
          },
        },
      },
    },
  },
}

describe('XML bodies', () => {
  const { contract } = fromOpenAPIDocument(document)
  const app = createMockApp(contract, { docs: false })
  const post = (body: string) =>
    app.request('/users', { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body })

  it('reads a request’s elements as the fields of its schema, lists in member wrappers included', async () => {
    const body =
      '<?xml version="1.0"?><CreateUser xmlns="urn:x"><UserName>ada &amp; co</UserName><MaxSessions>3</MaxSessions><Admin>true</Admin><Tags><member><Key>team</Key></member></Tags></CreateUser>'
    const response = await post(body)
    expect([response.status, response.headers.get('content-type')]).toEqual([200, 'text/xml'])
    expect(readXml(await response.text())).toMatchObject({
      ok: true,
      value: { User: { UserName: 'ada & co', MaxSessions: '3' } },
    })
  })

  it('refuses a body that breaks the schema, and one that is no XML', async () => {
    expect((await post('<CreateUser><MaxSessions>30</MaxSessions></CreateUser>')).status).toBe(400)
    const broken = await post('<CreateUser><UserName>ada</CreateUser>')
    expect([broken.status, await broken.json()]).toEqual([
      400,
      { message: 'The body is not well-formed XML: </CreateUser> closes <UserName>.' },
    ])
  })

  it('writes what it reads back: objects, lists (an empty one too), text with entities, CDATA', () => {
    const text = writeXml({
      User: { UserName: 'a<b', Tags: [{ Key: 'x' }, { Key: 'y' }] },
      Groups: [],
    })
    expect(text).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><root><User><UserName>a&lt;b</UserName><Tags><Key>x</Key></Tags><Tags><Key>y</Key></Tags></User><Groups/></root>',
    )
    expect(readXml(text)).toEqual({
      ok: true,
      value: { User: { UserName: 'a<b', Tags: [{ Key: 'x' }, { Key: 'y' }] }, Groups: '' },
    })
    expect(readXml('<a><![CDATA[<b>&amp;</b>]]><!-- note --></a>')).toEqual({
      ok: true,
      value: '<b>&amp;</b>',
    })
    expect(readXml('<a><b>1</a>')).toMatchObject({ ok: false })
  })

  it('sends them from verify and checks the answers, and verify finds nothing against the mock', async () => {
    const report = await verify(contract, {
      target: (request: Request) => app.fetch(request),
      examples: 2,
      seed: 5,
    })
    const valid = report.operations[0]?.cases.filter((found) => found.kind === 'valid')
    expect(
      valid?.map((found) => [
        found.request.headers['content-type'],
        found.request.body?.startsWith('<?xml'),
        found.response?.status,
      ]),
    ).toEqual([
      ['text/xml', true, 200],
      ['text/xml', true, 200],
    ])
    expect(report.status).toBe('passed')
  })
})

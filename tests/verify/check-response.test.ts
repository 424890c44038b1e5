import { describe, expect, it } from 'vitest'
import { checkResponse, createRoute, defineContract, getOperation, z } from 'standin'
import type { ResponseUnderTest } from 'standin'

const Item = z.object({ id: z.string(), price: z.number(), tags: z.array(z.string()) })
const Problem = z.object({ title: z.string(), status: z.int() })

const contract = defineContract({
  info: { title: 'Items', version: '1.0.0' },
  routes: {
    getItem: createRoute({
      method: 'get',
      path: '/items/{id}',
      request: { params: z.object({ id: z.string() }) },
      responses: {
        200: {
          description: 'The item.',
          headers: z.object({
            'X-Request-Id': z.string(),
            'X-Rate-Remaining': z.coerce.number().int().optional(),
          }),
          content: { 'application/json': { schema: Item } },
        },
        '4XX': {
          description: 'A client error.',
          content: { 'application/problem+json': { schema: Problem } },
        },
      },
    }),
    deleteItem: createRoute({
      method: 'delete',
      path: '/items/{id}',
      request: { params: z.object({ id: z.string() }) },
      responses: {
        204: { description: 'Deleted.' },
        default: {
          description: 'Any error.',
          content: { 'application/json': { schema: z.object({ message: z.string() }) } },
        },
      },
    }),
  },
})

const getItem = getOperation(contract, 'getItem')
const deleteItem = getOperation(contract, 'deleteItem')
const good = { id: 'i1', price: 9.99, tags: ['new'] }

function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): ResponseUnderTest {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-request-id': 'r1', ...headers },
    text: JSON.stringify(body),
  }
}

function codes(response: ResponseUnderTest, options = {}) {
  return checkResponse(getItem, response, options).issues.map(
    ({ code, path, message, severity }) => ({ code, path, message, severity }),
  )
}

describe('checkResponse', () => {
  it('takes a Content-Type without the parameters the document gives its media type (charset=utf-8)', () => {
    const charset = defineContract({
      info: { title: 'Charset', version: '1.0.0' },
      routes: {
        listOrgs: createRoute({
          method: 'get',
          path: '/orgs',
          responses: {
            200: {
              description: 'Orgs.',
              content: {
                'application/json; charset=utf-8': {
                  schema: z.object({ orgs: z.array(z.string()) }),
                },
              },
            },
          },
        }),
      },
    })
    const answered = (type: string) =>
      checkResponse(getOperation(charset, 'listOrgs'), {
        status: 200,
        headers: { 'content-type': type },
        text: '{"orgs":["a"]}',
      }).issues.map((found) => found.code)
    expect([
      answered('application/json'),
      answered('application/json; charset=utf-8'),
      answered('text/plain'),
    ]).toEqual([[], [], ['content_type_mismatch']])
  })

  it('warns about a JSON body whose Content-Type names a charset other than UTF-8, naming the charset', () => {
    const answered = (type: string) =>
      codes({ ...json(200, good), headers: { 'content-type': type, 'x-request-id': 'r1' } })
    expect(answered('application/json; charset=utf-16')).toEqual([
      {
        code: 'content_type_mismatch',
        path: ['content-type'],
        message:
          'Content-Type says charset=utf-16, but JSON travels as UTF-8 (RFC 8259): a client that decodes the body by that charset reads it wrong.',
        severity: 'warning',
      },
    ])
    expect(answered('application/json;charset="ISO-8859-1"').map((found) => found.message)).toEqual(
      [
        'Content-Type says charset=ISO-8859-1, but JSON travels as UTF-8 (RFC 8259): a client that decodes the body by that charset reads it wrong.',
      ],
    )
    expect(
      checkResponse(
        getItem,
        json(
          404,
          { title: 'Gone', status: 404 },
          { 'content-type': 'application/problem+json; charset=latin1' },
        ),
      ).issues.map((found) => [found.code, found.severity]),
    ).toEqual([['content_type_mismatch', 'warning']])
  })

  it('takes a JSON Content-Type with charset utf-8 in any case, or with no charset', () => {
    const answered = (type: string) =>
      checkResponse(getItem, {
        ...json(200, good),
        headers: { 'content-type': type, 'x-request-id': 'r1' },
      })
    expect([
      answered('application/json'),
      answered('application/json; charset=utf-8'),
      answered('application/json; charset=UTF-8'),
      answered('application/json; charset="utf-8"'),
    ]).toEqual([
      { ok: true, issues: [] },
      { ok: true, issues: [] },
      { ok: true, issues: [] },
      { ok: true, issues: [] },
    ])
  })

  it('passes a response with a documented status, content type, body and headers', () => {
    expect(checkResponse(getItem, json(200, good, { 'x-rate-remaining': '7' }))).toEqual({
      ok: true,
      issues: [],
    })
  })

  it('reports a status the operation does not document', () => {
    expect(codes(json(201, good))).toEqual([
      {
        code: 'status_undocumented',
        path: [],
        message: 'Status 201 is not documented for getItem; it documents 200, 4XX.',
        severity: 'error',
      },
    ])
  })

  it('matches a status against a documented range such as 4XX', () => {
    const response = {
      status: 404,
      headers: { 'content-type': 'application/problem+json' },
      text: '{"title":"Not found","status":404}',
    }
    expect(checkResponse(getItem, response)).toEqual({ ok: true, issues: [] })
  })

  it('matches any status against default, but still reports a 5xx as server_error', () => {
    expect(
      checkResponse(deleteItem, json(500, { message: 'boom' })).issues.map((found) => found.code),
    ).toEqual(['server_error'])
    expect(checkResponse(deleteItem, json(409, { message: 'in use' }))).toEqual({
      ok: true,
      issues: [],
    })
  })

  it('reports a content type the status does not document', () => {
    expect(
      codes({
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8', 'x-request-id': 'r1' },
        text: '<p>hi</p>',
      }),
    ).toEqual([
      {
        code: 'content_type_mismatch',
        path: ['content-type'],
        message: 'Content-Type is text/html; status 200 documents application/json.',
        severity: 'error',
      },
    ])
  })

  it('reports a body on a status documented without one', () => {
    expect(
      checkResponse(deleteItem, {
        status: 204,
        headers: { 'content-type': 'application/json' },
        text: '{}',
      }).issues[0]?.message,
    ).toBe('Status 204 documents no body, but the response has 2 bytes of application/json.')
  })

  it('reports a body that is not JSON as invalid_body', () => {
    expect(codes({ ...json(200, good), text: '{"id":' }).map((found) => found.code)).toEqual([
      'invalid_body',
    ])
  })

  it('reports a field of the wrong type with its path and the value found', () => {
    expect(codes(json(200, { ...good, price: '9.99' }))).toEqual([
      {
        code: 'schema_mismatch',
        path: ['price'],
        message: 'Invalid input: expected number, received string (got "9.99").',
        severity: 'error',
      },
    ])
  })

  it('reports a missing required field by name', () => {
    expect(codes(json(200, { id: 'i1', price: 1 }))).toEqual([
      {
        code: 'schema_mismatch',
        path: ['tags'],
        message: 'Required field "tags" is missing.',
        severity: 'error',
      },
    ])
  })

  it('warns about undeclared fields, and fails on them with strict', () => {
    const response = json(200, { ...good, debug: true, tags: ['a'] })
    expect(codes(response)).toEqual([
      {
        code: 'undeclared_field',
        path: ['debug'],
        message: 'This field is not declared in the schema.',
        severity: 'warning',
      },
    ])
    expect(checkResponse(getItem, response).ok).toBe(true)
    expect(checkResponse(getItem, response, { strict: true }).ok).toBe(false)
  })

  it('reports a documented header that is missing, and one of the wrong type', () => {
    const response = {
      ...json(200, good, { 'x-rate-remaining': 'many' }),
      headers: { 'content-type': 'application/json', 'x-rate-remaining': 'many' },
    }
    expect(codes(response).map(({ code, path }) => ({ code, path }))).toEqual([
      { code: 'missing_header', path: ['X-Request-Id'] },
      { code: 'header_mismatch', path: ['X-Rate-Remaining'] },
    ])
  })

  it('reports a response over the latency budget as slow_response', () => {
    expect(codes({ ...json(200, good), durationMs: 250 }, { maxResponseMs: 100 })).toEqual([
      {
        code: 'slow_response',
        path: [],
        message: 'Answered in 250 ms, over the budget of 100 ms.',
        severity: 'error',
      },
    ])
  })
})

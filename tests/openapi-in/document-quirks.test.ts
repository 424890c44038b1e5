import { describe, expect, it } from 'vitest'
import { createMockApp, fromOpenAPIDocument, verify } from 'standin'

// Documents found in the wild that bend OpenAPI: each still gets a mock that answers its valid
// requests, and a warning where the document says something standin has to read generously.

const info = { title: 'Quirks', version: '1.0.0' }
const ok = {
  '200': {
    description: 'Done.',
    content: {
      'application/json': {
        schema: { type: 'object', properties: { done: { type: 'boolean' } }, required: ['done'] },
      },
    },
  },
}

async function validStatuses(document: Record<string, unknown>, examples = 1) {
  const { contract } = fromOpenAPIDocument(document)
  const app = createMockApp(contract, { docs: false })
  const report = await verify(contract, {
    target: (request: Request) => app.fetch(request),
    examples,
    seed: 3,
    timeoutMs: 5000,
  })
  return report.operations.map((operation) => [
    operation.operationId,
    operation.cases
      .filter((c) => c.kind === 'example' || c.kind === 'valid')
      .map((c) => [c.request.url, c.response?.status]),
  ])
}

describe('a path key that carries a query string', () => {
  const document = {
    openapi: '3.0.3',
    info,
    paths: {
      '/search/articles?query={query}': {
        get: {
          parameters: [
            {
              name: 'query',
              in: 'query',
              required: true,
              schema: { type: 'string', example: 'startup' },
            },
          ],
          responses: ok,
        },
      },
    },
  }

  it('is routed by its path alone, with a warning that points at it', () => {
    const { contract, warnings } = fromOpenAPIDocument(document)
    expect(contract.operations.map((op) => [op.operationId, op.path, op.pathParams])).toEqual([
      ['getSearchArticles', '/search/articles', []],
    ])
    expect(warnings).toEqual([
      {
        pointer: '#/paths/~1search~1articles?query={query}',
        message:
          'the path "/search/articles?query={query}" carries a query string, which a path template cannot match',
        action: 'routed it as /search/articles',
      },
    ])
  })

  it('answers the request the document describes', async () => {
    expect(await validStatuses(document)).toEqual([
      [
        'getSearchArticles',
        [
          ['http://localhost/search/articles?query=startup', 200],
          ['http://localhost/search/articles?query=calamitas+verbum+arcus', 200],
        ],
      ],
    ])
  })
})

describe('a response documented under a bare media type (xls)', () => {
  const document = {
    openapi: '3.0.3',
    info,
    paths: {
      '/export': {
        get: {
          operationId: 'exportXLS',
          responses: {
            '200': {
              description: 'An XLS file.',
              content: { xls: { schema: { type: 'string', format: 'binary' } } },
            },
          },
        },
      },
    },
  }

  it('is kept as written, with a warning that points at it', () => {
    expect(fromOpenAPIDocument(document).warnings).toEqual([
      {
        pointer: '#/paths/~1export/get/responses/200/content/xls',
        message: '"xls" is not a media type (type/subtype)',
        action: 'kept it as written',
      },
    ])
  })

  it.each([['xls'], ['application/json, application/problem+json, xls'], ['XLS;q=0.5']])(
    'answers Accept %j with it',
    async (accept) => {
      const app = createMockApp(fromOpenAPIDocument(document).contract, { docs: false })
      const answer = await app.request('/export', { headers: { accept } })
      expect([answer.status, answer.headers.get('content-type')]).toEqual([200, 'xls'])
    },
  )

  it('still refuses an Accept that names other media types only', async () => {
    const app = createMockApp(fromOpenAPIDocument(document).contract, { docs: false })
    const answer = await app.request('/export', { headers: { accept: 'text/csv, pdf' } })
    expect(answer.status).toBe(406)
  })
})

describe('a GET that documents a request body', () => {
  const form = {
    'application/x-www-form-urlencoded': {
      schema: {
        type: 'object',
        properties: { skip: { type: 'array', items: { type: 'integer' } } },
      },
    },
  }
  const document = {
    openapi: '3.0.3',
    info,
    paths: {
      '/groups': {
        get: { operationId: 'listGroups', requestBody: { content: form }, responses: ok },
      },
    },
  }

  it('is called without a body, which fetch cannot send and the mock would not read', async () => {
    expect(await validStatuses(document)).toEqual([
      ['listGroups', [['http://localhost/groups', 200]]],
    ])
  })
})

describe('array and object path parameters', () => {
  const list = { type: 'array', items: { type: 'string', enum: ['a', 'b'] } }
  const pair = { type: 'object', properties: { name: { type: 'string', enum: ['x'] } } }
  const params = (style: string) => [
    { name: 'list', in: 'path', required: true, style, explode: true, schema: list },
    { name: 'pair', in: 'path', required: true, style, explode: true, schema: pair },
  ]
  const document = {
    openapi: '3.0.3',
    info,
    paths: {
      '/simple/{list}/{pair}': {
        get: { operationId: 'simple', parameters: params('simple'), responses: ok },
      },
      '/label/{list}/{pair}': {
        post: { operationId: 'label', parameters: params('label'), responses: ok },
      },
    },
  }

  it('are never sent empty or as a dot segment, which no router can match', async () => {
    expect(await validStatuses(document, 4)).toEqual([
      [
        'simple',
        [
          ['http://localhost/simple/a%2Cb/name%3Dx', 200],
          ['http://localhost/simple/a%2Cb%2Ca%2Ca/name%3Dx', 200],
          ['http://localhost/simple/a/name%3Dx', 200],
        ],
      ],
      [
        'label',
        [
          ['http://localhost/label/.a.b.b/.name%3Dx', 200],
          ['http://localhost/label/.b.b.b.a/.name%3Dx', 200],
          ['http://localhost/label/.b/.name%3Dx', 200],
          ['http://localhost/label/.b.a/.name%3Dx', 200],
        ],
      ],
    ])
  })

  it('break their schema in negative cases as their style writes them, and only where the text itself can', async () => {
    const word = { name: 'word', in: 'path', required: true, schema: { type: 'string' } }
    const { contract } = fromOpenAPIDocument({
      openapi: '3.0.3',
      info,
      paths: {
        '/simple/{list}/{pair}/{word}': {
          get: { operationId: 'simple', parameters: [...params('simple'), word], responses: ok },
        },
      },
    })
    const app = createMockApp(contract, { docs: false })
    const report = await verify(contract, {
      target: (request: Request) => app.fetch(request),
      examples: 1,
      seed: 3,
      timeoutMs: 5000,
    })
    const negatives = report.operations[0]!.cases.filter(
      (c) => c.kind === 'negative' && c.name.startsWith('path'),
    )
    // A number in a path is the text "12345", which a string takes: no case for `word`.
    expect(negatives.map((c) => [c.name, c.request.url, c.response?.status])).toEqual([
      [
        'path parameter list breaks the schema: an item that is a value outside ["a","b"]',
        'http://localhost/simple/b%2Cb%2Cnot-one-of-the-values/name%3Dx/amplus',
        400,
      ],
      [
        'path parameter pair breaks the schema: property "name": a value outside ["x"]',
        'http://localhost/simple/b%2Cb/name%3Dnot-one-of-the-values/amplus',
        400,
      ],
    ])
  })
})

describe('lists in a query string or a form body', () => {
  const document = {
    openapi: '3.0.3',
    info,
    paths: {
      '/images': {
        get: {
          operationId: 'listImages',
          parameters: [
            {
              name: 'id',
              in: 'query',
              required: true,
              schema: { type: 'array', items: { type: 'string', enum: ['a1', 'b2', 'c3'] } },
            },
            // A choice between two lists: one value in the query is a list of one.
            {
              name: 'country',
              in: 'query',
              schema: {
                oneOf: [
                  { type: 'array', items: { type: 'string', pattern: '^[A-Z]{2}$' } },
                  { type: 'array', items: { type: 'string', pattern: '^NOT [A-Z]{2}$' } },
                ],
              },
            },
          ],
          responses: ok,
        },
      },
      '/settings': {
        put: {
          operationId: 'putSettings',
          requestBody: {
            required: true,
            content: {
              'application/x-www-form-urlencoded': {
                schema: {
                  type: 'object',
                  required: ['queues'],
                  properties: {
                    queues: { type: 'array', items: { type: 'string', enum: ['mail', 'push'] } },
                  },
                },
              },
            },
          },
          responses: ok,
        },
      },
    },
  }

  it('are sent with at least one item when required (an empty list is no field at all) and answered', async () => {
    const { contract } = fromOpenAPIDocument(document)
    const app = createMockApp(contract, { docs: false })
    const report = await verify(contract, {
      target: (request: Request) => app.fetch(request),
      examples: 20,
      seed: 3,
      timeoutMs: 5000,
    })
    expect(
      report.operations.map((operation) => [
        operation.operationId,
        operation.cases.some((c) => c.kind === 'valid'),
      ]),
    ).toEqual([
      ['listImages', true],
      ['putSettings', true],
    ])
    const valid = report.operations.flatMap((operation) =>
      operation.cases.filter((c) => c.kind === 'valid'),
    )
    expect(
      valid
        .filter((c) => c.response?.status !== 200)
        .map((c) => [c.request.url, c.request.body, c.response?.status]),
    ).toEqual([])
  })

  it('read one value of a choice between lists as a list of one', async () => {
    const app = createMockApp(fromOpenAPIDocument(document).contract, { docs: false })
    expect((await app.request('/images?id=a1&country=US')).status).toBe(200)
    expect((await app.request('/images?id=a1&country=NOT%20US')).status).toBe(200)
    expect((await app.request('/images?id=a1&country=usa')).status).toBe(400)
  })
})

describe('objects sent as text in a form body or a query (Stripe-style documents)', () => {
  const Discount = {
    type: 'object',
    required: ['coupon'],
    properties: { coupon: { type: 'string' } },
  }
  const document = {
    openapi: '3.0.3',
    info,
    paths: {
      '/quotes': {
        post: {
          operationId: 'createQuote',
          requestBody: {
            required: true,
            content: {
              'application/x-www-form-urlencoded': {
                // A list of objects, or '' to clear it.
                schema: {
                  type: 'object',
                  properties: {
                    discounts: {
                      anyOf: [
                        { type: 'array', items: Discount },
                        { type: 'string', enum: [''] },
                      ],
                    },
                  },
                },
              },
            },
          },
          responses: ok,
        },
      },
      '/invoices/upcoming': {
        get: {
          operationId: 'upcomingInvoice',
          parameters: [
            { name: 'lines', in: 'query', schema: { type: 'array', items: Discount } },
            {
              name: 'customer',
              in: 'query',
              style: 'deepObject',
              explode: true,
              schema: { type: 'object', properties: { tax: Discount } },
            },
          ],
          responses: ok,
        },
      },
    },
  }
  const app = createMockApp(fromOpenAPIDocument(document).contract, { docs: false })
  const form = (body: string) =>
    app.request('/quotes', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    })

  it('reads a field that is a list of objects or text as either', async () => {
    expect(
      (
        await form(
          `discounts=${encodeURIComponent('{"coupon":"SPRING"}')}&discounts=${encodeURIComponent('{"coupon":"VIP"}')}`,
        )
      ).status,
    ).toBe(200)
    expect((await form('discounts=')).status).toBe(200)
    expect((await form(`discounts=${encodeURIComponent('{"code":"SPRING"}')}`)).status).toBe(400)
  })

  it('reads objects in a query from JSON text, also inside a deepObject', async () => {
    expect(
      (await app.request(`/invoices/upcoming?lines=${encodeURIComponent('{"coupon":"A"}')}`))
        .status,
    ).toBe(200)
    expect(
      (
        await app.request(
          `/invoices/upcoming?customer[tax]=${encodeURIComponent('{"coupon":"B"}')}`,
        )
      ).status,
    ).toBe(200)
    expect(
      (await app.request(`/invoices/upcoming?lines=${encodeURIComponent('{"amount":1}')}`)).status,
    ).toBe(400)
  })
})

describe('values a document spells exactly', () => {
  const schemaOf = (schema: Record<string, unknown>) => {
    const document = {
      openapi: '3.1.0',
      info,
      paths: {
        '/thing': {
          get: {
            operationId: 'getThing',
            responses: {
              '200': { description: 'It.', content: { 'application/json': { schema } } },
            },
          },
        },
      },
    }
    const { contract } = fromOpenAPIDocument(document)
    return (
      contract.routes.getThing!.responses as Record<
        string,
        { content: Record<string, { schema: { safeParse(value: unknown): { success: boolean } } }> }
      >
    )['200']!.content['application/json']!.schema
  }

  it('takes the objects an enum lists, field by field, and nothing else', () => {
    const games = schemaOf({
      type: 'object',
      enum: [
        { id: 1, name: 'LoL' },
        { id: 3, name: 'CS:GO', tags: ['fps'] },
      ],
    })
    expect(
      [
        { id: 3, name: 'CS:GO', tags: ['fps'] },
        { id: 1, name: 'LoL' },
        { id: 1, name: 'CS:GO' },
        { id: 1, name: 'LoL', extra: true },
      ].map((value) => games.safeParse(value).success),
    ).toEqual([true, true, false, false])
  })

  it('takes no null where a type allows it but the enum does not list it', () => {
    const instrument = schemaOf({ type: ['string', 'null'], enum: ['Cash', 'Card'] })
    const orNull = schemaOf({ type: ['string', 'null'], enum: ['Cash', 'Card', null] })
    expect([
      instrument.safeParse(null).success,
      instrument.safeParse('Card').success,
      orNull.safeParse(null).success,
    ]).toEqual([false, true, true])
  })
})

describe('schemas no value can meet', () => {
  it('are answered with the closest value tried, never a 5xx', async () => {
    const profile = { type: 'object', allOf: [{ type: 'string', enum: ['personal', 'business'] }] }
    const document = {
      openapi: '3.0.3',
      info,
      paths: {
        '/rides': {
          get: {
            operationId: 'listRides',
            responses: {
              '200': {
                description: 'Rides.',
                content: {
                  'application/json': {
                    schema: { type: 'object', required: ['profile'], properties: { profile } },
                  },
                },
              },
            },
          },
        },
      },
    }
    const app = createMockApp(fromOpenAPIDocument(document).contract, { docs: false })
    expect((await app.request('/rides')).status).toBe(200)
  })
})

describe('a response documented under a wildcard media type', () => {
  const document = {
    openapi: '3.0.3',
    info,
    paths: {
      '/audio/{id}': {
        get: {
          operationId: 'getAudio',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': {
              description: 'The file.',
              content: { 'audio/*': { schema: { type: 'string', format: 'binary' } } },
            },
          },
        },
      },
    },
  }

  it('answers with a concrete type of its kind, which verify takes as it is', async () => {
    const { contract } = fromOpenAPIDocument(document)
    const app = createMockApp(contract, { docs: false })
    expect((await app.request('/audio/a1')).headers.get('content-type')).toBe('audio/mpeg')
    const report = await verify(contract, {
      target: (request: Request) => app.fetch(request),
      examples: 1,
      seed: 3,
      timeoutMs: 5000,
    })
    expect(report.status).toBe('passed')
  })
})

import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { fromOpenAPIDocument, toOpenAPI, verify } from 'standin'
import type { VerifyReport } from 'standin'
import { evaluateLinkExpression, type LinkedExchange } from '../../src/verify/links.ts'

// An answer's value that no name ties to the parameter it fills: `ticket` of POST /optimize is the
// `{solutionKey}` of GET /solutions/{solutionKey}. Only the document's links say so.

const solution = {
  type: 'object',
  required: ['ticket', 'routes'],
  properties: { ticket: { type: 'string' }, routes: { type: 'integer' } },
}

function documentWith(links: boolean) {
  return {
    openapi: '3.0.3',
    info: { title: 'routing', version: '1' },
    paths: {
      '/optimize': {
        post: {
          operationId: 'optimize',
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['stops'],
                  properties: { stops: { type: 'integer', minimum: 1, maximum: 50 } },
                },
              },
            },
          },
          responses: {
            '200': {
              description: 'queued',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['ticket'],
                    properties: { ticket: { type: 'string' } },
                  },
                },
              },
              ...(links
                ? {
                    links: {
                      GetSolution: {
                        operationId: 'getSolution',
                        parameters: { solutionKey: '$response.body#/ticket' },
                      },
                    },
                  }
                : {}),
            },
            '400': { description: 'invalid' },
          },
        },
      },
      '/solutions/{solutionKey}': {
        get: {
          operationId: 'getSolution',
          parameters: [
            { name: 'solutionKey', in: 'path', required: true, schema: { type: 'string' } },
          ],
          responses: {
            '200': {
              description: 'the solution',
              content: { 'application/json': { schema: solution } },
            },
            '404': { description: 'no such ticket' },
          },
        },
      },
    },
  }
}

function routingBackend() {
  const solved = new Map<string, number>()
  const app = new Hono()
  app.post('/optimize', async (c) => {
    const body = (await c.req.json().catch(() => undefined)) as { stops?: unknown } | undefined
    if (
      typeof body?.stops !== 'number' ||
      !Number.isInteger(body.stops) ||
      body.stops < 1 ||
      body.stops > 50
    )
      return c.body(null, 400)
    const ticket = `t-${solved.size + 1}`
    solved.set(ticket, body.stops)
    return c.json({ ticket })
  })
  app.get('/solutions/:key', (c) => {
    const routes = solved.get(c.req.param('key'))
    return routes === undefined ? c.body(null, 404) : c.json({ ticket: c.req.param('key'), routes })
  })
  return app
}

function statusesOf(report: VerifyReport, operationId: string): number[] {
  const op = report.operations.find((candidate) => candidate.operationId === operationId)
  return [
    ...new Set(
      (op?.cases ?? [])
        .filter((found) => found.kind === 'valid')
        .map((found) => found.response?.status ?? 0),
    ),
  ]
}

describe('OpenAPI links in verify', () => {
  it('fills a parameter from the answer a link names, where no name ties them', async () => {
    const linked = await verify(fromOpenAPIDocument(documentWith(true)).contract, {
      target: routingBackend().fetch,
    })
    const unlinked = await verify(fromOpenAPIDocument(documentWith(false)).contract, {
      target: routingBackend().fetch,
    })
    expect({
      linked: statusesOf(linked, 'getSolution'),
      unlinked: statusesOf(unlinked, 'getSolution'),
      status: linked.status,
    }).toEqual({ linked: [200], unlinked: [404], status: 'passed' })
  })

  it('runs the operation a link starts from first, when only that operation is included', async () => {
    const report = await verify(fromOpenAPIDocument(documentWith(true)).contract, {
      target: routingBackend().fetch,
      include: ['getSolution'],
    })
    const cases = report.operations.find((op) => op.operationId === 'getSolution')?.cases ?? []
    expect(
      cases
        .filter((found) => found.kind === 'setup')
        .map((found) => `${found.name} → ${found.response?.status}`),
    ).toEqual(['optimize, whose answer links to solutionKey → 200'])
    expect(statusesOf(report, 'getSolution')).toEqual([200])
  })

  it('keeps the links of an imported document in the OpenAPI it emits', () => {
    const emitted = toOpenAPI(fromOpenAPIDocument(documentWith(true)).contract) as unknown as {
      paths: Record<string, Record<string, { responses: Record<string, { links?: unknown }> }>>
    }
    expect(emitted.paths['/optimize']?.post?.responses['200']?.links).toEqual({
      GetSolution: {
        operationId: 'getSolution',
        parameters: { solutionKey: '$response.body#/ticket' },
      },
    })
  })

  it('reads every kind of runtime expression, and constants', () => {
    const exchange: LinkedExchange = {
      method: 'post',
      path: '/users/7/orders',
      input: {
        params: { userId: 7 },
        query: { page: 2 },
        headers: { 'X-Tenant': 'acme' },
        body: { json: { items: [{ sku: 'a/b' }] } },
      },
      status: 201,
      headers: { location: '/orders/o1' },
      body: { order: { id: 'o1', 'a/b': 'slash', 'c~d': 'tilde' } },
    }
    const read = (expression: unknown) => evaluateLinkExpression(expression, exchange)
    expect([
      read('$response.body#/order/id'),
      read('$response.body#/order/a~1b'),
      read('$response.body#/order/c~0d'),
      read('$response.header.Location'),
      read('$request.path.userId'),
      read('$request.query.page'),
      read('$request.header.x-tenant'),
      read('$request.body#/items/0/sku'),
      read('$statusCode'),
      read('$method'),
      read('order-{$response.body#/order/id}'),
      read('$response.body#/order/missing'),
      read('order-{$response.body#/nothing}'),
      read(42),
    ]).toEqual([
      'o1',
      'slash',
      'tilde',
      '/orders/o1',
      7,
      2,
      'acme',
      'a/b',
      201,
      'POST',
      'order-o1',
      undefined,
      undefined,
      42,
    ])
  })
})

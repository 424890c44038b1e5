import { Validator } from '@seriousme/openapi-schema-validator'
import { describe, expect, it } from 'vitest'
import { createRoute, defineContract, fromOpenAPI, toOpenAPI, z } from 'standin'
import type { OpenAPIDocument } from 'standin'
import shop from '../../contracts/index.ts'

type Parameter = { name: string; in: string; required?: boolean; schema: Record<string, unknown> }
type OperationObject = { operationId?: string; parameters?: Parameter[] }

function operationsOf(
  document: OpenAPIDocument,
): Array<{ method: string; path: string; operation: OperationObject }> {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({
      method,
      path,
      operation: operation as OperationObject,
    })),
  )
}

async function validate(document: OpenAPIDocument): Promise<{ valid: boolean; errors?: unknown }> {
  const validator = new Validator()
  return validator.validate(structuredClone(document) as never)
}

describe.each(['3.1', '3.0'] as const)('toOpenAPI for OpenAPI %s', (version) => {
  const document = toOpenAPI(shop, { version })

  it('is valid against the official OpenAPI schema', async () => {
    const result = await validate(document)
    expect(result.errors).toBeUndefined()
    expect(result.valid).toBe(true)
    expect(document.openapi).toBe(version === '3.1' ? '3.1.0' : '3.0.3')
  })

  it('would be rejected by the same validator with an optional path parameter', async () => {
    const broken = structuredClone(document)
    const parameter = broken.paths['/orders/{orderId}']?.get?.parameters?.[0]
    if (!parameter) throw new Error('getOrder has no parameters')
    parameter.required = false
    expect((await validate(broken)).valid).toBe(false)
  })

  it('marks every path parameter required and never nullable, coerced ones included', () => {
    const pathParams = operationsOf(document).flatMap(({ operation }) =>
      (operation.parameters ?? []).filter((p) => p.in === 'path'),
    )
    expect(pathParams.length).toBeGreaterThan(10)
    for (const parameter of pathParams) {
      expect(parameter.required).toBe(true)
      expect(JSON.stringify(parameter.schema)).not.toMatch(/"null"|"nullable"/)
    }
    const reviewId = document.paths[
      '/products/{productId}/reviews/{reviewId}'
    ]?.get?.parameters?.find((p) => p.name === 'reviewId')
    expect(reviewId).toEqual({
      name: 'reviewId',
      in: 'path',
      required: true,
      schema: { type: 'integer', minimum: 1 },
    })
  })

  it('marks query parameters with a default or .optional() as not required', () => {
    const parameters = document.paths['/products']?.get?.parameters ?? []
    const required = Object.fromEntries(parameters.map((p) => [p.name, p.required]))
    expect(required).toEqual({
      q: false,
      categoryId: false,
      minPrice: false,
      maxPrice: false,
      inStock: false,
      sort: false,
      page: false,
      pageSize: false,
    })
  })

  it('gives every operation its operationId', () => {
    const ids = operationsOf(document).map(({ operation }) => operation.operationId)
    expect(ids.sort()).toEqual(shop.operations.map((op) => op.operationId).sort())
  })

  it('turns the discriminated union into oneOf with a discriminator', () => {
    const schemas = document.components?.schemas as Record<string, Record<string, unknown>>
    expect(schemas.PaymentMethod).toEqual({
      oneOf: [
        { $ref: '#/components/schemas/CardPayment' },
        { $ref: '#/components/schemas/PaypalPayment' },
        { $ref: '#/components/schemas/BankTransferPayment' },
      ],
      discriminator: {
        propertyName: 'type',
        mapping: {
          card: '#/components/schemas/CardPayment',
          paypal: '#/components/schemas/PaypalPayment',
          bank_transfer: '#/components/schemas/BankTransferPayment',
        },
      },
    })
  })

  it('reuses named schemas through $ref, the recursive category tree included', () => {
    const text = JSON.stringify(document)
    expect(text.match(/"#\/components\/schemas\/Product"/g)?.length).toBeGreaterThanOrEqual(4)
    expect(text.match(/"#\/components\/schemas\/Problem"/g)?.length).toBeGreaterThanOrEqual(20)
    const category = (
      document.components?.schemas as Record<string, { properties: Record<string, unknown> }>
    ).Category
    expect(category?.properties.children).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/Category' },
      maxItems: 8,
    })
  })

  it('keeps x-faker hints, security schemes and problem+json error responses', () => {
    const product = (
      document.components?.schemas as Record<
        string,
        { properties: Record<string, Record<string, unknown>> }
      >
    ).Product
    expect(product?.properties.name?.['x-faker']).toBe('commerce.productName')
    expect(product?.properties.price).toEqual({
      type: 'number',
      minimum: 0.01,
      maximum: 100000,
      multipleOf: 0.01,
    })
    expect(document.components?.securitySchemes).toEqual({
      bearerAuth: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'The accessToken from POST /auth/login.',
      },
    })
    const placeOrder = document.paths['/orders']?.post as unknown as {
      security: unknown
      responses: Record<string, { content?: object }>
    }
    expect(placeOrder.security).toEqual([{ bearerAuth: [] }])
    expect(Object.keys(placeOrder.responses)).toEqual(['201', '400', '401', '404', '409', '422'])
    expect(Object.keys(placeOrder.responses['422']?.content ?? {})).toEqual([
      'application/problem+json',
    ])
  })
})

describe('toOpenAPI on a small contract', () => {
  it('marks a z.coerce response header required as the schema says (the generator reads it as optional)', () => {
    const contract = defineContract({
      info: { title: 'Headers', version: '1' },
      routes: {
        listItems: createRoute({
          method: 'get',
          path: '/items',
          responses: {
            204: {
              description: 'Counted',
              headers: z.object({
                'X-Total-Count': z.coerce.number(),
                'X-Next-Page': z.coerce.number().optional(),
              }),
            },
          },
        }),
      },
    })
    const headers = (
      toOpenAPI(contract).paths['/items']?.get as {
        responses: Record<string, { headers: unknown }>
      }
    ).responses['204']?.headers
    expect(headers).toEqual({
      'X-Total-Count': { required: true, schema: { type: 'number' } },
      'X-Next-Page': { required: false, schema: { type: 'number' } },
    })
  })

  it('fixes z.coerce path parameters and leaves components out when there are none', () => {
    const contract = defineContract({
      info: { title: 'Coerce', version: '1' },
      routes: {
        getItem: createRoute({
          method: 'get',
          path: '/items/{n}/{flag}',
          request: {
            params: z.object({ n: z.coerce.number(), flag: z.coerce.boolean() }),
            query: z.object({ limit: z.coerce.number(), maybe: z.coerce.number().optional() }),
          },
          responses: { 204: { description: 'Nothing' } },
        }),
      },
    })
    const document = toOpenAPI(contract)
    expect(document).toEqual({
      openapi: '3.1.0',
      info: { title: 'Coerce', version: '1' },
      paths: {
        '/items/{n}/{flag}': {
          get: {
            operationId: 'getItem',
            parameters: [
              { name: 'n', in: 'path', required: true, schema: { type: 'number' } },
              { name: 'flag', in: 'path', required: true, schema: { type: 'boolean' } },
              { name: 'limit', in: 'query', required: true, schema: { type: 'number' } },
              { name: 'maybe', in: 'query', required: false, schema: { type: 'number' } },
            ],
            responses: { 204: { description: 'Nothing' } },
          },
        },
      },
    })
  })
})

describe('toOpenAPI and the security of public operations', () => {
  const ok = { 200: { description: 'OK' } }
  const routes = {
    login: createRoute({ method: 'post', path: '/login', security: [], responses: ok }),
    listOrders: createRoute({ method: 'get', path: '/orders', responses: ok }),
    getOrder: createRoute({
      method: 'get',
      path: '/orders/{id}',
      request: { params: z.object({ id: z.string() }) },
      security: [{ apiKey: [] }],
      responses: ok,
    }),
  }
  const securitySchemes = {
    bearerAuth: { type: 'http', scheme: 'bearer' },
    apiKey: { type: 'apiKey', name: 'X-Api-Key', in: 'header' },
  } as const
  const securityOf = (document: OpenAPIDocument) =>
    Object.fromEntries(
      operationsOf(document).map(({ operation }) => [
        operation.operationId,
        (operation as { security?: unknown }).security,
      ]),
    )

  it.each(['3.1', '3.0'] as const)(
    'says security: [] on a public operation when the document has security (%s)',
    (version) => {
      const contract = defineContract({
        info: { title: 'Shop', version: '1' },
        securitySchemes,
        security: [{ bearerAuth: [] }],
        routes,
      })
      const document = toOpenAPI(contract, { version })
      expect(document.security).toEqual([{ bearerAuth: [] }])
      expect(securityOf(document)).toEqual({
        login: [],
        listOrders: undefined,
        getOrder: [{ apiKey: [] }],
      })
    },
  )

  it('says nothing about the security of a public operation when the document has none', () => {
    const contract = defineContract({
      info: { title: 'Shop', version: '1' },
      securitySchemes,
      routes,
    })
    const document = toOpenAPI(contract)
    expect(document.security).toBeUndefined()
    expect(securityOf(document)).toEqual({
      login: undefined,
      listOrders: undefined,
      getOrder: [{ apiKey: [] }],
    })
  })

  it('keeps a public operation public through fromOpenAPI and back', async () => {
    const contract = defineContract({
      info: { title: 'Shop', version: '1' },
      securitySchemes,
      security: [{ bearerAuth: [] }],
      routes,
    })
    const document = toOpenAPI(contract)
    const { contract: imported } = await fromOpenAPI(structuredClone(document) as never)
    expect(
      Object.fromEntries(imported.operations.map((op) => [op.operationId, op.security])),
    ).toEqual({
      login: [],
      listOrders: [{ bearerAuth: [] }],
      getOrder: [{ apiKey: [] }],
    })
    expect(toOpenAPI(imported)).toEqual(document)
  })
})

describe('toOpenAPI with servers', () => {
  const contract = defineContract({
    info: { title: 'Shop', version: '1' },
    servers: [{ url: 'http://127.0.0.1:4010', description: 'standin mock' }],
    routes: {
      ping: createRoute({
        method: 'get',
        path: '/ping',
        responses: { 204: { description: 'Pong' } },
      }),
    },
  })

  it("publishes the servers it is given instead of the contract's", () => {
    const servers = [
      { url: 'https://shop-mock.example.workers.dev' },
      { url: 'https://staging.example.com/api' },
    ]
    expect(toOpenAPI(contract, { servers }).servers).toEqual(servers)
  })

  it("publishes the contract's servers by default", () => {
    expect(toOpenAPI(contract).servers).toEqual([
      { url: 'http://127.0.0.1:4010', description: 'standin mock' },
    ])
  })
})

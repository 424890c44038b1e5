import { describe, expect, expectTypeOf, it } from 'vitest'
import { createRoute, defineContract, isContract, z } from 'standin'
import { z as z3 } from 'zod/v3'
import type {
  ParsedPathParamsOf,
  ParsedQueryOf,
  ParsedRequestBodyOf,
  PathParamsOf,
  QueryOf,
  RequestBodyOf,
  ResponseBodyOf,
  StatusOf,
} from 'standin'
import shop from '../../contracts/index.ts'
import { standinErrorOf } from '../support/standin-error.ts'

const Thing = z.object({ id: z.uuid(), name: z.string() })
const ok = { description: 'OK', content: { 'application/json': { schema: Thing } } }

describe('defineContract', () => {
  it('turns each route into an operation keyed by its operationId', () => {
    const contract = defineContract({
      info: { title: 'Things', version: '1' },
      securitySchemes: { key: { type: 'apiKey', name: 'X-Key', in: 'header' } },
      security: [{ key: [] }],
      routes: {
        getThing: createRoute({
          method: 'get',
          path: '/things/{thingId}',
          tags: ['things'],
          request: { params: z.object({ thingId: z.uuid() }) },
          responses: { 200: ok },
        }),
        listThings: createRoute({
          method: 'get',
          path: '/things',
          security: [],
          responses: { 200: ok },
        }),
      },
    })
    expect(isContract(contract)).toBe(true)
    expect(contract.operations.map(({ route: _route, ...op }) => op)).toEqual([
      {
        operationId: 'getThing',
        method: 'get',
        path: '/things/{thingId}',
        honoPath: '/things/:thingId',
        pathParams: ['thingId'],
        security: [{ key: [] }],
        tags: ['things'],
      },
      {
        operationId: 'listThings',
        method: 'get',
        path: '/things',
        honoPath: '/things',
        pathParams: [],
        security: [],
        tags: [],
      },
    ])
  })

  it('reports two routes with the same method and path, naming both operations', () => {
    const error = standinErrorOf(() =>
      defineContract({
        info: { title: 'Dup', version: '1' },
        routes: {
          getA: createRoute({
            method: 'get',
            path: '/a/{id}',
            request: { params: z.object({ id: z.string() }) },
            responses: { 200: ok },
          }),
          getB: createRoute({
            method: 'get',
            path: '/a/{key}',
            request: { params: z.object({ key: z.string() }) },
            responses: { 200: ok },
          }),
        },
      }),
    )
    expect(error).toEqual({
      code: 'CONTRACT_INVALID',
      message: 'Invalid contract "Dup":\n  getB: GET /a/{key} is already defined by getA',
    })
  })

  it('keeps operations on one method and path apart by the header or query value their path keys name', () => {
    const target = (value: string) => z.object({ 'X-Amz-Target': z.enum([value]) })
    const contract = defineContract({
      info: { title: 'Actions', version: '1' },
      routes: {
        getItem: createRoute({
          method: 'post',
          path: '/#X-Amz-Target=Db.GetItem',
          request: { headers: target('Db.GetItem') },
          responses: { 200: ok },
        }),
        putItem: createRoute({
          method: 'post',
          path: '/#x-amz-target=Db.PutItem',
          request: { headers: target('Db.PutItem') },
          responses: { 200: ok },
        }),
        describe: createRoute({
          method: 'get',
          path: '/?Action=Describe&Version=1',
          responses: { 200: ok },
        }),
        listThings: createRoute({
          method: 'get',
          path: '/things/{thingId}',
          request: { params: z.object({ thingId: z.string() }) },
          responses: { 200: ok },
        }),
        getAcl: createRoute({
          method: 'get',
          path: '/things/{thingId}#acl',
          request: { params: z.object({ thingId: z.string() }) },
          responses: { 200: ok },
        }),
      },
    })
    expect(
      contract.operations.map((op) => [
        op.operationId,
        op.method,
        op.path,
        op.pathParams,
        op.discriminators,
      ]),
    ).toEqual([
      ['getItem', 'post', '/', [], [{ in: 'header', name: 'X-Amz-Target', value: 'Db.GetItem' }]],
      ['putItem', 'post', '/', [], [{ in: 'header', name: 'X-Amz-Target', value: 'Db.PutItem' }]],
      [
        'describe',
        'get',
        '/',
        [],
        [
          { in: 'query', name: 'Action', value: 'Describe' },
          { in: 'query', name: 'Version', value: '1' },
        ],
      ],
      ['listThings', 'get', '/things/{thingId}', ['thingId'], undefined],
      ['getAcl', 'get', '/things/{thingId}', ['thingId'], [{ in: 'query', name: 'acl' }]],
    ])
  })

  it('still reports two routes whose path keys name the same discriminators, in any order', () => {
    const error = standinErrorOf(() =>
      defineContract({
        info: { title: 'Dup', version: '1' },
        routes: {
          describeA: createRoute({
            method: 'get',
            path: '/#Action=Describe&Version=1',
            responses: { 200: ok },
          }),
          describeB: createRoute({
            method: 'get',
            path: '/?Version=1&Action=Describe',
            responses: { 200: ok },
          }),
        },
      }),
    )
    expect(error).toEqual({
      code: 'CONTRACT_INVALID',
      message:
        'Invalid contract "Dup":\n  describeB: GET / with query Version=1 and query Action=Describe is already defined by describeA',
    })
  })

  it('reports a path parameter that the params schema does not declare, and the reverse', () => {
    const error = standinErrorOf(() =>
      defineContract({
        info: { title: 'Params', version: '1' },
        routes: {
          getOrder: createRoute({
            method: 'get',
            path: '/orders/{orderId}',
            responses: { 200: ok },
          }),
          getItem: createRoute({
            method: 'get',
            path: '/items/{itemId}',
            request: { params: z.object({ itemId: z.string(), extra: z.string() }) },
            responses: { 200: ok },
          }),
        },
      }),
    )
    expect(error.message.split('\n').slice(1)).toEqual([
      '  getOrder: path parameter {orderId} in /orders/{orderId} is missing from request.params',
      '  getItem: request.params declares "extra" but /items/{itemId} has no {extra}',
    ])
  })

  it('reports an operation without a success response', () => {
    const error = standinErrorOf(() =>
      defineContract({
        info: { title: 'NoSuccess', version: '1' },
        routes: {
          deleteAll: createRoute({
            method: 'delete',
            path: '/all',
            responses: { 404: { description: 'none' } },
          }),
        },
      }),
    )
    expect(error.message).toBe(
      'Invalid contract "NoSuccess":\n  deleteAll: no success (2xx) response is documented; it has 404',
    )
  })

  it('names the operation and field of a schema made with zod 3 rather than the z standin exports', () => {
    const Owner = z.object({ name: z3.string() })
    const error = standinErrorOf(() =>
      defineContract({
        info: { title: 'Zod3', version: '1' },
        routes: {
          getPet: createRoute({
            method: 'get',
            path: '/pets',
            request: { query: z3.object({ q: z3.string() }) as never },
            responses: {
              200: {
                description: 'OK',
                content: { 'application/json': { schema: z.object({ owner: Owner }) } },
              },
            },
          }),
        },
      }),
    )
    const advice = "make schemas with the z that standin exports: import { z } from 'standin'"
    expect(error.message.split('\n')).toEqual([
      'Invalid contract "Zod3":',
      `  getPet: request.query is not a zod 4 schema; ${advice}`,
      `  getPet: the 200 response body (application/json) field "owner.name" is not a zod 4 schema; ${advice}`,
    ])
  })

  it('reports a security requirement naming an undeclared scheme', () => {
    const error = standinErrorOf(() =>
      defineContract({
        info: { title: 'Sec', version: '1' },
        routes: {
          me: createRoute({
            method: 'get',
            path: '/me',
            security: [{ oauth: [] }],
            responses: { 200: ok },
          }),
        },
      }),
    )
    expect(error.message).toBe(
      'Invalid contract "Sec":\n  me: security scheme "oauth" is not declared in securitySchemes',
    )
  })

  it('reports a route whose own operationId disagrees with its key', () => {
    const error = standinErrorOf(() =>
      defineContract({
        info: { title: 'Ids', version: '1' },
        routes: {
          listThings: createRoute({
            method: 'get',
            path: '/t',
            operationId: 'getThings',
            responses: { 200: ok },
          }),
        },
      }),
    )
    expect(error.message).toContain(
      'listThings: route declares operationId "getThings" but is keyed as "listThings"',
    )
  })

  it('infers request and response types from the contract value', () => {
    type Shop = typeof shop
    expectTypeOf<PathParamsOf<Shop, 'getOrder'>>().toEqualTypeOf<{ orderId: string }>()
    expectTypeOf<RequestBodyOf<Shop, 'addCartItem'>>().toEqualTypeOf<{
      productId: string
      quantity?: number | undefined
    }>()
    expectTypeOf<StatusOf<Shop, 'getOrder'>>().toEqualTypeOf<200 | 400 | 401 | 404>()
    expectTypeOf<ResponseBodyOf<Shop, 'getProduct', 200>['price']>().toEqualTypeOf<number>()
    expectTypeOf<ResponseBodyOf<Shop, 'deleteProduct', 204>>().toEqualTypeOf<undefined>()
    type PaymentMethodType = RequestBodyOf<Shop, 'payOrder'>['method']['type']
    expectTypeOf<PaymentMethodType>().toEqualTypeOf<'card' | 'paypal' | 'bank_transfer'>()
    expectTypeOf<QueryOf<Shop, 'listProducts'>['sort']>().toEqualTypeOf<
      'relevance' | 'price' | '-price' | 'newest' | 'rating' | undefined
    >()
    expectTypeOf<ParsedQueryOf<Shop, 'listProducts'>['sort']>().toEqualTypeOf<
      'relevance' | 'price' | '-price' | 'newest' | 'rating'
    >()
  })

  it('gives what a client sends as …Of and what a server sees after parsing as Parsed…Of', () => {
    const contract = defineContract({
      info: { title: 'Books', version: '1' },
      routes: {
        addBook: createRoute({
          method: 'post',
          path: '/shelves/{shelf}/books',
          request: {
            params: z.object({ shelf: z.string().transform((name) => name.length) }),
            query: z.object({
              notify: z.enum(['yes', 'no']).default('no'),
              q: z.string().optional(),
            }),
            body: {
              content: {
                'application/json': {
                  schema: z.object({ title: z.string(), copies: z.int().default(1) }),
                },
              },
            },
          },
          responses: { 201: { description: 'Added' } },
        }),
      },
    })
    type Books = typeof contract
    expectTypeOf<PathParamsOf<Books, 'addBook'>>().toEqualTypeOf<{ shelf: string }>()
    expectTypeOf<ParsedPathParamsOf<Books, 'addBook'>>().toEqualTypeOf<{ shelf: number }>()
    expectTypeOf<QueryOf<Books, 'addBook'>>().toEqualTypeOf<{
      notify?: 'yes' | 'no' | undefined
      q?: string | undefined
    }>()
    expectTypeOf<ParsedQueryOf<Books, 'addBook'>>().toEqualTypeOf<{
      notify: 'yes' | 'no'
      q?: string | undefined
    }>()
    expectTypeOf<RequestBodyOf<Books, 'addBook'>>().toEqualTypeOf<{
      title: string
      copies?: number | undefined
    }>()
    expectTypeOf<ParsedRequestBodyOf<Books, 'addBook'>>().toEqualTypeOf<{
      title: string
      copies: number
    }>()
  })
})

describe('the example shop contract', () => {
  it('has at least 15 operations across GET, POST, PUT, PATCH and DELETE', () => {
    expect(shop.operations.length).toBeGreaterThanOrEqual(15)
    expect(new Set(shop.operations.map((op) => op.method))).toEqual(
      new Set(['get', 'post', 'put', 'patch', 'delete']),
    )
  })
})

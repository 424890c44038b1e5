import { describe, expect, it } from 'vitest'
import { createMockApp, createRoute, defineContract, defineMocks, z } from 'standin'
import { inferResources } from '../../src/operation/resources.ts'
import mocks from '../../mocks/index.ts'
import { readAnswer, shop } from '../mock/support.ts'
import { standinErrorOf } from '../support/standin-error.ts'

const Thing = z.object({
  id: z.uuid(),
  name: z.string().max(5),
  tags: z.array(z.string()),
  note: z.string().optional(),
  archivedAt: z.string().nullable(),
})
const thingParams = z.object({ thingId: z.uuid() })
const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } })

const things = defineContract({
  info: { title: 'Things', version: '1.0.0' },
  routes: {
    createThing: createRoute({
      method: 'post',
      path: '/things',
      request: { body: { required: true, ...json(z.object({ name: z.string() })) } },
      responses: { 201: { description: 'Made.', ...json(Thing) }, 422: { description: 'Bad.' } },
    }),
    getThing: createRoute({
      method: 'get',
      path: '/things/{thingId}',
      request: { params: thingParams },
      responses: { 200: { description: 'It.', ...json(Thing) }, 404: { description: 'None.' } },
    }),
    mintThing: createRoute({
      method: 'post',
      path: '/mint',
      'x-standin-resource': '/things',
      request: { body: { required: true, ...json(z.object({ name: z.string() })) } },
      responses: { 201: { description: 'Minted.', ...json(Thing) } },
    }),
    archiveThing: createRoute({
      method: 'post',
      path: '/archive/{thingId}',
      'x-standin-resource': { collection: '/things', action: 'delete', id: 'thingId' },
      request: { params: thingParams },
      responses: { 204: { description: 'Gone.' } },
    }),
    getWidget: createRoute({
      method: 'get',
      path: '/widgets/{widgetId}',
      'x-standin-resource': false,
      request: { params: z.object({ widgetId: z.uuid() }) },
      responses: { 200: { description: 'A widget.', ...json(z.object({ id: z.uuid() })) } },
    }),
  },
})

const Entry = z.object({ id: z.int().min(1), text: z.string().min(1) })
const List = z.object({ id: z.uuid(), title: z.string(), entries: z.array(Entry).max(2) })
const listParams = z.object({ listId: z.uuid() })
const entryParams = z.object({ listId: z.uuid(), entryId: z.coerce.number().int() })

const lists = defineContract({
  info: { title: 'Lists', version: '1.0.0' },
  routes: {
    createList: createRoute({
      method: 'post',
      path: '/lists',
      request: { body: { required: true, ...json(z.object({ title: z.string() })) } },
      responses: { 201: { description: 'Made.', ...json(List) } },
    }),
    getList: createRoute({
      method: 'get',
      path: '/lists/{listId}',
      request: { params: listParams },
      responses: { 200: { description: 'It.', ...json(List) } },
    }),
    addEntry: createRoute({
      method: 'post',
      path: '/lists/{listId}/entries',
      request: {
        params: listParams,
        body: { required: true, ...json(z.object({ text: z.string() })) },
      },
      responses: {
        201: { description: 'The list.', ...json(List) },
        409: { description: 'Full.' },
      },
    }),
    editEntry: createRoute({
      method: 'patch',
      path: '/lists/{listId}/entries/{entryId}',
      request: {
        params: entryParams,
        body: { required: true, ...json(z.object({ text: z.string() })) },
      },
      responses: { 200: { description: 'The entry.', ...json(Entry) } },
    }),
    dropEntry: createRoute({
      method: 'delete',
      path: '/lists/{listId}/entries/{entryId}',
      request: { params: entryParams },
      responses: { 204: { description: 'Gone.' } },
    }),
  },
})

function client(contract: typeof things | typeof lists, session = 's1', options = {}) {
  const app = createMockApp(contract, { stateful: true, ...options })
  return async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const init: RequestInit = {
      method,
      headers: { 'X-Standin-Session': session, 'Content-Type': 'application/json', ...headers },
    }
    if (body !== undefined) init.body = JSON.stringify(body)
    return readAnswer(contract, method, path, await app.request(path, init))
  }
}

describe('resource inference', () => {
  it('finds the shop’s collections from paths and methods, cart items inside their cart', () => {
    const resources = inferResources(shop.operations)
    const roles = Object.fromEntries(
      shop.operations
        .map((op) => [op.operationId, resources.roleOf(op.operationId)])
        .filter(([, role]) => role)
        .map(([id, role]) => [
          id,
          `${(role as { action: string }).action} ${(role as { resource: { template: string } }).resource.template}`,
        ]),
    )
    expect(roles).toEqual({
      registerCustomer: 'create /customers',
      getCustomer: 'read /customers',
      updateCustomer: 'update /customers',
      listProducts: 'list /products',
      getProduct: 'read /products',
      createProduct: 'create /products',
      replaceProduct: 'replace /products',
      deleteProduct: 'delete /products',
      listProductReviews: 'list /products/{productId}/reviews',
      getProductReview: 'read /products/{productId}/reviews',
      createProductReview: 'create /products/{productId}/reviews',
      createCart: 'create /carts',
      getCart: 'read /carts',
      addCartItem: 'create /carts/{cartId}/items',
      updateCartItem: 'update /carts/{cartId}/items',
      removeCartItem: 'delete /carts/{cartId}/items',
      placeOrder: 'create /orders',
      listOrders: 'list /orders',
      getOrder: 'read /orders',
      updateOrderStatus: 'update /orders',
      cancelOrder: 'delete /orders',
      payOrder: 'create /payments',
      getPayment: 'read /payments',
    })
    expect(
      resources.all.map((resource) => [
        resource.template,
        resource.parent?.template ?? null,
        resource.embeddedIn ?? null,
      ]),
    ).toEqual([
      ['/customers', null, null],
      ['/products', null, null],
      ['/carts', null, null],
      ['/orders', null, null],
      ['/payments', null, null],
      ['/products/{productId}/reviews', '/products', null],
      ['/carts/{cartId}/items', '/carts', 'items'],
    ])
  })

  it('follows x-standin-resource: a collection path creates there, an action deletes, false opts out', async () => {
    const call = client(things)
    const minted = await call('POST', '/mint', { name: 'coin' })
    expect(minted.body).toEqual({ id: minted.body.id, name: 'coin', tags: [], archivedAt: null })
    expect((await call('GET', `/things/${minted.body.id}`)).body).toEqual(minted.body)
    expect((await call('POST', `/archive/${minted.body.id}`)).status).toBe(204)
    expect((await call('GET', `/things/${minted.body.id}`)).status).toBe(404)
    expect((await call('GET', '/widgets/5b3e1f0a-8c1d-4b6e-9f2a-3c4d5e6f7a8b')).body).toEqual({
      id: '5b3e1f0a-8c1d-4b6e-9f2a-3c4d5e6f7a8b',
    })
  })

  it('rejects a malformed x-standin-resource with CONTRACT_INVALID naming the route', () => {
    const route = createRoute({
      method: 'post',
      path: '/x/{a}',
      'x-standin-resource': { collection: '/y/{b}' },
      request: { params: z.object({ a: z.string() }) },
      responses: { 204: { description: 'ok' } },
    })
    const contract = defineContract({ info: { title: 'X', version: '1' }, routes: { poke: route } })
    expect(standinErrorOf(() => createMockApp(contract, { stateful: true }))).toEqual({
      code: 'CONTRACT_INVALID',
      message:
        'poke: x-standin-resource names {b}, which /x/{a} does not have. Write false, a collection path like "/payments", or { collection: "/payments", action: "create" }.',
    })
  })
})

describe('the stateful answers', () => {
  it('answers the documented 422, without the body it documents none for, to a create whose object would break its schema, and stores nothing', async () => {
    const call = client(things)
    const answer = await call('POST', '/things', { name: 'far too long' })
    expect([answer.status, answer.text, answer.headers.get('content-type')]).toEqual([
      422,
      '',
      null,
    ])
    const undocumented = await client(things, 's1', { mocks: undefined })('POST', '/mint', {
      name: 'far too long',
    })
    expect([undocumented.status, undocumented.body]).toEqual([
      400,
      {
        type: 'https://standin.dev/problems/validation',
        title: 'Bad Request',
        status: 400,
        detail:
          "mintThing: the result would break the object's schema in 1 place, so nothing was stored.",
        errors: [
          {
            location: 'body',
            path: 'name',
            message: 'Too big: expected string to have <=5 characters',
          },
        ],
      },
    ])
    expect((await call('GET', '/__standin/state')).body).toEqual({
      session: 's1',
      scenario: null,
      objects: {},
      deleted: {},
    })
  })

  it('keeps objects of a nested collection inside their parent, numbering them, and refuses a full one with 409', async () => {
    const call = client(lists)
    const list = (await call('POST', '/lists', { title: 'Errands' })).body
    expect(list.entries).toEqual([])
    const one = await call('POST', `/lists/${list.id}/entries`, { text: 'milk' })
    const two = await call('POST', `/lists/${list.id}/entries`, { text: 'eggs' })
    expect(two.body).toEqual({
      ...list,
      entries: [
        { id: 1, text: 'milk' },
        { id: 2, text: 'eggs' },
      ],
    })
    expect(one.body.entries).toEqual([{ id: 1, text: 'milk' }])
    const full = await call('POST', `/lists/${list.id}/entries`, { text: 'bread' })
    expect([full.status, full.text]).toEqual([409, ''])
    expect((await call('PATCH', `/lists/${list.id}/entries/2`, { text: 'oat milk' })).body).toEqual(
      { id: 2, text: 'oat milk' },
    )
    expect((await call('DELETE', `/lists/${list.id}/entries/1`)).status).toBe(204)
    expect((await call('GET', `/lists/${list.id}`)).body.entries).toEqual([
      { id: 2, text: 'oat milk' },
    ])
    const missing = await call('POST', '/lists/5b3e1f0a-8c1d-4b6e-9f2a-3c4d5e6f7a8b/entries', {
      text: 'x',
    })
    expect([missing.status, missing.body.detail]).toEqual([
      404,
      'There is no /lists/5b3e1f0a-8c1d-4b6e-9f2a-3c4d5e6f7a8b in this session: it was never created here, or it was deleted.',
    ])
  })

  it('lets Prefer: code= answer as the stateless mock does, leaving the state alone', async () => {
    const call = client(things)
    const made = (await call('POST', '/things', { name: 'a' })).body
    const asked = await call('GET', `/things/${made.id}`, undefined, { Prefer: 'code=404' })
    expect([asked.status, asked.headers.get('preference-applied')]).toEqual([404, 'code=404'])
    expect((await call('GET', `/things/${made.id}`)).status).toBe(200)
  })

  it('gives handlers ctx.state, and answers 500 naming the call when a handler asks for a collection the contract has not', async () => {
    const handlers = defineMocks(things, {
      getThing: async (c, ctx) => (await ctx.state?.get('/nope', c.params.thingId)) ?? ctx.fake(),
      createThing: async (c, ctx) =>
        ctx.respond(
          201,
          (await ctx.state?.create('/things', {
            name: (c.body as { name: string }).name.slice(0, 5),
            note: 'by hand',
          })) ?? ctx.fake(),
        ),
    })
    const call = client(things, 's1', { mocks: handlers })
    expect((await call('POST', '/things', { name: 'handmade' })).body).toMatchObject({
      name: 'handm',
      note: 'by hand',
      archivedAt: null,
    })
    const broken = await call('GET', '/things/5b3e1f0a-8c1d-4b6e-9f2a-3c4d5e6f7a8b')
    expect([broken.status, broken.body.detail]).toEqual([
      500,
      'getThing: the mock handler threw: ctx.state.get("/nope"): no collection of the contract has that path. Collections: /things.',
    ])
  })

  it('leaves a stateless mock as it was: no session cookie and no /__standin routes', async () => {
    const app = createMockApp(shop, { mocks })
    const answer = await app.request('/__standin/state')
    expect([answer.status, answer.headers.get('set-cookie')]).toEqual([404, null])
  })
})

describe('declared starting objects', () => {
  it('are checked against the contract when a stateful mock is made, each mistake named', () => {
    const declared = defineMocks(things, {
      state: { '/thing': [], '/things': [{ id: 'nope', name: 'x', tags: [], archivedAt: null }] },
      scenarios: {
        empty: {
          state: { '/things': [{ name: 'anon', tags: [], archivedAt: null, id: undefined }] },
        },
      },
    })
    expect(createMockApp(things, { mocks: declared }).request).toBeTypeOf('function')
    expect(
      standinErrorOf(() => createMockApp(things, { mocks: declared, stateful: true })),
    ).toEqual({
      code: 'MOCK_INVALID',
      message: [
        'The declared state does not fit the contract:',
        '  state "/thing" is no collection of the contract; collections: /things',
        '  state "/things"[0] breaks its schema at id: Invalid UUID',
        '  scenario "empty": state "/things"[0] breaks its schema at id: Invalid input: expected string, received undefined',
      ].join('\n'),
    })
  })

  it('of a nested collection belong in their parent', () => {
    const declared = defineMocks(lists, {
      state: { '/lists/5b3e1f0a-8c1d-4b6e-9f2a-3c4d5e6f7a8b/entries': [] },
    })
    expect(
      standinErrorOf(() => createMockApp(lists, { mocks: declared, stateful: true })).message,
    ).toBe(
      'The declared state does not fit the contract:\n  state "/lists/5b3e1f0a-8c1d-4b6e-9f2a-3c4d5e6f7a8b/entries": these objects live in the "entries" field of /lists objects; declare them there',
    )
  })
})

describe('x-standin-resource states what inference would get wrong', () => {
  const Coupon = z.object({
    sku: z.string(),
    percent: z.int().min(1).max(90),
    shopRef: z.string().optional(),
  })
  const Envelope = z.object({
    data: z.object({ item: Coupon }),
    meta: z.object({ requestId: z.string() }),
  })
  const resource = {
    collection: '/shops/{shopId}/coupons',
    key: 'sku',
    envelope: 'data.item',
    parent: 'shopRef',
  } as const
  const params = z.object({ shopId: z.string(), code: z.string() })
  const coupons = defineContract({
    info: { title: 'Coupons', version: '1.0.0' },
    routes: {
      makeCoupon: createRoute({
        method: 'post',
        path: '/shops/{shopId}/coupons',
        'x-standin-resource': resource,
        request: {
          params: z.object({ shopId: z.string() }),
          body: { required: true, ...json(z.object({ data: z.object({ item: Coupon }) })) },
        },
        responses: { 201: { description: 'Made.', ...json(Envelope) } },
      }),
      getCoupon: createRoute({
        method: 'get',
        path: '/shops/{shopId}/coupons/{code}',
        'x-standin-resource': { ...resource, id: 'code' },
        request: { params },
        responses: { 200: { description: 'It.', ...json(Envelope) } },
      }),
    },
  })

  it('keys the objects by the field it names, inside the envelope it names, with the parent’s key in the field it names', async () => {
    const role = inferResources(coupons.operations).roleOf('getCoupon')
    expect([role?.resource.keyField, role?.body, role?.resource.parentField]).toEqual([
      'sku',
      ['data', 'item'],
      'shopRef',
    ])
    const app = createMockApp(coupons, { stateful: true })
    const send = async (method: string, path: string, body?: unknown) => {
      const response = await app.request(path, {
        method,
        headers: { 'Content-Type': 'application/json', 'X-Standin-Session': 'coupons' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      })
      return (await response.json()) as { data: { item: Record<string, unknown> } }
    }
    const made = await send('POST', '/shops/s-1/coupons', {
      data: { item: { sku: 'SPRING-10', percent: 10 } },
    })
    expect(made.data.item).toEqual({ sku: 'SPRING-10', percent: 10, shopRef: 's-1' })
    expect((await send('GET', '/shops/s-1/coupons/SPRING-10')).data.item).toEqual(made.data.item)
  })
})

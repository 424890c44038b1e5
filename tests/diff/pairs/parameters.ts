import { createRoute, z } from 'standin'
import {
  answer,
  contractOf,
  documentOf,
  type Json,
  type Pair,
  parameter,
  pointer,
} from '../support/build.ts'

// Parameters, on GET /pets?… and GET /pets/{petId}.

const list = 'GET /pets'
const pets = answer(z.array(z.object({ id: z.string() })))
const petsSchema = answer({
  type: 'array',
  items: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
})

/** A contract whose GET /pets takes `query`. */
function listing(query: z.ZodObject) {
  return contractOf({
    listPets: createRoute({
      method: 'get',
      path: '/pets',
      request: { query },
      responses: { 200: pets },
    }),
  })
}

/** A document whose GET /pets takes `parameters`. */
function listingDocument(openapi: '3.0.3' | '3.1.0', parameters: Json[]): Json {
  return documentOf(openapi, {
    '/pets': { get: { operationId: 'listPets', parameters, responses: { '200': petsSchema } } },
  })
}

const limit = parameter('limit', 'query', { type: 'integer' })
const tags = parameter('tags', 'query', { type: 'array', items: { type: 'string' } })
const status = parameter('status', 'query', { type: 'string', enum: ['available', 'sold'] })

export const parameterPairs: Pair[] = [
  {
    name: 'a parameter removed',
    zod: [
      listing(
        z.object({ limit: z.int().optional(), status: z.enum(['available', 'sold']).optional() }),
      ),
      listing(z.object({ status: z.enum(['available', 'sold']).optional() })),
    ],
    openapi: [listingDocument('3.0.3', [limit, status]), listingDocument('3.0.3', [status])],
    expected: [
      {
        rule: 'request-parameter-removed',
        level: 'potentially-breaking',
        side: 'clients',
        operation: list,
        base: pointer(list, 'parameters', 0),
      },
    ],
  },
  {
    name: 'a required parameter added',
    zod: [listing(z.object({})), listing(z.object({ limit: z.int() }))],
    openapi: [
      listingDocument('3.1.0', []),
      listingDocument('3.1.0', [{ ...limit, required: true }]),
    ],
    expected: [
      {
        rule: 'request-required-parameter-added',
        level: 'breaking',
        side: 'clients',
        operation: list,
        head: pointer(list, 'parameters', 0),
      },
    ],
  },
  {
    name: 'an optional parameter added',
    zod: [listing(z.object({})), listing(z.object({ limit: z.int().optional() }))],
    openapi: [listingDocument('3.0.3', []), listingDocument('3.0.3', [limit])],
    expected: [
      {
        rule: 'request-parameter-added',
        level: 'compatible',
        operation: list,
        head: pointer(list, 'parameters', 0),
      },
    ],
  },
  {
    name: 'an optional parameter made required',
    zod: [listing(z.object({ limit: z.int().optional() })), listing(z.object({ limit: z.int() }))],
    openapi: [
      listingDocument('3.1.0', [limit]),
      listingDocument('3.1.0', [{ ...limit, required: true }]),
    ],
    expected: [
      {
        rule: 'request-parameter-became-required',
        level: 'breaking',
        side: 'clients',
        operation: list,
        base: pointer(list, 'parameters', 0),
        head: pointer(list, 'parameters', 0),
      },
    ],
  },
  {
    name: 'a required parameter made optional',
    zod: [listing(z.object({ limit: z.int() })), listing(z.object({ limit: z.int().optional() }))],
    openapi: [
      listingDocument('3.0.3', [{ ...limit, required: true }]),
      listingDocument('3.0.3', [limit]),
    ],
    expected: [
      {
        rule: 'request-parameter-became-optional',
        level: 'breaking',
        side: 'server',
        operation: list,
        base: pointer(list, 'parameters', 0),
        head: pointer(list, 'parameters', 0),
      },
    ],
  },
  {
    name: "a parameter's type changed",
    zod: [
      listing(z.object({ status: z.string().optional() })),
      listing(z.object({ status: z.int().optional() })),
    ],
    openapi: [
      listingDocument('3.1.0', [parameter('status', 'query', { type: 'string' })]),
      listingDocument('3.1.0', [parameter('status', 'query', { type: 'integer' })]),
    ],
    expected: [
      {
        rule: 'request-type-changed',
        level: 'breaking',
        side: 'clients',
        operation: list,
        base: pointer(list, 'parameters', 0, 'schema'),
        head: pointer(list, 'parameters', 0, 'schema'),
      },
    ],
  },
  {
    name: "a value removed from a parameter's enum",
    zod: [
      listing(z.object({ status: z.enum(['available', 'pending', 'sold']).optional() })),
      listing(z.object({ status: z.enum(['available', 'sold']).optional() })),
    ],
    openapi: [
      listingDocument('3.0.3', [
        parameter('status', 'query', { type: 'string', enum: ['available', 'pending', 'sold'] }),
      ]),
      listingDocument('3.0.3', [status]),
    ],
    expected: [
      {
        rule: 'request-enum-value-removed',
        level: 'breaking',
        side: 'clients',
        operation: list,
        base: pointer(list, 'parameters', 0, 'schema'),
        head: pointer(list, 'parameters', 0, 'schema'),
      },
    ],
  },
  {
    name: "a parameter's maximum lowered",
    zod: [
      listing(z.object({ limit: z.int().max(100).optional() })),
      listing(z.object({ limit: z.int().max(50).optional() })),
    ],
    openapi: [
      listingDocument('3.1.0', [parameter('limit', 'query', { type: 'integer', maximum: 100 })]),
      listingDocument('3.1.0', [parameter('limit', 'query', { type: 'integer', maximum: 50 })]),
    ],
    expected: [
      {
        rule: 'request-maximum-tightened',
        level: 'breaking',
        side: 'clients',
        operation: list,
        base: pointer(list, 'parameters', 0, 'schema'),
        head: pointer(list, 'parameters', 0, 'schema'),
      },
    ],
  },
  {
    name: 'a header parameter spelled in another case',
    zod: [
      contractOf({
        listPets: createRoute({
          method: 'get',
          path: '/pets',
          request: { headers: z.object({ 'X-Request-Id': z.string() }) },
          responses: { 200: pets },
        }),
      }),
      contractOf({
        listPets: createRoute({
          method: 'get',
          path: '/pets',
          request: { headers: z.object({ 'x-request-id': z.string() }) },
          responses: { 200: pets },
        }),
      }),
    ],
    openapi: [
      listingDocument('3.0.3', [parameter('X-Request-Id', 'header', { type: 'string' }, true)]),
      listingDocument('3.0.3', [parameter('x-request-id', 'header', { type: 'string' }, true)]),
    ],
    expected: [],
  },
  {
    name: 'a path parameter renamed',
    zod: [
      contractOf({
        getPet: createRoute({
          method: 'get',
          path: '/pets/{petId}',
          request: { params: z.object({ petId: z.string() }) },
          responses: { 200: pets },
        }),
      }),
      contractOf({
        getPet: createRoute({
          method: 'get',
          path: '/pets/{id}',
          request: { params: z.object({ id: z.string() }) },
          responses: { 200: pets },
        }),
      }),
    ],
    openapi: [
      documentOf('3.1.0', {
        '/pets/{petId}': {
          parameters: [parameter('petId', 'path', { type: 'string' })],
          get: { operationId: 'getPet', responses: { '200': petsSchema } },
        },
      }),
      documentOf('3.1.0', {
        '/pets/{id}': {
          get: {
            operationId: 'getPet',
            parameters: [parameter('id', 'path', { type: 'string' })],
            responses: { '200': petsSchema },
          },
        },
      }),
    ],
    expected: [],
  },
  {
    name: "a query parameter's style and explode written out as their defaults",
    zod: [
      listing(z.object({ tags: z.array(z.string()).optional() })),
      listing(
        z.object({
          tags: z
            .array(z.string())
            .optional()
            .openapi({ param: { style: 'form', explode: true } }),
        }),
      ),
    ],
    openapi: [
      listingDocument('3.0.3', [tags]),
      listingDocument('3.0.3', [{ ...tags, style: 'form', explode: true }]),
    ],
    expected: [],
  },
  {
    name: 'a query array no longer exploded',
    zod: [
      listing(z.object({ tags: z.array(z.string()).optional() })),
      listing(
        z.object({
          tags: z
            .array(z.string())
            .optional()
            .openapi({ param: { explode: false } }),
        }),
      ),
    ],
    openapi: [
      listingDocument('3.1.0', [tags]),
      listingDocument('3.1.0', [{ ...tags, explode: false }]),
    ],
    expected: [
      {
        rule: 'request-parameter-explode-changed',
        level: 'breaking',
        side: 'clients',
        operation: list,
        base: pointer(list, 'parameters', 0),
        head: pointer(list, 'parameters', 0),
      },
    ],
  },
]

import { createRoute, type RouteConfig, z } from 'standin'
import {
  answer,
  contractOf,
  documentOf,
  type Json,
  json,
  type Pair,
  petIdParameter,
  petIdParams,
  pointer,
} from '../support/build.ts'

// Request bodies, answers' statuses and media types, and response headers.

const create = 'POST /pets'
const read = 'GET /pets/{petId}'

const NewPet = z.object({ name: z.string() })
const newPet = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] }
const Pet = z.object({ id: z.string(), name: z.string() })
const pet = {
  type: 'object',
  properties: { id: { type: 'string' }, name: { type: 'string' } },
  required: ['id', 'name'],
}

/** POST /pets with its request body and answers overridable. */
function createPet(overrides: Partial<RouteConfig> = {}) {
  return contractOf({
    createPet: createRoute({
      method: 'post',
      path: '/pets',
      request: { body: { required: true, content: json(NewPet) } },
      responses: { 201: answer(Pet, 'Created') },
      ...overrides,
    }),
  })
}

function createPetDocument(openapi: '3.0.3' | '3.1.0', overrides: Json = {}): Json {
  return documentOf(openapi, {
    '/pets': {
      post: {
        operationId: 'createPet',
        requestBody: { required: true, content: json(newPet) },
        responses: { '201': answer(pet, 'Created') },
        ...overrides,
      },
    },
  })
}

/** GET /pets/{petId} with its answers given. */
function getPet(responses: RouteConfig['responses']) {
  return contractOf({
    getPet: createRoute({
      method: 'get',
      path: '/pets/{petId}',
      request: { params: petIdParams },
      responses,
    }),
  })
}

function getPetDocument(openapi: '3.0.3' | '3.1.0', responses: Json): Json {
  return documentOf(openapi, {
    '/pets/{petId}': { get: { operationId: 'getPet', parameters: [petIdParameter], responses } },
  })
}

const notFound = { description: 'Not found' }
const xml = { 'application/xml': { schema: Pet } }
const form = { 'application/x-www-form-urlencoded': { schema: NewPet } }

export const bodyPairs: Pair[] = [
  {
    name: 'a request body made required',
    zod: [
      createPet({ request: { body: { content: json(NewPet) } } }),
      createPet({ request: { body: { required: true, content: json(NewPet) } } }),
    ],
    openapi: [
      createPetDocument('3.0.3', { requestBody: { content: json(newPet) } }),
      createPetDocument('3.0.3'),
    ],
    expected: [
      {
        rule: 'request-body-became-required',
        level: 'breaking',
        side: 'clients',
        operation: create,
        base: pointer(create, 'requestBody'),
        head: pointer(create, 'requestBody'),
      },
    ],
  },
  {
    name: 'a required request body added',
    zod: [createPet({ request: {} }), createPet()],
    openapi: [createPetDocument('3.1.0', { requestBody: undefined }), createPetDocument('3.1.0')],
    expected: [
      {
        rule: 'request-body-added-required',
        level: 'breaking',
        side: 'clients',
        operation: create,
        head: pointer(create, 'requestBody'),
      },
    ],
  },
  {
    name: 'a request body made optional',
    zod: [createPet(), createPet({ request: { body: { content: json(NewPet) } } })],
    openapi: [
      createPetDocument('3.1.0'),
      createPetDocument('3.1.0', { requestBody: { required: false, content: json(newPet) } }),
    ],
    expected: [
      {
        rule: 'request-body-became-optional',
        level: 'breaking',
        side: 'server',
        operation: create,
        base: pointer(create, 'requestBody'),
        head: pointer(create, 'requestBody'),
      },
    ],
  },
  {
    name: 'a request body removed',
    zod: [createPet(), createPet({ request: {} })],
    openapi: [createPetDocument('3.0.3'), createPetDocument('3.0.3', { requestBody: undefined })],
    expected: [
      {
        rule: 'request-body-removed',
        level: 'potentially-breaking',
        side: 'clients',
        operation: create,
        base: pointer(create, 'requestBody'),
      },
    ],
  },
  {
    name: 'a request media type removed',
    zod: [
      createPet({ request: { body: { required: true, content: { ...json(NewPet), ...form } } } }),
      createPet(),
    ],
    openapi: [
      createPetDocument('3.1.0', {
        requestBody: {
          required: true,
          content: { ...json(newPet), 'application/x-www-form-urlencoded': { schema: newPet } },
        },
      }),
      createPetDocument('3.1.0'),
    ],
    expected: [
      {
        rule: 'request-media-type-removed',
        level: 'breaking',
        side: 'clients',
        operation: create,
        base: pointer(create, 'requestBody', 'content', 'application/x-www-form-urlencoded'),
      },
    ],
  },
  {
    name: 'a request media type added',
    zod: [
      createPet(),
      createPet({ request: { body: { required: true, content: { ...json(NewPet), ...form } } } }),
    ],
    openapi: [
      createPetDocument('3.0.3'),
      createPetDocument('3.0.3', {
        requestBody: {
          required: true,
          content: { ...json(newPet), 'application/x-www-form-urlencoded': { schema: newPet } },
        },
      }),
    ],
    expected: [
      {
        rule: 'request-media-type-added',
        level: 'compatible',
        operation: create,
        head: pointer(create, 'requestBody', 'content', 'application/x-www-form-urlencoded'),
      },
    ],
  },
  {
    name: 'the only success status removed for another',
    zod: [createPet(), createPet({ responses: { 200: answer(Pet) } })],
    openapi: [
      createPetDocument('3.1.0'),
      createPetDocument('3.1.0', { responses: { '200': answer(pet) } }),
    ],
    expected: [
      {
        rule: 'response-success-status-removed',
        level: 'breaking',
        side: 'clients',
        operation: create,
        base: pointer(create, 'responses', 201),
      },
      {
        rule: 'response-success-status-added',
        level: 'potentially-breaking',
        side: 'clients',
        operation: create,
        head: pointer(create, 'responses', 200),
      },
    ],
  },
  {
    name: 'an error status removed',
    zod: [getPet({ 200: answer(Pet), 404: notFound }), getPet({ 200: answer(Pet) })],
    openapi: [
      getPetDocument('3.0.3', { '200': answer(pet), '404': notFound }),
      getPetDocument('3.0.3', { '200': answer(pet) }),
    ],
    expected: [
      {
        rule: 'response-status-removed',
        level: 'potentially-breaking',
        side: 'server',
        operation: read,
        base: pointer(read, 'responses', 404),
      },
    ],
  },
  {
    name: 'an error status added',
    zod: [getPet({ 200: answer(Pet) }), getPet({ 200: answer(Pet), 404: notFound })],
    openapi: [
      getPetDocument('3.1.0', { '200': answer(pet) }),
      getPetDocument('3.1.0', { '200': answer(pet), '404': notFound }),
    ],
    expected: [
      {
        rule: 'response-status-added',
        level: 'compatible',
        operation: read,
        head: pointer(read, 'responses', 404),
      },
    ],
  },
  {
    name: 'a second success status added',
    zod: [getPet({ 200: answer(Pet) }), getPet({ 200: answer(Pet), 203: answer(Pet) })],
    openapi: [
      getPetDocument('3.0.3', { '200': answer(pet) }),
      getPetDocument('3.0.3', { '200': answer(pet), '203': answer(pet) }),
    ],
    expected: [
      {
        rule: 'response-success-status-added',
        level: 'potentially-breaking',
        side: 'clients',
        operation: read,
        head: pointer(read, 'responses', 203),
      },
    ],
  },
  {
    name: 'a response media type removed',
    zod: [
      getPet({ 200: { description: 'OK', content: { ...json(Pet), ...xml } } }),
      getPet({ 200: answer(Pet) }),
    ],
    openapi: [
      getPetDocument('3.1.0', {
        '200': { description: 'OK', content: { ...json(pet), 'application/xml': { schema: pet } } },
      }),
      getPetDocument('3.1.0', { '200': answer(pet) }),
    ],
    expected: [
      {
        rule: 'response-media-type-removed',
        level: 'breaking',
        side: 'clients',
        operation: read,
        base: pointer(read, 'responses', 200, 'content', 'application/xml'),
      },
    ],
  },
  {
    name: 'an optional response header removed',
    zod: [
      getPet({ 200: { ...answer(Pet), headers: z.object({ ETag: z.string().optional() }) } }),
      getPet({ 200: answer(Pet) }),
    ],
    openapi: [
      getPetDocument('3.0.3', {
        '200': { ...answer(pet), headers: { ETag: { schema: { type: 'string' } } } },
      }),
      getPetDocument('3.0.3', { '200': answer(pet) }),
    ],
    expected: [
      {
        rule: 'response-header-removed',
        level: 'potentially-breaking',
        side: 'clients',
        operation: read,
        base: pointer(read, 'responses', 200, 'headers', 'ETag'),
      },
    ],
  },
  {
    name: 'a required response header removed',
    zod: [
      getPet({ 200: { ...answer(Pet), headers: z.object({ ETag: z.string() }) } }),
      getPet({ 200: answer(Pet) }),
    ],
    openapi: [
      getPetDocument('3.1.0', {
        '200': {
          ...answer(pet),
          headers: { ETag: { required: true, schema: { type: 'string' } } },
        },
      }),
      getPetDocument('3.1.0', { '200': answer(pet) }),
    ],
    expected: [
      {
        rule: 'response-header-removed',
        level: 'breaking',
        side: 'clients',
        operation: read,
        base: pointer(read, 'responses', 200, 'headers', 'ETag'),
      },
    ],
  },
  {
    name: 'a required response header made optional',
    zod: [
      getPet({ 200: { ...answer(Pet), headers: z.object({ ETag: z.string() }) } }),
      getPet({ 200: { ...answer(Pet), headers: z.object({ ETag: z.string().optional() }) } }),
    ],
    openapi: [
      getPetDocument('3.0.3', {
        '200': {
          ...answer(pet),
          headers: { ETag: { required: true, schema: { type: 'string' } } },
        },
      }),
      getPetDocument('3.0.3', {
        '200': { ...answer(pet), headers: { ETag: { schema: { type: 'string' } } } },
      }),
    ],
    expected: [
      {
        rule: 'response-header-became-optional',
        level: 'breaking',
        side: 'clients',
        operation: read,
        base: pointer(read, 'responses', 200, 'headers', 'ETag'),
        head: pointer(read, 'responses', 200, 'headers', 'ETag'),
      },
    ],
  },
  {
    name: 'an optional response header made required',
    zod: [
      getPet({ 200: { ...answer(Pet), headers: z.object({ ETag: z.string().optional() }) } }),
      getPet({ 200: { ...answer(Pet), headers: z.object({ ETag: z.string() }) } }),
    ],
    openapi: [
      getPetDocument('3.1.0', {
        '200': { ...answer(pet), headers: { ETag: { schema: { type: 'string' } } } },
      }),
      getPetDocument('3.1.0', {
        '200': {
          ...answer(pet),
          headers: { ETag: { required: true, schema: { type: 'string' } } },
        },
      }),
    ],
    expected: [
      {
        rule: 'response-header-became-required',
        level: 'breaking',
        side: 'server',
        operation: read,
        base: pointer(read, 'responses', 200, 'headers', 'ETag'),
        head: pointer(read, 'responses', 200, 'headers', 'ETag'),
      },
    ],
  },
  {
    name: 'a required response header added',
    zod: [
      getPet({ 200: answer(Pet) }),
      getPet({ 200: { ...answer(Pet), headers: z.object({ ETag: z.string() }) } }),
    ],
    openapi: [
      getPetDocument('3.0.3', { '200': answer(pet) }),
      getPetDocument('3.0.3', {
        '200': {
          ...answer(pet),
          headers: { ETag: { required: true, schema: { type: 'string' } } },
        },
      }),
    ],
    expected: [
      {
        rule: 'response-header-added',
        level: 'breaking',
        side: 'server',
        operation: read,
        head: pointer(read, 'responses', 200, 'headers', 'ETag'),
      },
    ],
  },
  {
    // Not integer: a document's required integer header is printed `required: false` (it becomes
    // z.coerce, whose optional input toOpenAPI corrects for parameters only).
    name: "a response header's type changed",
    zod: [
      getPet({ 200: { ...answer(Pet), headers: z.object({ 'X-Cached': z.string() }) } }),
      getPet({ 200: { ...answer(Pet), headers: z.object({ 'X-Cached': z.boolean() }) } }),
    ],
    openapi: [
      getPetDocument('3.1.0', {
        '200': {
          ...answer(pet),
          headers: { 'X-Cached': { required: true, schema: { type: 'string' } } },
        },
      }),
      getPetDocument('3.1.0', {
        '200': {
          ...answer(pet),
          headers: { 'X-Cached': { required: true, schema: { type: 'boolean' } } },
        },
      }),
    ],
    expected: [
      {
        rule: 'response-type-changed',
        level: 'breaking',
        side: 'clients',
        operation: read,
        base: pointer(read, 'responses', 200, 'headers', 'X-Cached', 'schema'),
        head: pointer(read, 'responses', 200, 'headers', 'X-Cached', 'schema'),
      },
    ],
  },
  {
    name: 'a media type written with its charset',
    zod: [
      getPet({ 200: answer(Pet) }),
      getPet({
        200: { description: 'OK', content: { 'application/json; charset=utf-8': { schema: Pet } } },
      }),
    ],
    openapi: [
      getPetDocument('3.0.3', { '200': answer(pet) }),
      getPetDocument('3.0.3', {
        '200': {
          description: 'OK',
          content: { 'Application/JSON; charset=utf-8': { schema: pet } },
        },
      }),
    ],
    expected: [],
  },
]

import { createRoute, type RouteConfig, z } from 'standin'
import {
  answer,
  contractOf,
  documentOf,
  type Json,
  type Pair,
  petIdParameter,
  petIdParams,
  pointer,
} from '../support/build.ts'

// Operations, the base path and security, on a two-operation API.

const Pet = z.object({ id: z.string(), name: z.string() }).openapi('Pet')
const pet = {
  type: 'object',
  properties: { id: { type: 'string' }, name: { type: 'string' } },
  required: ['id', 'name'],
}
const schemas = { schemas: { Pet: pet } }
const petRef = { $ref: '#/components/schemas/Pet' }

const listPets = createRoute({
  method: 'get',
  path: '/pets',
  responses: { 200: answer(z.array(Pet)) },
})
const listPetsObject = {
  operationId: 'listPets',
  responses: { '200': answer({ type: 'array', items: petRef }) },
}

/** GET /pets/{petId} as a route, its path and parts overridable. */
function getPet(overrides: Partial<RouteConfig> = {}): RouteConfig {
  return createRoute({
    method: 'get',
    path: '/pets/{petId}',
    request: { params: petIdParams },
    responses: { 200: answer(Pet), 404: { description: 'Not found' } },
    ...overrides,
  })
}

function getPetObject(overrides: Json = {}): Json {
  return {
    operationId: 'getPet',
    parameters: [petIdParameter],
    responses: { '200': answer(petRef), '404': { description: 'Not found' } },
    ...overrides,
  }
}

const bearer = { bearerAuth: { type: 'http' as const, scheme: 'bearer' } }
const apiKey = { apiKeyAuth: { type: 'apiKey' as const, name: 'X-Api-Key', in: 'header' as const } }

export const operationPairs: Pair[] = [
  {
    name: 'an operation removed',
    zod: [contractOf({ listPets, getPet: getPet() }), contractOf({ getPet: getPet() })],
    openapi: [
      documentOf(
        '3.0.3',
        { '/pets': { get: listPetsObject }, '/pets/{petId}': { get: getPetObject() } },
        { components: schemas },
      ),
      documentOf('3.0.3', { '/pets/{petId}': { get: getPetObject() } }, { components: schemas }),
    ],
    expected: [
      {
        rule: 'operation-removed',
        level: 'breaking',
        side: 'clients',
        operation: 'GET /pets',
        base: pointer('GET /pets'),
      },
    ],
  },
  {
    name: 'an operation added',
    zod: [contractOf({ getPet: getPet() }), contractOf({ listPets, getPet: getPet() })],
    openapi: [
      documentOf('3.1.0', { '/pets/{petId}': { get: getPetObject() } }, { components: schemas }),
      documentOf(
        '3.1.0',
        { '/pets': { get: listPetsObject }, '/pets/{petId}': { get: getPetObject() } },
        { components: schemas },
      ),
    ],
    expected: [
      {
        rule: 'operation-added',
        level: 'compatible',
        operation: 'GET /pets',
        head: pointer('GET /pets'),
      },
    ],
  },
  {
    name: 'a path renamed, the operation the same',
    zod: [
      contractOf({ getPet: getPet() }),
      contractOf({ getPet: getPet({ path: '/animals/{petId}' }) }),
    ],
    openapi: [
      documentOf('3.1.0', { '/pets/{petId}': { get: getPetObject() } }, { components: schemas }),
      documentOf('3.1.0', { '/animals/{petId}': { get: getPetObject() } }, { components: schemas }),
    ],
    expected: [
      {
        rule: 'operation-path-renamed',
        level: 'breaking',
        side: 'clients',
        operation: 'GET /pets/{petId}',
        base: pointer('GET /pets/{petId}'),
        head: pointer('GET /animals/{petId}'),
      },
    ],
  },
  {
    name: 'an operationId changed',
    zod: [contractOf({ getPet: getPet() }), contractOf({ fetchPet: getPet() })],
    openapi: [
      documentOf('3.0.3', { '/pets/{petId}': { get: getPetObject() } }, { components: schemas }),
      documentOf(
        '3.0.3',
        { '/pets/{petId}': { get: getPetObject({ operationId: 'fetchPet' }) } },
        { components: schemas },
      ),
    ],
    expected: [
      {
        rule: 'operation-id-changed',
        level: 'potentially-breaking',
        side: 'clients',
        operation: 'GET /pets/{petId}',
        base: pointer('GET /pets/{petId}'),
        head: pointer('GET /pets/{petId}'),
      },
    ],
  },
  {
    name: 'an operation deprecated',
    zod: [contractOf({ getPet: getPet() }), contractOf({ getPet: getPet({ deprecated: true }) })],
    openapi: [
      documentOf('3.1.0', { '/pets/{petId}': { get: getPetObject() } }, { components: schemas }),
      documentOf(
        '3.1.0',
        { '/pets/{petId}': { get: getPetObject({ deprecated: true }) } },
        { components: schemas },
      ),
    ],
    expected: [
      {
        rule: 'operation-deprecated',
        level: 'compatible',
        operation: 'GET /pets/{petId}',
        head: pointer('GET /pets/{petId}'),
      },
    ],
  },
  {
    name: 'the base path changed',
    zod: [
      contractOf({ getPet: getPet() }, { servers: [{ url: 'https://api.example.com/v1' }] }),
      contractOf({ getPet: getPet() }, { servers: [{ url: 'https://api.example.com/v2' }] }),
    ],
    openapi: [
      documentOf(
        '3.0.3',
        { '/pets/{petId}': { get: getPetObject() } },
        { components: schemas, servers: [{ url: 'https://api.example.com/v1/' }] },
      ),
      documentOf(
        '3.0.3',
        { '/pets/{petId}': { get: getPetObject() } },
        { components: schemas, servers: [{ url: '/v2' }] },
      ),
    ],
    expected: [
      {
        rule: 'base-path-changed',
        level: 'breaking',
        side: 'clients',
        base: '#/servers/0/url',
        head: '#/servers/0/url',
      },
    ],
  },
  {
    name: 'a security requirement added',
    zod: [
      contractOf({ getPet: getPet() }, { securitySchemes: bearer }),
      contractOf({ getPet: getPet() }, { securitySchemes: bearer, security: [{ bearerAuth: [] }] }),
    ],
    openapi: [
      documentOf(
        '3.0.3',
        { '/pets/{petId}': { get: getPetObject() } },
        { components: { ...schemas, securitySchemes: bearer } },
      ),
      documentOf(
        '3.0.3',
        { '/pets/{petId}': { get: getPetObject({ security: [{ bearerAuth: [] }] }) } },
        { components: { ...schemas, securitySchemes: bearer } },
      ),
    ],
    expected: [
      {
        rule: 'security-added',
        level: 'breaking',
        side: 'clients',
        operation: 'GET /pets/{petId}',
        base: pointer('GET /pets/{petId}'),
        head: pointer('GET /pets/{petId}'),
      },
    ],
  },
  {
    name: 'a security scheme swapped for another',
    zod: [
      contractOf(
        { getPet: getPet({ security: [{ bearerAuth: [] }] }) },
        { securitySchemes: { ...bearer, ...apiKey } },
      ),
      contractOf(
        { getPet: getPet({ security: [{ apiKeyAuth: [] }] }) },
        { securitySchemes: { ...bearer, ...apiKey } },
      ),
    ],
    openapi: [
      documentOf(
        '3.1.0',
        { '/pets/{petId}': { get: getPetObject() } },
        {
          components: { ...schemas, securitySchemes: { ...bearer, ...apiKey } },
          security: [{ bearerAuth: [] }],
        },
      ),
      documentOf(
        '3.1.0',
        { '/pets/{petId}': { get: getPetObject() } },
        {
          components: { ...schemas, securitySchemes: { ...bearer, ...apiKey } },
          security: [{ apiKeyAuth: [] }],
        },
      ),
    ],
    expected: [
      {
        rule: 'security-requirement-changed',
        level: 'breaking',
        side: 'clients',
        operation: 'GET /pets/{petId}',
        base: pointer('GET /pets/{petId}'),
        head: pointer('GET /pets/{petId}'),
      },
    ],
  },
  {
    name: 'a security scheme of the same name asking for another credential',
    zod: [
      contractOf(
        { getPet: getPet({ security: [{ auth: [] }] }) },
        { securitySchemes: { auth: bearer.bearerAuth } },
      ),
      contractOf(
        { getPet: getPet({ security: [{ auth: [] }] }) },
        { securitySchemes: { auth: apiKey.apiKeyAuth } },
      ),
    ],
    expected: [
      {
        rule: 'security-requirement-changed',
        level: 'breaking',
        side: 'clients',
        operation: 'GET /pets/{petId}',
        base: pointer('GET /pets/{petId}'),
        head: pointer('GET /pets/{petId}'),
      },
    ],
  },
  {
    name: 'a security requirement removed',
    zod: [
      contractOf({ getPet: getPet() }, { securitySchemes: bearer, security: [{ bearerAuth: [] }] }),
      contractOf({ getPet: getPet() }, { securitySchemes: bearer }),
    ],
    openapi: [
      documentOf(
        '3.0.3',
        { '/pets/{petId}': { get: getPetObject({ security: [{ bearerAuth: [] }] }) } },
        { components: { ...schemas, securitySchemes: bearer } },
      ),
      documentOf(
        '3.0.3',
        { '/pets/{petId}': { get: getPetObject({ security: [] }) } },
        { components: { ...schemas, securitySchemes: bearer }, security: [{ bearerAuth: [] }] },
      ),
    ],
    expected: [
      {
        rule: 'security-removed',
        level: 'compatible',
        operation: 'GET /pets/{petId}',
        base: pointer('GET /pets/{petId}'),
        head: pointer('GET /pets/{petId}'),
      },
    ],
  },
  {
    name: 'a second way in added beside the old one',
    zod: [
      contractOf(
        { getPet: getPet({ security: [{ bearerAuth: [] }] }) },
        { securitySchemes: { ...bearer, ...apiKey } },
      ),
      contractOf(
        { getPet: getPet({ security: [{ bearerAuth: [] }, { apiKeyAuth: [] }] }) },
        { securitySchemes: { ...bearer, ...apiKey } },
      ),
    ],
    expected: [],
  },
]

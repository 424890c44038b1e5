import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  createMockApp,
  derivedOperationId,
  fromOpenAPI,
  fromOpenAPIDocument,
  getOperation,
  isStandinError,
  toOpenAPI,
  type z,
  type Contract,
} from 'standin'
import { FUNCTIONS } from '../../src/openapi/from-openapi/zod-expr.ts'
import { repoRoot } from '../support/temp-dir.ts'

const fixture = (name: string) => join(repoRoot, 'tests/fixtures/openapi', name)

function bodySchema(contract: Contract, operationId: string): z.ZodType {
  const body = getOperation(contract, operationId).route.request?.body as {
    content: Record<string, { schema: z.ZodType }>
  }
  return body.content['application/json']!.schema
}

function responseSchema(contract: Contract, operationId: string, status: string): z.ZodType {
  const responses = getOperation(contract, operationId).route.responses as Record<
    string,
    { content?: Record<string, { schema: z.ZodType }> }
  >
  return Object.values(responses[status]!.content!)[0]!.schema
}

function querySchema(contract: Contract, operationId: string): z.ZodType {
  return getOperation(contract, operationId).route.request!.query as z.ZodType
}

describe('fromOpenAPI on an OpenAPI 3.0 document (YAML file)', async () => {
  const { contract, warnings } = await fromOpenAPI(fixture('pets-3.0.yaml'))

  it('turns every operation into a route keyed by operationId, deriving the missing ones from method and path', () => {
    expect(
      contract.operations.map((op) => `${op.operationId} ${op.method.toUpperCase()} ${op.path}`),
    ).toEqual([
      'listPets GET /pets',
      'postPets POST /pets',
      'getPetsPetId GET /pets/{petId}',
      'getFamilyTree GET /owners/{ownerId}/tree',
    ])
    expect(warnings).toEqual([])
  })

  it('leaves readOnly properties out of request bodies and writeOnly ones out of responses', () => {
    const pet = { id: 7, name: 'Rex', kind: 'dog', secret: 's3cret' }
    expect(bodySchema(contract, 'postPets').parse(pet)).toEqual({
      name: 'Rex',
      kind: 'dog',
      secret: 's3cret',
    })
    expect(responseSchema(contract, 'postPets', '201').parse(pet)).toEqual({
      id: 7,
      name: 'Rex',
      kind: 'dog',
    })
  })

  it('reads 3.0 nullable and boolean exclusive bounds', () => {
    const pet = responseSchema(contract, 'getPetsPetId', '200')
    expect(pet.safeParse({ id: 1, name: 'Rex', kind: 'cat', nickname: null }).success).toBe(true)
    expect(pet.safeParse({ id: 1, name: 'Rex', kind: 'cat', weight: 200 }).success).toBe(false)
    expect(pet.safeParse({ id: 1, name: 'Rex', kind: 'cat', weight: 199.5 }).success).toBe(true)
    expect(pet.safeParse({ id: 1, name: 'Rex', kind: 'cat', weight: 3.25 }).success).toBe(false)
    const params = getOperation(contract, 'getPetsPetId').route.request!.params as z.ZodType
    expect(params.safeParse({ petId: '0' }).success).toBe(false)
    expect(params.parse({ petId: '12' })).toEqual({ petId: 12 })
  })

  it('checks formats and additionalProperties: false', () => {
    const pet = responseSchema(contract, 'getPetsPetId', '200')
    const base = { id: 1, name: 'Rex', kind: 'cat' }
    expect(pet.safeParse({ ...base, owner: { email: 'ann@example.com' } }).success).toBe(true)
    expect(pet.safeParse({ ...base, owner: { email: 'not an email' } }).success).toBe(false)
    expect(pet.safeParse({ ...base, owner: { email: 'ann@example.com', extra: 1 } }).success).toBe(
      false,
    )
    expect(pet.safeParse({ ...base, birthday: '2024-02-30x' }).success).toBe(false)
  })

  it('merges path-item and operation parameters, with query defaults and header and cookie parameters', () => {
    const route = getOperation(contract, 'listPets').route
    expect(Object.keys((route.request!.headers as z.ZodObject).shape)).toEqual(['X-Request-Id'])
    expect(Object.keys((route.request!.cookies as z.ZodObject).shape)).toEqual(['session'])
    expect(querySchema(contract, 'listPets').parse({})).toEqual({ limit: 20 })
    expect(querySchema(contract, 'listPets').safeParse({ limit: '101' }).success).toBe(false)
  })

  it('keeps array styles and deepObject in the OpenAPI output', () => {
    const parameters = toOpenAPI(contract).paths['/pets']!.get!.parameters!
    expect(
      parameters.map((p) => [p.name, p.in, p.required, (p as { style?: string }).style ?? null]),
    ).toEqual([
      ['limit', 'query', false, null],
      ['tags', 'query', false, 'form'],
      ['filter', 'query', false, 'deepObject'],
      ['X-Request-Id', 'header', false, null],
      ['session', 'cookie', false, null],
    ])
  })

  it('resolves recursive schemas lazily', () => {
    const tree = responseSchema(contract, 'getFamilyTree', '200')
    const pet = { id: 1, name: 'Rex', kind: 'dog' }
    expect(tree.safeParse({ pet, parents: [{ pet, parents: [{ pet }] }] }).success).toBe(true)
    expect(tree.safeParse({ pet, parents: [{ pet, parents: [{}] }] }).success).toBe(false)
  })

  it('converts every kind of security scheme and the per-operation requirements', () => {
    expect(
      Object.fromEntries(
        Object.entries(contract.securitySchemes!).map(([name, scheme]) => [name, scheme.type]),
      ),
    ).toEqual({
      bearer: 'http',
      basic: 'http',
      apiKeyHeader: 'apiKey',
      apiKeyQuery: 'apiKey',
      apiKeyCookie: 'apiKey',
      oauth: 'oauth2',
      oidc: 'openIdConnect',
    })
    expect(getOperation(contract, 'listPets').security).toEqual([{ bearer: [] }])
    expect(getOperation(contract, 'getPetsPetId').security).toEqual([])
    expect(getOperation(contract, 'getFamilyTree').security).toHaveLength(5)
  })

  it('emits named component schemas as $refs, with a separate input variant where readOnly fields differ', () => {
    const document = toOpenAPI(contract)
    expect(Object.keys(document.components!.schemas!).sort()).toEqual([
      'Owner',
      'Pet',
      'PetInput',
      'TreeNode',
    ])
    expect(document.paths['/pets']!.post!.requestBody).toEqual({
      required: true,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/PetInput' } } },
    })
  })
})

describe('fromOpenAPI on an OpenAPI 3.1 document', async () => {
  const { contract, warnings } = await fromOpenAPI(fixture('shapes-3.1.json'))

  it('reads type arrays, const, numeric exclusive bounds, prefixItems and allOf', () => {
    const shape = responseSchema(contract, 'getShape', '200')
    expect(shape.safeParse({ kind: 'circle', radius: 2, label: null }).success).toBe(true)
    expect(shape.safeParse({ kind: 'circle', radius: 0 }).success).toBe(false)
    expect(shape.safeParse({ kind: 'square', side: 3 }).success).toBe(true)
    expect(shape.safeParse({ kind: 'triangle', side: 3 }).success).toBe(false)
    const drawing = bodySchema(contract, 'postDrawings')
    expect(
      drawing.safeParse({ shapes: [{ kind: 'square', side: 1 }], origin: [0, 1] }).success,
    ).toBe(true)
    expect(
      drawing.safeParse({ shapes: [{ kind: 'square', side: 1 }], origin: [0, 1, 2] }).success,
    ).toBe(false)
    expect(drawing.safeParse({ shapes: [] }).success).toBe(false)
  })

  it('keeps the discriminator and its mapping, and extends the allOf base', () => {
    const schemas = toOpenAPI(contract).components!.schemas!
    expect(schemas.Shape).toMatchObject({
      discriminator: { propertyName: 'kind', mapping: { circle: '#/components/schemas/Circle' } },
    })
    expect((schemas.Circle as { allOf: unknown[] }).allOf[0]).toEqual({
      $ref: '#/components/schemas/Base',
    })
  })

  it('checks uniqueItems too, so nothing is reported', () => {
    const drawing = bodySchema(contract, 'postDrawings')
    expect(
      drawing.safeParse({ shapes: [{ kind: 'square', side: 1 }], tags: ['a', 'b'] }).success,
    ).toBe(true)
    expect(
      drawing.safeParse({ shapes: [{ kind: 'square', side: 1 }], tags: ['a', 'a'] }).error?.issues,
    ).toMatchObject([{ path: ['tags'], message: 'Items must be unique' }])
    expect(warnings).toEqual([])
  })
})

describe('fromOpenAPI inputs', () => {
  it('converts Swagger 2.0 on the way in', async () => {
    const { contract } = await fromOpenAPI(fixture('petstore-2.0.yaml'))
    expect(contract.servers).toEqual([{ url: 'https://pets.example.com/v1' }])
    expect(querySchema(contract, 'listPets').safeParse({ limit: '51' }).success).toBe(false)
  })

  it('follows relative refs into other files, recursive ones included', async () => {
    const { contract, warnings } = await fromOpenAPI(fixture('split/openapi.yaml'))
    const folder = responseSchema(contract, 'getFolder', '200')
    expect(
      folder.safeParse({ name: 'a', children: [{ name: 'b', files: [{ name: 'f', size: 1 }] }] })
        .success,
    ).toBe(true)
    expect(
      folder.safeParse({ name: 'a', children: [{ name: 'b', files: [{ name: 'f', size: -1 }] }] })
        .success,
    ).toBe(false)
    expect(warnings).toEqual([])
  })

  it('reads an http URL', async () => {
    const { createServer } = await import('node:http')
    const { readFileSync } = await import('node:fs')
    const server = createServer((_req, res) => res.end(readFileSync(fixture('shapes-3.1.json'))))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as { port: number }
    try {
      const { contract } = await fromOpenAPI(`http://127.0.0.1:${port}/openapi.json`)
      expect(contract.info.title).toBe('Shapes')
    } finally {
      server.close()
    }
  })

  it('takes an object already in memory, synchronously', () => {
    const { contract } = fromOpenAPIDocument({
      openapi: '3.1.0',
      info: { title: 'Tiny', version: '1' },
      paths: { '/ping': { get: { responses: { '204': { description: 'Pong.' } } } } },
    })
    expect(contract.operations.map((op) => op.operationId)).toEqual(['getPing'])
  })

  it('refuses a document that is not OpenAPI with one SPEC_INVALID line', async () => {
    const error = await fromOpenAPI(fixture('not-openapi.yaml'), { cwd: repoRoot }).catch(
      (caught: unknown) => caught,
    )
    expect(isStandinError(error) && error.code).toBe('SPEC_INVALID')
    expect((error as Error).message).toBe(
      'tests/fixtures/openapi/not-openapi.yaml is not an OpenAPI 3.x or Swagger 2.0 document: it has no "openapi" or "swagger" field.',
    )
  })

  it('derives stable operationIds from method and path', () => {
    expect(derivedOperationId('get', '/pets/{petId}')).toBe('getPetsPetId')
    expect(derivedOperationId('delete', '/')).toBe('deleteRoot')
    expect(derivedOperationId('post', '/v2/users.json')).toBe('postV2UsersJson')
  })

  it('with lazy, converts body and response schemas on first use, to the same result', async () => {
    const eager = await fromOpenAPI(fixture('pets-3.0.yaml'))
    const lazy = await fromOpenAPI(fixture('pets-3.0.yaml'), { lazy: true })
    expect(toOpenAPI(lazy.contract)).toEqual(toOpenAPI(eager.contract))
  })
})

describe('fromOpenAPI on oneOf and uniqueItems', () => {
  const named = (name: string) => ({ $ref: `#/components/schemas/${name}` })
  const pet = (kind: string, extra: Record<string, unknown>) => ({
    type: 'object',
    required: ['kind', 'name'],
    properties: { kind: { type: 'string', enum: [kind] }, name: { type: 'string' }, ...extra },
  })
  const document = {
    openapi: '3.0.3',
    info: { title: 'Zoo', version: '1' },
    paths: {
      '/pets': {
        post: {
          operationId: 'addPet',
          requestBody: {
            required: true,
            content: { 'application/json': { schema: named('Pet') } },
          },
          responses: {
            '201': {
              description: 'Added.',
              content: { 'application/json': { schema: named('Pet') } },
            },
          },
        },
      },
      '/tree': {
        get: {
          operationId: 'getTree',
          responses: {
            '200': {
              description: 'A tree.',
              content: { 'application/json': { schema: named('Node') } },
            },
          },
        },
      },
      '/top': {
        get: {
          operationId: 'getTop',
          responses: {
            '200': {
              description: 'Top item.',
              content: { 'application/json': { schema: named('ArtistOrTrack') } },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        Cat: pet('cat', { indoor: { type: 'boolean' } }),
        Dog: pet('dog', { tags: { type: 'array', items: { type: 'string' }, uniqueItems: true } }),
        Pet: { oneOf: [named('Cat'), named('Dog')], discriminator: { propertyName: 'kind' } },
        Leaf: { type: 'object', required: ['kind'], properties: { kind: { const: 'leaf' } } },
        Branch: {
          type: 'object',
          required: ['kind'],
          properties: {
            kind: { const: 'branch' },
            children: { type: 'array', items: named('Node') },
          },
        },
        Node: { oneOf: [named('Leaf'), named('Branch')], discriminator: { propertyName: 'kind' } },
        Artist: {
          type: 'object',
          properties: { type: { type: 'string', enum: ['artist'] }, name: { type: 'string' } },
        },
        Track: {
          type: 'object',
          properties: { type: { type: 'string', enum: ['track'] }, name: { type: 'string' } },
        },
        ArtistOrTrack: { oneOf: [named('Artist'), named('Track')] },
      },
    },
  }
  const { contract, warnings } = fromOpenAPIDocument(document)
  const schemas = toOpenAPI(contract).components!.schemas!

  it('makes a oneOf whose members each fix the discriminator a discriminated union, and writes it back as it was', () => {
    const schema = bodySchema(contract, 'addPet')
    expect(schema.safeParse({ kind: 'dog', name: 'Rex' }).success).toBe(true)
    expect(schema.safeParse({ kind: 'fox', name: 'Rex' }).error?.issues[0]?.message).toBe(
      `Invalid discriminator value. Expected 'cat' | 'dog'`,
    )
    expect(schemas.Pet).toEqual({
      oneOf: [named('Cat'), named('Dog')],
      discriminator: { propertyName: 'kind' },
    })
    expect(warnings).toEqual([])
  })

  it('keeps a union where a member refers back to it, still written as oneOf with its discriminator', () => {
    const tree = responseSchema(contract, 'getTree', '200')
    expect(tree.safeParse({ kind: 'branch', children: [{ kind: 'leaf' }] }).success).toBe(true)
    expect(schemas.Node).toEqual({
      oneOf: [named('Leaf'), named('Branch')],
      discriminator: { propertyName: 'kind' },
    })
  })

  it('writes a oneOf without a discriminator as oneOf, accepts what several members take, and mocks what only one does', async () => {
    expect(schemas.ArtistOrTrack).toEqual({ oneOf: [named('Artist'), named('Track')] })
    expect(responseSchema(contract, 'getTop', '200').safeParse({ name: 'Both' }).success).toBe(true)
    const app = createMockApp(contract, { docs: false })
    const bodies = await Promise.all(
      [1, 2, 3, 4, 5, 6].map(async (seed) =>
        (await app.request('/top', { headers: { prefer: `seed=${seed}` } })).json(),
      ),
    )
    expect(bodies.map((body) => (body as { type?: string }).type)).not.toContain(undefined)
  })

  it('answers a request that repeats an item of a uniqueItems list with a 400 naming the list', async () => {
    const app = createMockApp(contract, { docs: false })
    const response = await app.request('/pets', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'dog', name: 'Rex', tags: ['good', 'good'] }),
    })
    expect(response.status).toBe(400)
    expect(((await response.json()) as { errors: unknown[] }).errors).toEqual([
      { location: 'body', path: 'tags', message: 'Items must be unique' },
    ])
  })

  it('prints the uniqueness check as the same code it runs', () => {
    const printed = new Function(`return ${FUNCTIONS.distinctItems.source}`)() as (
      items: unknown[],
    ) => boolean
    for (const items of [
      [],
      ['a', 'b'],
      ['a', 'a'],
      [{ a: 1 }, { a: 1 }],
      [{ a: 1 }, { a: 2 }],
      [1, '1'],
    ]) {
      expect(printed(items)).toBe(FUNCTIONS.distinctItems.run(items))
    }
  })
})

import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { fromOpenAPI } from 'standin'
import { createMockApp } from '../../src/mock/index.ts'
import { formValues } from '../../src/operation/form-fields.ts'
import {
  decodeQueryObjects,
  encodeQueryObject,
  queryObjects,
} from '../../src/operation/query-objects.ts'
import { decodeStyled, encodeStyled, styledParams } from '../../src/operation/styled-params.ts'
import { encodeBody } from '../../src/verify/encode-body.ts'
import { verify } from '../../src/verify/index.ts'

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
const filter = {
  type: 'object',
  properties: {
    kind: { type: 'string', enum: ['cat', 'dog'] },
    ids: { type: 'array', items: { type: 'integer' } },
  },
  required: ['kind'],
}
const pet = {
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1 },
    age: { type: 'integer', minimum: 0 },
    indoor: { type: 'boolean' },
    tags: { type: 'array', items: { type: 'string' } },
  },
  required: ['name', 'age', 'indoor'],
}

const document = {
  openapi: '3.0.3',
  info: { title: 'Pets', version: '1.0.0' },
  paths: {
    '/deep': {
      get: {
        operationId: 'listDeep',
        parameters: [
          {
            name: 'filter',
            in: 'query',
            required: true,
            style: 'deepObject',
            explode: true,
            schema: filter,
          },
        ],
        responses: ok,
      },
    },
    '/exploded': {
      get: {
        operationId: 'listExploded',
        parameters: [{ name: 'filter', in: 'query', required: true, schema: filter }],
        responses: ok,
      },
    },
    '/flat': {
      get: {
        operationId: 'listFlat',
        parameters: [
          { name: 'filter', in: 'query', required: true, explode: false, schema: filter },
        ],
        responses: ok,
      },
    },
    '/form': {
      post: {
        operationId: 'postForm',
        requestBody: {
          required: true,
          content: { 'application/x-www-form-urlencoded': { schema: pet } },
        },
        responses: ok,
      },
    },
    '/multipart': {
      post: {
        operationId: 'postMultipart',
        requestBody: { required: true, content: { 'multipart/form-data': { schema: pet } } },
        responses: ok,
      },
    },
    '/text': {
      post: {
        operationId: 'postText',
        requestBody: {
          required: true,
          content: { 'text/plain': { schema: { type: 'string', minLength: 1 } } },
        },
        responses: ok,
      },
    },
    '/vendor': {
      post: {
        operationId: 'postVendor',
        requestBody: { required: true, content: { 'application/vnd.pets+json': { schema: pet } } },
        responses: ok,
      },
    },
    '/styled/{ids}': {
      get: {
        operationId: 'getStyled',
        parameters: [
          {
            name: 'ids',
            in: 'path',
            required: true,
            style: 'matrix',
            explode: true,
            schema: { type: 'array', minItems: 1, items: { type: 'integer' } },
          },
          {
            name: 'X-Point',
            in: 'header',
            required: true,
            explode: true,
            schema: { type: 'object', properties: { x: { type: 'integer' } }, required: ['x'] },
          },
          {
            name: 'prefs',
            in: 'cookie',
            required: true,
            schema: {
              type: 'object',
              properties: { theme: { type: 'string', enum: ['dark', 'light'] } },
              required: ['theme'],
            },
          },
        ],
        responses: ok,
      },
    },
    '/report': {
      get: {
        operationId: 'getReport',
        responses: {
          '200': {
            description: 'A CSV report.',
            content: { 'text/csv': { schema: { type: 'string' } } },
          },
        },
      },
    },
  },
}

describe('object query parameters by their OpenAPI style', () => {
  const query = z.object({
    filter: z
      .object({ kind: z.string(), ids: z.array(z.string()).optional() })
      .openapi({ param: { style: 'deepObject', explode: true } }),
    page: z.string().optional(),
  })

  it('reads the style and the array fields of each object parameter', () => {
    expect(queryObjects(query)).toEqual(
      new Map([
        [
          'filter',
          {
            style: 'deepObject',
            explode: true,
            fields: ['kind', 'ids'],
            arrayFields: new Set(['ids']),
          },
        ],
      ]),
    )
  })

  it('writes deepObject as name[field]=value, arrays comma-separated', () => {
    const object = queryObjects(query).get('filter')!
    expect(encodeQueryObject('filter', { kind: 'cat', ids: [1, 2] }, object)).toEqual([
      ['filter[kind]', 'cat'],
      ['filter[ids]', '1,2'],
    ])
  })

  it('writes exploded form as one pair per field and non-exploded form as name=field,value,…', () => {
    const fields = ['kind', 'ids']
    const arrayFields = new Set<string>()
    expect(
      encodeQueryObject(
        'filter',
        { kind: 'cat' },
        { style: 'form', explode: true, fields, arrayFields },
      ),
    ).toEqual([['kind', 'cat']])
    expect(
      encodeQueryObject(
        'filter',
        { kind: 'cat', size: 2 },
        { style: 'form', explode: false, fields, arrayFields },
      ),
    ).toEqual([['filter', 'kind,cat,size,2']])
    expect(
      encodeQueryObject(
        'filter',
        { kind: 'cat', size: 2 },
        { style: 'pipeDelimited', explode: false, fields, arrayFields },
      ),
    ).toEqual([['filter', 'kind|cat|size|2']])
  })

  it('reads them back into the object, leaving the other parameters alone', () => {
    const objects = queryObjects(query)
    expect(
      decodeQueryObjects({ 'filter[kind]': 'cat', 'filter[ids]': '1,2', page: '3' }, objects),
    ).toEqual({ page: '3', filter: { kind: 'cat', ids: ['1', '2'] } })
    const exploded = new Map([
      [
        'filter',
        { style: 'form' as const, explode: true, fields: ['kind'], arrayFields: new Set<string>() },
      ],
    ])
    expect(decodeQueryObjects({ kind: 'cat', page: '3' }, exploded)).toEqual({
      page: '3',
      filter: { kind: 'cat' },
    })
    const flat = new Map([
      [
        'filter',
        {
          style: 'form' as const,
          explode: false,
          fields: ['kind'],
          arrayFields: new Set<string>(),
        },
      ],
    ])
    expect(decodeQueryObjects({ filter: 'kind,cat' }, flat)).toEqual({ filter: { kind: 'cat' } })
  })
})

describe('array and object parameters in the path, headers and cookies', () => {
  it('takes the style from the parameter, defaulting to simple (form for cookies)', () => {
    const params = z.object({
      ids: z.array(z.string()).openapi({ param: { style: 'label', explode: true } }),
      point: z.object({ x: z.string() }),
      id: z.string(),
    })
    expect(styledParams(params, 'path')).toEqual(
      new Map([
        ['ids', { kind: 'array', style: 'label', explode: true }],
        ['point', { kind: 'object', style: 'simple', explode: false }],
      ]),
    )
    expect(styledParams(params, 'cookie').get('point')).toEqual({
      kind: 'object',
      style: 'form',
      explode: true,
    })
  })

  it.each([
    ['simple', false, 'a,b', 'x,1,y,2'],
    ['simple', true, 'a,b', 'x=1,y=2'],
    ['label', false, '.a,b', '.x,1,y,2'],
    ['label', true, '.a.b', '.x=1.y=2'],
    ['matrix', false, ';p=a,b', ';p=x,1,y,2'],
    ['matrix', true, ';p=a;p=b', ';x=1;y=2'],
    ['form', true, 'a,b', 'x,1,y,2'],
  ] as const)(
    'writes and reads style %s (explode %s) as %s and %s',
    (style, explode, arrayText, objectText) => {
      const array = { kind: 'array', style, explode } as const
      const object = { kind: 'object', style, explode } as const
      expect(encodeStyled('p', ['a', 'b'], array)).toBe(arrayText)
      expect(encodeStyled('p', { x: 1, y: 2 }, object)).toBe(objectText)
      expect(decodeStyled('p', arrayText, array)).toEqual(['a', 'b'])
      expect(decodeStyled('p', objectText, object)).toEqual({ x: '1', y: '2' })
    },
  )
})

describe('request bodies in their documented media type', () => {
  it('encodes form fields, repeating array fields and sending nested objects as JSON text', () => {
    expect(
      encodeBody(
        { name: 'Rex', tags: ['a', 'b'], owner: { id: 1 }, gone: null },
        'application/x-www-form-urlencoded',
      ),
    ).toEqual({
      contentType: 'application/x-www-form-urlencoded',
      text: 'name=Rex&tags=a&tags=b&owner=%7B%22id%22%3A1%7D',
    })
  })

  it('encodes multipart/form-data with a fixed boundary', () => {
    expect(encodeBody({ name: 'Rex', age: 3 }, 'multipart/form-data')).toEqual({
      contentType: 'multipart/form-data; boundary=standin-verify-boundary',
      text:
        '--standin-verify-boundary\r\nContent-Disposition: form-data; name="name"\r\n\r\nRex\r\n' +
        '--standin-verify-boundary\r\nContent-Disposition: form-data; name="age"\r\n\r\n3\r\n--standin-verify-boundary--\r\n',
    })
  })

  it('sends text as it is, JSON variants as JSON, and wildcards as application/json', () => {
    expect(encodeBody('hello', 'text/plain')).toEqual({ contentType: 'text/plain', text: 'hello' })
    expect(encodeBody({ a: 1 }, 'application/vnd.pets+json')).toEqual({
      contentType: 'application/vnd.pets+json',
      text: '{"a":1}',
    })
    expect(encodeBody({ a: 1 }, '*/*')).toEqual({
      contentType: 'application/json',
      text: '{"a":1}',
    })
  })

  it('turns form text into the values the field schemas take', () => {
    const schema = z.object({
      age: z.number(),
      tags: z.array(z.string()),
      admin: z.boolean(),
      owner: z.object({ id: z.number() }),
      name: z.string(),
      level: z.union([z.literal(0), z.literal(10)]),
    })
    expect(
      formValues(
        { age: '3', tags: 'a', admin: 'true', owner: '{"id":1}', name: '007', level: '10' },
        schema,
        'multipart/form-data',
      ),
    ).toEqual({ age: 3, tags: ['a'], admin: true, owner: { id: 1 }, name: '007', level: 10 })
    expect(formValues({ age: 'three' }, schema, 'application/x-www-form-urlencoded')).toEqual({
      age: 'three',
    })
    expect(formValues({ age: '3' }, schema, 'application/json')).toEqual({ age: '3' })
  })
})

describe('verify against the mock of a document with styled parameters, forms, text and CSV', () => {
  it('gets a 2xx for every valid request it sends', async () => {
    const { contract } = await fromOpenAPI(document)
    const app = createMockApp(contract, { docs: false })
    const report = await verify(contract, {
      target: (request: Request) => app.fetch(request),
      examples: 2,
      seed: 7,
      timeoutMs: 5000,
    })
    const statuses = report.operations.map((operation) => [
      operation.operationId,
      operation.cases
        .filter((c) => c.kind === 'example' || c.kind === 'valid')
        .map((c) => c.response?.status),
    ])
    expect(statuses).toEqual([
      ['listDeep', [200, 200]],
      ['listExploded', [200, 200]],
      ['listFlat', [200, 200]],
      ['postForm', [200, 200]],
      ['postMultipart', [200, 200]],
      ['postText', [200, 200]],
      ['postVendor', [200, 200]],
      ['getStyled', [200, 200]],
      ['getReport', [200]],
    ])
  })
})

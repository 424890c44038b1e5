import { describe, expect, it } from 'vitest'
import { differencesBetween, isReported } from './support/equivalence.ts'

type Json = Record<string, unknown>

/** A one-operation document whose 200 response body is `schema`, with `schemas` as components. */
function documentWith(schema: Json, schemas: Json = {}, openapi = '3.1.0'): Json {
  return {
    openapi,
    info: { title: 't', version: '1' },
    paths: {
      '/pets': {
        get: {
          operationId: 'listPets',
          responses: { '200': { description: 'ok', content: { 'application/json': { schema } } } },
        },
      },
    },
    components: { schemas },
  }
}

const pet = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'integer' }, name: { type: 'string', maxLength: 20 } },
}

describe('differencesBetween (the round-trip comparison of OpenAPI documents)', () => {
  it('finds none between a document and itself', () => {
    const document = documentWith(
      { type: 'array', items: { $ref: '#/components/schemas/Pet' } },
      { Pet: pet },
    )
    expect(differencesBetween(document, structuredClone(document))).toEqual([])
  })

  it('ignores $ref names and whether a schema is named or inline', () => {
    const named = documentWith(
      { type: 'array', items: { $ref: '#/components/schemas/Pet' } },
      { Pet: pet },
    )
    const renamed = documentWith(
      { type: 'array', items: { $ref: '#/components/schemas/Animal' } },
      { Animal: pet },
    )
    const inline = documentWith({ type: 'array', items: pet })
    expect(differencesBetween(named, renamed)).toEqual([])
    expect(differencesBetween(named, inline)).toEqual([])
  })

  it('reads 3.0 nullable and boolean exclusive bounds as 3.1 says them', () => {
    const v30 = documentWith(
      { type: 'number', nullable: true, minimum: 0, exclusiveMinimum: true },
      {},
      '3.0.3',
    )
    const v31 = documentWith({ type: ['number', 'null'], exclusiveMinimum: 0 })
    expect(differencesBetween(v30, v31)).toEqual([])
  })

  it('sees an object split over allOf as the same object', () => {
    const split = documentWith(
      {
        allOf: [
          { $ref: '#/components/schemas/Base' },
          { type: 'object', properties: { name: { type: 'string', maxLength: 20 } } },
        ],
      },
      {
        Base: { type: 'object', required: ['id'], properties: { id: { type: 'integer' } } },
      },
    )
    expect(differencesBetween(split, documentWith(pet))).toEqual([])
  })

  it('reports a changed constraint where the input says it, with both values', () => {
    const changed = documentWith({
      type: 'array',
      items: { ...pet, properties: { ...pet.properties, name: { type: 'string', maxLength: 30 } } },
    })
    const input = documentWith(
      { type: 'array', items: { $ref: '#/components/schemas/Pet' } },
      { Pet: pet },
    )
    expect(differencesBetween(input, changed)).toEqual([
      {
        pointer: '#/components/schemas/Pet/properties/name',
        keyword: 'maxLength',
        input: 20,
        output: 30,
      },
    ])
  })

  it('reports a lost property, a lost response and a lost description', () => {
    const input = documentWith({ ...pet, description: 'A pet.' })
    const output = documentWith({
      type: 'object',
      required: ['id'],
      properties: { id: { type: 'integer' } },
    })
    const paths = output.paths as { '/pets': { get: { responses: Json } } }
    paths['/pets'].get.responses['404'] = { description: 'missing' }
    expect(differencesBetween(input, output)).toEqual([
      {
        pointer: '#/paths/~1pets/get/responses/200/content/application~1json/schema',
        keyword: 'description',
        input: 'A pet.',
        output: undefined,
      },
      {
        pointer: '#/paths/~1pets/get/responses/200/content/application~1json/schema',
        keyword: 'properties/name',
        input: 'a property',
        output: 'nothing',
      },
      {
        pointer: '#/paths/~1pets/get/responses',
        keyword: '404',
        input: 'nothing',
        output: 'a response',
      },
    ])
  })

  it('counts a difference as reported only when a warning points at it or at what holds it', () => {
    const difference = {
      pointer: '#/components/schemas/Pet',
      keyword: 'not',
      input: 'a schema',
      output: 'absent',
    }
    expect(isReported(difference, [{ pointer: '#/components/schemas/Pet/not' }])).toBe(true)
    expect(isReported(difference, [{ pointer: '#/components/schemas/Pet' }])).toBe(true)
    expect(isReported(difference, [{ pointer: '#/components/schemas/Owner/not' }])).toBe(false)
    expect(
      isReported(difference, [{ pointer: '#/components/schemas/Pet/properties/name/not' }]),
    ).toBe(false)
  })
})

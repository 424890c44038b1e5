import { describe, expect, it } from 'vitest'
import { exampleOf, inspectSchema, z } from 'standin'
import { Category } from '../../contracts/categories.ts'
import { Order } from '../../contracts/orders.ts'
import { PaymentMethod } from '../../contracts/payments.ts'

describe('inspectSchema', () => {
  it('unwraps optional, nullable and default and reports them as flags', () => {
    expect(inspectSchema(z.email().min(5).max(80).nullable().optional())).toEqual({
      kind: 'string',
      format: 'email',
      minLength: 5,
      maxLength: 80,
      optional: true,
      nullable: true,
    })
    expect(inspectSchema(z.coerce.number().int().min(1).max(100).default(20))).toEqual({
      kind: 'number',
      integer: true,
      minimum: 1,
      maximum: 100,
      optional: true,
      nullable: false,
    })
  })

  it('reports string patterns, number bounds and array lengths', () => {
    expect(inspectSchema(z.string().regex(/^[A-Z]{3}-\d{6}$/))).toEqual({
      kind: 'string',
      pattern: '^[A-Z]{3}-\\d{6}$',
      optional: false,
      nullable: false,
    })
    expect(inspectSchema(z.number().gt(0).lt(1).multipleOf(0.01))).toEqual({
      kind: 'number',
      integer: false,
      exclusiveMinimum: 0,
      exclusiveMaximum: 1,
      multipleOf: 0.01,
      optional: false,
      nullable: false,
    })
    const element = z.string()
    expect(inspectSchema(z.array(element).min(1).max(3).readonly())).toEqual({
      kind: 'array',
      element,
      minItems: 1,
      maxItems: 3,
      optional: false,
      nullable: false,
    })
  })

  it('looks through lazy, brand, pipes and .nonoptional()', () => {
    expect(inspectSchema(z.lazy(() => z.boolean()))).toEqual({
      kind: 'boolean',
      optional: false,
      nullable: false,
    })
    expect(inspectSchema(z.uuid().brand<'Id'>())).toMatchObject({ kind: 'string', format: 'uuid' })
    expect(inspectSchema(z.string().transform(Number))).toMatchObject({ kind: 'string' })
    expect(inspectSchema(z.preprocess((v) => v, z.int()))).toMatchObject({
      kind: 'number',
      integer: true,
    })
    expect(inspectSchema(z.string().optional().nonoptional())).toMatchObject({
      kind: 'string',
      optional: false,
    })
  })

  it('gives objects their shape, also for an intersection of objects', () => {
    expect(Object.keys((inspectSchema(Category) as { shape: object }).shape)).toEqual([
      'id',
      'name',
      'slug',
      'children',
    ])
    const shippingAddress = (inspectSchema(Order) as { shape: Record<string, z.ZodType> }).shape
      .shippingAddress as z.ZodType
    expect(Object.keys((inspectSchema(shippingAddress) as { shape: object }).shape)).toEqual([
      'name',
      'line1',
      'line2',
      'city',
      'postalCode',
      'countryCode',
    ])
  })

  it('lists enum and literal values, union branches and record parts', () => {
    expect(inspectSchema(z.enum(['a', 'b']))).toEqual({
      kind: 'enum',
      values: ['a', 'b'],
      optional: false,
      nullable: false,
    })
    expect(inspectSchema(z.literal([1, 2]))).toEqual({
      kind: 'literal',
      values: [1, 2],
      optional: false,
      nullable: false,
    })
    expect(inspectSchema(PaymentMethod)).toMatchObject({
      kind: 'union',
      discriminator: 'type',
      options: expect.any(Array),
    })
    expect(inspectSchema(z.record(z.string(), z.int()))).toMatchObject({
      kind: 'record',
      keySchema: expect.anything(),
      valueSchema: expect.anything(),
    })
    expect(inspectSchema(z.date())).toEqual({
      kind: 'other',
      zodKind: 'date',
      optional: false,
      nullable: false,
    })
  })
})

describe('exampleOf', () => {
  it('returns the .openapi() example, also through optional and default', () => {
    expect(exampleOf(z.string().openapi({ example: 'EUR' }))).toEqual({ value: 'EUR' })
    expect(exampleOf(z.string().openapi({ example: 'EUR' }).optional())).toEqual({ value: 'EUR' })
    expect(exampleOf(z.int().default(3).openapi({ example: 7 }))).toEqual({ value: 7 })
  })

  it('returns the first of zod .meta() examples', () => {
    expect(exampleOf(z.string().meta({ examples: ['a', 'b'] }))).toEqual({ value: 'a' })
  })

  it('tells "no example" from an example of null', () => {
    expect(exampleOf(z.string())).toBeUndefined()
    expect(exampleOf(z.string().nullable().openapi({ example: null }))).toEqual({ value: null })
  })
})

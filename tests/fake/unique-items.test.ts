import { describe, expect, it } from 'vitest'
import { fake, fakeInvalid, z } from 'standin'
import { standinErrorOf } from '../support/standin-error.ts'

const seeds = Array.from({ length: 200 }, (_, seed) => seed)
const distinct = (items: unknown[]): boolean =>
  new Set(items.map((item) => JSON.stringify(item))).size === items.length

const Colors = z
  .array(z.enum(['red', 'green', 'blue', 'cyan', 'magenta']))
  .min(3)
  .max(5)
const UniqueColors = Colors.openapi({ uniqueItems: true })

describe('uniqueItems', () => {
  it('never repeats an item, where the same list without it does', () => {
    expect(seeds.filter((seed) => !distinct(fake(Colors, { seed }))).length).toBeGreaterThan(50)
    expect(seeds.filter((seed) => !distinct(fake(UniqueColors, { seed })))).toEqual([])
  })

  it('keeps the list a seed gives when that list repeats nothing', () => {
    const plain = seeds.filter((seed) => distinct(fake(Colors, { seed })))
    expect(
      plain.filter(
        (seed) =>
          JSON.stringify(fake(UniqueColors, { seed })) !== JSON.stringify(fake(Colors, { seed })),
      ),
    ).toEqual([])
  })

  it('compares items as JSON, objects included', () => {
    const Pairs = z
      .array(z.object({ size: z.enum(['S', 'M']), fit: z.enum(['slim', 'wide']) }))
      .min(4)
      .max(4)
      .meta({ uniqueItems: true })
    for (const seed of seeds.slice(0, 50)) expect(distinct(fake(Pairs, { seed }))).toBe(true)
  })

  it('ends the list early when no new item exists and minItems allows it', () => {
    const Flags = z.array(z.boolean()).min(1).max(6).openapi({ uniqueItems: true })
    expect(new Set(seeds.map((seed) => fake(Flags, { seed }).length))).toEqual(new Set([1, 2]))
  })

  it('fails with FAKE_REFINE_EXHAUSTED naming the list when minItems asks for more items than exist', () => {
    const schema = z.object({
      sizes: z
        .array(z.enum(['S', 'M', 'L']))
        .min(5)
        .openapi({ uniqueItems: true }),
    })
    expect(standinErrorOf(() => fake(schema))).toEqual({
      code: 'FAKE_REFINE_EXHAUSTED',
      message:
        'The list at sizes needs 5 different items (uniqueItems), but after 3 no new one came up in 50 tries. Let the items take more values, or lower minItems.',
    })
  })

  it('offers a repeated item as an invalid value when a refinement checks uniqueness', () => {
    const Tags = z
      .array(z.string())
      .min(2)
      .refine((items) => new Set(items).size === items.length, 'Items must be unique')
      .openapi({ uniqueItems: true })
    const reasons = seeds.slice(0, 40).map((seed) => fakeInvalid(Tags, { seed })?.reason)
    expect(reasons).toContain('an item repeated (uniqueItems)')
  })
})

describe('records without an id, and numeric ids', () => {
  it('gives objects whose optional id is left out values of their own', () => {
    const People = z
      .array(z.object({ id: z.int().optional(), name: z.string(), email: z.email() }))
      .min(20)
      .max(20)
    const anonymous = fake(People, { seed: 3 }).filter((person) => person.id === undefined)
    expect(anonymous.length).toBeGreaterThan(1)
    expect(distinct(anonymous)).toBe(true)
  })

  it('draws an integer id from 1 to 99,999, so a page of records rarely repeats one', () => {
    const ids = seeds.map((seed) => fake(z.object({ id: z.int() }), { seed }).id)
    expect(ids.every((id) => id >= 1 && id <= 99_999)).toBe(true)
    expect(ids.filter((id) => id > 1000).length).toBeGreaterThan(190)
    expect(new Set(ids.slice(0, 20)).size).toBe(20)
  })

  it('leaves a text id as it was', () => {
    expect(typeof fake(z.object({ id: z.string() }), { seed: 1 }).id).toBe('string')
    expect(fake(z.object({ id: z.string() }), { seed: 1 }).id).not.toMatch(/^\d+$/)
  })
})

import { describe, expect, it } from 'vitest'
import { fakeInvalid, z } from 'standin'
import { contractSchemas } from './contract-schemas.ts'
import { corpus } from './corpus.ts'

// z.json() accepts every JSON value, and fakeInvalid only gives JSON values.
const named = [...contractSchemas(), ...corpus.filter((entry) => entry.name !== 'z.json()')]

describe('fakeInvalid', () => {
  it.each(named.map(({ name, schema }) => [name, schema] as const))(
    '%s: every value it gives fails to parse and comes with a reason',
    (_name, schema) => {
      for (let seed = 0; seed < 20; seed++) {
        const invalid = fakeInvalid(schema, { seed })
        expect(invalid).toBeDefined()
        expect(schema.safeParse(invalid?.value).success).toBe(false)
        expect(invalid?.reason).toMatch(/\w/)
      }
    },
  )

  it('breaks an object in several ways across seeds', () => {
    const schema = z.object({
      price: z.number().min(0.01),
      name: z.string().max(5),
      tags: z.array(z.string()).min(1),
    })
    const reasons = new Set(
      Array.from({ length: 40 }, (_, seed) => fakeInvalid(schema, { seed })?.reason),
    )
    expect(reasons).toContain('missing required property "price"')
    expect(reasons).toContain('property "price": below the minimum 0.01')
    expect(reasons).toContain('property "name": longer than 5 characters')
    expect(reasons).toContain('property "tags": fewer than 1 items')
  })

  it('is the same for the same seed', () => {
    const schema = z.object({ email: z.email(), age: z.int().min(18) })
    expect(fakeInvalid(schema, { seed: 3 })).toEqual(fakeInvalid(schema, { seed: 3 }))
  })

  it('is undefined for schemas that accept everything', () => {
    expect(fakeInvalid(z.any())).toBeUndefined()
    expect(fakeInvalid(z.unknown())).toBeUndefined()
    expect(fakeInvalid(z.string().catch('x'))).toBeUndefined()
    expect(fakeInvalid(z.json())).toBeUndefined()
  })
})

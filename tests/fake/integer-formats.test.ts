import { describe, expect, it } from 'vitest'
import { fake, z } from 'standin'
import { SEEDS } from './seeds.ts'

describe('numbers documented with an integer format', () => {
  it('are whole numbers inside the int32 range, even where the type says number', () => {
    const rating = z.object({
      averageUserRating: z.number().min(0).openapi({ format: 'int32' }),
      count: z.int().openapi({ format: 'int32' }),
    })
    const values = Array.from({ length: SEEDS }, (_, seed) => fake(rating, { seed }))
    expect(
      values.every(
        ({ averageUserRating, count }) =>
          Number.isInteger(averageUserRating) &&
          Number.isInteger(count) &&
          count <= 2 ** 31 - 1 &&
          count >= -(2 ** 31),
      ),
    ).toBe(true)
  })
})

import { describe, expect, it } from 'vitest'
import { seedOf } from 'standin'

describe('seedOf', () => {
  it('is a fixed unsigned 32-bit number for the same parts', () => {
    expect(seedOf('getOrder', { orderId: '42' }, 0)).toMatchInlineSnapshot(`431674205`)
    expect(seedOf()).toMatchInlineSnapshot(`3312464927`)
    const seed = seedOf('x')
    expect(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32).toBe(true)
  })

  it('ignores the key order of objects, at any depth', () => {
    expect(seedOf({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(
      seedOf({ b: { d: 'x', c: [1, 2] }, a: 1 }),
    )
  })

  it('tells apart parts that differ only in type or order', () => {
    const seeds = [
      seedOf('42'),
      seedOf(42),
      seedOf('a', 'b'),
      seedOf('b', 'a'),
      seedOf(['a', 'b']),
      seedOf('getOrder', { orderId: '43' }, 0),
    ]
    expect(new Set(seeds).size).toBe(seeds.length)
  })

  it('treats an undefined property like a missing one, as JSON does', () => {
    expect(seedOf({ page: 1, q: undefined })).toBe(seedOf({ page: 1 }))
  })
})

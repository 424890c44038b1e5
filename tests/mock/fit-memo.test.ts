import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { withUncheckedAt } from '../../src/fake/index.ts'
import { fitsAround, fitsObject } from '../../src/mock/fit-memo.ts'

const Product = z.object({ id: z.string().uuid(), name: z.string().max(10) })
const Page = z
  .object({ items: z.array(Product).max(2), total: z.number().int() })
  .refine((page) => page.total >= page.items.length, 'total is below the items listed')
const Wrapped = z.object({ product: Product.nullable(), meta: z.object({ at: z.string() }) })

const stored = { id: '0d9a3f0e-8f2a-4c39-9b53-1f6a2c1f9a10', name: 'Mug' }
// Breaks Product: if the envelope check looked inside the items, it would refuse this.
const unchecked = { id: 'not-a-uuid', name: 'far too long a name' }

describe('checking the envelope around values known to fit', () => {
  it('takes the elements of a list as they are, and keeps the list’s own checks and refinements', () => {
    const envelope = withUncheckedAt(Page, ['items'], 'elements')
    expect(envelope?.safeParse({ items: [unchecked], total: 1 }).success).toBe(true)
    // max(2) of the list, the type of total and the object's refinement still apply.
    expect(envelope?.safeParse({ items: [stored, stored, stored], total: 3 }).success).toBe(false)
    expect(envelope?.safeParse({ items: [stored], total: '1' }).success).toBe(false)
    expect(envelope?.safeParse({ items: [stored, stored], total: 1 }).success).toBe(false)
  })

  it('takes the value at a path through nullable wrappers as it is, and checks its siblings', () => {
    const envelope = withUncheckedAt(Wrapped, ['product'], 'value')
    expect(envelope?.safeParse({ product: unchecked, meta: { at: 'now' } }).success).toBe(true)
    expect(envelope?.safeParse({ product: unchecked, meta: {} }).success).toBe(false)
    // The schema it was made from is left as it was.
    expect(Wrapped.safeParse({ product: unchecked, meta: { at: 'now' } }).success).toBe(false)
  })

  it('cuts no envelope through a union, a missing field or a value that is no list', () => {
    const Either = z.union([z.object({ items: z.array(Product) }), z.string()])
    expect(withUncheckedAt(Either, ['items'], 'elements')).toBeUndefined()
    expect(withUncheckedAt(Page, ['rows'], 'elements')).toBeUndefined()
    expect(withUncheckedAt(Page, ['total'], 'elements')).toBeUndefined()
  })

  it('checks the whole body where the value at the path is not vouched for', () => {
    const known = new Set<unknown>([stored])
    const vouch = (item: unknown) => known.has(item)
    expect(fitsAround(Page, ['items'], 'elements', { items: [stored], total: 1 }, vouch)).toBe(true)
    // Not vouched for, so checked: it breaks Product.
    const broken = { items: [unchecked], total: 1 }
    expect(fitsAround(Page, ['items'], 'elements', broken, vouch)).toBe(false)
    // Vouched for, so only the envelope is checked.
    known.add(unchecked)
    expect(fitsAround(Page, ['items'], 'elements', broken, vouch)).toBe(true)
    expect(fitsAround(Page, ['items'], 'elements', { items: [stored], total: 'x' }, vouch)).toBe(
      false,
    )
    // Where no envelope can be cut, the whole body is checked.
    const Either = z.union([z.object({ items: z.array(Product) }), z.string()])
    expect(fitsAround(Either, ['items'], 'elements', { items: [unchecked] }, vouch)).toBe(false)
  })

  it('remembers an object that fitted, and checks each new object', () => {
    let runs = 0
    const Counted = Product.refine(() => {
      runs += 1
      return true
    })
    const object = { ...stored }
    expect([fitsObject(Counted, object), fitsObject(Counted, object)]).toEqual([true, true])
    expect(runs).toBe(1)
    expect(fitsObject(Counted, { ...stored })).toBe(true)
    expect(runs).toBe(2)
  })
})

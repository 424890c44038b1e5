import { describe, expect, it } from 'vitest'
import { fake, z } from 'standin'

const seeds = Array.from({ length: 100 }, (_, seed) => seed)

// The shape of large API descriptions: a resource embeds others, which are "expandable" (their id,
// or the whole object), and those embed more.
const Address = z.object({
  line1: z.string(),
  city: z.string(),
  note: z.string().optional(),
  tags: z.array(z.string()),
})
const Owner = z.object({
  id: z.string(),
  name: z.string(),
  address: Address,
  nickname: z.string().optional(),
})
const Source = z.object({ id: z.string(), brand: z.string(), owner: z.union([z.string(), Owner]) })
const Customer = z.object({
  id: z.string(),
  email: z.string(),
  source: z.union([z.string(), Source]),
  note: z.string().optional(),
})
const Page = z.object({ data: z.array(Customer).min(1), has_more: z.boolean() })

const levelsOf = (value: unknown): number =>
  Array.isArray(value)
    ? Math.max(0, ...value.map(levelsOf))
    : typeof value === 'object' && value !== null
      ? 1 + Math.max(0, ...Object.values(value).map(levelsOf))
      : 0

describe('fake data deep inside objects thins out', () => {
  it('gives an embedded resource as its id from the second object down', () => {
    for (const seed of seeds) {
      const page = Page.parse(fake(Page, { seed }))
      for (const customer of page.data) expect(typeof customer.source).toBe('string')
    }
  })

  it('still gives either branch at the top, where a response shows its own resource', () => {
    const kinds = new Set(seeds.map((seed) => typeof fake(z.union([z.string(), Source]), { seed })))
    expect(kinds).toEqual(new Set(['string', 'object']))
  })

  it('leaves optional fields out and lists at their fewest from the fourth object down', () => {
    const Deep = z.object({ a: z.object({ b: z.object({ c: z.object({ d: Address }) }) }) })
    for (const seed of seeds) {
      const address = (fake(Deep, { seed }) as { a: { b: { c: { d: z.infer<typeof Address> } } } })
        .a.b.c.d
      expect(address.note).toBeUndefined()
      expect(address.tags).toEqual([])
      expect(Deep.safeParse(fake(Deep, { seed })).success).toBe(true)
    }
  })

  it('keeps what the schema requires, however deep: required fields and minimum lengths', () => {
    const Inner = z.object({ must: z.string(), items: z.array(z.int()).min(2) })
    const Deep = z.object({
      a: z.object({ b: z.object({ c: z.object({ d: z.object({ e: Inner }) }) }) }),
    })
    for (const seed of seeds) {
      const value = fake(Deep, { seed }) as { a: { b: { c: { d: { e: z.infer<typeof Inner> } } } } }
      expect(value.a.b.c.d.e.items).toHaveLength(2)
      expect(levelsOf(value)).toBe(6)
    }
  })

  it('keeps a page of resources that embed resources small', () => {
    const sizes = seeds.map((seed) => JSON.stringify(fake(Page, { seed })).length)
    expect(Math.max(...sizes)).toBeLessThan(2_000)
  })
})

import { faker as english } from '@faker-js/faker/locale/en'
import { describe, expect, it } from 'vitest'
import { fake, REFERENCE_DATE, toOpenAPI, z } from 'standin'
import contract from '../../contracts/index.ts'
import { Customer } from '../../contracts/customers.ts'
import { Order } from '../../contracts/orders.ts'
import { PaymentMethod, PaymentMethodSummary } from '../../contracts/payments.ts'
import { Product } from '../../contracts/products.ts'
import { Review } from '../../contracts/reviews.ts'
import { Category, type CategoryNode } from '../../contracts/categories.ts'
import { SEEDS } from './seeds.ts'

const seeds = Array.from({ length: SEEDS }, (_, seed) => seed)
const many = <T extends z.ZodType>(schema: T): Array<z.input<T>> =>
  seeds.map((seed) => fake(schema, { seed }))
const definitions = english.rawDefinitions as unknown as {
  person: { first_name: Record<string, string[]>; last_name: Record<string, string[]> }
  commerce: { department: string[]; product_name: { product: string[] } }
  color: { human: string[] }
}
const firstNames = new Set(Object.values(definitions.person.first_name).flat())
const lastNames = new Set(Object.values(definitions.person.last_name).flat())
const YEAR = 365 * 86_400_000

describe('realism', () => {
  it('dates are relative to a fixed reference instant, 2026-01-01T00:00:00Z', () => {
    expect(new Date(REFERENCE_DATE).toISOString()).toBe('2026-01-01T00:00:00.000Z')
  })

  it('emails look like emails, also for a plain string property named email', () => {
    const emails = [
      ...many(Customer).map((c) => c.email),
      ...many(z.object({ email: z.string() })).map((o) => o.email),
    ]
    for (const email of emails)
      expect(email).toMatch(/^[a-z0-9._'+-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/)
    expect(new Set(emails).size).toBeGreaterThan(emails.length * 0.9)
  })

  it('prices sit inside their bounds with two decimals', () => {
    const prices = many(Product).map((p) => p.price)
    const tight = many(z.object({ unitPrice: z.number().min(5).max(6) })).map((o) => o.unitPrice)
    for (const price of [...prices, ...tight]) expect(String(price)).toMatch(/^\d+(\.\d{1,2})?$/)
    expect(Math.min(...prices)).toBeGreaterThanOrEqual(0.01)
    expect(Math.max(...prices)).toBeLessThanOrEqual(100_000)
    expect(tight.every((price) => price >= 5 && price <= 6)).toBe(true)
    expect(new Set(prices).size).toBeGreaterThan(SEEDS * 0.9)
  })

  it('createdAt lies in the recent past and updatedAt at or after it', () => {
    for (const record of [...many(Product), ...many(Customer)]) {
      const created = Date.parse(record.createdAt)
      expect(created).toBeLessThan(REFERENCE_DATE)
      expect(created).toBeGreaterThanOrEqual(REFERENCE_DATE - 2 * YEAR)
      expect(Date.parse(record.updatedAt)).toBeGreaterThanOrEqual(created)
    }
  })

  it("an order's timestamps follow its life: placed, paid, shipped, delivered", () => {
    for (const order of many(Order)) {
      const times = [order.placedAt, order.paidAt, order.shippedAt, order.deliveredAt]
        .filter((t) => t !== null)
        .map((t) => Date.parse(t as string))
      expect(times).toEqual([...times].sort((a, b) => a - b))
    }
  })

  it('names are names: first and last names come from the name lists, authors are full names', () => {
    for (const customer of many(Customer)) {
      expect(firstNames.has(customer.firstName)).toBe(true)
      for (const part of customer.lastName.split('-')) expect(lastNames.has(part)).toBe(true) // double-barrelled names too
    }
    for (const review of many(Review)) expect(review.author).toMatch(/^\S+( \S+)+$/)
  })

  it('reads camelCase, snake_case, kebab-case and PascalCase spellings alike', () => {
    const spellings = z.object({
      firstName: z.string(),
      first_name: z.string(),
      'first-name': z.string(),
      FirstName: z.string(),
    })
    for (const value of many(spellings)) {
      for (const name of Object.values(value)) expect(firstNames.has(name)).toBe(true)
    }
    const times = z.object({ created_at: z.iso.datetime(), 'updated-at': z.iso.datetime() })
    for (const value of many(times))
      expect(Date.parse(value['updated-at'])).toBeGreaterThanOrEqual(Date.parse(value.created_at))
  })

  it("lets the parent decide what a name is: a product's, a category's, a person's", () => {
    const shop = z.object({
      product: z.object({ name: z.string() }),
      category: z.object({ name: z.string() }),
      customer: z.object({ name: z.string() }),
    })
    for (const { product, category, customer } of many(shop)) {
      expect(definitions.commerce.product_name.product).toContain(product.name.split(' ').at(-1))
      expect(definitions.commerce.department).toContain(category.name)
      expect(customer.name).toMatch(/^\S+( \S+)+$/)
    }
  })

  it('gives common properties their faker methods', () => {
    const Profile = z.object({
      phone: z.e164(),
      avatarUrl: z.url(),
      countryCode: z.string().length(2),
      color: z.string(),
      currency: z.string().length(3),
      quantity: z.int().min(1),
      latitude: z.number().min(-90).max(90),
      website: z.url(),
      zip_code: z.string(),
      birthDate: z.iso.date(),
      iban: z.string(),
      jobTitle: z.string(),
      company: z.string(),
      sku: z.string(),
    })
    for (const profile of many(Profile)) {
      const age = (REFERENCE_DATE - Date.parse(profile.birthDate)) / YEAR
      expect(age).toBeGreaterThanOrEqual(18)
      expect(age).toBeLessThanOrEqual(80)
      expect(profile.iban).toMatch(/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/)
      expect(profile.jobTitle.split(' ').length).toBeGreaterThanOrEqual(2)
      expect(profile.company).toMatch(/^[A-Z]/)
      expect(profile.sku).toMatch(/^[A-Z]{3}-\d{6}$/)
      expect(String(profile.latitude)).toMatch(/^-?\d+(\.\d{1,6})?$/)
      expect(profile.phone).toMatch(/^\+1\d{10}$/)
      expect(profile.avatarUrl).toMatch(/^https:\/\//)
      expect(profile.countryCode).toMatch(/^[A-Z]{2}$/)
      expect(definitions.color.human).toContain(profile.color)
      expect(['USD', 'EUR', 'GBP', 'JPY', 'CAD', 'AUD', 'CHF']).toContain(profile.currency)
      expect(profile.quantity).toBeLessThanOrEqual(10)
      expect(profile.zip_code).toMatch(/^\d{5}(-\d{4})?$/)
    }
  })

  it('fills a record of attributes with attribute names and fitting values', () => {
    const values = many(z.object({ attributes: z.record(z.string(), z.string()) })).map(
      (o) => o.attributes,
    )
    const keys = new Set(values.flatMap((attributes) => Object.keys(attributes)))
    expect([...keys].sort()).toEqual([
      'brand',
      'capacity',
      'color',
      'finish',
      'material',
      'origin',
      'size',
      'style',
      'warranty',
      'weight',
    ])
    for (const attributes of values)
      if (attributes.color !== undefined)
        expect(definitions.color.human).toContain(attributes.color)
  })
})

describe('explicit choices on the schema', () => {
  it('uses the example over the name rule', () => {
    const schema = z.object({
      email: z.string().openapi({ example: 'ada@example.com' }),
      tag: z.string().meta({ examples: ['red', 'blue'] }),
    })
    const values = many(schema)
    expect(new Set(values.map((v) => v.email))).toEqual(new Set(['ada@example.com']))
    expect(new Set(values.map((v) => v.tag))).toEqual(new Set(['red', 'blue']))
  })

  it('does not reuse the example of an identifying field (ids, SKUs), so records stay distinct', () => {
    const products = many(Product)
    expect(new Set(products.map((p) => p.id)).size).toBe(SEEDS)
    expect(new Set(products.map((p) => p.sku)).size).toBeGreaterThan(SEEDS * 0.95)
    for (const product of products) expect(product.sku).toMatch(/^[A-Z]{3}-\d{6}$/)
  })

  it('skips an example the schema itself rejects', () => {
    const values = many(z.object({ count: z.int().max(5).openapi({ example: 99 }) }))
    expect(values.every((v) => v.count <= 5)).toBe(true)
  })

  it('generates every value when examples are turned off', () => {
    const schema = z.object({ currency: z.string().length(3).openapi({ example: 'EUR' }) })
    expect(
      new Set(seeds.map((seed) => fake(schema, { seed, examples: false }).currency)).size,
    ).toBeGreaterThan(1)
  })

  it('uses the x-faker hint over the name rule, and the hint shows in the OpenAPI document', () => {
    const values = many(z.object({ email: z.string().openapi({ 'x-faker': 'person.jobTitle' }) }))
    for (const { email } of values) expect(email).not.toContain('@')
    const products = many(Product)
    for (const product of products)
      expect(definitions.commerce.product_name.product).toContain(product.name.split(' ').at(-1))
    const doc = toOpenAPI(contract) as unknown as {
      components: {
        schemas: Record<string, { properties: Record<string, Record<string, unknown>> }>
      }
    }
    expect(doc.components.schemas.Product?.properties.name?.['x-faker']).toBe(
      'commerce.productName',
    )
  })

  it('passes hint arguments to faker', () => {
    const values = many(
      z.object({ n: z.int().openapi({ 'x-faker': { 'number.int': { min: 40, max: 42 } } }) }),
    )
    expect(new Set(values.map((v) => v.n))).toEqual(new Set([40, 41, 42]))
  })

  it('lets bounds and formats win over realism and hints', () => {
    const schema = z.object({
      name: z.string().min(1).max(3),
      title: z.string().max(2).openapi({ 'x-faker': 'commerce.productName' }),
      email: z.email().max(40),
      price: z.number().min(0.01).max(0.03),
    })
    for (const value of many(schema)) {
      expect(value.name.length).toBeGreaterThanOrEqual(1)
      expect(value.name.length).toBeLessThanOrEqual(3)
      expect(value.title.length).toBeLessThanOrEqual(2)
      expect([0.01, 0.02, 0.03]).toContain(value.price)
    }
  })
})

describe('consistency across endpoints', () => {
  const listProducts = contract.operations.find((op) => op.operationId === 'listProducts')
  const ProductPage = (
    listProducts?.route.responses as Record<
      string,
      { content: { 'application/json': { schema: z.ZodType } } }
    >
  )['200']?.content['application/json'].schema as z.ZodType

  it('generates an object with an id from its id: a list item equals the record fetched by that id', () => {
    for (const seed of [1, 2, 3]) {
      const page = fake(ProductPage, { seed }) as { items: Array<{ id: string }> }
      expect(page.items.length).toBeGreaterThan(0)
      for (const item of page.items)
        expect(fake(Product, { seed: 999, overrides: { id: item.id } })).toEqual(item)
    }
  })

  it('changes every record, and still agrees, when the id seed changes', () => {
    const pages = seeds.map(
      (seed) => fake(ProductPage, { seed, idSeed: 7 }) as { items: Array<{ id: string }> },
    )
    const item = pages.find((page) => page.items.length > 0)?.items[0] as { id: string }
    expect(fake(Product, { overrides: { id: item.id }, idSeed: 7 })).toEqual(item)
    expect(fake(Product, { overrides: { id: item.id }, idSeed: 8 })).not.toEqual(item)
  })

  it('treats a numeric id and its text as the same record (path parameters arrive as text)', () => {
    const fromNumber = fake(Review, { overrides: { id: 42 } })
    const fromText = fake(Review, { overrides: { id: '42' } }) as Record<string, unknown>
    expect({ ...fromText, id: 42 }).toEqual(fromNumber)
    expect(fake(Review, { overrides: { id: 43 } })).not.toEqual(fromNumber)
  })

  it('uses overrides as given and keeps later timestamps after an overridden createdAt', () => {
    const product = fake(Product, {
      seed: 5,
      overrides: { name: 'Burr Grinder', createdAt: '2025-12-30T00:00:00Z' },
    })
    expect(product.name).toBe('Burr Grinder')
    expect(Date.parse(product.updatedAt)).toBeGreaterThanOrEqual(Date.parse('2025-12-30T00:00:00Z'))
  })

  it('applies overrides to the top-level object only', () => {
    const list = fake(z.array(z.object({ name: z.string() })).min(2), { overrides: { name: 'x' } })
    expect(list.some((item) => item.name === 'x')).toBe(false)
  })

  it('picks the union branch an override names', () => {
    for (const seed of seeds.slice(0, 20)) {
      expect(fake(PaymentMethod, { seed, overrides: { type: 'paypal' } })).toEqual({
        type: 'paypal',
        email: expect.stringContaining('@'),
      })
    }
  })
})

describe('shape', () => {
  it('leaves optional values out and makes nullable values null for some seeds, not all', () => {
    const values = many(Customer)
    const birthDates = values.map((c) => c.birthDate)
    expect(birthDates).toContain(undefined)
    expect(birthDates.some((d) => typeof d === 'string')).toBe(true)
    const ratings = many(Product).map((p) => p.rating)
    expect(ratings).toContain(null)
    expect(ratings.some((r) => typeof r === 'number')).toBe(true)
  })

  it('reaches every branch of a discriminated union', () => {
    expect(new Set(many(PaymentMethod).map((m) => m.type))).toEqual(
      new Set(['card', 'paypal', 'bank_transfer']),
    )
    expect(new Set(many(PaymentMethodSummary).map((m) => m.type))).toEqual(
      new Set(['card', 'paypal', 'bank_transfer']),
    )
  })

  it('ends recursion: category trees stay a few levels deep', () => {
    const depth = (node: CategoryNode): number => 1 + Math.max(0, ...node.children.map(depth))
    const depths = (many(Category) as CategoryNode[]).map(depth)
    expect(Math.max(...depths)).toBeLessThanOrEqual(4)
    expect(Math.max(...depths)).toBeGreaterThanOrEqual(2)
  })
})

import { randomBytes, randomUUID, scryptSync, timingSafeEqual } from 'node:crypto'
import type { z } from 'zod'
import type { Cart } from '../../contracts/carts.ts'
import type { CategoryNode } from '../../contracts/categories.ts'
import type { Customer } from '../../contracts/customers.ts'
import type { Order } from '../../contracts/orders.ts'
import type { Payment } from '../../contracts/payments.ts'
import type { Product } from '../../contracts/products.ts'
import type { Review } from '../../contracts/reviews.ts'

export type CustomerRecord = z.output<typeof Customer> & { passwordHash: string }
export type ProductRecord = z.output<typeof Product>
export type ReviewRecord = z.output<typeof Review>
export type CartRecord = z.output<typeof Cart>
export type OrderRecord = z.output<typeof Order>
export type PaymentRecord = z.output<typeof Payment>

/** Everything the shop remembers, in memory: one store per backend instance. */
export interface Store {
  customers: Map<string, CustomerRecord>
  /** Bearer token → customer id. */
  sessions: Map<string, string>
  categories: CategoryNode[]
  products: Map<string, ProductRecord>
  reviews: ReviewRecord[]
  carts: Map<string, CartRecord>
  orders: Map<string, OrderRecord>
  payments: Map<string, PaymentRecord>
  nextReviewId: number
}

// The contract's examples, so that requests built from them meet real data.
export const ADA = {
  id: '5b3e1f0a-8c1d-4b6e-9f2a-3c4d5e6f7a8b',
  email: 'ada@example.com',
  password: 'correct horse battery',
}
export const GRINDER_ID = '0d9a2c4e-6f1b-4a3c-8e5d-7b9f1a2c3d4e'
const KITCHEN_ID = '6c1e4a2b-3d5f-4e7a-9b8c-1d2e3f4a5b6c'
const SEEDED_AT = '2026-03-01T09:30:00Z'

export function newId(): string {
  return randomUUID()
}

export function now(): string {
  return new Date().toISOString()
}

/**
 * A fresh store with one customer (the contract's example login), a category tree and one product.
 */
export function createStore(): Store {
  const store: Store = {
    customers: new Map(),
    sessions: new Map(),
    categories: seedCategories(),
    products: new Map(),
    reviews: [],
    carts: new Map(),
    orders: new Map(),
    payments: new Map(),
    nextReviewId: 1,
  }
  store.customers.set(ADA.id, {
    id: ADA.id,
    email: ADA.email,
    firstName: 'Ada',
    lastName: 'Lovelace',
    phone: null,
    addresses: [
      { line1: '12 St James’s Square', city: 'London', postalCode: 'SW1Y 4JH', countryCode: 'GB' },
    ],
    marketingOptIn: false,
    createdAt: SEEDED_AT,
    updatedAt: SEEDED_AT,
    passwordHash: hashPassword(ADA.password),
  })
  store.products.set(GRINDER_ID, seedProduct())
  return store
}

function seedCategories(): CategoryNode[] {
  return [
    {
      id: KITCHEN_ID,
      name: 'Kitchen',
      slug: 'kitchen',
      children: [
        {
          id: 'a7c2e9d4-1b3f-4c5a-8e6d-2f4a6b8c0d1e',
          name: 'Coffee',
          slug: 'coffee',
          children: [],
        },
      ],
    },
    { id: 'c3d5e7f9-2a4b-4c6d-9e8f-1a3b5c7d9e0f', name: 'Garden', slug: 'garden', children: [] },
  ]
}

function seedProduct(): ProductRecord {
  return {
    id: GRINDER_ID,
    sku: 'KIT-004211',
    name: 'Burr Coffee Grinder',
    description: 'Conical steel burrs, 40 grind settings.',
    price: 89.9,
    currency: 'EUR',
    categoryId: KITCHEN_ID,
    images: ['https://images.example.com/grinder.jpg'],
    stock: 1_000,
    tags: ['coffee', 'kitchen'],
    attributes: { color: 'black', material: 'steel' },
    rating: null,
    reviewCount: 0,
    createdAt: SEEDED_AT,
    updatedAt: SEEDED_AT,
  }
}

// A small scrypt cost keeps the example fast; a production shop would use the defaults or argon2.
export function hashPassword(password: string): string {
  const salt = randomBytes(16)
  return `${salt.toString('hex')}:${scryptSync(password, salt, 32, { N: 1024 }).toString('hex')}`
}

export function checkPassword(password: string, stored: string): boolean {
  const [salt = '', hash = ''] = stored.split(':')
  const actual = scryptSync(password, Buffer.from(salt, 'hex'), 32, { N: 1024 })
  return timingSafeEqual(actual, Buffer.from(hash, 'hex'))
}

/** The customer as the API shows it: everything but the password hash. */
export function publicCustomer(record: CustomerRecord): z.output<typeof Customer> {
  const { passwordHash: _hidden, ...customer } = record
  return customer
}

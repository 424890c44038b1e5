import type { Context } from 'hono'
import { problem } from './http.ts'
import type { CustomerRecord, Store } from './store.ts'

/**
 * Bugs that can be planted in the reference backend, one flag each, to show what `standin verify`
 * reports for them.
 */
export const SHOP_BUGS = [
  /** Products carry `price` as a string ("89.90"). */
  'wrong-field-type',
  /** Carts come back without the required `itemCount`. */
  'missing-required-field',
  /** POST /carts answers 200, which the contract does not document (it says 201). */
  'undocumented-status',
  /** GET /products crashes with a 500 when the requested page is past the last one. */
  'server-error-on-edge-input',
  /** GET /orders/{orderId} answers without looking at the bearer token. */
  'ignores-auth',
  /** POST /carts answers with an id under which the cart is not stored. */
  'create-not-readable',
  /** DELETE /products/{productId} answers 204 but keeps the product. */
  'delete-leaves-readable',
  /** PATCH /customers/{customerId} drops the fields it cannot validate and answers 200. */
  'accepts-invalid-body',
] as const

export type ShopBug = (typeof SHOP_BUGS)[number]

/** What every route handler shares. */
export interface Shop {
  store: Store
  has: (bug: ShopBug) => boolean
}

type Handler = (c: Context) => Response | Promise<Response>

/**
 * Wraps a handler that needs a logged-in customer: 401 without a valid bearer token, before
 * anything else.
 */
export function secured(
  shop: Shop,
  handler: (c: Context, customer: CustomerRecord) => Response | Promise<Response>,
): Handler {
  return (c) => {
    const customer = customerOf(shop, c)
    if (!customer)
      return problem(
        c,
        401,
        'Unauthorized',
        'Send the accessToken from POST /auth/login as `Authorization: Bearer <token>`.',
      )
    return handler(c, customer)
  }
}

function customerOf(shop: Shop, c: Context): CustomerRecord | undefined {
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(c.req.header('authorization') ?? '')
  const customerId = match ? shop.store.sessions.get(match[1] as string) : undefined
  return customerId ? shop.store.customers.get(customerId) : undefined
}

import { Hono } from 'hono'
import { problem } from './http.ts'
import { cartRoutes } from './routes/carts.ts'
import { catalogueRoutes } from './routes/catalogue.ts'
import { customerRoutes } from './routes/customers.ts'
import { orderRoutes } from './routes/orders.ts'
import { paymentRoutes } from './routes/payments.ts'
import { reviewRoutes } from './routes/reviews.ts'
import { type Shop, type ShopBug, SHOP_BUGS } from './shop.ts'
import { createStore, type Store } from './store.ts'

export interface ShopBackendOptions {
  /** Bugs to plant, to see what `standin verify` reports for each. None by default. */
  bugs?: ShopBug[]
  /** Start from this store instead of a freshly seeded one. */
  store?: Store
  /** Where unexpected errors (the 500s) are logged; console.error by default. */
  logError?: (error: Error) => void
}

/**
 * The reference backend of the example shop contract (contracts/): a real Hono app with an
 * in-memory store, bearer-token login, carts, orders with their status lifecycle, payments and
 * reviews. It keeps the contract, so `standin verify` passes against it; planted bugs make it break
 * the contract on purpose.
 *
 * @example
 * const app = createShopBackend()
 * const report = await verify(contract, { target: app.fetch })
 * const buggy = createShopBackend({ bugs: ['ignores-auth'] })
 */
export function createShopBackend(options: ShopBackendOptions = {}): Hono {
  const unknown = (options.bugs ?? []).filter((bug) => !SHOP_BUGS.includes(bug))
  if (unknown.length > 0)
    throw new Error(`Unknown bug ${unknown.join(', ')}; known: ${SHOP_BUGS.join(', ')}.`)
  const bugs = new Set(options.bugs ?? [])
  const shop: Shop = { store: options.store ?? createStore(), has: (bug) => bugs.has(bug) }
  const app = new Hono()
  customerRoutes(app, shop)
  catalogueRoutes(app, shop)
  reviewRoutes(app, shop)
  cartRoutes(app, shop)
  orderRoutes(app, shop)
  paymentRoutes(app, shop)
  app.notFound((c) => problem(c, 404, 'Not found', `No route for ${c.req.method} ${c.req.path}.`))
  const logError = options.logError ?? ((error: Error) => console.error(error))
  app.onError((error, c) => {
    logError(error)
    return problem(c, 500, 'Internal server error', 'Something went wrong on our side.')
  })
  return app
}

import type { Context, Hono } from 'hono'
import type { z } from 'zod'
import { getOrder, listOrders, NewOrder, updateOrderStatus } from '../../../contracts/orders.ts'
import { cents, conflict, notFound, pageOf, readBody, readParams, readQuery } from '../http.ts'
import { secured, type Shop } from '../shop.ts'
import {
  type CartRecord,
  type CustomerRecord,
  newId,
  now,
  type OrderRecord,
  type Store,
} from '../store.ts'

const FREE_SHIPPING_FROM = 50
const SHIPPING_COST = 4.9

/** Orders: placed from a cart, then paid, shipped, delivered, or cancelled before shipping. */
export function orderRoutes(app: Hono, shop: Shop): void {
  const { store } = shop

  app.post(
    '/orders',
    secured(shop, async (c, customer) => {
      const body = await readBody(c, NewOrder)
      if (!body.ok) return body.response
      const cart = store.carts.get(body.value.cartId)
      if (!cart) return notFound(c, 'cart')
      if (cart.items.length === 0) return conflict(c, 'The cart is empty.')
      const short = cart.items.find(
        (item) => (store.products.get(item.productId)?.stock ?? 0) < item.quantity,
      )
      if (short) return conflict(c, `${short.name} is out of stock.`)
      for (const item of cart.items) adjustStock(store, item.productId, -item.quantity)
      // The cart stays as it is, so a customer can order the same again.
      const order = toOrder(cart, customer, body.value)
      store.orders.set(order.id, order)
      return c.json(order, 201, { Location: `/orders/${order.id}` })
    }),
  )

  app.get(
    '/orders',
    secured(shop, (c, customer) => {
      const query = readQuery(c, listOrders.request.query)
      if (!query.ok) return query.response
      const { status, page, pageSize } = query.value
      const orders = [...store.orders.values()]
        .filter(
          (order) =>
            order.customerId === customer.id && (status === undefined || order.status === status),
        )
        .sort((a, b) => b.placedAt.localeCompare(a.placedAt))
      return c.json(pageOf(orders, page, pageSize))
    }),
  )

  const answer = (c: Context, order: OrderRecord | Response) =>
    order instanceof Response ? order : c.json(order)
  app.get(
    '/orders/:orderId',
    shop.has('ignores-auth')
      ? (c) => answer(c, readOrder(c, store))
      : secured(shop, (c, customer) => answer(c, readOrder(c, store, customer))),
  )

  orderLifecycleRoutes(app, shop)
}

/** Moving an order along: shipped and delivered by PATCH, cancelled by DELETE. */
function orderLifecycleRoutes(app: Hono, shop: Shop): void {
  const { store } = shop

  app.patch(
    '/orders/:orderId',
    secured(shop, async (c, customer) => {
      const params = readParams(c, getOrder.request.params)
      if (!params.ok) return params.response
      const body = await readBody(
        c,
        updateOrderStatus.request.body.content['application/json'].schema,
      )
      if (!body.ok) return body.response
      const order = readOrder(c, store, customer)
      if (order instanceof Response) return order
      const { status, trackingUrl = order.trackingUrl } = body.value
      const from = status === 'shipped' ? 'paid' : 'shipped'
      if (order.status !== from)
        return conflict(
          c,
          `Only a ${from} order can become ${status}; this one is ${order.status}.`,
        )
      const at = now()
      const changed: OrderRecord =
        status === 'shipped'
          ? { ...order, status, shippedAt: at, trackingUrl }
          : { ...order, status, deliveredAt: at, trackingUrl }
      store.orders.set(order.id, changed)
      return c.json(changed)
    }),
  )

  app.delete(
    '/orders/:orderId',
    secured(shop, (c, customer) => {
      const order = readOrder(c, store, customer)
      if (order instanceof Response) return order
      if (order.status !== 'pending' && order.status !== 'paid')
        return conflict(c, `The order is ${order.status} and can no longer be cancelled.`)
      for (const item of order.items) adjustStock(store, item.productId, item.quantity)
      const cancelled: OrderRecord = { ...order, status: 'cancelled', cancelledAt: now() }
      store.orders.set(order.id, cancelled)
      return c.json(cancelled)
    }),
  )
}

/** The order named in the path, if the customer may see it (anyone, when no customer is given). */
function readOrder(c: Context, store: Store, customer?: CustomerRecord): OrderRecord | Response {
  const params = readParams(c, getOrder.request.params)
  if (!params.ok) return params.response
  const order = store.orders.get(params.value.orderId)
  return order && (!customer || order.customerId === customer.id) ? order : notFound(c, 'order')
}

function toOrder(
  cart: CartRecord,
  customer: CustomerRecord,
  request: z.output<typeof NewOrder>,
): OrderRecord {
  const shippingCost = cart.subtotal >= FREE_SHIPPING_FROM ? 0 : SHIPPING_COST
  return {
    id: newId(),
    customerId: customer.id,
    status: 'pending',
    items: cart.items,
    currency: cart.currency,
    subtotal: cart.subtotal,
    shippingCost,
    total: cents(cart.subtotal + shippingCost),
    shippingAddress: request.shippingAddress,
    ...(request.note === undefined ? {} : { note: request.note }),
    trackingUrl: null,
    placedAt: now(),
    paidAt: null,
    shippedAt: null,
    deliveredAt: null,
    cancelledAt: null,
  }
}

function adjustStock(store: Store, productId: string, change: number): void {
  const product = store.products.get(productId)
  if (product)
    store.products.set(productId, { ...product, stock: Math.max(0, product.stock + change) })
}

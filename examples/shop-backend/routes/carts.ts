import type { Context, Hono } from 'hono'
import { addCartItem, getCart, NewCartItem, updateCartItem } from '../../../contracts/carts.ts'
import { cents, conflict, notFound, readBody, readParams } from '../http.ts'
import type { Shop } from '../shop.ts'
import { type CartRecord, newId, now, type ProductRecord } from '../store.ts'

type CartItem = CartRecord['items'][number]

const MAX_ITEMS = 50
/** Money in the contract goes up to 1,000,000. */
const MAX_SUBTOTAL = 1_000_000

/** Carts need no login: a visitor starts one, fills it, and logs in to order. */
export function cartRoutes(app: Hono, shop: Shop): void {
  const { store } = shop
  const view = (cart: CartRecord) => {
    if (!shop.has('missing-required-field')) return cart
    const { itemCount: _dropped, ...rest } = cart
    return rest
  }

  app.post('/carts', (c) => {
    const cart: CartRecord = {
      id: newId(),
      items: [],
      currency: 'EUR',
      subtotal: 0,
      itemCount: 0,
      updatedAt: now(),
    }
    store.carts.set(shop.has('create-not-readable') ? newId() : cart.id, cart)
    return c.json(view(cart), shop.has('undocumented-status') ? 200 : 201, {
      Location: `/carts/${cart.id}`,
    })
  })

  app.get('/carts/:cartId', (c) => {
    const params = readParams(c, getCart.request.params)
    if (!params.ok) return params.response
    const cart = store.carts.get(params.value.cartId)
    return cart ? c.json(view(cart)) : notFound(c, 'cart')
  })

  app.post('/carts/:cartId/items', async (c) => {
    const params = readParams(c, addCartItem.request.params)
    if (!params.ok) return params.response
    const body = await readBody(c, NewCartItem)
    if (!body.ok) return body.response
    const cart = store.carts.get(params.value.cartId)
    if (!cart) return notFound(c, 'cart')
    const product = store.products.get(body.value.productId)
    if (!product) return notFound(c, 'product')
    const existing = cart.items.find((item) => item.productId === product.id)
    const refused = refuseItem(c, cart, product, (existing?.quantity ?? 0) + body.value.quantity)
    if (refused) return refused
    const items = existing
      ? cart.items.map((item) =>
          item === existing ? line(product, item.id, item.quantity + body.value.quantity) : item,
        )
      : [...cart.items, line(product, newId(), body.value.quantity)]
    if (subtotalOf(items) > MAX_SUBTOTAL)
      return conflict(c, 'A cart can hold goods worth at most 1,000,000.')
    return c.json(view(save(shop, { ...cart, currency: product.currency }, items)), 201)
  })

  app.patch('/carts/:cartId/items/:itemId', async (c) => {
    const params = readParams(c, updateCartItem.request.params)
    if (!params.ok) return params.response
    const body = await readBody(c, updateCartItem.request.body.content['application/json'].schema)
    if (!body.ok) return body.response
    const cart = store.carts.get(params.value.cartId)
    const item = cart?.items.find((found) => found.id === params.value.itemId)
    const product = item && store.products.get(item.productId)
    if (!cart || !item || !product) return notFound(c, 'item in that cart')
    if (body.value.quantity > product.stock)
      return conflict(c, `Only ${product.stock} of ${product.name} in stock.`)
    const items = cart.items.map((found) =>
      found === item ? line(product, item.id, body.value.quantity) : found,
    )
    if (subtotalOf(items) > MAX_SUBTOTAL)
      return conflict(c, 'A cart can hold goods worth at most 1,000,000.')
    return c.json(view(save(shop, cart, items)))
  })

  app.delete('/carts/:cartId/items/:itemId', (c) => {
    const params = readParams(c, updateCartItem.request.params)
    if (!params.ok) return params.response
    const cart = store.carts.get(params.value.cartId)
    if (!cart?.items.some((item) => item.id === params.value.itemId))
      return notFound(c, 'item in that cart')
    save(
      shop,
      cart,
      cart.items.filter((item) => item.id !== params.value.itemId),
    )
    return c.body(null, 204)
  })
}

function refuseItem(
  c: Context,
  cart: CartRecord,
  product: ProductRecord,
  quantity: number,
): Response | undefined {
  if (cart.items.length > 0 && cart.currency !== product.currency)
    return conflict(
      c,
      `The cart is in ${cart.currency}; ${product.name} is sold in ${product.currency}.`,
    )
  if (quantity > product.stock)
    return conflict(c, `Only ${product.stock} of ${product.name} in stock.`)
  if (quantity > 99) return conflict(c, 'At most 99 of one product per cart.')
  if (cart.items.length >= MAX_ITEMS && !cart.items.some((item) => item.productId === product.id))
    return conflict(c, `A cart holds at most ${MAX_ITEMS} products.`)
  return undefined
}

function line(product: ProductRecord, id: string, quantity: number): CartItem {
  return {
    id,
    productId: product.id,
    name: product.name,
    unitPrice: product.price,
    quantity,
    lineTotal: cents(product.price * quantity),
  }
}

function subtotalOf(items: CartItem[]): number {
  return cents(items.reduce((sum, item) => sum + item.lineTotal, 0))
}

/** Stores the cart with new items and recomputed totals. */
function save(shop: Shop, cart: CartRecord, items: CartItem[]): CartRecord {
  const saved = {
    ...cart,
    items,
    subtotal: subtotalOf(items),
    itemCount: items.reduce((sum, item) => sum + item.quantity, 0),
    updatedAt: now(),
  }
  shop.store.carts.set(cart.id, saved)
  return saved
}

import {
  defineMocks,
  fake,
  type MockContext,
  type MockHandler,
  type MockReply,
  type ParsedRequestBodyOf,
  type ResponseBodyOf,
  seedOf,
} from 'standin'
import contract from '../contracts/index.ts'
import { CartItem } from '../contracts/carts.ts'
import { Customer } from '../contracts/customers.ts'
import { Product } from '../contracts/products.ts'

type Shop = typeof contract
type Cart = ResponseBodyOf<Shop, 'getCart', 200>
type Order = ResponseBodyOf<Shop, 'getOrder', 200>
type Payment = ResponseBodyOf<Shop, 'getPayment', 200>
type ProductRecord = ResponseBodyOf<Shop, 'getProduct', 200>
type CustomerRecord = ResponseBodyOf<Shop, 'getCustomer', 200>
type PaymentMethod = ParsedRequestBodyOf<Shop, 'payOrder'>['method']

interface Line {
  unitPrice: number
  quantity: number
  lineTotal: number
}

const cents = (amount: number) => Math.round(amount * 100) / 100

/** A cart whose line totals, subtotal and item count add up. */
function balanced<C extends { items: Line[]; subtotal: number; itemCount: number }>(cart: C): C {
  const items = cart.items.map((item) => ({
    ...item,
    lineTotal: cents(item.unitPrice * item.quantity),
  }))
  const subtotal = cents(items.reduce((sum, item) => sum + item.lineTotal, 0))
  return {
    ...cart,
    items,
    subtotal,
    itemCount: items.reduce((sum, item) => sum + item.quantity, 0),
  }
}

const emptyCart = { items: [], subtotal: 0, itemCount: 0 }

/** Every operation that needs a login answers 401, as after an expired session. */
const expired = (_c: unknown, ctx: { problem(status: 401, detail?: string): MockReply }) =>
  ctx.problem(401, 'The session has expired. Log in again.')

// Stateful mode (`npm start`, `standin serve --stateful`): what a fresh session starts with. Made
// on first use, so a stateless mock (and a Worker's start-up) never pays for it.

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined
  return () => (made ??= { value: make() }).value
}

/** A small catalogue with known ids, so the demo cart holds products that exist. */
const catalogue = once(() =>
  Array.from({ length: 12 }, (_, n) =>
    fake(Product, { seed: n + 1, overrides: { currency: 'EUR', stock: 5 + 7 * n } }),
  ),
)

/** The cart every session starts with: three products, at a well-known id. */
export const DEMO_CART_ID = '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b'

const demoCart = once(() =>
  balanced({
    id: DEMO_CART_ID,
    items: catalogue()
      .slice(0, 3)
      .map((product, index) => ({
        id: `b7e1c0d2-${String(index + 1).padStart(4, '0')}-4a5b-9c8d-7e6f5a4b3c2d`,
        productId: product.id,
        name: product.name,
        unitPrice: product.price,
        quantity: index + 1,
        lineTotal: 0,
      })),
    currency: 'EUR' as const,
    subtotal: 0,
    itemCount: 0,
    updatedAt: '2025-12-01T09:30:00Z',
  }),
)

/** The customer of the demo: log in as ada@example.com. */
const ada = once(() =>
  fake(Customer, {
    seed: 1,
    overrides: { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' },
  }),
)

const FREE_SHIPPING_FROM = 50
const SHIPPING = 4.9
const MAX_AMOUNT = 1_000_000
const CARD_BRANDS: Record<string, Extract<Payment['method'], { type: 'card' }>['brand']> = {
  '3': 'amex',
  '4': 'visa',
  '5': 'mastercard',
}

/** An ISO timestamp some hours after another: the steps of an order follow each other. */
function later(timestamp: string, hours: number): string {
  return new Date(Date.parse(timestamp) + hours * 3_600_000).toISOString().replace('.000Z', 'Z')
}

/** The cart with `quantity` more of a product, or a 409 when stock or the shop's limits say no. */
function withProduct(
  cart: Cart,
  product: ProductRecord,
  quantity: number,
  ctx: MockContext<Shop, 'addCartItem'>,
): Cart | MockReply {
  const line = cart.items.find((item) => item.productId === product.id)
  const wanted = (line?.quantity ?? 0) + quantity
  if (wanted > product.stock)
    return ctx.problem(409, `Only ${product.stock} of "${product.name}" are in stock.`)
  if (wanted > 99 || (!line && cart.items.length >= 50))
    return ctx.problem(409, 'A cart holds at most 50 products, 99 of each.')
  const id = line?.id ?? fake(CartItem.shape.id, { seed: seedOf(cart.id, product.id) })
  const added = {
    id,
    productId: product.id,
    name: product.name,
    unitPrice: product.price,
    quantity: wanted,
    lineTotal: 0,
  }
  return affordable(
    balanced({
      ...cart,
      items: line
        ? cart.items.map((item) => (item === line ? added : item))
        : [...cart.items, added],
    }),
    ctx,
  )
}

/**
 * The cart, or a 409 when it would be worth more than the shop's amounts go (and the contract's
 * `Money`).
 */
function affordable(
  cart: Cart,
  ctx: { problem(status: 409, detail?: string): MockReply },
): Cart | MockReply {
  return cart.subtotal > MAX_AMOUNT
    ? ctx.problem(409, `The shop takes carts up to ${MAX_AMOUNT} ${cart.currency}.`)
    : cart
}

/** Checkout: the cart's items become a pending order, and the cart is empty again. */
const placeOrder: MockHandler<Shop, 'placeOrder'> = async (c, ctx) => {
  if (!ctx.state) return ctx.respond(201, ctx.fake())
  const cart = await ctx.state.get<Cart>('/carts', c.body.cartId)
  if (!cart) return ctx.problem(404, `There is no cart ${c.body.cartId}.`)
  if (cart.items.length === 0)
    return ctx.problem(409, 'The cart is empty. Add a product before checking out.')
  const shippingCost = cart.subtotal >= FREE_SHIPPING_FROM ? 0 : SHIPPING
  const order = await ctx.state.create<Order>('/orders', {
    items: cart.items,
    currency: cart.currency,
    subtotal: cart.subtotal,
    shippingCost,
    total: cents(cart.subtotal + shippingCost),
    shippingAddress: c.body.shippingAddress,
    note: c.body.note,
  })
  await ctx.state.put('/carts', { ...cart, ...emptyCart })
  return ctx.respond(201, order)
}

/** What the shop shows back about a payment method: never the full card number or IBAN. */
function summaryOf(method: PaymentMethod, orderId: string): Payment['method'] {
  if (method.type === 'card')
    return {
      type: 'card',
      brand: CARD_BRANDS[method.cardNumber[0] ?? ''] ?? 'visa',
      last4: method.cardNumber.slice(-4),
    }
  if (method.type === 'paypal') return { type: 'paypal', email: method.email }
  return {
    type: 'bank_transfer',
    ibanLast4: method.iban.slice(-4),
    reference: `ORDER ${orderId.slice(0, 8).toUpperCase()}`,
  }
}

/** Puts a product in a cart: one line per product, priced from the catalogue, within its stock. */
const addCartItem: MockHandler<Shop, 'addCartItem'> = async (c, ctx) => {
  if (!ctx.state) return ctx.respond(201, balanced(ctx.fake()))
  const product = await ctx.state.get<ProductRecord>('/products', c.body.productId)
  if (!product) return ctx.problem(404, `There is no product ${c.body.productId}.`)
  const cart = await ctx.state.update<Cart>('/carts', c.params.cartId, (current) =>
    withProduct(current, product, c.body.quantity, ctx),
  )
  if (!cart) return ctx.problem(404, `There is no cart ${c.params.cartId}.`)
  return 'kind' in cart ? cart : ctx.respond(201, cart)
}

/** Changes the quantity of a line, and the totals with it. */
const updateCartItem: MockHandler<Shop, 'updateCartItem'> = async (c, ctx) => {
  if (!ctx.state) return balanced(ctx.fake())
  const { cartId, itemId } = c.params
  const cart = await ctx.state.update<Cart>('/carts', cartId, (current) => {
    if (!current.items.some((item) => item.id === itemId))
      return ctx.problem(404, `The cart has no item ${itemId}.`)
    return affordable(
      balanced({
        ...current,
        items: current.items.map((item) =>
          item.id === itemId ? { ...item, quantity: c.body.quantity } : item,
        ),
      }),
      ctx,
    )
  })
  return cart ?? ctx.problem(404, `There is no cart ${cartId}.`)
}

/** Takes a line out of the cart. */
const removeCartItem: MockHandler<Shop, 'removeCartItem'> = async (c, ctx) => {
  if (!ctx.state) return ctx.respond(204)
  const { cartId, itemId } = c.params
  const cart = await ctx.state.update<Cart>('/carts', cartId, (current) =>
    current.items.some((item) => item.id === itemId)
      ? balanced({ ...current, items: current.items.filter((item) => item.id !== itemId) })
      : ctx.problem(404, `The cart has no item ${itemId}.`),
  )
  if (!cart) return ctx.problem(404, `There is no cart ${cartId}.`)
  return 'kind' in cart ? cart : ctx.respond(204)
}

/** Pays a pending order its exact total: the order is paid, and the payment can be looked up. */
const attempted = new Set<string>()

/** True the first time an order is named (the last 10,000 orders are remembered). */
function firstAttempt(orderId: string): boolean {
  if (attempted.has(orderId)) return false
  if (attempted.size >= 10_000) attempted.clear()
  attempted.add(orderId)
  return true
}

const payOrder: MockHandler<Shop, 'payOrder'> = async (c, ctx) => {
  if (!ctx.state) return ctx.respond(201, ctx.fake())
  const { orderId } = c.params
  const order = await ctx.state.get<Order>('/orders', orderId)
  if (!order) return ctx.problem(404, `There is no order ${orderId}.`)
  if (order.status !== 'pending')
    return ctx.problem(
      409,
      `Order ${orderId} is ${order.status}; only a pending order can be paid.`,
    )
  if (c.body.amount !== order.total || c.body.currency !== order.currency) {
    return ctx.problem(
      422,
      `Order ${orderId} comes to ${order.total} ${order.currency}; pay exactly that.`,
    )
  }
  const paidAt = later(order.placedAt, 1)
  const paid = await ctx.state.update<Order>('/orders', orderId, (current) =>
    current.status === 'pending'
      ? { ...current, status: 'paid', paidAt }
      : ctx.problem(
          409,
          `Order ${orderId} is ${current.status}; only a pending order can be paid.`,
        ),
  )
  if (!paid) return ctx.problem(404, `There is no order ${orderId}.`)
  if ('kind' in paid) return paid
  const method = summaryOf(c.body.method, orderId)
  const payment = await ctx.state.create<Payment>('/payments', {
    orderId,
    amount: paid.total,
    currency: paid.currency,
    status: 'authorized',
    method,
    declineReason: null,
    createdAt: paidAt,
  })
  return ctx.respond(201, payment)
}

/** Staff move an order on: paid → shipped → delivered. */
const updateOrderStatus: MockHandler<Shop, 'updateOrderStatus'> = async (c, ctx) => {
  if (!ctx.state) return ctx.fake()
  const { orderId } = c.params
  const { status, trackingUrl } = c.body
  const order = await ctx.state.update<Order>('/orders', orderId, (current) => {
    const from = status === 'shipped' ? 'paid' : 'shipped'
    if (current.status !== from)
      return ctx.problem(
        409,
        `Order ${orderId} is ${current.status}; only a ${from} order can become ${status}.`,
      )
    if (status === 'delivered')
      return { ...current, status, deliveredAt: later(current.shippedAt ?? current.placedAt, 48) }
    return {
      ...current,
      status,
      shippedAt: later(current.paidAt ?? current.placedAt, 24),
      trackingUrl: trackingUrl ?? `https://tracking.example.com/${orderId}`,
    }
  })
  return order ?? ctx.problem(404, `There is no order ${orderId}.`)
}

/** Cancels an order that has not shipped yet. */
const cancelOrder: MockHandler<Shop, 'cancelOrder'> = async (c, ctx) => {
  if (!ctx.state) return ctx.fake()
  const { orderId } = c.params
  const order = await ctx.state.update<Order>('/orders', orderId, (current) => {
    if (current.status === 'pending' || current.status === 'paid')
      return {
        ...current,
        status: 'cancelled',
        cancelledAt: later(current.paidAt ?? current.placedAt, 2),
      }
    return ctx.problem(
      409,
      current.status === 'cancelled'
        ? `Order ${orderId} is already cancelled.`
        : `Order ${orderId} is ${current.status}; it can no longer be cancelled.`,
    )
  })
  return order ?? ctx.problem(404, `There is no order ${orderId}.`)
}

/**
 * Hand-written answers for the shop: carts add up and new carts are empty, a login answers for the
 * email it was given, and scenarios a frontend needs to build its edge cases (`Prefer:
 * scenario=NAME`). In stateful mode carts, orders and payments follow the shop's rules: an order is
 * placed from a cart, paid (pending → paid), shipped and delivered (staff), or cancelled until it
 * ships; a wrong step is a 409.
 */
export default defineMocks(contract, {
  login: async (c, ctx) => {
    const session = ctx.fake()
    const known =
      ctx.state &&
      (await ctx.state.list<CustomerRecord>('/customers')).find(
        (customer) => customer.email === c.body.email,
      )
    return { ...session, customer: known ?? { ...session.customer, email: c.body.email } }
  },
  createCart: async (_c, ctx) =>
    ctx.respond(
      201,
      ctx.state
        ? await ctx.state.create<Cart>('/carts', { ...emptyCart, currency: 'EUR' })
        : { ...ctx.fake(), ...emptyCart },
    ),
  getCart: (_c, ctx) => (ctx.state ? ctx.state.answer() : balanced(ctx.fake())),
  addCartItem,
  updateCartItem,
  removeCartItem,
  placeOrder,
  payOrder,
  updateOrderStatus,
  cancelOrder,

  state: {
    '/products': catalogue,
    '/carts': () => [demoCart()],
    '/customers': () => [ada()],
  },

  scenarios: {
    /** A shopper with nothing in the cart: the cart is empty and checking out is refused. */
    'empty-cart': {
      getCart: (_c, ctx) => (ctx.state ? ctx.state.answer() : { ...ctx.fake(), ...emptyCart }),
      placeOrder: (c, ctx) =>
        ctx.state
          ? placeOrder(c, ctx)
          : ctx.problem(409, 'The cart is empty. Add a product before checking out.'),
      state: { '/carts': () => [{ ...demoCart(), ...emptyCart }] },
    },
    /** Every payment is declined; a payment looked up afterwards shows why. */
    'payment-declined': {
      payOrder: (_c, ctx) =>
        ctx.problem(402, 'The card was declined by the issuer: insufficient funds.'),
      getPayment: (_c, ctx) => ({
        ...ctx.fake(),
        status: 'declined',
        declineReason: 'insufficient_funds',
      }),
    },
    /**
     * The payment service is flaky: the first attempt to pay an order is taken, but its answer is
     * lost to a connection reset; paying again answers as usual (with state: 409, it is paid).
     */
    'flaky-payments': {
      payOrder: async (c, ctx) => {
        const answer = await payOrder(c, ctx)
        return firstAttempt(c.params.orderId) ? ctx.fault('reset', answer) : answer
      },
    },
    /**
     * The whole catalogue is sold out: stock is 0 everywhere and nothing can be added or ordered.
     */
    'out-of-stock': {
      listProducts: (_c, ctx) => {
        if (ctx.state) return ctx.state.answer()
        const page = ctx.fake()
        return { ...page, items: page.items.map((product) => ({ ...product, stock: 0 })) }
      },
      getProduct: (_c, ctx) => (ctx.state ? ctx.state.answer() : { ...ctx.fake(), stock: 0 }),
      addCartItem: (c, ctx) => ctx.problem(409, `Product ${c.body.productId} is out of stock.`),
      updateCartItem: (_c, ctx) => ctx.problem(409, 'Not enough stock for the requested quantity.'),
      placeOrder: (_c, ctx) => ctx.problem(409, 'An item in the cart is out of stock.'),
      state: { '/products': () => catalogue().map((product) => ({ ...product, stock: 0 })) },
    },
    /** A customer who just signed up: no orders, no saved addresses. */
    'new-customer': {
      getCurrentCustomer: (_c, ctx) => ({ ...ctx.fake(), addresses: [] }),
      listOrders: (c, ctx) =>
        ctx.state
          ? ctx.state.answer()
          : { ...ctx.fake(), items: [], total: 0, page: c.query.page, pageSize: c.query.pageSize },
      state: { '/orders': [] },
    },
    /** A search that finds nothing. */
    'no-results': {
      listProducts: (c, ctx) => ({
        ...ctx.fake(),
        items: [],
        total: 0,
        page: c.query.page,
        pageSize: c.query.pageSize,
      }),
      listProductReviews: (c, ctx) => ({
        ...ctx.fake(),
        items: [],
        total: 0,
        page: c.query.page,
        pageSize: c.query.pageSize,
      }),
    },
    /** The token has expired: every operation that needs a login answers 401. */
    'logged-out': {
      getCurrentCustomer: expired,
      getCustomer: expired,
      updateCustomer: expired,
      createProduct: expired,
      replaceProduct: expired,
      deleteProduct: expired,
      createProductReview: expired,
      placeOrder: expired,
      listOrders: expired,
      getOrder: expired,
      updateOrderStatus: expired,
      cancelOrder: expired,
      payOrder: expired,
      getPayment: expired,
    },
  },
})

import { defineMocks, type MockReply } from 'standin'
import contract from '../contracts/index.ts'

interface Line {
  unitPrice: number
  quantity: number
  lineTotal: number
}

const cents = (amount: number) => Math.round(amount * 100) / 100

/** A cart whose line totals, subtotal and item count add up. */
function balanced<C extends { items: Line[]; subtotal: number; itemCount: number }>(cart: C): C {
  const items = cart.items.map((item) => ({ ...item, lineTotal: cents(item.unitPrice * item.quantity) }))
  const subtotal = cents(items.reduce((sum, item) => sum + item.lineTotal, 0))
  return { ...cart, items, subtotal, itemCount: items.reduce((sum, item) => sum + item.quantity, 0) }
}

const emptyCart = { items: [], subtotal: 0, itemCount: 0 }

/** Every operation that needs a login answers 401, as after an expired session. */
const expired = (_c: unknown, ctx: { problem(status: 401, detail?: string): MockReply }) =>
  ctx.problem(401, 'The session has expired. Log in again.')

/**
 * Hand-written answers for the shop: carts add up and new carts are empty, a login answers for the email
 * it was given, and scenarios a frontend needs to build its edge cases (`Prefer: scenario=NAME`).
 */
export default defineMocks(contract, {
  login: (c, ctx) => {
    const session = ctx.fake()
    return { ...session, customer: { ...session.customer, email: c.body.email } }
  },
  createCart: (_c, ctx) => ctx.respond(201, { ...ctx.fake(), ...emptyCart }),
  getCart: (_c, ctx) => balanced(ctx.fake()),
  addCartItem: (_c, ctx) => ctx.respond(201, balanced(ctx.fake())),
  updateCartItem: (_c, ctx) => balanced(ctx.fake()),

  scenarios: {
    /** A shopper with nothing in the cart: the cart is empty and checking out is refused. */
    'empty-cart': {
      getCart: (_c, ctx) => ({ ...ctx.fake(), ...emptyCart }),
      placeOrder: (_c, ctx) => ctx.problem(409, 'The cart is empty. Add a product before checking out.'),
    },
    /** Every payment is declined; a payment looked up afterwards shows why. */
    'payment-declined': {
      payOrder: (_c, ctx) => ctx.problem(402, 'The card was declined by the issuer: insufficient funds.'),
      getPayment: (_c, ctx) => ({ ...ctx.fake(), status: 'declined', declineReason: 'insufficient_funds' }),
    },
    /** The whole catalogue is sold out: stock is 0 everywhere and nothing can be added or ordered. */
    'out-of-stock': {
      listProducts: (_c, ctx) => {
        const page = ctx.fake()
        return { ...page, items: page.items.map((product) => ({ ...product, stock: 0 })) }
      },
      getProduct: (_c, ctx) => ({ ...ctx.fake(), stock: 0 }),
      addCartItem: (c, ctx) => ctx.problem(409, `Product ${c.body.productId} is out of stock.`),
      updateCartItem: (_c, ctx) => ctx.problem(409, 'Not enough stock for the requested quantity.'),
      placeOrder: (_c, ctx) => ctx.problem(409, 'An item in the cart is out of stock.'),
    },
    /** A customer who just signed up: no orders, no saved addresses. */
    'new-customer': {
      getCurrentCustomer: (_c, ctx) => ({ ...ctx.fake(), addresses: [] }),
      listOrders: (c, ctx) => ({ ...ctx.fake(), items: [], total: 0, page: c.query.page, pageSize: c.query.pageSize }),
    },
    /** A search that finds nothing. */
    'no-results': {
      listProducts: (c, ctx) => ({ ...ctx.fake(), items: [], total: 0, page: c.query.page, pageSize: c.query.pageSize }),
      listProductReviews: (c, ctx) => ({ ...ctx.fake(), items: [], total: 0, page: c.query.page, pageSize: c.query.pageSize }),
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

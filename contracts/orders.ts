import { createRoute, z } from 'standin'
import {
  Address,
  BadRequest,
  bearerAuth,
  Conflict,
  Currency,
  Money,
  NotFound,
  PageQuery,
  pageOf,
  Unauthorized,
  Unprocessable,
} from './common.ts'
import { CartId, CartItem } from './carts.ts'
import { CustomerId } from './customers.ts'

export const OrderId = z.uuid().openapi({ example: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a' })

/** pending → paid → shipped → delivered; pending or paid → cancelled. */
export const OrderStatus = z
  .enum(['pending', 'paid', 'shipped', 'delivered', 'cancelled'])
  .openapi('OrderStatus')

export const Order = z
  .object({
    id: OrderId,
    customerId: CustomerId,
    status: OrderStatus.default('pending'),
    items: z.array(CartItem).min(1).max(50),
    currency: Currency,
    subtotal: Money,
    shippingCost: Money.max(500),
    total: Money,
    shippingAddress: z
      .object({ name: z.string().min(1).max(80) })
      .and(z.lazy(() => Address))
      .openapi('ShippingAddress'),
    note: z.string().max(500).optional(),
    trackingUrl: z.url().nullable(),
    placedAt: z.iso.datetime({ offset: true }),
    paidAt: z.iso.datetime({ offset: true }).nullable(),
    shippedAt: z.iso.datetime({ offset: true }).nullable(),
    deliveredAt: z.iso.datetime({ offset: true }).nullable(),
    cancelledAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .openapi('Order')

export const NewOrder = z
  .object({
    cartId: CartId,
    shippingAddress: z.object({ name: z.string().min(1).max(80) }).and(Address),
    note: z.string().max(500).optional(),
  })
  .openapi('NewOrder')

const orderParams = z.object({ orderId: OrderId })

export const placeOrder = createRoute({
  method: 'post',
  path: '/orders',
  tags: ['orders'],
  summary: 'Turn a cart into an order',
  security: bearerAuth,
  request: { body: { required: true, content: { 'application/json': { schema: NewOrder } } } },
  responses: {
    201: {
      description: 'The order, pending payment.',
      headers: z.object({
        Location: z.string().openapi({ example: '/orders/9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a' }),
      }),
      content: { 'application/json': { schema: Order } },
    },
    400: BadRequest,
    401: Unauthorized,
    404: { ...NotFound, description: 'The cart does not exist.' },
    409: { ...Conflict, description: 'The cart is empty or an item is out of stock.' },
    422: Unprocessable,
  },
})

export const listOrders = createRoute({
  method: 'get',
  path: '/orders',
  tags: ['orders'],
  summary: "The customer's orders, newest first",
  security: bearerAuth,
  request: { query: z.object({ status: OrderStatus.optional(), ...PageQuery }) },
  responses: {
    200: {
      description: 'One page of orders.',
      content: { 'application/json': { schema: pageOf(Order).openapi('OrderPage') } },
    },
    400: BadRequest,
    401: Unauthorized,
  },
})

export const getOrder = createRoute({
  method: 'get',
  path: '/orders/{orderId}',
  tags: ['orders'],
  summary: 'An order by id',
  security: bearerAuth,
  request: { params: orderParams },
  responses: {
    200: { description: 'The order.', content: { 'application/json': { schema: Order } } },
    400: BadRequest,
    401: Unauthorized,
    404: NotFound,
  },
})

export const updateOrderStatus = createRoute({
  method: 'patch',
  path: '/orders/{orderId}',
  tags: ['orders'],
  summary: 'Move an order along its lifecycle (staff only)',
  security: bearerAuth,
  request: {
    params: orderParams,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({ status: z.enum(['shipped', 'delivered']), trackingUrl: z.url().optional() })
            .openapi('OrderStatusChange'),
        },
      },
    },
  },
  responses: {
    200: {
      description: 'The order in its new status.',
      content: { 'application/json': { schema: Order } },
    },
    400: BadRequest,
    401: Unauthorized,
    404: NotFound,
    409: { ...Conflict, description: 'The order cannot move to that status from its current one.' },
    422: Unprocessable,
  },
})

export const cancelOrder = createRoute({
  method: 'delete',
  path: '/orders/{orderId}',
  tags: ['orders'],
  summary: 'Cancel an order that has not shipped',
  security: bearerAuth,
  request: { params: orderParams },
  responses: {
    200: {
      description: 'The cancelled order.',
      content: { 'application/json': { schema: Order } },
    },
    400: BadRequest,
    401: Unauthorized,
    404: NotFound,
    409: { ...Conflict, description: 'The order has already shipped.' },
  },
})

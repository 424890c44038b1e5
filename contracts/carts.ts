import { createRoute, z } from 'standin'
import { BadRequest, Conflict, Currency, Money, NotFound, Unprocessable } from './common.ts'
import { ProductId } from './products.ts'

export const CartId = z.uuid()

export const CartItem = z
  .object({
    id: z.uuid(),
    productId: ProductId,
    name: z.string().min(1).max(120).openapi({ 'x-faker': 'commerce.productName' }),
    unitPrice: Money,
    quantity: z.int().min(1).max(99),
    lineTotal: Money,
  })
  .openapi('CartItem')

export const Cart = z
  .object({
    id: CartId,
    items: z.array(CartItem).max(50),
    currency: Currency,
    subtotal: Money,
    itemCount: z.int().min(0),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .openapi('Cart')

export const NewCartItem = z
  .object({
    productId: ProductId,
    quantity: z.int().min(1).max(99).default(1),
  })
  .openapi('NewCartItem', {
    example: { productId: '0d9a2c4e-6f1b-4a3c-8e5d-7b9f1a2c3d4e', quantity: 2 },
  })

const cartParams = z.object({ cartId: CartId })
const cartItemParams = z.object({ cartId: CartId, itemId: z.uuid() })

export const createCart = createRoute({
  method: 'post',
  path: '/carts',
  tags: ['carts'],
  summary: 'Start an empty cart',
  responses: {
    201: {
      description: 'The new, empty cart.',
      headers: z.object({ Location: z.string() }),
      content: { 'application/json': { schema: Cart } },
    },
  },
})

export const getCart = createRoute({
  method: 'get',
  path: '/carts/{cartId}',
  tags: ['carts'],
  summary: 'A cart with its items and totals',
  request: { params: cartParams },
  responses: {
    200: { description: 'The cart.', content: { 'application/json': { schema: Cart } } },
    400: BadRequest,
    404: NotFound,
  },
})

export const addCartItem = createRoute({
  method: 'post',
  path: '/carts/{cartId}/items',
  tags: ['carts'],
  summary: 'Put a product in the cart',
  request: {
    params: cartParams,
    body: { required: true, content: { 'application/json': { schema: NewCartItem } } },
  },
  responses: {
    201: {
      description: 'The cart with the new item.',
      content: { 'application/json': { schema: Cart } },
    },
    400: BadRequest,
    404: NotFound,
    409: { ...Conflict, description: 'Not enough stock for the requested quantity.' },
    422: Unprocessable,
  },
})

export const updateCartItem = createRoute({
  method: 'patch',
  path: '/carts/{cartId}/items/{itemId}',
  tags: ['carts'],
  summary: 'Change the quantity of an item',
  request: {
    params: cartItemParams,
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ quantity: z.int().min(1).max(99) }) } },
    },
  },
  responses: {
    200: { description: 'The updated cart.', content: { 'application/json': { schema: Cart } } },
    400: BadRequest,
    404: NotFound,
    409: { ...Conflict, description: 'Not enough stock for the requested quantity.' },
    422: Unprocessable,
  },
})

export const removeCartItem = createRoute({
  method: 'delete',
  path: '/carts/{cartId}/items/{itemId}',
  tags: ['carts'],
  summary: 'Take an item out of the cart',
  request: { params: cartItemParams },
  responses: {
    204: { description: 'Removed.' },
    400: BadRequest,
    404: NotFound,
  },
})

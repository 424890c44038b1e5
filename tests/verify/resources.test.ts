import { describe, expect, it } from 'vitest'
import { inferResources } from 'standin'
import shop from '../../contracts/index.ts'
import { orderOperations, verifiableResources } from '../../src/verify/resources.ts'

describe('inferResources', () => {
  it('pairs each collection POST with the operations on its items, nested ones too', () => {
    const resources = verifiableResources(inferResources(shop.operations), shop.operations).map(
      (resource) => ({
        name: resource.name,
        id: resource.idParam,
        create: resource.create.operationId,
        list: resource.list?.operationId,
        read: resource.read?.operationId,
        update: resource.update?.operationId,
        remove: resource.remove?.operationId,
      }),
    )
    expect(resources).toEqual([
      {
        name: 'customers',
        id: 'customerId',
        create: 'registerCustomer',
        list: undefined,
        read: 'getCustomer',
        update: 'updateCustomer',
        remove: undefined,
      },
      {
        name: 'products',
        id: 'productId',
        create: 'createProduct',
        list: 'listProducts',
        read: 'getProduct',
        update: 'replaceProduct',
        remove: 'deleteProduct',
      },
      {
        name: 'products/reviews',
        id: 'reviewId',
        create: 'createProductReview',
        list: 'listProductReviews',
        read: 'getProductReview',
        update: undefined,
        remove: undefined,
      },
      {
        name: 'carts',
        id: 'cartId',
        create: 'createCart',
        list: undefined,
        read: 'getCart',
        update: undefined,
        remove: undefined,
      },
      {
        name: 'carts/items',
        id: 'itemId',
        create: 'addCartItem',
        list: undefined,
        read: undefined,
        update: 'updateCartItem',
        remove: 'removeCartItem',
      },
      {
        name: 'orders',
        id: 'orderId',
        create: 'placeOrder',
        list: 'listOrders',
        read: 'getOrder',
        update: 'updateOrderStatus',
        remove: 'cancelOrder',
      },
      {
        name: 'payments',
        id: 'paymentId',
        create: 'payOrder',
        list: undefined,
        read: 'getPayment',
        update: undefined,
        remove: undefined,
      },
    ])
  })
})

describe('orderOperations', () => {
  it('runs creates first with parents before children, then reads, updates, and deletes with children before parents', () => {
    const order = orderOperations(
      shop.operations,
      verifiableResources(inferResources(shop.operations), shop.operations),
    ).map((op) => `${op.method} ${op.operationId}`)
    expect(order).toEqual([
      'post login',
      'post registerCustomer',
      'post createProduct',
      'post createProductReview',
      'post createCart',
      'post addCartItem',
      'post placeOrder',
      'post payOrder',
      'get getCurrentCustomer',
      'get getCustomer',
      'get listCategories',
      'get listProducts',
      'get getProduct',
      'get listProductReviews',
      'get getProductReview',
      'get getCart',
      'get listOrders',
      'get getOrder',
      'get getPayment',
      'patch updateCustomer',
      'put replaceProduct',
      'patch updateCartItem',
      'patch updateOrderStatus',
      'delete removeCartItem',
      'delete deleteProduct',
      'delete cancelOrder',
    ])
  })
})

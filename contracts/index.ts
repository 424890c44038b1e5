import { defineContract } from 'standin'
import { login } from './auth.ts'
import { addCartItem, createCart, getCart, removeCartItem, updateCartItem } from './carts.ts'
import { listCategories } from './categories.ts'
import { getCurrentCustomer, getCustomer, registerCustomer, updateCustomer } from './customers.ts'
import { cancelOrder, getOrder, listOrders, placeOrder, updateOrderStatus } from './orders.ts'
import { getPayment, payOrder } from './payments.ts'
import {
  createProduct,
  deleteProduct,
  getProduct,
  listProducts,
  replaceProduct,
} from './products.ts'
import { createProductReview, getProductReview, listProductReviews } from './reviews.ts'

/** The example contract: the API of an online shop. */
export default defineContract({
  info: {
    title: 'Standin Shop API',
    version: '1.0.0',
    description: 'An online shop: catalogue, carts, orders, payments and reviews.',
  },
  servers: [{ url: 'http://127.0.0.1:4010', description: 'standin mock' }],
  tags: [
    { name: 'auth', description: 'Log in and get a bearer token.' },
    { name: 'customers', description: 'Accounts and profiles.' },
    { name: 'products', description: 'The catalogue and its categories.' },
    { name: 'reviews', description: 'What customers say about products.' },
    { name: 'carts', description: 'Shopping carts.' },
    { name: 'orders', description: 'Orders and their lifecycle.' },
    { name: 'payments', description: 'Paying for orders.' },
  ],
  securitySchemes: {
    bearerAuth: {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: 'The accessToken from POST /auth/login.',
    },
  },
  routes: {
    login,
    registerCustomer,
    getCurrentCustomer,
    getCustomer,
    updateCustomer,
    listCategories,
    listProducts,
    getProduct,
    createProduct,
    replaceProduct,
    deleteProduct,
    listProductReviews,
    getProductReview,
    createProductReview,
    createCart,
    getCart,
    addCartItem,
    updateCartItem,
    removeCartItem,
    placeOrder,
    listOrders,
    getOrder,
    updateOrderStatus,
    cancelOrder,
    payOrder,
    getPayment,
  },
})

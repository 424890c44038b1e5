import { createRoute, z } from 'standin'
import {
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
import { CategoryId } from './categories.ts'

export const ProductId = z.uuid().openapi({ example: '0d9a2c4e-6f1b-4a3c-8e5d-7b9f1a2c3d4e' })

const productFields = {
  sku: z
    .string()
    .regex(/^[A-Z]{3}-\d{6}$/)
    .openapi({ example: 'KIT-004211' }),
  name: z.string().min(1).max(120).openapi({ 'x-faker': 'commerce.productName' }),
  description: z.string().max(2000),
  price: Money.min(0.01).max(100_000),
  currency: Currency,
  categoryId: CategoryId,
  images: z.array(z.url()).min(1).max(8),
  stock: z.int().min(0).max(100_000),
  tags: z.array(z.string().min(1).max(30)).max(10).default([]),
  attributes: z
    .record(z.string(), z.string().max(100))
    .openapi({ example: { color: 'black', material: 'steel' } }),
}

export const Product = z
  .object({
    id: ProductId,
    ...productFields,
    rating: z
      .number()
      .min(0)
      .max(5)
      .nullable()
      .openapi({ description: 'Average review rating; null until reviewed.' }),
    reviewCount: z.int().min(0),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .openapi('Product')

export const NewProduct = z.object(productFields).openapi('NewProduct')

const productParams = z.object({ productId: ProductId })

export const listProducts = createRoute({
  method: 'get',
  path: '/products',
  tags: ['products'],
  summary: 'Search and browse products',
  request: {
    query: z.object({
      q: z
        .string()
        .max(100)
        .optional()
        .openapi({ description: 'Full-text search over name and description.' }),
      categoryId: CategoryId.optional(),
      minPrice: z.coerce.number().min(0).optional(),
      maxPrice: z.coerce.number().min(0).optional(),
      inStock: z.enum(['true', 'false']).optional(),
      sort: z.enum(['relevance', 'price', '-price', 'newest', 'rating']).default('relevance'),
      ...PageQuery,
    }),
  },
  responses: {
    200: {
      description: 'One page of products.',
      content: { 'application/json': { schema: pageOf(Product).openapi('ProductPage') } },
    },
    400: BadRequest,
  },
})

export const getProduct = createRoute({
  method: 'get',
  path: '/products/{productId}',
  tags: ['products'],
  summary: 'A product by id',
  request: { params: productParams },
  responses: {
    200: {
      description: 'The product.',
      content: {
        'application/json': {
          schema: Product,
          examples: {
            'coffee-grinder': {
              summary: 'A product with reviews',
              value: {
                id: '0d9a2c4e-6f1b-4a3c-8e5d-7b9f1a2c3d4e',
                sku: 'KIT-004211',
                name: 'Burr Coffee Grinder',
                description: 'Conical steel burrs, 40 grind settings.',
                price: 89.9,
                currency: 'EUR',
                categoryId: '6c1e4a2b-3d5f-4e7a-9b8c-1d2e3f4a5b6c',
                images: ['https://images.example.com/grinder.jpg'],
                stock: 14,
                tags: ['coffee', 'kitchen'],
                attributes: { color: 'black', material: 'steel' },
                rating: 4.6,
                reviewCount: 128,
                createdAt: '2026-03-01T09:30:00Z',
                updatedAt: '2026-10-12T16:04:00Z',
              },
            },
          },
        },
      },
    },
    400: BadRequest,
    404: NotFound,
  },
})

export const createProduct = createRoute({
  method: 'post',
  path: '/products',
  tags: ['products'],
  summary: 'Add a product to the catalogue',
  security: bearerAuth,
  request: { body: { required: true, content: { 'application/json': { schema: NewProduct } } } },
  responses: {
    201: {
      description: 'The new product.',
      headers: z.object({ Location: z.string() }),
      content: { 'application/json': { schema: Product } },
    },
    400: BadRequest,
    401: Unauthorized,
    409: Conflict,
    422: Unprocessable,
  },
})

export const replaceProduct = createRoute({
  method: 'put',
  path: '/products/{productId}',
  tags: ['products'],
  summary: 'Replace a product',
  security: bearerAuth,
  request: {
    params: productParams,
    body: { required: true, content: { 'application/json': { schema: NewProduct } } },
  },
  responses: {
    200: {
      description: 'The replaced product.',
      content: { 'application/json': { schema: Product } },
    },
    400: BadRequest,
    401: Unauthorized,
    404: NotFound,
    422: Unprocessable,
  },
})

export const deleteProduct = createRoute({
  method: 'delete',
  path: '/products/{productId}',
  tags: ['products'],
  summary: 'Remove a product from the catalogue',
  security: bearerAuth,
  request: { params: productParams },
  responses: {
    204: { description: 'Deleted.' },
    400: BadRequest,
    401: Unauthorized,
    404: NotFound,
  },
})

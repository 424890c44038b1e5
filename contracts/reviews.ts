import { createRoute, z } from 'standin'
import {
  BadRequest,
  bearerAuth,
  Conflict,
  NotFound,
  PageQuery,
  pageOf,
  Unauthorized,
  Unprocessable,
} from './common.ts'
import { CustomerId } from './customers.ts'
import { ProductId } from './products.ts'

export const Review = z
  .object({
    id: z.int().min(1).openapi({ example: 4711 }),
    productId: ProductId,
    customerId: CustomerId,
    author: z.string().min(1).max(60).openapi({ 'x-faker': 'person.fullName' }),
    rating: z.int().min(1).max(5),
    title: z.string().min(1).max(120),
    body: z.string().max(5000),
    verifiedPurchase: z.boolean(),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .openapi('Review')

export const NewReview = z
  .object({
    rating: z.int().min(1).max(5),
    title: z.string().min(1).max(120),
    body: z.string().max(5000).default(''),
  })
  .openapi('NewReview', {
    example: { rating: 5, title: 'Does what it says', body: 'Quiet and consistent.' },
  })

const productParams = z.object({ productId: ProductId })

export const listProductReviews = createRoute({
  method: 'get',
  path: '/products/{productId}/reviews',
  tags: ['reviews'],
  summary: 'Reviews of a product',
  request: {
    params: productParams,
    query: z.object({ minRating: z.coerce.number().int().min(1).max(5).optional(), ...PageQuery }),
  },
  responses: {
    200: {
      description: 'One page of reviews.',
      content: { 'application/json': { schema: pageOf(Review).openapi('ReviewPage') } },
    },
    400: BadRequest,
    404: NotFound,
  },
})

export const getProductReview = createRoute({
  method: 'get',
  path: '/products/{productId}/reviews/{reviewId}',
  tags: ['reviews'],
  summary: 'One review of a product',
  request: { params: z.object({ productId: ProductId, reviewId: z.coerce.number().int().min(1) }) },
  responses: {
    200: { description: 'The review.', content: { 'application/json': { schema: Review } } },
    400: BadRequest,
    404: NotFound,
  },
})

export const createProductReview = createRoute({
  method: 'post',
  path: '/products/{productId}/reviews',
  tags: ['reviews'],
  summary: 'Review a product',
  description: 'A customer can review each product once.',
  security: bearerAuth,
  request: {
    params: productParams,
    body: { required: true, content: { 'application/json': { schema: NewReview } } },
  },
  responses: {
    201: { description: 'The new review.', content: { 'application/json': { schema: Review } } },
    400: BadRequest,
    401: Unauthorized,
    404: NotFound,
    409: Conflict,
    422: Unprocessable,
  },
})

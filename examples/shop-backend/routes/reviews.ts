import type { Hono } from 'hono'
import {
  createProductReview,
  getProductReview,
  listProductReviews,
  NewReview,
} from '../../../contracts/reviews.ts'
import { conflict, notFound, pageOf, readBody, readParams, readQuery } from '../http.ts'
import { secured, type Shop } from '../shop.ts'
import { now, type ProductRecord, type ReviewRecord, type Store } from '../store.ts'

/** Reviews of products: anyone reads them, a logged-in customer writes one per product. */
export function reviewRoutes(app: Hono, shop: Shop): void {
  const { store } = shop

  app.get('/products/:productId/reviews', (c) => {
    const params = readParams(c, listProductReviews.request.params)
    if (!params.ok) return params.response
    const query = readQuery(c, listProductReviews.request.query)
    if (!query.ok) return query.response
    if (!store.products.has(params.value.productId)) return notFound(c, 'product')
    const { minRating, page, pageSize } = query.value
    const reviews = store.reviews
      .filter(
        (review) =>
          review.productId === params.value.productId && review.rating >= (minRating ?? 1),
      )
      .sort((a, b) => b.id - a.id)
    return c.json(pageOf(reviews, page, pageSize))
  })

  app.get('/products/:productId/reviews/:reviewId', (c) => {
    const params = readParams(c, getProductReview.request.params)
    if (!params.ok) return params.response
    const review = store.reviews.find(
      (found) => found.id === params.value.reviewId && found.productId === params.value.productId,
    )
    return review ? c.json(review) : notFound(c, 'review of that product')
  })

  app.post(
    '/products/:productId/reviews',
    secured(shop, async (c, customer) => {
      const params = readParams(c, createProductReview.request.params)
      if (!params.ok) return params.response
      const body = await readBody(c, NewReview)
      if (!body.ok) return body.response
      const product = store.products.get(params.value.productId)
      if (!product) return notFound(c, 'product')
      if (
        store.reviews.some(
          (review) => review.productId === product.id && review.customerId === customer.id,
        )
      ) {
        return conflict(c, 'You have already reviewed this product.')
      }
      const review: ReviewRecord = {
        ...body.value,
        id: store.nextReviewId++,
        productId: product.id,
        customerId: customer.id,
        author: `${customer.firstName} ${customer.lastName}`,
        verifiedPurchase: hasBought(store, customer.id, product.id),
        createdAt: now(),
      }
      store.reviews.push(review)
      rate(store, product)
      return c.json(review, 201)
    }),
  )
}

function hasBought(store: Store, customerId: string, productId: string): boolean {
  return [...store.orders.values()].some(
    (order) =>
      order.customerId === customerId &&
      order.status !== 'cancelled' &&
      order.items.some((item) => item.productId === productId),
  )
}

function rate(store: Store, product: ProductRecord): void {
  const ratings = store.reviews
    .filter((review) => review.productId === product.id)
    .map((review) => review.rating)
  const average = ratings.reduce((sum, rating) => sum + rating, 0) / ratings.length
  store.products.set(product.id, {
    ...product,
    rating: Math.round(average * 10) / 10,
    reviewCount: ratings.length,
  })
}

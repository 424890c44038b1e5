import type { Hono } from 'hono'
import type { z } from 'zod'
import { getProduct, listProducts, NewProduct } from '../../../contracts/products.ts'
import { conflict, notFound, pageOf, readBody, readParams, readQuery } from '../http.ts'
import { secured, type Shop } from '../shop.ts'
import { newId, now, type ProductRecord } from '../store.ts'

type ProductQuery = z.output<typeof listProducts.request.query>
/** A product as answered: with the planted wrong-field-type bug, its price is a string. */
type ProductView = ProductRecord | (Omit<ProductRecord, 'price'> & { price: string })

const productParams = getProduct.request.params

/** Categories and products: browsing for everyone, changes for logged-in customers. */
export function catalogueRoutes(app: Hono, shop: Shop): void {
  const { store } = shop
  const view = (product: ProductRecord): ProductView =>
    shop.has('wrong-field-type') ? { ...product, price: product.price.toFixed(2) } : product

  app.get('/categories', (c) => c.json(store.categories))

  app.get('/products', (c) => {
    const query = readQuery(c, listProducts.request.query)
    if (!query.ok) return query.response
    const found = sortProducts(
      filterProducts([...store.products.values()], query.value),
      query.value.sort,
    )
    const { page, pageSize } = query.value
    if (shop.has('server-error-on-edge-input') && page > Math.ceil(found.length / pageSize)) {
      // The planted bug: reads the first product of a page that does not exist.
      const first = found[(page - 1) * pageSize] as ProductRecord
      return c.json({ first: first.id })
    }
    return c.json({
      ...pageOf(found, page, pageSize),
      items: pageOf(found, page, pageSize).items.map(view),
    })
  })

  app.get('/products/:productId', (c) => {
    const params = readParams(c, productParams)
    if (!params.ok) return params.response
    const product = store.products.get(params.value.productId)
    return product ? c.json(view(product)) : notFound(c, 'product')
  })

  productWriteRoutes(app, shop, view)
}

/** Adding, replacing and removing products: logged-in customers only. */
function productWriteRoutes(
  app: Hono,
  shop: Shop,
  view: (product: ProductRecord) => ProductView,
): void {
  const { store } = shop

  app.post(
    '/products',
    secured(shop, async (c) => {
      const body = await readBody(c, NewProduct)
      if (!body.ok) return body.response
      if ([...store.products.values()].some((product) => product.sku === body.value.sku))
        return conflict(c, `A product with SKU ${body.value.sku} exists.`)
      const at = now()
      const product: ProductRecord = {
        ...body.value,
        id: newId(),
        rating: null,
        reviewCount: 0,
        createdAt: at,
        updatedAt: at,
      }
      store.products.set(product.id, product)
      return c.json(view(product), 201, { Location: `/products/${product.id}` })
    }),
  )

  app.put(
    '/products/:productId',
    secured(shop, async (c) => {
      const params = readParams(c, productParams)
      if (!params.ok) return params.response
      const body = await readBody(c, NewProduct)
      if (!body.ok) return body.response
      const existing = store.products.get(params.value.productId)
      if (!existing) return notFound(c, 'product')
      const product: ProductRecord = { ...existing, ...body.value, updatedAt: now() }
      store.products.set(product.id, product)
      return c.json(view(product))
    }),
  )

  app.delete(
    '/products/:productId',
    secured(shop, (c) => {
      const params = readParams(c, productParams)
      if (!params.ok) return params.response
      if (!store.products.has(params.value.productId)) return notFound(c, 'product')
      if (!shop.has('delete-leaves-readable')) store.products.delete(params.value.productId)
      return c.body(null, 204)
    }),
  )
}

function filterProducts(products: ProductRecord[], query: ProductQuery): ProductRecord[] {
  const words = query.q?.toLowerCase()
  return products.filter(
    (product) =>
      (!words || `${product.name} ${product.description}`.toLowerCase().includes(words)) &&
      (!query.categoryId || product.categoryId === query.categoryId) &&
      (query.minPrice === undefined || product.price >= query.minPrice) &&
      (query.maxPrice === undefined || product.price <= query.maxPrice) &&
      (query.inStock === undefined || product.stock > 0 === (query.inStock === 'true')),
  )
}

function sortProducts(products: ProductRecord[], sort: ProductQuery['sort']): ProductRecord[] {
  const by: Record<ProductQuery['sort'], (a: ProductRecord, b: ProductRecord) => number> = {
    relevance: () => 0,
    price: (a, b) => a.price - b.price,
    '-price': (a, b) => b.price - a.price,
    newest: (a, b) => b.createdAt.localeCompare(a.createdAt),
    rating: (a, b) => (b.rating ?? -1) - (a.rating ?? -1),
  }
  return [...products].sort(by[sort])
}

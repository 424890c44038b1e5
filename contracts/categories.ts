import { createRoute, z } from 'standin'

export const CategoryId = z.uuid()

export interface CategoryNode {
  id: string
  name: string
  slug: string
  children: CategoryNode[]
}

/** The category tree: each category holds its sub-categories (a recursive schema). */
export const Category: z.ZodType<CategoryNode> = z
  .object({
    id: CategoryId,
    name: z.string().min(1).max(60).openapi({ 'x-faker': 'commerce.department' }),
    slug: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
      .max(60),
    get children() {
      return z.array(Category).max(8)
    },
  })
  .openapi('Category')

export const listCategories = createRoute({
  method: 'get',
  path: '/categories',
  tags: ['products'],
  summary: 'The category tree',
  responses: {
    200: {
      description: 'Top-level categories with their sub-categories.',
      content: { 'application/json': { schema: z.array(Category).min(1).max(12) } },
    },
  },
})

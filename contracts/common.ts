import { z } from 'standin'

/** RFC 9457 problem details: every error the shop answers with. */
export const Problem = z
  .object({
    type: z
      .string()
      .default('about:blank')
      .openapi({ example: 'https://standin.dev/problems/validation' }),
    title: z.string().openapi({ example: 'Request validation failed' }),
    status: z.int().min(100).max(599).openapi({ example: 422 }),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z
      .array(
        z.object({
          location: z.enum(['path', 'query', 'header', 'cookie', 'body']),
          path: z.string().openapi({ example: 'items[0].quantity' }),
          message: z.string(),
        }),
      )
      .optional(),
  })
  .openapi('Problem')

export function problem(description: string) {
  return { description, content: { 'application/problem+json': { schema: Problem } } }
}

export const BadRequest = problem(
  'The request is malformed: invalid JSON, a wrong content type or a bad parameter.',
)
export const Unauthorized = problem('Credentials are missing, malformed or expired.')
export const NotFound = problem('No such resource.')
export const Conflict = problem('The request conflicts with the current state of the resource.')
export const Unprocessable = problem('The body is well-formed JSON but breaks the schema.')

export const bearerAuth = [{ bearerAuth: [] }]

// The OpenAPI generator does not emit zod's multipleOf, so it is repeated as OpenAPI metadata.
export const Money = z.number().min(0).max(1_000_000).multipleOf(0.01).openapi({ multipleOf: 0.01 })

export const Currency = z.enum(['USD', 'EUR', 'GBP', 'JPY', 'CAD']).openapi({ example: 'EUR' })

export const Timestamp = z.iso.datetime({ offset: true })

export const Address = z
  .object({
    line1: z.string().min(1).max(120),
    line2: z.string().max(120).optional(),
    city: z.string().min(1).max(80),
    postalCode: z.string().min(3).max(12),
    countryCode: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .openapi({ example: 'DE' }),
  })
  .openapi('Address')

export const PageQuery = {
  page: z.coerce.number().int().min(1).default(1).openapi({ description: 'Page number, from 1.' }),
  pageSize: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(20)
    .openapi({ description: 'Items per page.' }),
}

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item).max(100),
    page: z.int().min(1),
    pageSize: z.int().min(1).max(100),
    total: z.int().min(0),
  })
}

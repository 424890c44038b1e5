import { createRoute, z } from 'standin'
import {
  Address,
  BadRequest,
  bearerAuth,
  Conflict,
  NotFound,
  Unauthorized,
  Unprocessable,
} from './common.ts'

export const CustomerId = z.uuid().openapi({ example: '5b3e1f0a-8c1d-4b6e-9f2a-3c4d5e6f7a8b' })

export const Customer = z
  .object({
    id: CustomerId,
    email: z.email(),
    firstName: z.string().min(1).max(60),
    lastName: z.string().min(1).max(60),
    phone: z.string().nullable(),
    birthDate: z.iso.date().optional(),
    avatarUrl: z.url().optional(),
    addresses: z.array(Address).max(5),
    marketingOptIn: z.boolean().default(false),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .openapi('Customer')

export const NewCustomer = z
  .object({
    email: z.email(),
    password: z.string().min(8).max(128),
    firstName: z.string().min(1).max(60),
    lastName: z.string().min(1).max(60),
    phone: z.string().nullable().optional(),
    birthDate: z.iso.date().optional(),
    marketingOptIn: z.boolean().default(false),
  })
  .openapi('NewCustomer', {
    example: {
      email: 'ada@example.com',
      password: 'correct horse battery',
      firstName: 'Ada',
      lastName: 'Lovelace',
    },
  })

export const CustomerPatch = z
  .object({
    firstName: z.string().min(1).max(60),
    lastName: z.string().min(1).max(60),
    phone: z.string().nullable(),
    birthDate: z.iso.date(),
    addresses: z.array(Address).max(5),
    marketingOptIn: z.boolean(),
  })
  .partial()
  .openapi('CustomerPatch')

const customerParams = z.object({ customerId: CustomerId })

export const registerCustomer = createRoute({
  method: 'post',
  path: '/customers',
  tags: ['customers'],
  summary: 'Create an account',
  request: { body: { required: true, content: { 'application/json': { schema: NewCustomer } } } },
  responses: {
    201: {
      description: 'The new customer.',
      headers: z.object({
        Location: z
          .string()
          .openapi({ example: '/customers/5b3e1f0a-8c1d-4b6e-9f2a-3c4d5e6f7a8b' }),
      }),
      content: { 'application/json': { schema: Customer } },
    },
    400: BadRequest,
    409: Conflict,
    422: Unprocessable,
  },
})

export const getCurrentCustomer = createRoute({
  method: 'get',
  path: '/me',
  tags: ['customers'],
  summary: 'The logged-in customer',
  security: bearerAuth,
  responses: {
    200: {
      description: 'The customer the token belongs to.',
      content: { 'application/json': { schema: Customer } },
    },
    401: Unauthorized,
  },
})

export const getCustomer = createRoute({
  method: 'get',
  path: '/customers/{customerId}',
  tags: ['customers'],
  summary: 'A customer by id',
  security: bearerAuth,
  request: { params: customerParams },
  responses: {
    200: { description: 'The customer.', content: { 'application/json': { schema: Customer } } },
    400: BadRequest,
    401: Unauthorized,
    404: NotFound,
  },
})

export const updateCustomer = createRoute({
  method: 'patch',
  path: '/customers/{customerId}',
  tags: ['customers'],
  summary: 'Change some fields of a customer',
  security: bearerAuth,
  request: {
    params: customerParams,
    body: { required: true, content: { 'application/json': { schema: CustomerPatch } } },
  },
  responses: {
    200: {
      description: 'The updated customer.',
      content: { 'application/json': { schema: Customer } },
    },
    400: BadRequest,
    401: Unauthorized,
    404: NotFound,
    422: Unprocessable,
  },
})

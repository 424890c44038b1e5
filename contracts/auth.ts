import { createRoute, z } from 'standin'
import { BadRequest, Unauthorized, Unprocessable } from './common.ts'
import { Customer } from './customers.ts'

export const LoginRequest = z
  .object({
    email: z.email().openapi({ example: 'ada@example.com' }),
    password: z.string().min(8).max(128).openapi({ example: 'correct horse battery' }),
  })
  .openapi('LoginRequest')

export const Session = z
  .object({
    accessToken: z.string().min(20).openapi({ 'x-faker': 'internet.jwt' }),
    tokenType: z.literal('Bearer'),
    expiresIn: z.int().min(60).max(86_400).openapi({ example: 3600 }),
    customer: Customer,
  })
  .openapi('Session')

export const login = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['auth'],
  summary: 'Log in with email and password',
  description: 'Returns a bearer token for the operations that need one.',
  request: { body: { required: true, content: { 'application/json': { schema: LoginRequest } } } },
  responses: {
    200: { description: 'Logged in.', content: { 'application/json': { schema: Session } } },
    400: BadRequest,
    401: Unauthorized,
    422: Unprocessable,
  },
})

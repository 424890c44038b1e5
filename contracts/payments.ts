import { createRoute, z } from 'standin'
import {
  BadRequest,
  bearerAuth,
  Conflict,
  Currency,
  Money,
  NotFound,
  problem,
  Unauthorized,
  Unprocessable,
} from './common.ts'

export const PaymentId = z.uuid()

const CardPayment = z
  .object({
    type: z.literal('card'),
    cardNumber: z
      .string()
      .regex(/^\d{12,19}$/)
      .openapi({ example: '4242424242424242' }),
    expMonth: z.int().min(1).max(12),
    expYear: z.int().min(2026).max(2050),
    cvc: z.string().regex(/^\d{3,4}$/),
    holderName: z.string().min(1).max(80),
  })
  .openapi('CardPayment')

const PaypalPayment = z
  .object({ type: z.literal('paypal'), email: z.email() })
  .openapi('PaypalPayment')

const BankTransferPayment = z
  .object({
    type: z.literal('bank_transfer'),
    iban: z
      .string()
      .regex(/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/)
      .openapi({ example: 'DE89370400440532013000' }),
    accountHolder: z.string().min(1).max(80),
  })
  .openapi('BankTransferPayment')

/** How a customer pays: one of three methods, told apart by `type`. */
export const PaymentMethod = z
  .discriminatedUnion('type', [CardPayment, PaypalPayment, BankTransferPayment])
  .openapi('PaymentMethod')

/** What the shop shows back about a method, never the full card number. */
export const PaymentMethodSummary = z
  .discriminatedUnion('type', [
    z.object({
      type: z.literal('card'),
      brand: z.enum(['visa', 'mastercard', 'amex']),
      last4: z.string().regex(/^\d{4}$/),
    }),
    z.object({ type: z.literal('paypal'), email: z.email() }),
    z.object({
      type: z.literal('bank_transfer'),
      ibanLast4: z.string().regex(/^[A-Z0-9]{4}$/),
      reference: z.string().max(35),
    }),
  ])
  .openapi('PaymentMethodSummary')

export const Payment = z
  .object({
    id: PaymentId,
    orderId: z.uuid(),
    amount: Money,
    currency: Currency,
    status: z.enum(['authorized', 'captured', 'declined', 'refunded']),
    method: PaymentMethodSummary,
    declineReason: z.string().nullable(),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .openapi('Payment')

export const NewPayment = z
  .object({ amount: Money.min(0.01), currency: Currency, method: PaymentMethod })
  .openapi('NewPayment', {
    example: {
      amount: 89.9,
      currency: 'EUR',
      method: { type: 'paypal', email: 'ada@example.com' },
    },
  })

export const payOrder = createRoute({
  method: 'post',
  path: '/orders/{orderId}/payments',
  tags: ['payments'],
  summary: 'Pay for an order',
  description: 'A successful payment moves the order from pending to paid.',
  security: bearerAuth,
  request: {
    params: z.object({ orderId: z.uuid() }),
    body: { required: true, content: { 'application/json': { schema: NewPayment } } },
  },
  responses: {
    201: {
      description: 'The payment was authorized.',
      content: { 'application/json': { schema: Payment } },
    },
    400: BadRequest,
    401: Unauthorized,
    402: problem('The payment was declined.'),
    404: NotFound,
    409: { ...Conflict, description: 'The order is not pending payment.' },
    422: Unprocessable,
  },
})

export const getPayment = createRoute({
  method: 'get',
  path: '/payments/{paymentId}',
  tags: ['payments'],
  summary: 'A payment by id',
  security: bearerAuth,
  request: { params: z.object({ paymentId: PaymentId }) },
  responses: {
    200: { description: 'The payment.', content: { 'application/json': { schema: Payment } } },
    400: BadRequest,
    401: Unauthorized,
    404: NotFound,
  },
})

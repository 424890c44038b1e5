import type { Hono } from 'hono'
import type { z } from 'zod'
import {
  getPayment,
  NewPayment,
  payOrder,
  type PaymentMethod,
} from '../../../contracts/payments.ts'
import { conflict, notFound, problem, readBody, readParams } from '../http.ts'
import { secured, type Shop } from '../shop.ts'
import { newId, now, type PaymentRecord } from '../store.ts'

/** Card numbers ending like this are declined, as with the usual payment-provider test cards. */
const DECLINED_CARD_SUFFIX = '0002'

/** Paying for an order moves it from pending to paid. */
export function paymentRoutes(app: Hono, shop: Shop): void {
  const { store } = shop

  app.post(
    '/orders/:orderId/payments',
    secured(shop, async (c, customer) => {
      const params = readParams(c, payOrder.request.params)
      if (!params.ok) return params.response
      const body = await readBody(c, NewPayment)
      if (!body.ok) return body.response
      const order = store.orders.get(params.value.orderId)
      if (!order || order.customerId !== customer.id) return notFound(c, 'order')
      if (order.status !== 'pending')
        return conflict(c, `The order is ${order.status}, not pending payment.`)
      const { method } = body.value
      if (method.type === 'card' && method.cardNumber.endsWith(DECLINED_CARD_SUFFIX))
        return problem(c, 402, 'Payment declined', 'The card was declined.')
      const at = now()
      // The amount is recorded as given: this example does not reconcile partial payments.
      const payment: PaymentRecord = {
        id: newId(),
        orderId: order.id,
        amount: body.value.amount,
        currency: body.value.currency,
        status: 'captured',
        method: summarize(method, order.id),
        declineReason: null,
        createdAt: at,
      }
      store.payments.set(payment.id, payment)
      store.orders.set(order.id, { ...order, status: 'paid', paidAt: at })
      return c.json(payment, 201)
    }),
  )

  app.get(
    '/payments/:paymentId',
    secured(shop, (c, customer) => {
      const params = readParams(c, getPayment.request.params)
      if (!params.ok) return params.response
      const payment = store.payments.get(params.value.paymentId)
      const order = payment && store.orders.get(payment.orderId)
      return payment && order?.customerId === customer.id ? c.json(payment) : notFound(c, 'payment')
    }),
  )
}

/** What the shop shows back about a method: never the full card number or IBAN. */
function summarize(
  method: z.output<typeof PaymentMethod>,
  orderId: string,
): PaymentRecord['method'] {
  if (method.type === 'paypal') return { type: 'paypal', email: method.email }
  if (method.type === 'bank_transfer')
    return {
      type: 'bank_transfer',
      ibanLast4: method.iban.slice(-4),
      reference: `ORDER-${orderId.slice(0, 8).toUpperCase()}`,
    }
  const brand = /^3[47]/.test(method.cardNumber)
    ? 'amex'
    : method.cardNumber.startsWith('5')
      ? 'mastercard'
      : 'visa'
  return { type: 'card', brand, last4: method.cardNumber.slice(-4) }
}

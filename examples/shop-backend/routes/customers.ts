import { randomBytes } from 'node:crypto'
import type { Hono } from 'hono'
import type { Context } from 'hono'
import { LoginRequest } from '../../../contracts/auth.ts'
import { CustomerPatch, NewCustomer, getCustomer } from '../../../contracts/customers.ts'
import { conflict, notFound, problem, readBody, readJson, readParams } from '../http.ts'
import { secured, type Shop } from '../shop.ts'
import {
  checkPassword,
  type CustomerRecord,
  hashPassword,
  newId,
  now,
  publicCustomer,
} from '../store.ts'

const customerParams = getCustomer.request.params

/** Log in, register, and read or change customers. */
export function customerRoutes(app: Hono, shop: Shop): void {
  const { store } = shop

  app.post('/auth/login', async (c) => {
    const body = await readBody(c, LoginRequest)
    if (!body.ok) return body.response
    const customer = [...store.customers.values()].find(
      (candidate) => candidate.email === body.value.email,
    )
    if (!customer || !checkPassword(body.value.password, customer.passwordHash))
      return problem(c, 401, 'Unauthorized', 'Wrong email or password.')
    const accessToken = randomBytes(32).toString('base64url')
    store.sessions.set(accessToken, customer.id)
    return c.json({
      accessToken,
      tokenType: 'Bearer',
      expiresIn: 3600,
      customer: publicCustomer(customer),
    })
  })

  app.post('/customers', async (c) => {
    const body = await readBody(c, NewCustomer)
    if (!body.ok) return body.response
    const { password, ...fields } = body.value
    if ([...store.customers.values()].some((existing) => existing.email === fields.email))
      return conflict(c, 'An account with that email exists.')
    const at = now()
    const customer: CustomerRecord = {
      ...fields,
      id: newId(),
      phone: fields.phone ?? null,
      addresses: [],
      createdAt: at,
      updatedAt: at,
      passwordHash: hashPassword(password),
    }
    store.customers.set(customer.id, customer)
    return c.json(publicCustomer(customer), 201, { Location: `/customers/${customer.id}` })
  })

  app.get(
    '/me',
    secured(shop, (c, customer) => c.json(publicCustomer(customer))),
  )

  app.get(
    '/customers/:customerId',
    secured(shop, (c) => {
      const params = readParams(c, customerParams)
      if (!params.ok) return params.response
      const customer = store.customers.get(params.value.customerId)
      return customer ? c.json(publicCustomer(customer)) : notFound(c, 'customer')
    }),
  )

  app.patch(
    '/customers/:customerId',
    secured(shop, async (c) => {
      const params = readParams(c, customerParams)
      if (!params.ok) return params.response
      const patch = shop.has('accepts-invalid-body')
        ? { ok: true as const, value: await lenientPatch(c) }
        : await readBody(c, CustomerPatch)
      if (!patch.ok) return patch.response
      const customer = store.customers.get(params.value.customerId)
      if (!customer) return notFound(c, 'customer')
      const updated = { ...customer, ...patch.value, updatedAt: now() }
      store.customers.set(updated.id, updated)
      return c.json(publicCustomer(updated))
    }),
  )
}

// The planted bug: keep whatever fields happen to be valid, ignore the rest, never refuse.
async function lenientPatch(c: Context): Promise<Record<string, unknown>> {
  const json = await readJson(c)
  if (!json.ok || typeof json.value !== 'object' || json.value === null) return {}
  const kept: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(json.value)) {
    const single = CustomerPatch.safeParse({ [key]: value })
    if (single.success) Object.assign(kept, single.data)
  }
  return kept
}

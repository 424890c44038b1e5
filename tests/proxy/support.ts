import { type ChildProcess, spawn } from 'node:child_process'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { createShopBackend, type ShopBug } from '../../examples/shop-backend/index.ts'
import { repoRoot } from '../support/temp-dir.ts'

export interface BackendProcess {
  url: string
  stop(): Promise<void>
}

/** The reference shop backend as its own process, with these bugs planted. */
export async function startShopBackend(bugs: readonly ShopBug[] = []): Promise<BackendProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(repoRoot, 'examples/shop-backend/serve.ts'),
      '--port',
      '0',
      ...bugs.flatMap((bug) => ['--bug', bug]),
    ],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  const url = await new Promise<string>((resolve, reject) => {
    let output = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const found = /on (http:\/\/\S+)/.exec(output)
      if (found?.[1]) resolve(found[1])
    })
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.on('exit', (code) => reject(new Error(`The shop backend exited with ${code}: ${output}`)))
  })
  return { url, stop: () => stopped(child) }
}

/**
 * The reference shop backend with these bugs planted, on its own HTTP server inside this process:
 * real sockets, without a process to start for each of many variants.
 */
export function listenShopBackend(bugs: readonly ShopBug[] = []): Promise<BackendProcess> {
  const app = createShopBackend({ bugs: [...bugs], logError: () => undefined })
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({
        url: `http://127.0.0.1:${(info as AddressInfo).port}`,
        stop: () => new Promise((done) => server.close(() => done())),
      }),
    )
  })
}

function stopped(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

const ADA = { email: 'ada@example.com', password: 'correct horse battery' }
const ADDRESS = {
  name: 'Ada Lovelace',
  line1: '12 Ada Street',
  city: 'London',
  postalCode: 'N1 9GU',
  countryCode: 'GB',
}

/**
 * What a frontend does in a short session, through `base`: log in, browse, fill a cart, order,
 * read the order (once, by mistake, without the token), change the customer (once with a broken
 * email), and add then remove a product. Returns the statuses in order.
 */
export async function shopSession(base: string): Promise<string[]> {
  const seen: string[] = []
  const call = async (method: string, path: string, body?: unknown, token?: string) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.text()
    seen.push(`${method} ${path.replace(/[0-9a-f-]{36}/g, '{id}')} ${response.status}`)
    return { status: response.status, json: parsed(text) }
  }
  const login = await call('POST', '/auth/login', ADA)
  const token = login.json.accessToken as string
  const customerId = (login.json.customer as { id: string }).id
  const products = await call('GET', '/products?pageSize=5')
  const first = (products.json.items as Array<{ id: string }>)[0]?.id as string
  await call('GET', `/products/${first}`)
  await call('GET', '/products?page=999')
  const cart = await call('POST', '/carts', {})
  const cartId = cart.json.id as string
  await call('GET', `/carts/${cartId}`)
  await call('POST', `/carts/${cartId}/items`, { productId: first, quantity: 1 })
  const order = await call('POST', '/orders', { cartId, shippingAddress: ADDRESS }, token)
  const orderId = order.json.id as string
  await call('GET', `/orders/${orderId}`, undefined, token)
  await call('GET', `/orders/${orderId}`)
  await call('PATCH', `/customers/${customerId}`, { birthDate: 'last spring' }, token)
  const created = await call('POST', '/products', newProduct(), token)
  const productId = created.json.id as string
  await call('DELETE', `/products/${productId}`, undefined, token)
  await call('GET', `/products/${productId}`)
  return seen
}

function newProduct() {
  return {
    sku: 'MUG-000042',
    name: 'Enamel Mug',
    description: 'A mug for the camp fire.',
    price: 12.5,
    currency: 'EUR',
    categoryId: '6c1e4a2b-3d5f-4e7a-9b8c-1d2e3f4a5b6c',
    images: ['https://images.example.com/mug.jpg'],
    stock: 10,
    tags: [],
    attributes: {},
  }
}

function parsed(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>
  } catch {
    return {}
  }
}

import type { ProxyExchange } from '../../src/proxy/exchange.ts'

const encoder = new TextEncoder()

export interface ExchangeInit {
  method?: string
  url: string
  requestHeaders?: Array<[string, string]>
  requestBody?: string | Uint8Array
  status?: number
  statusText?: string
  responseHeaders?: Array<[string, string]>
  responseBody?: string | Uint8Array
  operationId?: string
  source?: ProxyExchange['source']
  startedAt?: string
}

/** An exchange as the proxy hands one over; every field the recording keeps can be set. */
export function exchange(init: ExchangeInit): ProxyExchange {
  return {
    startedAt: new Date(init.startedAt ?? '2026-12-01T10:00:00.000Z'),
    durationMs: 12,
    operationId: init.operationId,
    source: init.source ?? 'backend',
    request: {
      method: init.method ?? 'GET',
      url: init.url,
      headers: init.requestHeaders ?? [],
      body: bytesOf(init.requestBody),
    },
    response: {
      status: init.status ?? 200,
      statusText: init.statusText ?? 'OK',
      headers: init.responseHeaders ?? [['Content-Type', 'application/json']],
      body: bytesOf(init.responseBody),
    },
  }
}

function bytesOf(body: string | Uint8Array | undefined): Uint8Array | undefined {
  return typeof body === 'string' ? encoder.encode(body) : body
}

/** A product that keeps the shop contract. */
export const grinder = {
  id: '0d9a2c4e-6f1b-4a3c-8e5d-7b9f1a2c3d4e',
  sku: 'KIT-004211',
  name: 'Burr Coffee Grinder',
  description: 'Conical steel burrs, 40 grind settings.',
  price: 89.9,
  currency: 'EUR',
  categoryId: '6c1e4a2b-3d5f-4e7a-9b8c-1d2e3f4a5b6c',
  images: ['https://images.example.com/grinder.jpg'],
  stock: 14,
  tags: ['coffee', 'kitchen'],
  attributes: { color: 'black', material: 'steel' },
  rating: 4.6,
  reviewCount: 128,
  createdAt: '2026-03-01T09:30:00Z',
  updatedAt: '2026-10-12T16:04:00Z',
}

/** Every byte value, so a body is no UTF-8 text. */
export const allBytes = Uint8Array.from({ length: 256 }, (_, index) => index)

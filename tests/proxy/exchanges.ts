import { getOperation } from 'standin'
import shop from '../../contracts/index.ts'
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

/** A product that keeps the shop contract: the contract's own example of one. */
export const grinder = (
  getOperation(shop, 'getProduct').route.responses[200] as {
    content: {
      'application/json': { examples: Record<string, { value: Record<string, unknown> }> }
    }
  }
).content['application/json'].examples['coffee-grinder']!.value

/** Every byte value, so a body is no UTF-8 text. */
export const allBytes = Uint8Array.from({ length: 256 }, (_, index) => index)

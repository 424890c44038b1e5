import { describe, expect, it } from 'vitest'
import {
  createMockApp,
  type DurableObjectNamespaceLike,
  durableObjectStore,
  StandinSession,
} from 'standin'
import mocks from '../../mocks/index.ts'
import { readAnswer, shop } from '../mock/support.ts'

type Failure = { message: string; overloaded?: boolean; retryable?: boolean }
/** Whether the runtime fails this send of a store call (`op`) before the object sees it. */
type Refuse = (op: string, send: number) => Failure | undefined

/**
 * A stand-in for the Workers runtime's Durable Object namespace: one real StandinSession per name,
 * in-memory storage, its calls taken one at a time (the input gate), and failures thrown the way
 * stub.fetch throws them (an Error with `overloaded` / `retryable` set).
 */
function durableObjects(refuse: Refuse) {
  const objects = new Map<string, { session: StandinSession; queue: Promise<unknown> }>()
  const sends: string[] = []
  const namespace: DurableObjectNamespaceLike = {
    idFromName: (name) => name,
    get: (id) => ({
      fetch: async (url, init) => {
        const op = (JSON.parse(String(init?.body)) as { op: string }).op
        sends.push(op)
        const failure = refuse(op, sends.filter((sent) => sent === op).length)
        if (failure) throw Object.assign(new Error(failure.message), failure)
        const object = objectOf(objects, String(id))
        const answer = object.queue.then(() => object.session.fetch(new Request(url, init)))
        object.queue = answer.catch(() => undefined)
        return answer
      },
    }),
  }
  return { namespace, sends }
}

function objectOf(
  objects: Map<string, { session: StandinSession; queue: Promise<unknown> }>,
  id: string,
) {
  let object = objects.get(id)
  if (!object) {
    const entries = new Map<string, unknown>()
    const storage = {
      list: async <T>() => new Map(entries) as Map<string, T>,
      put: async (values: Record<string, unknown>) => {
        for (const [key, value] of Object.entries(values)) entries.set(key, structuredClone(value))
      },
      delete: async (keys: string[]) => keys.filter((key) => entries.delete(key)).length,
      deleteAll: async () => entries.clear(),
      setAlarm: async () => {},
    }
    const session = new StandinSession({ storage, blockConcurrencyWhile: (load) => load() })
    object = { session, queue: Promise.resolve() }
    objects.set(id, object)
  }
  return object
}

function workerApp(namespace: DurableObjectNamespaceLike) {
  const app = createMockApp(shop, { mocks, stateful: { store: durableObjectStore(namespace) } })
  return async (method: string, path: string) =>
    readAnswer(
      shop,
      method,
      path,
      await app.request(path, { method, headers: { 'X-Standin-Session': 'busy' } }),
    )
}

const overloaded = {
  message: 'Durable Object is overloaded. Too many requests queued.',
  overloaded: true,
}

describe('store calls to a Durable Object the runtime reports overloaded or failing', () => {
  it('sends each call again until the object takes it: 200 parallel creates all get 201, none lost', async () => {
    // Overloaded for 300 ms from the first call: shorter than the 375 ms a call's first four waits
    // take at least.
    let firstSend: number | undefined
    let refused = 0
    const { namespace } = durableObjects(() => {
      firstSend ??= Date.now()
      if (Date.now() - firstSend > 300) return undefined
      refused++
      return overloaded
    })
    const call = workerApp(namespace)
    const created = await Promise.all(Array.from({ length: 200 }, () => call('POST', '/carts')))
    expect(new Set(created.map((answer) => answer.status))).toEqual(new Set([201]))
    const ids = created.map((answer) => answer.body.id as string)
    const state = await call('GET', '/__standin/state')
    expect(state.body.objects['/carts'].map((cart: { id: string }) => cart.id).sort()).toEqual(
      [...new Set(ids)].sort(),
    )
    expect(ids).toHaveLength(200)
    expect(refused).toBeGreaterThan(0)
  }, 30_000)

  it('answers a 503 problem with Retry-After after six sends to an object that stays overloaded', async () => {
    const { namespace, sends } = durableObjects(() => overloaded)
    const started = Date.now()
    const refused = await workerApp(namespace)('POST', '/carts')
    expect(Date.now() - started).toBeLessThan(5_000)
    expect([refused.status, refused.headers.get('retry-after'), refused.body]).toEqual([
      503,
      '1',
      {
        type: 'https://standin.dev/problems/unavailable',
        title: 'Service Unavailable',
        status: 503,
        detail:
          "The session store is busy; send the request again in 1 s. The session's Durable Object did not take the info call (6 tries): Durable Object is overloaded. Too many requests queued.",
      },
    ])
    expect(refused.headers.get('content-type')).toBe('application/problem+json')
    expect(sends).toEqual(Array(6).fill('info'))
  }, 10_000)

  it('sends a read again after a retryable failure, but not a write that may have arrived', async () => {
    const lost = { message: 'Network connection lost.', retryable: true }
    const { namespace, sends } = durableObjects((op, send) =>
      op === 'put' || send === 1 ? lost : undefined,
    )
    const refused = await workerApp(namespace)('POST', '/carts')
    expect([refused.status, refused.body.detail]).toEqual([
      503,
      "The session store is busy; send the request again in 1 s. The session's Durable Object did not take the put call (1 try): Network connection lost.",
    ])
    expect(sends).toEqual(['info', 'info', 'next', 'next', 'get', 'get', 'put'])
  })

  it('answers 500 for a failure the runtime does not call overloaded or retryable, without sending again', async () => {
    const { namespace, sends } = durableObjects(() => ({ message: 'Durable Object threw.' }))
    const failed = await workerApp(namespace)('GET', '/carts/0d9a2c4e-6f1b-4a3c-8e5d-7b9f1a2c3d4e')
    expect([failed.status, failed.body.type]).toEqual([
      500,
      'https://standin.dev/problems/internal',
    ])
    expect(sends).toHaveLength(1)
  })
})

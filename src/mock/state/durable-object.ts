import {
  createSessionRecord,
  type PlacedEntry,
  type SessionLimits,
  type SessionRecord,
  type SessionSnapshot,
} from './session-record.ts'
import { withDurableRetry } from './durable-retry.ts'
import {
  DEFAULT_MAX_OBJECTS,
  DEFAULT_MAX_STATE_BYTES,
  type StateStore,
  type StoreCall,
  sessionShare,
} from './store.ts'

/** The part of a Durable Object's transactional storage standin uses. */
export interface DurableStorage {
  list<T = unknown>(): Promise<Map<string, T>>
  put(entries: Record<string, unknown>): Promise<void>
  delete(keys: string[]): Promise<number>
  deleteAll(): Promise<void>
  setAlarm(scheduledTime: number): Promise<void>
}

/** What the Workers runtime passes a Durable Object's constructor (the part standin uses). */
export interface DurableObjectStateLike {
  storage: DurableStorage
  blockConcurrencyWhile<T>(callback: () => Promise<T>): Promise<T>
}

/** A Durable Object namespace binding (`env.STANDIN_SESSIONS`), as far as standin calls it. */
export interface DurableObjectNamespaceLike {
  idFromName(name: string): unknown
  get(id: unknown): { fetch(input: string, init?: RequestInit): Promise<Response> }
}

/** The variables a session object reads. */
export interface SessionObjectEnv {
  /** Objects kept per session (default 1000), least recently used first out. */
  STANDIN_MAX_OBJECTS?: string
  /** Bytes of state (default 256 MiB); one session, one object, keeps a quarter of it. */
  STANDIN_MAX_STATE_BYTES?: string
}

type Call = StoreCall & { session: string }

const META = 'meta'
const ENTRY = 'e:'
// A session nobody has changed for a week is forgotten: its storage does not grow forever.
const IDLE_MS = 7 * 24 * 60 * 60 * 1000
// A SQLite-backed Durable Object stores at most 2 MB per key and value; the entry's JSON is an
// estimate of its stored size, so a quarter is left for the key and the encoding.
export const MAX_DURABLE_ENTRY_BYTES = 1.5 * 1024 ** 2

/**
 * The Durable Object that holds one session on Cloudflare Workers: one object per session id, so a
 * session's calls are serialised (strongly consistent) while sessions scale out. Its objects live
 * in the object's transactional storage, so they survive isolate restarts and deploys; a session
 * idle for seven days deletes itself. Export it from the Worker entry and bind it in wrangler.toml.
 *
 * @example
 * // worker.ts
 * export { StandinSession } from 'standin/worker'
 * // wrangler.toml: [[durable_objects.bindings]] name = "STANDIN_SESSIONS", class_name = "StandinSession"
 */
export class StandinSession {
  readonly #storage: DurableStorage
  readonly #limits: SessionLimits
  #record: SessionRecord
  #exists = false

  constructor(state: DurableObjectStateLike, env: SessionObjectEnv = {}) {
    this.#storage = state.storage
    this.#limits = {
      maxObjects: positive(env.STANDIN_MAX_OBJECTS) ?? DEFAULT_MAX_OBJECTS,
      maxBytes: sessionShare(positive(env.STANDIN_MAX_STATE_BYTES) ?? DEFAULT_MAX_STATE_BYTES),
      maxEntryBytes: MAX_DURABLE_ENTRY_BYTES,
    }
    this.#record = createSessionRecord(this.#limits)
    void state.blockConcurrencyWhile(() => this.#load())
  }

  /** One store call per request: `{ session, op, args }` in, its result as JSON out. */
  async fetch(request: Request): Promise<Response> {
    let call: Call
    try {
      call = (await request.json()) as Call
    } catch {
      return new Response('A store call is a JSON body { session, op, args }.', { status: 400 })
    }
    return Response.json((await this.#apply(call)) ?? null)
  }

  /** The idle alarm: forget the session. */
  async alarm(): Promise<void> {
    await this.#storage.deleteAll()
    this.#record = createSessionRecord(this.#limits)
    this.#exists = false
  }

  async #apply(call: Call): Promise<unknown> {
    const record = this.#record
    switch (call.op) {
      case 'info':
        return this.#exists ? { scenario: record.scenario } : undefined
      case 'get':
        return record.get(...call.args)
      case 'list':
        return record.list(...call.args)
      case 'put':
        return this.#put(call.args[0])
      case 'next':
        return this.#next(call.args[0])
      case 'reset':
        return this.#reset(call.args[0] ?? undefined)
      case 'dump':
        return this.#exists ? record.dump(call.session) : undefined
    }
  }

  async #put(write: Parameters<SessionRecord['put']>[0]) {
    const { result, stored, evicted } = this.#record.put(write)
    if (!result.ok || !stored) return result
    if (evicted.length > 0) await this.#storage.delete(evicted.map(entryKey))
    await this.#save({ [entryKey(stored)]: stored })
    return result
  }

  async #next(collection: string): Promise<number> {
    const value = this.#record.next(collection)
    await this.#save({})
    return value
  }

  async #reset(scenario: string | undefined): Promise<void> {
    await this.#storage.deleteAll()
    this.#record = createSessionRecord(this.#limits, {
      ...(scenario ? { scenario } : {}),
      seq: 0,
      counters: {},
      entries: [],
    })
    this.#exists = scenario !== undefined
    if (this.#exists) await this.#save({})
  }

  async #save(entries: Record<string, unknown>): Promise<void> {
    const { entries: _all, ...meta } = this.#record.snapshot()
    this.#exists = true
    await this.#storage.put({ ...entries, [META]: meta })
    await this.#storage.setAlarm(Date.now() + IDLE_MS)
  }

  async #load(): Promise<void> {
    const stored = await this.#storage.list()
    const meta = stored.get(META) as Omit<SessionSnapshot, 'entries'> | undefined
    if (!meta) return
    const entries = [...stored]
      .filter(([key]) => key.startsWith(ENTRY))
      .map(([, entry]) => entry as PlacedEntry)
    this.#record = createSessionRecord(this.#limits, {
      ...meta,
      entries: entries.sort((a, b) => a.seq - b.seq),
    })
    this.#exists = true
  }
}

function entryKey(entry: { collection: string; key: string }): string {
  return ENTRY + JSON.stringify([entry.collection, entry.key])
}

function positive(value: string | undefined): number | undefined {
  const number = Number(value)
  return value !== undefined && Number.isSafeInteger(number) && number > 0 ? number : undefined
}

/**
 * The store of a Worker: each call goes to the session's Durable Object (`idFromName(session)`),
 * and again after a short wait while the runtime reports the object overloaded (see
 * `withDurableRetry`); a call it never took answers 503 with Retry-After.
 *
 * @example
 * createMockApp(contract, { stateful: { store: durableObjectStore(env.STANDIN_SESSIONS) } })
 */
export function durableObjectStore(namespace: DurableObjectNamespaceLike): StateStore {
  const send = async <T>(session: string, op: StoreCall['op'], args: unknown[]): Promise<T> => {
    const stub = namespace.get(namespace.idFromName(session))
    const response = await stub.fetch('https://session.standin.invalid/', {
      method: 'POST',
      body: JSON.stringify({ session, op, args }),
    })
    if (!response.ok)
      throw new Error(`The session store answered ${response.status}: ${await response.text()}`)
    return ((await response.json()) ?? undefined) as T
  }
  const call = <T>(session: string, op: StoreCall['op'], args: unknown[]): Promise<T> =>
    withDurableRetry(op, () => send<T>(session, op, args))
  return {
    info: (session) => call(session, 'info', []),
    get: (session, collection, key) => call(session, 'get', [collection, key]),
    list: (session, collection) => call(session, 'list', [collection]),
    put: (session, write) => call(session, 'put', [write]),
    next: (session, collection) => call(session, 'next', [collection]),
    reset: (session, scenario) => call(session, 'reset', [scenario ?? null]),
    dump: (session) => call(session, 'dump', []),
  }
}

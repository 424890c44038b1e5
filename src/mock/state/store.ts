/** An object as the store keeps it: plain JSON. */
export type StoredObject = Record<string, unknown>

/** What a session remembers about one object: its value, or `null` once it was deleted. */
export interface Entry {
  /** The object's id as text (`42`, `9f8e…`). */
  key: string
  value: StoredObject | null
  /**
   * 1 on the first write, one more on each write after it; 0 means "never written" in a `Write`.
   */
  version: number
  /** When the session first wrote it: created objects are listed in this order. */
  seq: number
}

/**
 * One change to one object, applied only when the object is still at `expect` (0: never written).
 */
export interface Write {
  /** The collection as a path: `/orders`, `/products/0d9a…/reviews`. */
  collection: string
  key: string
  value: StoredObject | null
  expect: number
}

/**
 * A write that went through, or the version that was there instead of the one expected, or an
 * object larger than a session may keep (`tooLarge`: its bytes and the limit).
 */
export type PutResult =
  | { ok: true; version: number }
  | { ok: false; version: number; tooLarge?: { bytes: number; limit: number } }

export interface SessionInfo {
  /** The scenario the session was reset into, if any. */
  scenario: string | undefined
}

/**
 * What `GET /__standin/state` shows: a session's own objects by collection, and what it deleted.
 */
export interface SessionDump {
  session: string
  scenario: string | null
  objects: Record<string, StoredObject[]>
  deleted: Record<string, string[]>
}

/**
 * Where sessions keep what their clients created, changed and deleted. Every method is atomic on
 * its own: the in-memory store runs each one to its end before the next, a Durable Object
 * serialises them. Reads never create a session; `put`, `next` and `reset` do. Implementations
 * bound their memory (least recently used sessions and objects go first).
 *
 * @example
 * const store = createMemoryStore({ maxSessions: 100, maxObjects: 1000 })
 * await store.put('alice', { collection: '/orders', key: '1', value: { id: '1' }, expect: 0 })
 */
export interface StateStore {
  info(session: string): Promise<SessionInfo | undefined>
  get(session: string, collection: string, key: string): Promise<Entry | undefined>
  /** The collection's entries in the order they were first written. */
  list(session: string, collection: string): Promise<Entry[]>
  put(session: string, write: Write): Promise<PutResult>
  /** 1, 2, 3… per collection and session: how new ids are told apart. */
  next(session: string, collection: string): Promise<number>
  /** Forgets everything the session did; with a scenario the session starts over in it. */
  reset(session: string, scenario: string | undefined): Promise<void>
  dump(session: string): Promise<SessionDump | undefined>
  /** Whether the sessions are being saved, for stores that save them (`--state-file`). */
  saving?(): SavingStatus
  /**
   * A number that changes whenever what the session holds changes (objects, scenario), never to one
   * it had before with other contents; 0 while the store holds nothing of it. Answers read from a
   * session are sent again while it stays the same. A store that cannot tell at once leaves it out,
   * and its answers are made anew every time.
   */
  version?(session: string): number
}

/** What `GET /__standin/state` says about saving when the store keeps a file. */
export type SavingStatus = { ok: true } | { ok: false; error: string }

/** The store calls as data, the way the Worker sends them to a session's Durable Object. */
export type StoreCall =
  | { op: 'info'; args: [] }
  | { op: 'get'; args: [collection: string, key: string] }
  | { op: 'list'; args: [collection: string] }
  | { op: 'put'; args: [write: Write] }
  | { op: 'next'; args: [collection: string] }
  | { op: 'reset'; args: [scenario: string | undefined] }
  | { op: 'dump'; args: [] }

/**
 * Sessions an in-memory store keeps by default: plenty for a team's shared mock, bounded memory.
 */
export const DEFAULT_MAX_SESSIONS = 100
/**
 * Objects (created, changed or deleted) a session keeps by default, in memory or in its Durable
 * Object.
 */
export const DEFAULT_MAX_OBJECTS = 1000
/** Bytes of stored JSON an in-memory store keeps by default, all sessions together: 256 MiB. */
export const DEFAULT_MAX_STATE_BYTES = 256 * 1024 ** 2

/**
 * The bytes one session may keep: a quarter of the state, so that one busy session never pushes
 * out all the others. Also what one Durable Object (one session) keeps on Workers.
 */
export function sessionShare(maxStateBytes: number): number {
  return Math.max(1, Math.floor(maxStateBytes / 4))
}

/**
 * A store that cannot answer for now (a session's Durable Object stayed overloaded): the request
 * gets a 503 problem that asks the client to come back after `retryAfterSeconds`.
 *
 * @example
 * throw new StoreUnavailableError('The session store is overloaded.', 1)
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError'
  readonly retryAfterSeconds: number

  constructor(message: string, retryAfterSeconds: number, options?: { cause?: unknown }) {
    super(message, options)
    this.retryAfterSeconds = retryAfterSeconds
  }
}

/** True for a StoreUnavailableError. */
export function isStoreUnavailable(error: unknown): error is StoreUnavailableError {
  return error instanceof StoreUnavailableError
}

import { StandinError } from '../../contract/standin-error.ts'
import {
  createSessionRecord,
  type PlacedEntry,
  type SessionLimits,
  type SessionRecord,
  type SessionSnapshot,
} from './session-record.ts'
import {
  DEFAULT_MAX_OBJECTS,
  DEFAULT_MAX_SESSIONS,
  DEFAULT_MAX_STATE_BYTES,
  type StateStore,
  sessionShare,
} from './store.ts'

export interface MemoryStoreOptions {
  /** Sessions kept at most; the least recently used one is forgotten first (default 100). */
  maxSessions?: number
  /**
   * Objects (created, changed or deleted) kept per session; least recently used first out (default
   * 1000).
   */
  maxObjects?: number
  /**
   * Bytes of stored JSON kept, all sessions together (default 256 MiB): past it the least recently
   * used sessions are forgotten. One session keeps at most a quarter of it, its least recently used
   * objects first out; a larger object is refused.
   */
  maxStateBytes?: number
  /** Sessions to start with, as `snapshot()` returned them. */
  snapshot?: StoreSnapshot
  /** Called with every change, as it happens: what `--state-file` appends. */
  onChange?: (change: StoreChange) => void
}

/**
 * One change of a memory store: an entry stored (with the entries of its session evicted to make
 * room), a counter taken, a session reset (into a scenario, or to nothing), or a whole session
 * forgotten to make room for others.
 */
export type StoreChange =
  | { kind: 'put'; session: string; entry: PlacedEntry; evicted: PlacedEntry[] }
  | { kind: 'next'; session: string; collection: string; value: number }
  | { kind: 'reset'; session: string; scenario: string | undefined }
  | { kind: 'forget'; session: string }

/** Every session of a memory store as plain JSON, least recently used first. */
export interface StoreSnapshot {
  version: 1
  sessions: Array<[session: string, state: SessionSnapshot]>
}

export interface MemoryStore extends StateStore {
  snapshot(): StoreSnapshot
  /** Bytes of stored JSON held now, all sessions together (what `maxStateBytes` bounds). */
  heldBytes(): number
  /** One session as plain JSON (undefined once forgotten), without making it recently used. */
  sessionSnapshot(session: string): SessionSnapshot | undefined
}

/**
 * The in-memory store of `standin serve --stateful`: sessions and their objects in maps, bounded by
 * `maxSessions`, `maxObjects` and `maxStateBytes`, least recently used forgotten first.
 *
 * @example
 * const store = createMemoryStore({ maxSessions: 10, maxObjects: 500 })
 * createMockApp(contract, { stateful: { store } })
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  const maxSessions = cap(options.maxSessions, 'maxSessions', DEFAULT_MAX_SESSIONS)
  const maxBytes = cap(options.maxStateBytes, 'maxStateBytes', DEFAULT_MAX_STATE_BYTES)
  const limits: SessionLimits = {
    maxObjects: cap(options.maxObjects, 'maxObjects', DEFAULT_MAX_OBJECTS),
    maxBytes: sessionShare(maxBytes),
  }
  const sessions = new Map<string, SessionRecord>()
  // The bytes of all sessions, kept as they change: a put never sums the sessions again.
  let bytes = 0
  // Every change of a session takes the next value of one clock, so a session forgotten and filled
  // again never shows a version it had before.
  const versions = new Map<string, number>()
  let clock = 0
  const changedSession = (id: string) => versions.set(id, ++clock)
  for (const [id, state] of options.snapshot?.sessions ?? []) {
    const record = createSessionRecord(limits, state)
    sessions.set(id, record)
    changedSession(id)
    bytes += record.bytes
  }
  const changed = options.onChange ?? (() => undefined)
  const drop = (id: string) => {
    bytes -= sessions.get(id)?.bytes ?? 0
    sessions.delete(id)
    versions.delete(id)
  }
  const forget = (id: string) => {
    drop(id)
    changed({ kind: 'forget', session: id })
  }
  const find = (id: string) => {
    const record = sessions.get(id)
    if (record) touch(sessions, id, record)
    return record
  }
  const open = (id: string) =>
    find(id) ?? start(sessions, forget, id, createSessionRecord(limits), maxSessions)
  return {
    info: async (id) => {
      const record = find(id)
      return record && { scenario: record.scenario }
    },
    get: async (id, collection, key) => find(id)?.get(collection, key),
    list: async (id, collection) => find(id)?.list(collection) ?? [],
    put: async (id, write) => {
      const record = open(id)
      const before = record.bytes
      const { result, stored, evicted } = record.put(write)
      if (result.ok && stored) {
        changedSession(id)
        bytes += record.bytes - before
        changed({ kind: 'put', session: id, entry: stored, evicted })
        // Least recently used first; the session just written is the newest and within its share.
        for (const oldest of sessions.keys()) {
          if (bytes <= maxBytes) break
          forget(oldest)
        }
      }
      return result
    },
    next: async (id, collection) => {
      const value = open(id).next(collection)
      changed({ kind: 'next', session: id, collection, value })
      return value
    },
    reset: async (id, scenario) => {
      drop(id)
      if (scenario !== undefined)
        start(
          sessions,
          forget,
          id,
          createSessionRecord(limits, { scenario, seq: 0, counters: {}, entries: [] }),
          maxSessions,
        )
      if (sessions.has(id)) changedSession(id)
      changed({ kind: 'reset', session: id, scenario })
    },
    dump: async (id) => find(id)?.dump(id),
    version: (id) => versions.get(id) ?? 0,
    sessionSnapshot: (id) => sessions.get(id)?.snapshot(),
    heldBytes: () => bytes,
    snapshot: () => ({
      version: 1,
      sessions: [...sessions].map(([id, record]) => [id, record.snapshot()]),
    }),
  }
}

function touch(sessions: Map<string, SessionRecord>, id: string, record: SessionRecord): void {
  sessions.delete(id)
  sessions.set(id, record)
}

function start(
  sessions: Map<string, SessionRecord>,
  forget: (id: string) => void,
  id: string,
  record: SessionRecord,
  max: number,
): SessionRecord {
  sessions.set(id, record)
  for (const oldest of sessions.keys()) {
    if (sessions.size <= max) break
    forget(oldest)
  }
  return record
}

function cap(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new StandinError(
      'USAGE',
      `The state option ${name} must be a whole number of at least 1, got ${String(value)}.`,
    )
  }
  return value
}

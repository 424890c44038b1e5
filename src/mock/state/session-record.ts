import type { Entry, PutResult, SessionDump, StoredObject, Write } from './store.ts'

/** An entry with the collection it belongs to, as snapshots and Durable Object storage hold it. */
export interface PlacedEntry extends Entry {
  collection: string
}

/** A session as plain JSON: what `--state-file` and a Durable Object's storage keep. */
export interface SessionSnapshot {
  scenario?: string
  seq: number
  counters: Record<string, number>
  /** Least recently used first. */
  entries: PlacedEntry[]
}

/** One session's objects in memory, least recently used evicted past `maxObjects`. */
export interface SessionRecord {
  readonly scenario: string | undefined
  get(collection: string, key: string): Entry | undefined
  list(collection: string): Entry[]
  /** The result, and the entries evicted to make room (for stores that persist them). */
  put(write: Write): { result: PutResult; stored?: PlacedEntry; evicted: PlacedEntry[] }
  next(collection: string): number
  snapshot(): SessionSnapshot
  dump(session: string): SessionDump
}

/**
 * The state of one session, shared by the in-memory store (one per session) and the Durable Object
 * (one per object). Synchronous, so each call is atomic wherever it runs.
 *
 * @example
 * const record = createSessionRecord(1000)
 * record.put({ collection: '/orders', key: '1', value: { id: '1' }, expect: 0 }) // { result: { ok: true, version: 1 }, … }
 */
export function createSessionRecord(maxObjects: number, snapshot?: SessionSnapshot): SessionRecord {
  const entries = new Map<string, PlacedEntry>()
  for (const entry of snapshot?.entries ?? []) entries.set(slot(entry.collection, entry.key), entry)
  const counters = new Map(Object.entries(snapshot?.counters ?? {}))
  let seq = snapshot?.seq ?? 0
  const touch = (key: string, entry: PlacedEntry) => {
    entries.delete(key)
    entries.set(key, entry)
  }
  return {
    scenario: snapshot?.scenario,
    get(collection, key) {
      const id = slot(collection, key)
      const entry = entries.get(id)
      if (entry) touch(id, entry)
      return entry && withoutCollection(entry)
    },
    list: (collection) =>
      [...entries.values()]
        .filter((entry) => entry.collection === collection)
        .sort((a, b) => a.seq - b.seq)
        .map(withoutCollection),
    put(write) {
      const id = slot(write.collection, write.key)
      const current = entries.get(id)
      const version = current?.version ?? 0
      if (version !== write.expect) return { result: { ok: false, version }, evicted: [] }
      const stored: PlacedEntry = {
        collection: write.collection,
        key: write.key,
        value: write.value,
        version: version + 1,
        seq: current?.seq ?? ++seq,
      }
      touch(id, stored)
      return {
        result: { ok: true, version: stored.version },
        stored,
        evicted: evictBeyond(entries, maxObjects),
      }
    },
    next(collection) {
      const value = (counters.get(collection) ?? 0) + 1
      counters.set(collection, value)
      return value
    },
    snapshot: () => ({
      ...(snapshot?.scenario ? { scenario: snapshot.scenario } : {}),
      seq,
      counters: Object.fromEntries(counters),
      entries: [...entries.values()],
    }),
    dump: (session) => dumpOf(session, snapshot?.scenario, entries.values()),
  }
}

function slot(collection: string, key: string): string {
  return JSON.stringify([collection, key])
}

function withoutCollection(entry: PlacedEntry): Entry {
  return { key: entry.key, value: entry.value, version: entry.version, seq: entry.seq }
}

function evictBeyond(entries: Map<string, PlacedEntry>, max: number): PlacedEntry[] {
  const evicted: PlacedEntry[] = []
  for (const [key, entry] of entries) {
    if (entries.size <= max) break
    entries.delete(key)
    evicted.push(entry)
  }
  return evicted
}

function dumpOf(
  session: string,
  scenario: string | undefined,
  entries: Iterable<PlacedEntry>,
): SessionDump {
  const dump: SessionDump = { session, scenario: scenario ?? null, objects: {}, deleted: {} }
  for (const entry of [...entries].sort((a, b) => a.seq - b.seq)) {
    if (entry.value) (dump.objects[entry.collection] ??= []).push(entry.value as StoredObject)
    else (dump.deleted[entry.collection] ??= []).push(entry.key)
  }
  return dump
}

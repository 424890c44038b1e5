import type { Entry, PutResult, SessionDump, StoredObject, Write } from './store.ts'

/** What bounds one session: its objects, the bytes of their JSON, and the largest one accepted. */
export interface SessionLimits {
  maxObjects: number
  /** The session's share of the state, in bytes of stored JSON. */
  maxBytes: number
  /** The largest entry accepted, in bytes (default `maxBytes`; lower where a platform caps a value). */
  maxEntryBytes?: number
}

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

/**
 * One session's objects in memory, least recently used evicted past `maxObjects` or `maxBytes`.
 */
export interface SessionRecord {
  readonly scenario: string | undefined
  /** The bytes of the stored entries' JSON, counted as they are stored and removed. */
  readonly bytes: number
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
 * const record = createSessionRecord({ maxObjects: 1000, maxBytes: 64 * 1024 ** 2 })
 * record.put({ collection: '/orders', key: '1', value: { id: '1' }, expect: 0 }) // { result: { ok: true, version: 1 }, … }
 */
export function createSessionRecord(
  limits: SessionLimits,
  snapshot?: SessionSnapshot,
): SessionRecord {
  const entries = new Map<string, Sized>()
  const held = { bytes: 0 }
  for (const entry of snapshot?.entries ?? []) {
    const sized = { entry, bytes: entryBytes(entry) }
    entries.set(slot(entry.collection, entry.key), sized)
    held.bytes += sized.bytes
  }
  const maxEntryBytes = Math.min(limits.maxEntryBytes ?? limits.maxBytes, limits.maxBytes)
  const counters = new Map(Object.entries(snapshot?.counters ?? {}))
  let seq = snapshot?.seq ?? 0
  const touch = (key: string, entry: Sized) => {
    entries.delete(key)
    entries.set(key, entry)
  }
  return {
    scenario: snapshot?.scenario,
    get bytes() {
      return held.bytes
    },
    get(collection, key) {
      const id = slot(collection, key)
      const sized = entries.get(id)
      if (sized) touch(id, sized)
      return sized && withoutCollection(sized.entry)
    },
    list: (collection) =>
      [...entries.values()]
        .map((sized) => sized.entry)
        .filter((entry) => entry.collection === collection)
        .sort((a, b) => a.seq - b.seq)
        .map(withoutCollection),
    put(write) {
      const id = slot(write.collection, write.key)
      const current = entries.get(id)?.entry
      const version = current?.version ?? 0
      if (version !== write.expect) return { result: { ok: false, version }, evicted: [] }
      const stored: PlacedEntry = {
        collection: write.collection,
        key: write.key,
        value: write.value,
        version: version + 1,
        seq: current?.seq ?? ++seq,
      }
      const bytes = entryBytes(stored)
      if (bytes > maxEntryBytes)
        return {
          result: { ok: false, version, tooLarge: { bytes, limit: maxEntryBytes } },
          evicted: [],
        }
      held.bytes += bytes - (entries.get(id)?.bytes ?? 0)
      touch(id, { entry: stored, bytes })
      return {
        result: { ok: true, version: stored.version },
        stored,
        evicted: evictBeyond(entries, held, limits),
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
      entries: [...entries.values()].map((sized) => sized.entry),
    }),
    dump: (session) =>
      dumpOf(
        session,
        snapshot?.scenario,
        [...entries.values()].map((sized) => sized.entry),
      ),
  }
}

function slot(collection: string, key: string): string {
  return JSON.stringify([collection, key])
}

function withoutCollection(entry: PlacedEntry): Entry {
  return { key: entry.key, value: entry.value, version: entry.version, seq: entry.seq }
}

interface Sized {
  entry: PlacedEntry
  bytes: number
}

/** Oldest first out while past either limit; the entry just stored (the newest) always fits. */
function evictBeyond(
  entries: Map<string, Sized>,
  held: { bytes: number },
  limits: SessionLimits,
): PlacedEntry[] {
  const evicted: PlacedEntry[] = []
  for (const [key, sized] of entries) {
    if (entries.size <= limits.maxObjects && held.bytes <= limits.maxBytes) break
    entries.delete(key)
    held.bytes -= sized.bytes
    evicted.push(sized.entry)
  }
  return evicted
}

/** The bytes of an entry's JSON, as a file or a Durable Object keeps it. */
export function entryBytes(entry: PlacedEntry): number {
  return utf8Length(JSON.stringify(entry))
}

// Node counts natively; Workers have no Buffer, and count below.
const nativeByteLength = (
  globalThis as { Buffer?: { byteLength(text: string, encoding: 'utf8'): number } }
).Buffer?.byteLength

/** UTF-8 bytes of a string, without encoding it. */
function utf8Length(text: string): number {
  if (nativeByteLength) return nativeByteLength(text, 'utf8')
  let bytes = text.length
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) continue
    if (code < 0x800) bytes += 1
    else if (code >= 0xd800 && code < 0xdc00) {
      bytes += 2 // a surrogate pair: 4 bytes for 2 units
      i++
    } else bytes += 2
  }
  return bytes
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

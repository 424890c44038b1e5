import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import type { StoreChange } from './memory-store.ts'
import type { PlacedEntry, SessionSnapshot } from './session-record.ts'

/**
 * The state file's format: JSON lines, appended, one change per line. A header line, then lines
 * that each change one session: an entry stored (`{"s","put","evicted"}`), a counter taken
 * (`{"s","next","value"}`), a reset (`{"s","reset","scenario"}`), a session forgotten
 * (`{"s","gone"}`), or a session started over with its counters (`{"s","session"}`, followed by its
 * entries when the log is rewritten). Replaying the lines in order gives the sessions; a torn line
 * (a `kill -9` in the middle of a write) only loses its own change.
 */
export const LOG_HEADER = '{"standin":"state-log","version":3}\n'
/** The format of the log before one line held one change: whole sessions in parts and commits. */
const SESSIONS_LOG_HEADER = '{"standin":"state-log","version":2}\n'

/** What a state file is: none yet, the single JSON object of old, the sessions log, the changes log. */
export type LogFormat = 'none' | 'snapshot' | 'sessions-log' | 'changes-log'

/** The sessions a log holds, least recently changed first. */
export interface LoadedLog {
  sessions: Array<[string, SessionSnapshot]>
  /** Characters in the file, and whether its last line ended (a torn one does not). */
  chars: number
  endsWithNewline: boolean
}

/** The format of the file at `path`, from its first line. */
export async function logFormat(path: string): Promise<LogFormat> {
  let file: Awaited<ReturnType<typeof open>>
  try {
    file = await open(path, 'r')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'none'
    throw error
  }
  try {
    const buffer = Buffer.alloc(LOG_HEADER.length)
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0)
    const head = buffer.toString('utf8', 0, bytesRead)
    if (head === LOG_HEADER) return 'changes-log'
    return head === SESSIONS_LOG_HEADER ? 'sessions-log' : 'snapshot'
  } finally {
    await file.close()
  }
}

/**
 * The line of one change.
 *
 * @example
 * changeLine({ kind: 'next', session: 's', collection: '/carts', value: 3 }) // '{"s":"s","next":"/carts","value":3}\n'
 */
export function changeLine(change: StoreChange): string {
  const s = JSON.stringify(change.session)
  switch (change.kind) {
    case 'put': {
      const evicted = change.evicted.map((entry) => [entry.collection, entry.key])
      const rest = evicted.length > 0 ? `,"evicted":${JSON.stringify(evicted)}` : ''
      return `{"s":${s},"put":${JSON.stringify(change.entry)}${rest}}\n`
    }
    case 'next':
      return `{"s":${s},"next":${JSON.stringify(change.collection)},"value":${change.value}}\n`
    case 'reset':
      return `${JSON.stringify({ s: change.session, reset: true, scenario: change.scenario })}\n`
    default:
      return `{"s":${s},"gone":true}\n`
  }
}

/**
 * The lines that set down whole sessions (what a rewritten log starts with): per session its
 * counters, then its entries, least recently used first.
 */
export function* sessionsLines(sessions: Iterable<[string, SessionSnapshot]>): Generator<string> {
  for (const [session, snapshot] of sessions) {
    const { scenario, seq, counters } = snapshot
    const meta = { ...(scenario ? { scenario } : {}), seq, counters }
    yield `${JSON.stringify({ s: session, session: meta })}\n`
    for (const entry of snapshot.entries)
      yield changeLine({ kind: 'put', session, entry, evicted: [] })
  }
}

/** A session being read back: its entries by collection and key, in the order last changed. */
interface Replayed {
  scenario: string | undefined
  seq: number
  counters: Record<string, number>
  entries: Map<string, PlacedEntry>
}

/** Reads a log line by line; lines that do not parse or do not describe a change are skipped. */
export async function readLog(path: string, format: LogFormat): Promise<LoadedLog> {
  const sessions = new Map<string, Replayed>()
  const sessionsLog = format === 'sessions-log' ? createSessionsLogReader() : undefined
  let chars = 0
  let endsWithNewline = true
  const input = createReadStream(path, 'utf8')
  input.on('data', (chunk) => {
    chars += chunk.length
    endsWithNewline = chunk.at(-1) === '\n'
  })
  const lines = createInterface({ input, crlfDelay: Infinity })
  for await (const line of lines) {
    const record = parseRecord(line)
    if (!record) continue
    if (sessionsLog) sessionsLog(record, sessions)
    else replay(record, sessions)
  }
  return {
    sessions: [...sessions].map(([id, replayed]) => [id, snapshotOf(replayed)]),
    chars,
    endsWithNewline,
  }
}

type LogRecord = Record<string, unknown> & { s: string }

function parseRecord(line: string): LogRecord | undefined {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    return undefined
  }
  const record = value as Partial<LogRecord> | null
  if (typeof record !== 'object' || record === null || typeof record.s !== 'string')
    return undefined
  return record as LogRecord
}

/** Applies one line of the changes log to the sessions read so far. */
function replay(record: LogRecord, sessions: Map<string, Replayed>): void {
  const id = record.s
  if (record.gone === true || record.reset === true) {
    sessions.delete(id)
    if (record.reset === true && typeof record.scenario === 'string')
      sessions.set(id, emptySession(record.scenario))
    return
  }
  if (isRecord(record.session)) {
    sessions.delete(id)
    sessions.set(id, startedSession(record.session))
    return
  }
  const session = touched(sessions, id)
  if (typeof record.next === 'string' && typeof record.value === 'number') {
    session.counters[record.next] = record.value
    return
  }
  if (!isEntry(record.put)) return
  const entry = record.put
  const slot = slotOf(entry.collection, entry.key)
  session.entries.delete(slot)
  session.entries.set(slot, entry)
  session.seq = Math.max(session.seq, entry.seq)
  if (Array.isArray(record.evicted))
    for (const pair of record.evicted)
      if (Array.isArray(pair)) session.entries.delete(slotOf(String(pair[0]), String(pair[1])))
}

/** The session, made the most recently changed (and started empty when it is new). */
function touched(sessions: Map<string, Replayed>, id: string): Replayed {
  const session = sessions.get(id) ?? emptySession(undefined)
  sessions.delete(id)
  sessions.set(id, session)
  return session
}

function emptySession(scenario: string | undefined): Replayed {
  return { scenario, seq: 0, counters: {}, entries: new Map() }
}

function startedSession(meta: Record<string, unknown>): Replayed {
  const counters = isRecord(meta.counters)
    ? Object.fromEntries(
        Object.entries(meta.counters).filter(([, value]) => typeof value === 'number'),
      )
    : {}
  return {
    scenario: typeof meta.scenario === 'string' ? meta.scenario : undefined,
    seq: typeof meta.seq === 'number' ? meta.seq : 0,
    counters: counters as Record<string, number>,
    entries: new Map(),
  }
}

function snapshotOf(session: Replayed): SessionSnapshot {
  return {
    ...(session.scenario ? { scenario: session.scenario } : {}),
    seq: session.seq,
    counters: session.counters,
    entries: [...session.entries.values()],
  }
}

function slotOf(collection: string, key: string): string {
  return JSON.stringify([collection, key])
}

/**
 * The reader of the sessions log of before: each session saved whole, in parts
 * (`{"s","g","entries"}`) and a commit line (`{"s","g","parts","seq","counters"}`) or a tombstone
 * (`{"s","g","gone":true}`); a session is what its last complete commit says.
 */
function createSessionsLogReader(): (record: LogRecord, sessions: Map<string, Replayed>) => void {
  const pending = new Map<unknown, LogRecord[]>()
  return (record, sessions) => {
    if (typeof record.g !== 'number') return
    if (Array.isArray(record.entries)) {
      const parts = pending.get(record.g)
      if (parts) parts.push(record)
      else pending.set(record.g, [record])
      return
    }
    const parts = pending.get(record.g) ?? []
    pending.delete(record.g)
    if (record.gone === true) sessions.delete(record.s)
    const complete = parts.length === record.parts && parts.every((part) => part.s === record.s)
    if (record.gone === true || !complete) return
    const session = startedSession(record)
    for (const part of parts)
      for (const entry of part.entries as unknown[])
        if (isEntry(entry)) session.entries.set(slotOf(entry.collection, entry.key), entry)
    sessions.delete(record.s)
    sessions.set(record.s, session)
  }
}

/** Whether a value read from a file is an entry as the store keeps it. */
export function isEntry(value: unknown): value is PlacedEntry {
  const entry = value as Record<string, unknown>
  return (
    isRecord(entry) &&
    typeof entry.collection === 'string' &&
    typeof entry.key === 'string' &&
    typeof entry.version === 'number' &&
    typeof entry.seq === 'number' &&
    (entry.value === null || isRecord(entry.value))
  )
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import type { SessionSnapshot } from './session-record.ts'

/**
 * The state file's format since issue 16: JSON lines, appended. A header line, then per saved
 * session its entries in parts (`{"s","g","entries"}`, each at most about `PART_CHARS`) and a commit
 * line (`{"s","g","parts","seq","counters"}`) or a tombstone (`{"s","g","gone":true}`). A session
 * is what its last complete commit says; a torn or missing line only loses the save it belonged to.
 */
export const LOG_HEADER = '{"standin":"state-log","version":2}\n'
const PART_CHARS = 256 * 1024

interface PartLine {
  s: string
  g: number
  entries: SessionSnapshot['entries']
}

interface CommitLine {
  s: string
  g: number
  parts?: number
  gone?: true
  scenario?: string
  seq?: number
  counters?: Record<string, number>
}

/** The sessions a log holds, least recently saved first, and the highest save number in it. */
export interface LoadedLog {
  sessions: Array<[string, SessionSnapshot]>
  lastSave: number
}

/** True when the file starts with the log's header (else it is the old single-JSON format). */
export async function isLog(path: string): Promise<boolean> {
  const file = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(LOG_HEADER.length)
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0)
    return buffer.toString('utf8', 0, bytesRead) === LOG_HEADER
  } finally {
    await file.close()
  }
}

/** Reads a log line by line; lines that do not parse or do not complete a save are skipped. */
export async function readLog(path: string): Promise<LoadedLog> {
  const sessions = new Map<string, SessionSnapshot>()
  const pending = new Map<number, PartLine[]>()
  let lastSave = 0
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })
  for await (const line of lines) {
    const record = parseLine(line)
    if (!record) continue
    lastSave = Math.max(lastSave, record.g)
    if ('entries' in record) {
      const parts = pending.get(record.g)
      if (parts) parts.push(record)
      else pending.set(record.g, [record])
      continue
    }
    const parts = pending.get(record.g) ?? []
    pending.delete(record.g)
    if (record.gone) sessions.delete(record.s)
    if (record.gone || !completes(record, parts)) continue
    sessions.delete(record.s)
    sessions.set(record.s, snapshotOf(record, parts))
  }
  return { sessions: [...sessions], lastSave }
}

function completes(commit: CommitLine, parts: PartLine[]): boolean {
  return parts.length === commit.parts && parts.every((part) => part.s === commit.s)
}

function snapshotOf(commit: CommitLine, parts: PartLine[]): SessionSnapshot {
  return {
    ...(commit.scenario ? { scenario: commit.scenario } : {}),
    seq: commit.seq ?? 0,
    counters: commit.counters ?? {},
    entries: parts.flatMap((part) => part.entries),
  }
}

function parseLine(line: string): PartLine | CommitLine | undefined {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    return undefined
  }
  const record = value as Partial<PartLine & CommitLine> | null
  if (typeof record !== 'object' || record === null) return undefined
  if (typeof record.s !== 'string' || typeof record.g !== 'number') return undefined
  if (Array.isArray(record.entries)) return record as PartLine
  if (record.gone === true || typeof record.parts === 'number') return record as CommitLine
  return undefined
}

/**
 * The lines that save one session (or its tombstone), produced a part at a time so that no more
 * than about `PART_CHARS` is stringified between two turns of the event loop.
 */
export function* sessionLines(
  session: string,
  save: number,
  snapshot: SessionSnapshot | undefined,
): Generator<string> {
  if (!snapshot) {
    yield `${JSON.stringify({ s: session, g: save, gone: true })}\n`
    return
  }
  const prefix = `{"s":${JSON.stringify(session)},"g":${save},"entries":[`
  let parts = 0
  let chunk: string[] = []
  let size = 0
  for (const entry of snapshot.entries) {
    const text = JSON.stringify(entry)
    chunk.push(text)
    size += text.length
    if (size < PART_CHARS) continue
    parts++
    yield `${prefix}${chunk.join(',')}]}\n`
    chunk = []
    size = 0
  }
  if (chunk.length > 0) {
    parts++
    yield `${prefix}${chunk.join(',')}]}\n`
  }
  const { scenario, seq, counters } = snapshot
  yield `${JSON.stringify({ s: session, g: save, parts, ...(scenario ? { scenario } : {}), seq, counters })}\n`
}

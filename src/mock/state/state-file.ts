import { type FileHandle, open, readdir, readFile, rename, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { StandinError } from '../../contract/standin-error.ts'
import {
  createMemoryStore,
  type MemoryStore,
  type MemoryStoreOptions,
  type StoreSnapshot,
} from './memory-store.ts'
import { isLog, LOG_HEADER, type LoadedLog, readLog, sessionLines } from './state-log.ts'
import type { SavingStatus } from './store.ts'

/** An in-memory store kept in a file: loaded at start, saved shortly after each change. */
export interface FileStore {
  store: MemoryStore
  /** Writes the pending changes now (waiting for a save under way). */
  flush(): Promise<void>
  /**
   * Stops saving after a last flush; whatever is not written within `withinMs` (default 1500) is
   * reported through `onError` and left unsaved.
   */
  close(withinMs?: number): Promise<void>
}

export interface FileStoreOptions extends Omit<MemoryStoreOptions, 'snapshot' | 'onChange'> {
  /**
   * How long to wait after a change before saving, so a burst of changes is one write (default 100
   * ms).
   */
  debounceMs?: number
  /** Where a failed save is reported, once per cause; the mock keeps serving from memory. */
  onError?: (message: string) => void
}

const DEFAULT_DEBOUNCE_MS = 100
const DEFAULT_CLOSE_MS = 1500
const RETRY_MS = 1000
/** Thrown between two lines when the store closed before its save was written. */
const STOPPED = new Error('stopped')

/**
 * `standin serve --stateful --state-file FILE`: sessions survive a restart, and a `kill -9`. The
 * file is read once at start (a missing file is an empty state, a file that is not a state file a
 * STATE_FILE_INVALID error; the single-JSON format of before is read and rewritten as a log). After
 * that only the sessions that changed are appended (see state-log.ts), a part at a time, at most
 * once per `debounceMs`; the log is rewritten (a temporary file renamed over it) at the first save
 * and when it has grown to twice what it holds.
 *
 * @example
 * const { store, close } = await openFileStore('.standin-state.json')
 * createMockApp(contract, { stateful: { store } })
 */
export async function openFileStore(
  path: string,
  options: FileStoreOptions = {},
): Promise<FileStore> {
  await removeStaleTemporaries(path)
  const loaded = await readState(path)
  const memory = createMemoryStore({
    ...options,
    snapshot: { version: 1, sessions: loaded.sessions },
  })
  const saver = createSaver(path, memory, loaded.lastSave, options)
  const store: MemoryStore = {
    ...memory,
    put: async (session, write) => {
      const result = await memory.put(session, write)
      if (result.ok) saver.changed(session)
      return result
    },
    next: async (session, collection) => {
      const value = await memory.next(session, collection)
      saver.changed(session)
      return value
    },
    reset: async (session, scenario) => {
      await memory.reset(session, scenario)
      saver.changed(session)
    },
    saving: saver.status,
  }
  return { store, flush: saver.flush, close: saver.close }
}

interface Saver {
  changed(session: string): void
  status(): SavingStatus
  flush(): Promise<void>
  close(withinMs?: number): Promise<void>
}

/** Writes the sessions marked changed, one after the other, by appending to the log. */
function createSaver(
  path: string,
  memory: MemoryStore,
  lastSave: number,
  options: FileStoreOptions,
): Saver {
  const delay = options.debounceMs ?? DEFAULT_DEBOUNCE_MS
  const dirty = new Set<string>()
  const live = new Map<string, number>()
  let save = lastSave
  let log: FileHandle | undefined
  let logChars = 0
  let rewrite = true
  let timer: ReturnType<typeof setTimeout> | undefined
  let running: Promise<void> | undefined
  let temporary: string | undefined
  let failure: { cause: string; error: string; message: string } | undefined
  let closed = false
  const schedule = (ms: number) => {
    if (timer === undefined && running === undefined && !closed) timer = setTimeout(start, ms)
  }
  const start = () => {
    timer = undefined
    running ??= drain().finally(() => {
      running = undefined
      if (failure) schedule(RETRY_MS)
      else if (dirty.size > 0) schedule(delay)
    })
    return running
  }
  const append = async (session: string) => {
    const lines = sessionLines(session, ++save, memory.sessionSnapshot(session))
    let chars = 0
    for (const line of lines) {
      if (closed) throw STOPPED
      await log!.write(line)
      chars += line.length
    }
    logChars += chars
    live.set(session, chars)
  }
  const compact = async () => {
    await log?.close()
    log = undefined
    temporary = `${path}.${process.pid}.tmp`
    const file = await open(temporary, 'w')
    try {
      await file.write(LOG_HEADER)
      live.clear()
      logChars = LOG_HEADER.length
      log = file
      for (const [session] of memory.snapshot().sessions) {
        dirty.delete(session)
        await append(session)
      }
    } finally {
      log = undefined
      await file.close()
    }
    await rename(temporary, path)
    temporary = undefined
    log = await open(path, 'a')
    rewrite = false
  }
  const drain = async () => {
    try {
      if (rewrite) await compact()
      for (const session of dirty) {
        dirty.delete(session)
        await append(session).catch((error: unknown) => {
          dirty.add(session)
          throw error
        })
        if (logChars > 2 * total(live) + 1024 * 1024) rewrite = true
        if (rewrite) await compact()
      }
      if (failure) options.onError?.(`Saving the state to ${path} again.`)
      failure = undefined
    } catch (error) {
      rewrite = true
      await log?.close().catch(() => undefined)
      log = undefined
      if (!closed) report(error)
    }
  }
  const report = (error: unknown) => {
    const cause = (error as NodeJS.ErrnoException).code ?? String(error)
    const failed = `Could not save the state to ${path}: ${error instanceof Error ? error.message : String(error)}`
    const message = `${failed}. The mock keeps serving from memory and tries again every second.`
    if (failure?.cause !== cause) options.onError?.(message)
    failure = { cause, error: failed, message }
  }
  const flush = async () => {
    clearTimeout(timer)
    timer = undefined
    await running
    if (dirty.size > 0 || rewrite) await start()
  }
  return {
    changed: (session) => {
      dirty.add(session)
      schedule(failure ? RETRY_MS : delay)
    },
    status: () => (failure ? { ok: false, error: failure.message } : { ok: true }),
    flush,
    close: async (withinMs = DEFAULT_CLOSE_MS) => {
      let timeout: ReturnType<typeof setTimeout> | undefined
      const late = new Promise<'late'>((resolve) => {
        timeout = setTimeout(() => resolve('late'), withinMs)
      })
      const outcome = await Promise.race([flush().then(() => 'done' as const), late])
      clearTimeout(timeout)
      closed = true
      clearTimeout(timer)
      if (outcome === 'late') {
        const rewriting = temporary
          ? ` (the rewrite was abandoned: ${path} holds the last complete saves)`
          : ''
        options.onError?.(
          `Stopped before the state was saved: ${dirty.size + 1} changed session(s) not written to ${path}${rewriting}.`,
        )
        if (temporary) await unlink(temporary).catch(() => undefined)
      } else if (failure) {
        options.onError?.(`${failure.error}; exiting with the changes since the last save unsaved.`)
      }
      await log?.close().catch(() => undefined)
      log = undefined
    },
  }
}

function total(sizes: Map<string, number>): number {
  let sum = 0
  for (const size of sizes.values()) sum += size
  return sum
}

/** Removes `FILE.<pid>.tmp` files left by earlier processes (a `kill -9` during a rewrite). */
async function removeStaleTemporaries(path: string): Promise<void> {
  const prefix = `${basename(path)}.`
  let names: string[]
  try {
    names = await readdir(dirname(path))
  } catch {
    return
  }
  for (const name of names) {
    const pid = name.startsWith(prefix) && /^(\d+)\.tmp$/.exec(name.slice(prefix.length))?.[1]
    if (!pid || Number(pid) === process.pid) continue
    await unlink(join(dirname(path), name)).catch(() => undefined)
  }
}

/** The sessions in the file: a log, the single JSON object of before, or nothing. */
async function readState(path: string): Promise<LoadedLog> {
  try {
    if (await isLog(path)) return await readLog(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { sessions: [], lastSave: 0 }
    throw new StandinError(
      'STATE_FILE_INVALID',
      `Cannot read the state file ${path}: ${(error as Error).message}.`,
    )
  }
  const snapshot = await readSnapshot(path)
  return { sessions: snapshot?.sessions ?? [], lastSave: 0 }
}

async function readSnapshot(path: string): Promise<StoreSnapshot | undefined> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new StandinError(
      'STATE_FILE_INVALID',
      `Cannot read the state file ${path}: ${(error as Error).message}.`,
    )
  }
  const problem = snapshotProblem(text)
  if (problem)
    throw new StandinError(
      'STATE_FILE_INVALID',
      `${path} is not a standin state file (${problem}). Delete it, or pass another --state-file.`,
    )
  return JSON.parse(text) as StoreSnapshot
}

function snapshotProblem(text: string): string | undefined {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return `invalid JSON: ${(error as Error).message}`
  }
  const snapshot = value as Partial<StoreSnapshot> | null
  if (typeof snapshot !== 'object' || snapshot === null || snapshot.version !== 1)
    return 'no "version": 1'
  if (!Array.isArray(snapshot.sessions)) return 'no "sessions" list'
  const broken = snapshot.sessions.findIndex((entry) => !isSessionEntry(entry))
  return broken >= 0 ? `session ${broken} is malformed` : undefined
}

function isSessionEntry(entry: unknown): boolean {
  if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string') return false
  const state = entry[1] as { seq?: unknown; counters?: unknown; entries?: unknown } | null
  if (
    !isRecord(state) ||
    typeof state.seq !== 'number' ||
    !isRecord(state.counters) ||
    !Array.isArray(state.entries)
  )
    return false
  return state.entries.every((item: unknown) => {
    const stored = item as Record<string, unknown>
    return (
      isRecord(stored) &&
      typeof stored.collection === 'string' &&
      typeof stored.key === 'string' &&
      typeof stored.version === 'number' &&
      typeof stored.seq === 'number' &&
      (stored.value === null || isRecord(stored.value))
    )
  })
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

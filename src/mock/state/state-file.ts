import { type FileHandle, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { StandinError } from '../../contract/standin-error.ts'
import {
  createMemoryStore,
  type MemoryStore,
  type MemoryStoreOptions,
  type StoreChange,
  type StoreSnapshot,
} from './memory-store.ts'
import {
  changeLine,
  isEntry,
  LOG_HEADER,
  type LoadedLog,
  type LogFormat,
  logFormat,
  readLog,
  sessionsLines,
} from './state-log.ts'
import type { SessionSnapshot } from './session-record.ts'
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
  /**
   * Changes held in memory to be appended. While saving fails none are held: the rewrite that
   * follows the failure writes the whole state, so a failing disk cannot grow the process.
   */
  backlog(): number
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
/** About this many characters are written at once, so no write holds the event loop long. */
const BATCH_CHARS = 256 * 1024
/** The log is rewritten once it holds twice what the sessions hold, and this much more. */
const REWRITE_SLACK_CHARS = 1024 * 1024
/** Thrown between two writes of a rewrite when the store closes: the rewrite is given up. */
const ABANDONED = new Error('abandoned')

/**
 * `standin serve --stateful --state-file FILE`: sessions survive a restart, and a `kill -9`. The
 * file is read once at start (a missing file is an empty state, a file that is not a state file a
 * STATE_FILE_INVALID error; the formats of before are read and rewritten as the changes log). After
 * that each change is appended as one line (see state-log.ts), at most once per `debounceMs`, a
 * batch at a time; the log is rewritten (a temporary file renamed over it) once it has grown to
 * twice what the sessions hold.
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
  const format = await readFormat(path)
  const loaded = await readState(path, format)
  let saver: Saver | undefined
  const memory = createMemoryStore({
    ...options,
    snapshot: { version: 1, sessions: loaded.sessions },
    onChange: (change) => saver?.changed(change),
  })
  const file = format === 'changes-log' ? await identityOf(path) : undefined
  saver = createSaver(path, memory, { format, loaded, file }, options)
  const store: MemoryStore = { ...memory, saving: saver.status }
  return { store, flush: saver.flush, close: saver.close, backlog: saver.backlog }
}

interface Saver {
  changed(change: StoreChange): void
  status(): SavingStatus
  flush(): Promise<void>
  close(withinMs?: number): Promise<void>
  backlog(): number
}

/** The changes not written yet, and a batch of them taken to be written. */
interface Batch {
  changes: StoreChange[]
  text: string
}

function takeBatch(queue: StoreChange[]): Batch {
  const changes: StoreChange[] = []
  let text = ''
  while (queue.length > 0 && (text === '' || text.length < BATCH_CHARS)) {
    const change = queue.shift() as StoreChange
    changes.push(change)
    text += changeLine(change)
  }
  return { changes, text }
}

/**
 * Appends the changes as they come, a batch at a time, to the log; rewrites the log at the first
 * save of a file in an older format and when it has grown to twice what the sessions hold.
 */
function createSaver(
  path: string,
  memory: MemoryStore,
  start: { format: LogFormat; loaded: LoadedLog; file: string | undefined },
  options: FileStoreOptions,
): Saver {
  const delay = options.debounceMs ?? DEFAULT_DEBOUNCE_MS
  const queue: StoreChange[] = []
  let log: FileHandle | undefined
  let logChars = start.loaded.chars
  let rewrite = start.format !== 'changes-log' || grownPast(logChars, memory.heldBytes())
  let tornEnd = start.format === 'changes-log' && !start.loaded.endsWithNewline
  // Whether the file is a changes log a line can be appended to (else the first save rewrites it).
  let appendable = start.format === 'changes-log'
  let timer: ReturnType<typeof setTimeout> | undefined
  let running: Promise<void> | undefined
  let temporary: string | undefined
  let failure: { cause: string; error: string; message: string } | undefined
  // Changes only a rewrite saves: those made while saving failed are not queued (the memory store
  // holds them, and the rewrite writes what it holds).
  let onlyInRewrite = 0
  // A rewrite under way has taken what the sessions held: changes made meanwhile are queued.
  let compacting = false
  let closing = false
  let closed = false
  // Closing, the changes go to the log there is rather than wait for a rewrite; a file in an older
  // format, or changes that were never queued, need the rewrite even then.
  const rewriteDue = () => rewrite && !(closing && appendable && onlyInRewrite === 0)
  const schedule = (ms: number) => {
    if (timer === undefined && running === undefined && !closed) timer = setTimeout(begin, ms)
  }
  const begin = () => {
    timer = undefined
    running ??= drain().finally(() => {
      running = undefined
      if (failure) schedule(RETRY_MS)
      else if (queue.length > 0 || rewriteDue()) schedule(delay)
    })
    return running
  }
  // The file the log is: when it is gone or replaced (its folder deleted, say), it is written anew.
  let logFile = start.file
  const stillOurs = async () => logFile !== undefined && (await identityOf(path)) === logFile
  const openLog = async () => {
    log = await open(path, 'a')
    if (tornEnd) {
      await log.write('\n')
      logChars += 1
      tornEnd = false
    }
  }
  const append = async () => {
    if (!(await stillOurs())) {
      await log?.close().catch(() => undefined)
      log = undefined
      appendable = false
      rewrite = true
      return
    }
    if (!log) await openLog()
    while (queue.length > 0 && !closed) {
      const batch = takeBatch(queue)
      try {
        await log!.write(batch.text)
      } catch (error) {
        queue.unshift(...batch.changes)
        throw error
      }
      logChars += batch.text.length
      if (!closing && grownPast(logChars, memory.heldBytes())) return
    }
  }
  const compact = async () => {
    // What the sessions hold now, and the changes it already has; later ones follow it.
    const captured = memory.snapshot().sessions
    const included = queue.splice(0).length + onlyInRewrite
    onlyInRewrite = 0
    compacting = true
    temporary = `${path}.${process.pid}.tmp`
    try {
      const chars = await writeLog(temporary, captured, () => closed || (closing && appendable))
      await log?.close()
      log = undefined
      await rename(temporary, path)
      temporary = undefined
      logFile = await identityOf(path)
      logChars = chars
      rewrite = false
      tornEnd = false
      appendable = true
    } catch (error) {
      onlyInRewrite += included
      if (temporary) await unlink(temporary).catch(() => undefined)
      temporary = undefined
      throw error
    } finally {
      compacting = false
    }
  }
  const drain = async () => {
    try {
      while (!closed && (queue.length > 0 || rewriteDue())) {
        if (rewriteDue()) await compact()
        await append()
        if (!closing && grownPast(logChars, memory.heldBytes())) rewrite = true
      }
      if (failure) options.onError?.(`Saving the state to ${path} again.`)
      failure = undefined
    } catch (error) {
      if (error === ABANDONED) return
      rewrite = true
      onlyInRewrite += queue.splice(0).length
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
    if (queue.length > 0 || rewriteDue()) await begin()
    // A rewrite given up at close leaves its changes to write to the log there is.
    if (closing && queue.length + onlyInRewrite > 0 && !failure) await begin()
  }
  if (start.format === 'snapshot' || start.format === 'sessions-log') schedule(delay)
  return {
    changed: (change) => {
      if (failure && !compacting) onlyInRewrite += 1
      else queue.push(change)
      schedule(failure ? RETRY_MS : delay)
    },
    backlog: () => queue.length,
    status: () => (failure ? { ok: false, error: failure.message } : { ok: true }),
    flush,
    close: async (withinMs = DEFAULT_CLOSE_MS) => {
      closing = true
      let timeout: ReturnType<typeof setTimeout> | undefined
      const late = new Promise<'late'>((resolve) => {
        timeout = setTimeout(() => resolve('late'), withinMs)
      })
      const outcome = await Promise.race([flush().then(() => 'done' as const), late])
      clearTimeout(timeout)
      closed = true
      clearTimeout(timer)
      await running?.catch(() => undefined)
      const unsaved = queue.length + onlyInRewrite
      if (outcome === 'late' || (unsaved > 0 && !failure))
        options.onError?.(
          `Stopped before the state was saved: ${unsaved} change(s) not written to ${path}.`,
        )
      else if (failure)
        options.onError?.(`${failure.error}; exiting with the changes since the last save unsaved.`)
      if (temporary) await unlink(temporary).catch(() => undefined)
      await log?.close().catch(() => undefined)
      log = undefined
    },
  }
}

/** Device and inode of a file, or undefined when there is none. */
async function identityOf(file: string): Promise<string | undefined> {
  try {
    const { dev, ino } = await stat(file)
    return `${dev}:${ino}`
  } catch {
    return undefined
  }
}

/** Whether a log of this many characters should be rewritten for sessions of this many bytes. */
function grownPast(logChars: number, heldBytes: number): boolean {
  return logChars > 2 * heldBytes + REWRITE_SLACK_CHARS
}

/**
 * Writes a new log of the sessions to `file`, a batch at a time; `stop()` between two batches gives
 * it up. Returns the characters written.
 */
async function writeLog(
  file: string,
  sessions: Array<[string, SessionSnapshot]>,
  stop: () => boolean,
): Promise<number> {
  const handle = await open(file, 'w')
  try {
    let chars = 0
    let text = LOG_HEADER
    for (const line of sessionsLines(sessions)) {
      text += line
      if (text.length < BATCH_CHARS) continue
      if (stop()) throw ABANDONED
      await handle.write(text)
      chars += text.length
      text = ''
    }
    await handle.write(text)
    return chars + text.length
  } finally {
    await handle.close()
  }
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

/** What the file at `path` is (a one-line STATE_FILE_INVALID error when it cannot be read). */
async function readFormat(path: string): Promise<LogFormat> {
  try {
    return await logFormat(path)
  } catch (error) {
    throw unreadable(path, error)
  }
}

/** The sessions in the file: a log, the single JSON object of before, or nothing. */
async function readState(path: string, format: LogFormat): Promise<LoadedLog> {
  const nothing = { sessions: [], chars: 0, endsWithNewline: true }
  if (format === 'none') return nothing
  if (format === 'snapshot') {
    const snapshot = await readSnapshot(path)
    return { ...nothing, sessions: snapshot?.sessions ?? [] }
  }
  try {
    return await readLog(path, format)
  } catch (error) {
    throw unreadable(path, error)
  }
}

function unreadable(path: string, error: unknown): StandinError {
  return new StandinError(
    'STATE_FILE_INVALID',
    `Cannot read the state file ${path}: ${(error as Error).message}.`,
  )
}

async function readSnapshot(path: string): Promise<StoreSnapshot | undefined> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw unreadable(path, error)
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
  return state.entries.every(isEntry)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

import { readFile, rename, writeFile } from 'node:fs/promises'
import { StandinError } from '../../contract/standin-error.ts'
import {
  createMemoryStore,
  type MemoryStore,
  type MemoryStoreOptions,
  type StoreSnapshot,
} from './memory-store.ts'

/** An in-memory store kept in a file: loaded at start, saved shortly after each change. */
export interface FileStore {
  store: MemoryStore
  /** Writes the current state now (waiting for a save under way). */
  flush(): Promise<void>
  /** Stops saving in the background, after a last save. */
  close(): Promise<void>
}

export interface FileStoreOptions extends Omit<MemoryStoreOptions, 'snapshot' | 'onChange'> {
  /**
   * How long to wait after a change before saving, so a burst of changes is one write (default 100
   * ms).
   */
  debounceMs?: number
  /** Where a failed save is reported; the mock keeps serving from memory. */
  onError?: (message: string) => void
}

const DEFAULT_DEBOUNCE_MS = 100

/**
 * `standin serve --stateful --state-file FILE`: sessions survive a restart. The file is read once
 * at start (a missing file is an empty state, a file that is not a state file a STATE_FILE_INVALID
 * error) and written atomically (a temporary file renamed over it), at most once per `debounceMs`.
 *
 * @example
 * const { store, close } = await openFileStore('.standin-state.json')
 * createMockApp(contract, { stateful: { store } })
 */
export async function openFileStore(
  path: string,
  options: FileStoreOptions = {},
): Promise<FileStore> {
  const snapshot = await readSnapshot(path)
  const delay = options.debounceMs ?? DEFAULT_DEBOUNCE_MS
  let timer: ReturnType<typeof setTimeout> | undefined
  let saving: Promise<void> = Promise.resolve()
  let closed = false
  const save = () => {
    timer = undefined
    saving = saving
      .then(() => writeAtomically(path, store.snapshot()))
      .catch((error: unknown) =>
        options.onError?.(
          `Could not save the state to ${path}: ${error instanceof Error ? error.message : String(error)}`,
        ),
      )
    return saving
  }
  const store = createMemoryStore({
    ...options,
    ...(snapshot ? { snapshot } : {}),
    onChange: () => {
      if (!closed && timer === undefined) timer = setTimeout(save, delay)
    },
  })
  const flush = async () => {
    clearTimeout(timer)
    await save()
  }
  return {
    store,
    flush,
    close: async () => {
      closed = true
      await flush()
    },
  }
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

async function writeAtomically(path: string, snapshot: StoreSnapshot): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`
  await writeFile(temporary, JSON.stringify(snapshot))
  await rename(temporary, path)
}

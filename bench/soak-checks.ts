// What the soak checks once the load is over: the state endpoint, the SIGTERM, and a restart on the
// same state file.
import { performance } from 'node:perf_hooks'
import {
  type Probe,
  type ProcessExit,
  type RunningServer,
  type ServerSpec,
  startServer,
} from './server-process.ts'
import type { SoakSession } from './soak-traffic.ts'

/** `GET /__standin/state` for one session after the load. */
export interface StateEndpointCheck {
  session: string
  status: number
  savingOk: boolean
  saving: unknown
  objects: number
}

/** How SIGTERM ended the server, how long it took, and what it printed meanwhile. */
export type ShutdownCheck = ProcessExit & { ms: number; said: string }

/** A session's products as the mock lists them. */
export interface ListedProducts {
  status: number
  ids: string[]
}

/** What a restart on the same state file lists, against what was there before the SIGTERM. */
export interface ReloadCheck {
  startupMs: number
  /** The session whose whole list is compared, id by id, in order. */
  session: string
  statusBefore: number
  statusAfter: number
  listedBefore: number
  listedAfter: number
  sameList: boolean
  /** Over every session: ids its creates answered with, less those it deleted or got a 404 for. */
  remembered: number
  /** How many of those the restarted mock lists. */
  rememberedListed: number
  /** Sessions of which the restarted mock lists fewer ids than the session remembers. */
  sessionsMissingIds: number
  sessions: number
  /** Sessions whose whole list after the restart is the one before the SIGTERM, id by id. */
  sessionsUnchanged: number
}

/** Reads create nothing, so the probe adds no session to the state. */
export const SOAK_PROBE: Probe = {
  method: 'GET',
  path: '/products?pageSize=1',
  headers: { 'X-Standin-Session': 'soak-probe' },
}

const MONITOR_SESSION = 'soak-monitor'
const LIST_PAGE_SIZE = 100
const CHECK_TIMEOUT_MS = 60_000

/**
 * `saving` of `GET /__standin/state` for a session that never writes (an empty dump): `ok`, or what
 * went wrong.
 */
export async function savingStatus(baseUrl: string): Promise<string> {
  const answer = await readState(baseUrl, MONITOR_SESSION).catch((error: unknown) => error as Error)
  if (answer instanceof Error) return `no answer (${answer.message})`
  if (answer.status !== 200) return `status ${answer.status}`
  const saving = answer.body.saving as { ok?: boolean; error?: string } | undefined
  return saving?.ok ? 'ok' : `failing: ${saving?.error ?? JSON.stringify(saving)}`
}

/** `GET /__standin/state` for `session`: its status, its `saving` and how many objects it holds. */
export async function checkStateEndpoint(
  baseUrl: string,
  session: string,
): Promise<StateEndpointCheck> {
  const answer = await readState(baseUrl, session)
  const saving = answer.body.saving
  const objects = Object.values((answer.body.objects ?? {}) as Record<string, unknown[]>)
  return {
    session,
    status: answer.status,
    savingOk: (saving as { ok?: unknown } | undefined)?.ok === true,
    saving,
    objects: objects.reduce((sum, list) => sum + list.length, 0),
  }
}

/** Every product a session lists, page by page, in the order the mock lists them. */
export async function listProducts(baseUrl: string, session: string): Promise<ListedProducts> {
  const ids: string[] = []
  for (let page = 1; ; page++) {
    const response = await fetch(`${baseUrl}/products?page=${page}&pageSize=${LIST_PAGE_SIZE}`, {
      headers: { 'X-Standin-Session': session },
      signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
    })
    if (response.status !== 200) return { status: response.status, ids }
    const body = (await response.json()) as { items: Array<{ id: string }>; total: number }
    ids.push(...body.items.map((item) => item.id))
    if (body.items.length < LIST_PAGE_SIZE || ids.length >= body.total) return { status: 200, ids }
  }
}

/** The most recently used session that remembers ids: the least likely to have been forgotten. */
export function pickReloadSession(sessions: readonly SoakSession[]): SoakSession {
  const candidates = sessions.filter((session) => session.ids.length > 0)
  const pool = candidates.length > 0 ? candidates : sessions
  return pool.reduce((latest, session) => (session.lastUsed > latest.lastUsed ? session : latest))
}

/** Sends SIGTERM and times the exit. */
export async function timeShutdown(server: RunningServer): Promise<ShutdownCheck> {
  const before = server.output()
  const started = performance.now()
  const exit = await server.stop()
  const ms = performance.now() - started
  return { ...exit, ms, said: printedSince(before, server.output()) }
}

/** What a server printed after it had printed `before` (both its last 4 KiB of output). */
export function printedSince(before: string, now: string): string {
  if (now === before) return ''
  return now.startsWith(before) ? now.slice(before.length).trim() : now
}

/**
 * Starts the server again on the same state file: compares one session's whole list with `before`,
 * and counts, over every session, the remembered ids the restarted mock lists.
 */
export async function checkReload(
  spec: ServerSpec,
  sessions: readonly SoakSession[],
  compared: { session: SoakSession; before: ListedProducts; all: Map<string, string[]> },
  log: (line: string) => void,
): Promise<ReloadCheck> {
  const server = await startServer(spec, SOAK_PROBE)
  try {
    log(`restarted on the same state file in ${Math.round(server.startupMs)} ms`)
    const after = await listProducts(server.baseUrl, compared.session.name)
    const { before } = compared
    log(`listing the products of all ${sessions.length} sessions after the restart`)
    return {
      startupMs: server.startupMs,
      session: compared.session.name,
      statusBefore: before.status,
      statusAfter: after.status,
      listedBefore: before.ids.length,
      listedAfter: after.ids.length,
      sameList: before.ids.join() === after.ids.join(),
      ...(await countRemembered(server.baseUrl, sessions, compared.all)),
    }
  } finally {
    await server.stop()
  }
}

/** Every session's whole product list, by session name. */
export async function listEverySession(
  baseUrl: string,
  sessions: readonly SoakSession[],
): Promise<Map<string, string[]>> {
  const lists = new Map<string, string[]>()
  for (const session of sessions)
    lists.set(session.name, (await listProducts(baseUrl, session.name)).ids)
  return lists
}

async function countRemembered(
  baseUrl: string,
  sessions: readonly SoakSession[],
  before: Map<string, string[]>,
) {
  let remembered = 0
  let rememberedListed = 0
  let sessionsMissingIds = 0
  let sessionsUnchanged = 0
  for (const session of sessions) {
    const ids = (await listProducts(baseUrl, session.name)).ids
    const listed = new Set(ids)
    const found = session.ids.filter((id) => listed.has(id)).length
    remembered += session.ids.length
    rememberedListed += found
    if (found < session.ids.length) sessionsMissingIds++
    if (ids.join() === before.get(session.name)?.join()) sessionsUnchanged++
  }
  return {
    remembered,
    rememberedListed,
    sessionsMissingIds,
    sessions: sessions.length,
    sessionsUnchanged,
  }
}

async function readState(
  baseUrl: string,
  session: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${baseUrl}/__standin/state`, {
    headers: { 'X-Standin-Session': session },
    signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
  })
  const text = await response.text()
  return { status: response.status, body: response.ok ? JSON.parse(text) : {} }
}

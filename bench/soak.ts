// The soak: minutes of a mixed frontend workload against one `standin serve --stateful --state-file`,
// sampling the server's memory, the state file and latency as it goes, then a SIGTERM and a restart
// on the same file. `bench/soak-run.ts` runs it and prints the report (bench/soak-report.ts).
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { readNumber } from './config.ts'
import { percentile } from './load.ts'
import {
  type Probe,
  type ProcessExit,
  type RunningServer,
  readMemory,
  type ServerSpec,
  startServer,
  waitUntilIdle,
} from './server-process.ts'
import {
  createTraffic,
  type KindTotals,
  REQUEST_KINDS,
  type RequestKind,
  type SoakSession,
  type Traffic,
} from './soak-traffic.ts'
import { standinSpec } from './specs.ts'

/** How long and how hard the soak pushes, from SOAK_* (and BENCH_SEED) environment variables. */
export interface SoakOptions {
  /** Seconds of load (SOAK_SECONDS, default 300). */
  seconds: number
  /** Sessions, `soak-1` … `soak-N` (SOAK_SESSIONS, default 100). */
  sessions: number
  /** Concurrent connections, each a loop of requests (SOAK_CONNECTIONS, default 50). */
  connections: number
  /** Share of creates carrying a ~1 MB body (SOAK_BIG_SHARE, default 0.02). */
  bigShare: number
  /** `--max-state-bytes` of the server (SOAK_MAX_STATE_BYTES, default 268435456). */
  maxStateBytes: number
  /** Seed of the server's data and of the request mix (BENCH_SEED, default 1). */
  seed: number
}

/** Seconds between two samples of memory, state file and latency. */
export const SAMPLE_SECONDS = 5
/** What a server under SIGTERM gets to write its pending saves and exit (README, Shutdown). */
export const SHUTDOWN_GOAL_MS = 2000
/** The latency goal of the other benches, at 50 connections. */
export const P99_GOAL_MS = 20
/** How much the last third's RSS may exceed the middle third's and still count as flat. */
export const RSS_FLAT_TOLERANCE = 0.1

/** One sample, taken every SAMPLE_SECONDS; latencies are those of the requests done since the last. */
export interface SoakSample {
  atSeconds: number
  rssMiB: number
  /** The state file and any rewrite of it under way. */
  stateFileMiB: number
  requests: number
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  notSuccessful: number
  /** `GET /__standin/state`'s `saving` at that moment: `ok`, or the error it names. */
  saving: string
}

/** Latency and statuses of one request kind over the whole run. */
export interface KindFigures {
  requests: number
  p50Ms: number
  p99Ms: number
  maxMs: number
  statuses: Record<string, number>
}

/** `GET /__standin/state` for one session after the load. */
export interface StateEndpointCheck {
  session: string
  status: number
  savingOk: boolean
  saving: unknown
  objects: number
}

/** A session's products listed before the SIGTERM and again after a restart on the same file. */
export interface ReloadCheck {
  session: string
  startupMs: number
  statusBefore: number
  statusAfter: number
  listedBefore: number
  listedAfter: number
  sameList: boolean
  /** Ids the session's creates answered with and that it has not deleted or seen a 404 for. */
  remembered: number
  /** How many of those the restarted server lists. */
  rememberedListed: number
}

/** Everything one soak measured. */
export interface SoakResult {
  options: SoakOptions
  command: string
  startupMs: number
  /** RSS once started and idle, before any load. */
  baselineRssMiB: number
  /** VmHWM of the server when the load ended. */
  peakRssMiB: number
  samples: SoakSample[]
  kinds: Record<RequestKind, KindFigures>
  overallP99Ms: number
  smallP99Ms: number
  bigCreateP99Ms: number
  stateEndpoint: StateEndpointCheck
  /** What the server printed while it was loaded (warnings about saving, for one). */
  saidDuringLoad: string
  /** How SIGTERM ended it, how long it took, and what it printed meanwhile. */
  shutdown: ProcessExit & { ms: number; said: string }
  stateFileMiBAfterExit: number
  reload: ReloadCheck
}

export type Log = (line: string) => void

const MiB = 1024 ** 2
const STATE_FILE = 'state.log'
const MONITOR_SESSION = 'soak-monitor'
const LIST_PAGE_SIZE = 100
/** Reads create nothing, so the probe adds no session to the state. */
const PROBE: Probe = {
  method: 'GET',
  path: '/products?pageSize=1',
  headers: { 'X-Standin-Session': 'soak-probe' },
}

/**
 * Reads the soak settings; a malformed value is a USAGE error naming the variable.
 *
 * @example
 * readSoakOptions({ SOAK_SECONDS: '30' }).seconds // 30
 */
export function readSoakOptions(env: NodeJS.ProcessEnv = process.env): SoakOptions {
  return {
    seconds: readNumber(env, 'SOAK_SECONDS', 300, { min: 5, max: 3600 }),
    sessions: readNumber(env, 'SOAK_SESSIONS', 100, { min: 1, max: 10_000, integer: true }),
    connections: readNumber(env, 'SOAK_CONNECTIONS', 50, { min: 1, max: 1000, integer: true }),
    bigShare: readNumber(env, 'SOAK_BIG_SHARE', 0.02, { min: 0, max: 1 }),
    maxStateBytes: readNumber(env, 'SOAK_MAX_STATE_BYTES', 268_435_456, {
      min: 1,
      max: Number.MAX_SAFE_INTEGER,
      integer: true,
    }),
    seed: readNumber(env, 'BENCH_SEED', 1, { min: 0, max: 2 ** 31 - 1, integer: true }),
  }
}

/**
 * Starts `standin serve --stateful --state-file` on the example shop, loads it for
 * `options.seconds`, checks `GET /__standin/state`, stops it with SIGTERM and starts it again on the
 * same file. The servers are stopped and the state file removed before it returns.
 *
 * @example
 * const result = await runSoak(readSoakOptions({ SOAK_SECONDS: '30' }), console.error)
 * console.log(describeSoak(result).join('\n'))
 */
export async function runSoak(options: SoakOptions, log: Log): Promise<SoakResult> {
  const dir = mkdtempSync(join(tmpdir(), 'standin-soak-'))
  try {
    const spec = soakSpec(options, join(dir, STATE_FILE))
    const command = `standin ${spec.args(0).slice(1, -2).join(' ')}`
    log(`soak: ${command}`)
    const server = await startServer(spec, PROBE)
    try {
      const measured = await measureServer(server, options, dir, log)
      const reload = await checkReload(spec, measured.reloadSession, measured.listedBefore, log)
      return { ...measured.result, options, command, reload }
    } finally {
      await server.stop()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** `serve --stateful --state-file FILE` with the bounds the verdicts rely on, given explicitly. */
function soakSpec(options: SoakOptions, stateFile: string): ServerSpec {
  return standinSpec({
    seed: options.seed,
    label: 'standin --state-file',
    serveFlags: [
      '--stateful',
      '--state-file',
      stateFile,
      '--max-state-bytes',
      String(options.maxStateBytes),
      '--max-sessions',
      String(Math.max(100, options.sessions)),
    ],
  })
}

/** From a started server to its exit: baseline, load, checks, SIGTERM. */
async function measureServer(server: RunningServer, options: SoakOptions, dir: string, log: Log) {
  await waitUntilIdle(server.pid)
  const banner = server.output()
  const baselineRssMiB = readMemory(server.pid)?.rssMiB ?? Number.NaN
  log(
    `started in ${Math.round(server.startupMs)} ms; RSS before load ${baselineRssMiB.toFixed(1)} MiB`,
  )
  const traffic = createTraffic(server.baseUrl, options)
  const samples = await loadAndSample(server, traffic, options, dir, log)
  const peakRssMiB = readMemory(server.pid)?.peakMiB ?? Number.NaN
  const reloadSession = pickReloadSession(traffic.sessions)
  const stateEndpoint = await checkStateEndpoint(server.baseUrl, reloadSession.name)
  const listedBefore = await listProducts(server.baseUrl, reloadSession.name)
  const saidDuringLoad = printedSince(banner, server.output())
  const shutdown = await timeShutdown(server)
  log(`SIGTERM → exit in ${Math.round(shutdown.ms)} ms (code ${shutdown.code ?? shutdown.signal})`)
  const result = {
    startupMs: server.startupMs,
    baselineRssMiB,
    peakRssMiB,
    samples,
    ...summariseTotals(traffic.totals),
    stateEndpoint,
    saidDuringLoad,
    shutdown,
    stateFileMiBAfterExit: folderBytes(dir) / MiB,
  }
  return { result, reloadSession, listedBefore }
}

/** Runs the traffic for `options.seconds`, taking a sample every SAMPLE_SECONDS. */
async function loadAndSample(
  server: RunningServer,
  traffic: Traffic,
  options: SoakOptions,
  dir: string,
  log: Log,
): Promise<SoakSample[]> {
  const started = performance.now()
  const running = traffic.run(started + options.seconds * 1000)
  const samples: SoakSample[] = []
  let previous = started
  try {
    for (let mark = SAMPLE_SECONDS; ; mark += SAMPLE_SECONDS) {
      const at = Math.min(mark, options.seconds)
      await sleep(started + at * 1000 - performance.now())
      const takenAt = performance.now()
      const sample = await takeSample(server, traffic, dir, (takenAt - previous) / 1000)
      previous = takenAt
      samples.push({ ...sample, atSeconds: at })
      log(describeSample(samples.at(-1) as SoakSample))
      if (at >= options.seconds) break
    }
    await running
  } finally {
    traffic.close()
  }
  return samples
}

async function takeSample(
  server: RunningServer,
  traffic: Traffic,
  dir: string,
  windowSeconds: number,
): Promise<Omit<SoakSample, 'atSeconds'>> {
  const window = traffic.takeWindow()
  return {
    rssMiB: readMemory(server.pid)?.rssMiB ?? Number.NaN,
    stateFileMiB: folderBytes(dir) / MiB,
    requests: window.requests,
    requestsPerSecond: window.requests / windowSeconds,
    p50Ms: percentile(window.latencies, 0.5),
    p99Ms: percentile(window.latencies, 0.99),
    notSuccessful: window.notSuccessful,
    saving: await savingStatus(server.baseUrl),
  }
}

function describeSample(sample: SoakSample): string {
  return `${String(sample.atSeconds).padStart(4)} s  RSS ${sample.rssMiB.toFixed(0)} MiB, state file ${sample.stateFileMiB.toFixed(1)} MiB, ${Math.round(sample.requestsPerSecond)} req/s, p99 ${sample.p99Ms.toFixed(1)} ms, ${sample.notSuccessful} not 2xx, saving ${sample.saving}`
}

/** `saving` of `GET /__standin/state` for a session that never writes (an empty dump). */
async function savingStatus(baseUrl: string): Promise<string> {
  const answer = await readState(baseUrl, MONITOR_SESSION).catch((error: unknown) => error as Error)
  if (answer instanceof Error) return `no answer (${answer.message})`
  if (answer.status !== 200) return `status ${answer.status}`
  const saving = answer.body.saving as { ok?: boolean; error?: string } | undefined
  return saving?.ok ? 'ok' : `failing: ${saving?.error ?? JSON.stringify(saving)}`
}

async function readState(
  baseUrl: string,
  session: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${baseUrl}/__standin/state`, {
    headers: { 'X-Standin-Session': session },
    signal: AbortSignal.timeout(60_000),
  })
  const text = await response.text()
  return { status: response.status, body: response.ok ? JSON.parse(text) : {} }
}

/** Bytes of every file in the state folder: the log and a rewrite of it under way. */
function folderBytes(dir: string): number {
  let total = 0
  for (const name of readdirSync(dir)) {
    try {
      total += statSync(join(dir, name)).size
    } catch {
      // Renamed between the listing and the stat: the rewrite replaced the log.
    }
  }
  return total
}

function summariseTotals(totals: Record<RequestKind, KindTotals>) {
  const kinds = Object.fromEntries(
    REQUEST_KINDS.map((kind) => [kind, kindFigures(totals[kind])]),
  ) as Record<RequestKind, KindFigures>
  const small = REQUEST_KINDS.filter((kind) => kind !== 'create-big')
  return {
    kinds,
    overallP99Ms: p99Of(REQUEST_KINDS.flatMap((kind) => totals[kind].latencies)),
    smallP99Ms: p99Of(small.flatMap((kind) => totals[kind].latencies)),
    bigCreateP99Ms: p99Of(totals['create-big'].latencies),
  }
}

function kindFigures(totals: KindTotals): KindFigures {
  const sorted = Float64Array.from(totals.latencies).sort()
  return {
    requests: sorted.length,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    maxMs: sorted.at(-1) ?? 0,
    statuses: totals.statuses,
  }
}

function p99Of(latencies: number[]): number {
  return percentile(Float64Array.from(latencies).sort(), 0.99)
}

/** The most recently used session that remembers ids: the least likely to have been forgotten. */
function pickReloadSession(sessions: readonly SoakSession[]): SoakSession {
  const candidates = sessions.filter((session) => session.ids.length > 0)
  const pool = candidates.length > 0 ? candidates : sessions
  return pool.reduce((latest, session) => (session.lastUsed > latest.lastUsed ? session : latest))
}

async function checkStateEndpoint(baseUrl: string, session: string): Promise<StateEndpointCheck> {
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
async function listProducts(
  baseUrl: string,
  session: string,
): Promise<{ status: number; ids: string[] }> {
  const ids: string[] = []
  for (let page = 1; ; page++) {
    const response = await fetch(`${baseUrl}/products?page=${page}&pageSize=${LIST_PAGE_SIZE}`, {
      headers: { 'X-Standin-Session': session },
      signal: AbortSignal.timeout(60_000),
    })
    if (response.status !== 200) return { status: response.status, ids }
    const body = (await response.json()) as { items: Array<{ id: string }>; total: number }
    ids.push(...body.items.map((item) => item.id))
    if (body.items.length < LIST_PAGE_SIZE || ids.length >= body.total) return { status: 200, ids }
  }
}

async function timeShutdown(server: RunningServer): Promise<SoakResult['shutdown']> {
  const before = server.output()
  const started = performance.now()
  const exit = await server.stop()
  const ms = performance.now() - started
  return { ...exit, ms, said: printedSince(before, server.output()) }
}

/** What a server printed after it had printed `before` (both its last 4 KiB of output). */
function printedSince(before: string, now: string): string {
  if (now === before) return ''
  return now.startsWith(before) ? now.slice(before.length).trim() : now
}

/** Starts the server again on the same state file and compares the session's list. */
async function checkReload(
  spec: ServerSpec,
  session: SoakSession,
  before: { status: number; ids: string[] },
  log: Log,
): Promise<ReloadCheck> {
  const server = await startServer(spec, PROBE)
  try {
    log(`restarted on the same state file in ${Math.round(server.startupMs)} ms`)
    const after = await listProducts(server.baseUrl, session.name)
    const listed = new Set(after.ids)
    return {
      session: session.name,
      startupMs: server.startupMs,
      statusBefore: before.status,
      statusAfter: after.status,
      listedBefore: before.ids.length,
      listedAfter: after.ids.length,
      sameList: before.ids.join() === after.ids.join(),
      remembered: session.ids.length,
      rememberedListed: session.ids.filter((id) => listed.has(id)).length,
    }
  } finally {
    await server.stop()
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))
}

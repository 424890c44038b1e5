// The soak: minutes of a mixed frontend workload against one `standin serve --stateful
// --state-file`, sampling the server's memory, the state file and latency as it goes, then the checks
// of bench/soak-checks.ts. `bench/soak-run.ts` runs it and prints bench/soak-report.ts's report.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { readNumber, readSeed } from './config.ts'
import { percentile } from './load.ts'
import { readProfiles } from './profile-run.ts'
import {
  type RunningServer,
  readMemory,
  type ServerSpec,
  startServer,
  waitUntilIdle,
} from './server-process.ts'
import {
  checkReload,
  listEverySession,
  checkStateEndpoint,
  listProducts,
  pickReloadSession,
  printedSince,
  type ReloadCheck,
  SOAK_PROBE,
  type ShutdownCheck,
  type StateEndpointCheck,
  savingStatus,
  timeShutdown,
} from './soak-checks.ts'
import {
  createTraffic,
  type KindTotals,
  REQUEST_KINDS,
  type RequestKind,
  type SizeTotals,
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
  /**
   * `--max-state-bytes` of the server (SOAK_MAX_STATE_BYTES, default 67108864): small enough that
   * the sessions fill it within the first minute, so "RSS flat" judges a store at its limit.
   */
  maxStateBytes: number
  /** Seed of the server's data and of the request mix (BENCH_SEED, default 1). */
  seed: number
  /** Profile the server under load and report its busiest functions (SOAK_PROFILE=1, default 0). */
  profile: boolean
}

/** Seconds between two samples of memory, state file and latency. */
export const SAMPLE_SECONDS = 5
/** What a server under SIGTERM gets to write its pending saves and exit (README, Shutdown). */
export const SHUTDOWN_GOAL_MS = 2000
/** The latency goal of the other benches, at 50 connections. */
export const P99_GOAL_MS = 20
/** How much the last third's RSS may exceed the middle third's and still count as flat. */
export const RSS_FLAT_TOLERANCE = 0.1

/** One sample, every SAMPLE_SECONDS; rates and latencies cover the requests done since the last. */
export interface SoakSample {
  atSeconds: number
  rssMiB: number
  /** JSON of the products the sessions hold, as the answers said (the mock may have forgotten some). */
  storedMiB: number
  /** The state file and any rewrite of it under way. */
  stateFileMiB: number
  requests: number
  requestsPerSecond: number
  /** Bytes of the answers' bodies per second. */
  answeredMiBPerSecond: number
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
  /** Requests whose body and answer were both at most BIG_MESSAGE_BYTES. */
  small: { requests: number; p99Ms: number }
  /** Requests that sent or got more than BIG_MESSAGE_BYTES. */
  big: { requests: number; p99Ms: number }
  stateEndpoint: StateEndpointCheck
  /** What the server printed while it was loaded (warnings about saving, for one). */
  saidDuringLoad: string
  shutdown: ShutdownCheck
  stateFileMiBAfterExit: number
  reload: ReloadCheck
  /** The server's CPU profile over the load, with SOAK_PROFILE=1. */
  profile?: ReturnType<typeof readProfiles>
}

export type Log = (line: string) => void

const MiB = 1024 ** 2
const STATE_FILE = 'state.log'

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
    maxStateBytes: readNumber(env, 'SOAK_MAX_STATE_BYTES', 67_108_864, {
      min: 1,
      max: Number.MAX_SAFE_INTEGER,
      integer: true,
    }),
    seed: readSeed(env),
    profile: readNumber(env, 'SOAK_PROFILE', 0, { min: 0, max: 1, integer: true }) === 1,
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
  const profileDir = options.profile
    ? mkdtempSync(join(tmpdir(), 'standin-soak-profile-'))
    : undefined
  try {
    const spec = soakSpec(options, join(dir, STATE_FILE))
    const command = `standin ${spec.args(0).slice(1, -2).join(' ')}`
    log(`soak: ${command}${profileDir ? ' (profiled)' : ''}`)
    const server = await startServer(
      soakSpec(options, join(dir, STATE_FILE), profileDir),
      SOAK_PROBE,
    )
    try {
      const { result, traffic, compared, loadFromMicros } = await measureServer(
        server,
        options,
        dir,
        log,
      )
      const profile = profileDir ? readProfiles(profileDir, loadFromMicros) : undefined
      const reload = await checkReload(spec, traffic.sessions, compared, log)
      return { ...result, options, command, reload, ...(profile ? { profile } : {}) }
    } finally {
      await server.stop()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
    if (profileDir) rmSync(profileDir, { recursive: true, force: true })
  }
}

/**
 * `serve --stateful --state-file FILE` with the bounds the verdicts rely on, given explicitly;
 * profiled into `profileDir` when given.
 */
function soakSpec(options: SoakOptions, stateFile: string, profileDir?: string): ServerSpec {
  return standinSpec({
    seed: options.seed,
    label: 'standin --state-file',
    nodeFlags: profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [],
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
  const loadFromMicros = Number(process.hrtime.bigint() / 1000n)
  const samples = await loadAndSample(server, traffic, options, dir, log)
  const peakRssMiB = readMemory(server.pid)?.peakMiB ?? Number.NaN
  const session = pickReloadSession(traffic.sessions)
  const stateEndpoint = await checkStateEndpoint(server.baseUrl, session.name)
  const before = await listProducts(server.baseUrl, session.name)
  log(`listing the products of all ${traffic.sessions.length} sessions before the SIGTERM`)
  const all = await listEverySession(server.baseUrl, traffic.sessions)
  const saidDuringLoad = printedSince(banner, server.output())
  const shutdown = await timeShutdown(server)
  log(`SIGTERM → exit in ${Math.round(shutdown.ms)} ms (code ${shutdown.code ?? shutdown.signal})`)
  const result = {
    startupMs: server.startupMs,
    baselineRssMiB,
    peakRssMiB,
    samples,
    ...summariseTotals(traffic.totals, traffic.bySize),
    stateEndpoint,
    saidDuringLoad,
    shutdown,
    stateFileMiBAfterExit: folderBytes(dir) / MiB,
  }
  return { result, traffic, compared: { session, before, all }, loadFromMicros }
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
    storedMiB: traffic.storedBytes() / MiB,
    stateFileMiB: folderBytes(dir) / MiB,
    requests: window.requests,
    requestsPerSecond: window.requests / windowSeconds,
    answeredMiBPerSecond: window.answerBytes / MiB / windowSeconds,
    p50Ms: percentile(window.latencies, 0.5),
    p99Ms: percentile(window.latencies, 0.99),
    notSuccessful: window.notSuccessful,
    saving: await savingStatus(server.baseUrl),
  }
}

function describeSample(sample: SoakSample): string {
  const memory = `RSS ${sample.rssMiB.toFixed(0)} MiB, stored ${sample.storedMiB.toFixed(1)} MiB`
  const file = `state file ${sample.stateFileMiB.toFixed(1)} MiB`
  const load = `${Math.round(sample.requestsPerSecond)} req/s, p99 ${sample.p99Ms.toFixed(1)} ms`
  const answers = `${sample.notSuccessful} not 2xx, saving ${sample.saving}`
  return `${String(sample.atSeconds).padStart(4)} s  ${memory}, ${file}, ${load}, ${answers}`
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

function summariseTotals(totals: Record<RequestKind, KindTotals>, bySize: SizeTotals) {
  const kinds = Object.fromEntries(
    REQUEST_KINDS.map((kind) => [kind, kindFigures(totals[kind])]),
  ) as Record<RequestKind, KindFigures>
  return {
    kinds,
    overallP99Ms: p99Of([...bySize.small, ...bySize.big]),
    small: { requests: bySize.small.length, p99Ms: p99Of(bySize.small) },
    big: { requests: bySize.big.length, p99Ms: p99Of(bySize.big) },
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

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))
}

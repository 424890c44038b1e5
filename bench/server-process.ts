import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { performance } from 'node:perf_hooks'
import type { Workload } from './workloads.ts'

/** How to start one server under test on a given port of 127.0.0.1. */
export interface ServerSpec {
  label: string
  command: string
  args: (port: number) => string[]
  cwd: string
  env?: NodeJS.ProcessEnv
}

/** The request that tells when a server is up: any workload, or a bare request. */
export type Probe = Pick<Workload, 'method' | 'path' | 'headers' | 'body'>

/** How a server process ended; `forced` when SIGTERM was not enough and it got SIGKILL. */
export interface ProcessExit {
  code: number | null
  signal: NodeJS.Signals | null
  forced: boolean
}

/** A server the benchmark started; `stop()` ends it, and every loop waiting on it is bounded. */
export interface RunningServer {
  label: string
  pid: number
  baseUrl: string
  /** Milliseconds from spawn to the first 200 answer to the probe request. */
  startupMs: number
  /** Sends SIGTERM (SIGKILL after STOP_GRACE_MS) and tells how the process ended. */
  stop: () => Promise<ProcessExit>
  /** The last 4 KiB the server printed on stdout and stderr. */
  output: () => string
}

const STOP_GRACE_MS = 5_000
const IDLE_WINDOW_MS = 250
/** At most 2 ticks (20 ms) of CPU in 250 ms: below a tenth of a core. */
const IDLE_TICKS = 2
const live = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL')
})

/**
 * Spawns a server and waits (at most `timeoutMs`) for its first 200 to `probe`.
 *
 * @example
 * const server = await startServer(bareSpec, PROBE)
 * console.log(server.startupMs)
 * await server.stop()
 */
export async function startServer(
  spec: ServerSpec,
  probe: Probe,
  timeoutMs = 60_000,
): Promise<RunningServer> {
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const started = performance.now()
  const child = spawn(spec.command, spec.args(port), {
    cwd: spec.cwd,
    env: spec.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  live.add(child)
  const output = keepTail(child)
  const ready = await waitForFirst200(baseUrl, probe, child, started + timeoutMs)
  if (!ready) {
    await stopChild(child)
    const why =
      child.exitCode !== null
        ? `exited with code ${child.exitCode}`
        : `gave no 200 within ${timeoutMs} ms`
    const tail = output()
    throw new Error(`${spec.label} ${why}: ${tail.split('\n').at(-1)}\nIts last output:\n${tail}`)
  }
  const startupMs = performance.now() - started
  return {
    label: spec.label,
    pid: child.pid ?? -1,
    baseUrl,
    startupMs,
    stop: () => stopChild(child),
    output,
  }
}

/**
 * Sends `workload` once and returns what came back, for sizing the baseline and checking statuses.
 */
export async function fetchOnce(
  baseUrl: string,
  workload: Probe,
): Promise<{ status: number; contentType: string; body: Buffer }> {
  const response = await fetch(`${baseUrl}${workload.path}`, {
    method: workload.method,
    headers: workload.headers,
    body: workload.body,
    signal: AbortSignal.timeout(60_000),
  })
  const body = Buffer.from(await response.arrayBuffer())
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? 'application/json',
    body,
  }
}

/** Resident and peak memory of a process, from /proc/PID/status (Linux). */
export function readMemory(pid: number): { rssMiB: number; peakMiB: number } | undefined {
  try {
    return parseProcStatus(readFileSync(`/proc/${pid}/status`, 'utf8'))
  } catch {
    return undefined
  }
}

/** Reads VmRSS and VmHWM (both in kB) out of a /proc/PID/status text, as MiB. */
export function parseProcStatus(text: string): { rssMiB: number; peakMiB: number } | undefined {
  const kB = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(text)?.[1] ?? Number.NaN)
  const rss = kB('VmRSS')
  const peak = kB('VmHWM')
  if (Number.isNaN(rss)) return undefined
  return { rssMiB: rss / 1024, peakMiB: Number.isNaN(peak) ? rss / 1024 : peak / 1024 }
}

/**
 * Waits (at most `timeoutMs`) until a process uses less than a tenth of a core: a server that is
 * still working through requests a finished run left behind would otherwise slow down the next run.
 */
export async function waitUntilIdle(pid: number, timeoutMs = 60_000): Promise<boolean> {
  const deadline = performance.now() + timeoutMs
  let before = readCpuTicks(pid)
  while (before !== undefined && performance.now() < deadline) {
    await sleep(IDLE_WINDOW_MS)
    const after = readCpuTicks(pid)
    if (after === undefined) return true
    if (after - before <= IDLE_TICKS) return true
    before = after
  }
  return before === undefined
}

/** user + system CPU time of a process in clock ticks (1/100 s on Linux), from /proc/PID/stat. */
export function readCpuTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name (which may contain spaces) start at the state, field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return Number(fields[11]) + Number(fields[12])
  } catch {
    return undefined
  }
}

/** A port that was free on 127.0.0.1 a moment ago. */
export async function freePort(): Promise<number> {
  const range = /^(\d+)-(\d+)$/.exec(process.env.BENCH_PORTS?.trim() ?? '')
  if (!range) return listenOnce(0)
  // BENCH_PORTS=5300-5399 keeps every server the benchmark starts inside a range of the machine's.
  for (let port = Number(range[1]); port <= Number(range[2]); port++) {
    const free = await listenOnce(port).catch(() => undefined)
    if (free !== undefined) return free
  }
  throw new Error(`No free port in BENCH_PORTS=${process.env.BENCH_PORTS}.`)
}

function listenOnce(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      )
    })
  })
}

async function waitForFirst200(
  baseUrl: string,
  probe: Probe,
  child: ChildProcess,
  deadline: number,
): Promise<boolean> {
  while (performance.now() < deadline && child.exitCode === null && child.signalCode === null) {
    const status = await fetchOnce(baseUrl, probe).then(
      (answer) => answer.status,
      () => 0,
    )
    if (status === 200) return true
    await sleep(status === 0 ? 5 : 50)
  }
  return false
}

async function stopChild(child: ChildProcess): Promise<ProcessExit> {
  let forced = false
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    child.kill('SIGTERM')
    if (!(await within(exited, STOP_GRACE_MS))) {
      forced = true
      child.kill('SIGKILL')
      await within(exited, STOP_GRACE_MS)
    }
  }
  live.delete(child)
  return { code: child.exitCode, signal: child.signalCode, forced }
}

/**
 * Keeps the last 4 KiB a child printed (and keeps its pipes drained so it never blocks on them).
 */
function keepTail(child: ChildProcess): () => string {
  let tail = ''
  const append = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-4096)
  }
  child.stdout?.on('data', append)
  child.stderr?.on('data', append)
  return () => tail.trim() || '(nothing)'
}

function within(promise: Promise<void>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms)
    void promise.then(() => {
      clearTimeout(timer)
      resolve(true)
    })
  })
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

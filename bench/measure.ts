import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BareAnswer } from './bare-server.js'
import { type LoadOptions, type LoadResult, runLoad } from './load.ts'
import type { Measurement, ServerId, ServerInfo, StartupTimes } from './results.ts'
import {
  fetchOnce,
  readMemory,
  type RunningServer,
  type ServerSpec,
  startServer,
  waitUntilIdle,
} from './server-process.ts'
import { bareSpec } from './specs.ts'
import { formatCount, formatFigure } from './targets.ts'
import { PROBE, type Workload, WORKLOADS } from './workloads.ts'

/** How long a server too slow for the normal run is measured instead. */
export const LONG_RUN_SECONDS = 30

/** A server under test and how to start it. */
export interface Contender {
  id: ServerId
  spec: ServerSpec
}

export type Log = (line: string) => void

/** What the load phase measured, and which servers it could not start. */
export interface LoadPhase {
  measurements: Measurement[]
  servers: ServerInfo[]
  /** Which server's answers the bare baseline replays. */
  bodySource?: ServerId
}

/**
 * Starts each contender `runs` times (interleaved) and times spawn → first 200.
 *
 * @example
 * const startup = await measureStartup([{ id: 'standin', spec: standinSpec({ seed: 1 }) }], 3, console.error)
 */
export async function measureStartup(
  contenders: Contender[],
  runs: number,
  log: Log,
): Promise<StartupTimes[]> {
  const times = new Map<ServerId, number[]>(contenders.map((contender) => [contender.id, []]))
  const failed = new Set<ServerId>()
  for (let run = 0; run < runs; run++) {
    for (const contender of contenders.filter((entry) => !failed.has(entry.id))) {
      const server = await startServer(contender.spec, PROBE).catch(
        (error: unknown) => error as Error,
      )
      if (server instanceof Error) {
        failed.add(contender.id)
        log(`start-up · ${contender.spec.label}: failed: ${server.message}`)
        continue
      }
      await server.stop()
      times.get(contender.id)?.push(server.startupMs)
      log(`start-up · ${contender.spec.label}: ${Math.round(server.startupMs)} ms`)
    }
  }
  return [...times]
    .filter(([, runsMs]) => runsMs.length > 0)
    .map(([server, runsMs]) => ({ server, runsMs }))
}

/**
 * Starts the contenders, then the bare baseline replaying the first contender's answers, and loads
 * every server with every workload, one server at a time. Every server is stopped before it
 * returns.
 *
 * @example
 * const phase = await measureWorkloads(contenders, workDir, { durationSeconds: 5, warmupSeconds: 1, connections: 50 }, console.error)
 */
export async function measureWorkloads(
  contenders: Contender[],
  workDir: string,
  options: LoadOptions,
  log: Log,
): Promise<LoadPhase> {
  const running = new Map<ServerId, RunningServer>()
  const servers: ServerInfo[] = []
  const missing: ServerInfo[] = []
  try {
    for (const contender of contenders) {
      const started = await startServer(contender.spec, PROBE).catch(
        (error: unknown) => error as Error,
      )
      if (started instanceof Error) {
        missing.push({
          id: contender.id,
          label: contender.spec.label,
          missing: started.message.split('\n')[0] ?? '',
        })
        continue
      }
      running.set(contender.id, started)
      servers.push({ id: contender.id, label: started.label, ...rssAtStart(started.pid) })
    }
    const bodySource = [...running.keys()][0]
    if (bodySource === undefined) return { measurements: [], servers: missing }
    const bare = await startBare(running.get(bodySource) as RunningServer, workDir)
    servers.unshift({ id: 'bare', label: bare.label, ...rssAtStart(bare.pid) })
    const order = new Map<ServerId, RunningServer>([['bare', bare], ...running])
    return {
      measurements: await loadEach(order, options, log),
      servers: [...servers, ...missing],
      bodySource,
    }
  } finally {
    await Promise.all([...running.values()].map((server) => server.stop()))
  }
}

async function startBare(reference: RunningServer, workDir: string): Promise<RunningServer> {
  const answers: BareAnswer[] = []
  for (const workload of WORKLOADS) {
    const answer = await fetchOnce(reference.baseUrl, workload)
    answers.push({
      method: workload.method,
      url: workload.path,
      requestBody: workload.body ?? '',
      status: answer.status,
      contentType: answer.contentType,
      body: answer.body.toString('base64'),
    })
  }
  const file = join(workDir, 'bare-answers.json')
  writeFileSync(file, JSON.stringify(answers))
  return startServer(bareSpec(file), PROBE)
}

async function loadEach(
  order: Map<ServerId, RunningServer>,
  options: LoadOptions,
  log: Log,
): Promise<Measurement[]> {
  const measurements: Measurement[] = []
  try {
    for (const workload of WORKLOADS) {
      for (const [id, server] of order) {
        const responseBytes = await fetchOnce(server.baseUrl, workload).then(
          (answer) => answer.body.length,
          () => undefined,
        )
        const { load, durationSeconds } = await measureEnough(server, workload, options)
        const memory = readMemory(server.pid)
        await waitUntilIdle(server.pid)
        measurements.push({
          server: id,
          workload: workload.id,
          load,
          durationSeconds,
          ...(responseBytes === undefined ? {} : { responseBytes }),
          ...(memory ? { memory } : {}),
        })
        log(
          `${workload.title} · ${server.label}: ${describeLoad(load)}, RSS ${memory ? formatFigure(memory.rssMiB) : '?'} MiB`,
        )
      }
    }
  } finally {
    await order.get('bare')?.stop()
  }
  return measurements
}

/**
 * One measured run; a server that answered fewer than two requests per connection (Prism's list) is
 * measured once more for LONG_RUN_SECONDS, so its figures rest on more than a handful of answers.
 */
async function measureEnough(
  server: RunningServer,
  workload: Workload,
  options: LoadOptions,
): Promise<{ load: LoadResult; durationSeconds: number }> {
  const settle = () => waitUntilIdle(server.pid)
  const load = await runLoad(server.baseUrl, workload, { ...options, afterWarmup: settle })
  if (load.responses >= 2 * options.connections || options.durationSeconds >= LONG_RUN_SECONDS)
    return { load, durationSeconds: options.durationSeconds }
  await settle()
  const long = { ...options, durationSeconds: LONG_RUN_SECONDS, warmupSeconds: 0 }
  return { load: await runLoad(server.baseUrl, workload, long), durationSeconds: LONG_RUN_SECONDS }
}

function rssAtStart(pid: number): { rssAtStartMiB?: number } {
  const memory = readMemory(pid)
  return memory ? { rssAtStartMiB: memory.rssMiB } : {}
}

function describeLoad(load: LoadResult): string {
  const unexpected = load.unexpected > 0 ? `, ${formatCount(load.unexpected)} unexpected` : ''
  return `${formatCount(load.requestsPerSecond)} req/s, p50 ${formatFigure(load.p50Ms)} ms, p99 ${formatFigure(load.p99Ms)} ms${unexpected}`
}

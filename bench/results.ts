import type { BundleResult } from './bundle.ts'
import type { BenchConfig } from './config.ts'
import type { ProfileSummary } from './cpu-profile.ts'
import type { FakeThroughput } from './fake-throughput.ts'
import type { LargeSpecResult } from './large-spec.ts'
import type { LoadResult } from './load.ts'
import type { MachineInfo } from './machine.ts'
import type { VerifiedBackend } from './verify-figures.ts'
import type { WorkloadId } from './workloads.ts'

/**
 * The servers a run compares: the physical limit, standin (and its uncached variant, if it has
 * one), Prism.
 */
export type ServerId = 'bare' | 'standin' | 'standin-uncached' | 'prism'

export interface ServerInfo {
  id: ServerId
  label: string
  /** RSS once it answered its first request, before any load. */
  rssAtStartMiB?: number
  /** Why it was not measured, when it was not. */
  missing?: string
}

export interface Measurement {
  server: ServerId
  workload: WorkloadId
  load: LoadResult
  /**
   * Length of the measured run: the configured one, or longer for a server too slow to answer
   * enough in it.
   */
  durationSeconds: number
  /** Memory of the server process right after this run. */
  memory?: { rssMiB: number; peakMiB: number }
  /** Size of the body the server answered this workload with (one request, before the run). */
  responseBytes?: number
}

export interface StartupTimes {
  server: ServerId
  /** Spawn → first 200, one entry per start. */
  runsMs: number[]
}

export interface ProfileReport {
  /** A workload under load, a path of the paths step (see bench/paths.ts), or the start-up. */
  workload: WorkloadId | 'startup' | (string & {})
  /** What was loaded, when it is a path rather than one of the workloads. */
  title?: string
  /** Why this workload was profiled. */
  reason: string
  /** The main thread, where requests are handled. */
  summary?: ProfileSummary
  /**
   * Busy time of the other threads in the same window (with tsx, the module loader's hooks thread).
   */
  otherThreadsBusyMs?: number
  /** Why no profile came out, when none did. */
  failure?: string
}

/**
 * Everything one `npm run bench` measured, before it is judged against targets and written down.
 */
export interface BenchResults {
  date: string
  command: string
  config: BenchConfig
  machine: MachineInfo
  versions: Record<string, string>
  servers: ServerInfo[]
  measurements: Measurement[]
  startup: StartupTimes[]
  bundle: BundleResult
  fake: FakeThroughput
  /** `standin serve --spec` on GitHub's REST API description. */
  largeSpec: LargeSpecResult
  /** `verify` against the reference backends over HTTP, clean and with every planted bug. */
  verify: VerifiedBackend[]
  profiles: ProfileReport[]
  /** Facts a reader needs to read the figures right (body source, caching, noise). */
  notes: string[]
}

/** The measurement of one server on one workload, if there is one. */
export function findMeasurement(
  results: Pick<BenchResults, 'measurements'>,
  server: ServerId,
  workload: WorkloadId,
): Measurement | undefined {
  return results.measurements.find(
    (entry) => entry.server === server && entry.workload === workload,
  )
}

/** True when a server was measured in this run. */
export function isMeasured(results: Pick<BenchResults, 'servers'>, server: ServerId): boolean {
  return results.servers.some((entry) => entry.id === server && entry.missing === undefined)
}

/** The middle value (the lower middle for an even count). */
export function median(values: readonly number[]): number | undefined {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor((sorted.length - 1) / 2)]
}

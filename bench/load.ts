import autocannon, { type Result } from 'autocannon'
import { isExpectedStatus, type Workload } from './workloads.ts'

export interface LoadOptions {
  durationSeconds: number
  warmupSeconds: number
  connections: number
  /**
   * Runs between warm-up and measurement, e.g. to let the server finish what the warm-up left
   * queued.
   */
  afterWarmup?: () => Promise<unknown>
  /**
   * Requests per second over all connections; unset, as many as the server answers. A fixed rate
   * below what the server can take measures latency without a queue.
   */
  rate?: number
}

/** What one measured run of one workload against one server gave. */
export interface LoadResult {
  requestsPerSecond: number
  /**
   * Latency percentiles over every response of the run, in milliseconds (autocannon's own are whole
   * ms).
   */
  p50Ms: number
  p99Ms: number
  /** Responses counted in the run. */
  responses: number
  /**
   * Responses whose status is not the one the workload measures, plus socket errors (timeouts
   * included).
   */
  unexpected: number
  /** Count per status code, e.g. { '200': 51234 }. */
  statuses: Record<string, number>
  /** Requests that got no answer: socket errors, timeouts included. */
  errors: number
  /** Requests that got no answer within REQUEST_TIMEOUT_SECONDS. */
  timeouts: number
}

/**
 * How long the load generator waits for one answer (autocannon's default, made explicit for the
 * report).
 */
export const REQUEST_TIMEOUT_SECONDS = 10

/** Extra seconds a run may take past its duration before it is stopped. */
const OVERRUN_SECONDS = 30

/**
 * Warms the server up, then loads it with `workload` from 127.0.0.1 for a bounded time.
 *
 * @example
 * const result = await runLoad('http://127.0.0.1:4010', WORKLOADS[0], { durationSeconds: 5, warmupSeconds: 1, connections: 50 })
 */
export async function runLoad(
  baseUrl: string,
  workload: Workload,
  options: LoadOptions,
): Promise<LoadResult> {
  if (!baseUrl.startsWith('http://127.0.0.1:'))
    throw new Error(`Load only goes to 127.0.0.1, not ${baseUrl}.`)
  if (options.warmupSeconds > 0) {
    await cannon(baseUrl, workload, options.connections, options.warmupSeconds, options.rate)
    await options.afterWarmup?.()
  }
  const latencies: number[] = []
  const result = await cannon(
    baseUrl,
    workload,
    options.connections,
    options.durationSeconds,
    options.rate,
    latencies,
  )
  return toLoadResult(workload, result, latencies)
}

/** Reduces autocannon's result and the recorded latencies to the figures the report uses. */
export function toLoadResult(workload: Workload, result: Result, latencies: number[]): LoadResult {
  const statuses = Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([status, stats]) => [status, stats.count]),
  )
  const responses = Object.values(statuses).reduce((sum, count) => sum + count, 0)
  const expected = Object.entries(statuses)
    .filter(([status]) => isExpectedStatus(workload, Number(status)))
    .reduce((sum, [, count]) => sum + count, 0)
  const sorted = Float64Array.from(latencies).sort()
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    responses,
    unexpected: responses - expected + result.errors,
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
  }
}

/** Nearest-rank percentile of sorted values; 0 when there are none. */
export function percentile(sorted: ArrayLike<number>, quantile: number): number {
  if (sorted.length === 0) return 0
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(quantile * sorted.length)))
  return sorted[rank - 1] ?? 0
}

function cannon(
  baseUrl: string,
  workload: Workload,
  connections: number,
  seconds: number,
  rate: number | undefined,
  latencies?: number[],
): Promise<Result> {
  const instance = autocannon({
    ...(rate === undefined ? {} : { overallRate: rate }),
    url: `${baseUrl}${workload.path}`,
    method: workload.method,
    headers: workload.headers,
    ...(workload.body === undefined ? {} : { body: workload.body }),
    connections,
    duration: seconds,
    timeout: REQUEST_TIMEOUT_SECONDS,
  })
  if (latencies) instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms))
  const guard = setTimeout(() => instance.stop(), (seconds + OVERRUN_SECONDS) * 1000)
  return Promise.resolve(instance).finally(() => clearTimeout(guard))
}

// The proxy step of `npm run bench`: the reference shop backend alone, and `standin proxy` in front
// of it, loaded with the same requests in one run at a fixed rate (the latency a frontend sees, not
// a queue); the figure is the proxy's p50 latency as a ratio to the backend's own (goal ≤ 1.3 ×),
// beside each one's req/s at full load. `node --import tsx bench/proxy-run.ts` runs it alone.
import { join } from 'node:path'
import type { BenchConfig } from './config.ts'
import { runLoad } from './load.ts'
import { type RunningServer, startServer, waitUntilIdle } from './server-process.ts'
import { repoRoot } from './specs.ts'
import type { Workload } from './workloads.ts'

/** The proxy's p50 latency at most this many times the backend's own. */
export const PROXY_P50_GOAL = 1.3
/**
 * Requests per second of the latency runs, over PROXY_CONNECTIONS: what a team's frontends send,
 * well below what either server can take, so the figure is the time the proxy adds, not a queue.
 */
export const PROXY_RATE = 200
export const PROXY_CONNECTIONS = 10

export interface ProxyMeasurement {
  workload: Workload
  direct: { requestsPerSecond: number; p50Ms: number; p99Ms: number }
  proxied: { requestsPerSecond: number; p50Ms: number; p99Ms: number }
  /** Proxied p50 ÷ direct p50. */
  p50Ratio: number
  /** Answers through the proxy that broke the contract (none from the clean backend). */
  unexpected: number
}

const PRODUCT_ID = '0d9a2c4e-6f1b-4a3c-8e5d-7b9f1a2c3d4e'

/** What a frontend reads most: a page of products, and one product. */
export const PROXY_WORKLOADS: Workload[] = [
  {
    id: 'list',
    title: 'a page of products',
    method: 'GET',
    path: '/products?pageSize=20',
    headers: {},
    expected: 200,
  },
  {
    id: 'single',
    title: 'one product by id',
    method: 'GET',
    path: `/products/${PRODUCT_ID}`,
    headers: {},
    expected: 200,
  },
]

/**
 * Starts the shop backend and `standin proxy --target` it, then loads each workload against the
 * backend and against the proxy, one after the other, with the bench's duration and connections.
 *
 * @example
 * const rows = await measureProxyOverhead(readBenchConfig(), console.error)
 */
export async function measureProxyOverhead(
  config: Pick<BenchConfig, 'durationSeconds' | 'warmupSeconds' | 'connections'>,
  log: (line: string) => void,
): Promise<ProxyMeasurement[]> {
  const backend = await startServer(backendSpec(), {
    method: 'GET',
    path: '/categories',
    headers: {},
  })
  let proxy: RunningServer | undefined
  try {
    proxy = await startServer(proxySpec(backend.baseUrl), {
      method: 'GET',
      path: '/categories',
      headers: {},
    })
    const rows: ProxyMeasurement[] = []
    const paced = { ...config, connections: PROXY_CONNECTIONS, rate: PROXY_RATE }
    for (const workload of PROXY_WORKLOADS) {
      const direct = await runLoad(backend.baseUrl, workload, paced)
      const proxied = await runLoad(proxy.baseUrl, workload, paced)
      const directFull = await runLoad(backend.baseUrl, workload, config)
      await waitUntilIdle(backend.pid)
      const proxiedFull = await runLoad(proxy.baseUrl, workload, config)
      await waitUntilIdle(proxy.pid)
      const row = {
        workload,
        direct: { ...direct, requestsPerSecond: directFull.requestsPerSecond },
        proxied: { ...proxied, requestsPerSecond: proxiedFull.requestsPerSecond },
        p50Ratio: proxied.p50Ms / direct.p50Ms,
        unexpected: proxied.unexpected + proxiedFull.unexpected,
      }
      log(proxyLine(row))
      rows.push(row)
    }
    return rows
  } finally {
    await proxy?.stop()
    await backend.stop()
  }
}

function backendSpec() {
  return {
    label: 'shop backend',
    command: process.execPath,
    args: (port: number) => [
      '--import',
      'tsx',
      join(repoRoot, 'examples/shop-backend/serve.ts'),
      '--port',
      String(port),
    ],
    cwd: repoRoot,
  }
}

function proxySpec(target: string) {
  return {
    label: 'standin proxy',
    command: process.execPath,
    args: (port: number) => [
      join(repoRoot, 'bin', 'standin.js'),
      'proxy',
      '--target',
      target,
      '--quiet',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
    ],
    cwd: repoRoot,
  }
}

/**
 * `met    a page of products through standin proxy: p50 1.21 × the backend's own (2.4 vs 2.0 ms at
 * 200 req/s; goal ≤ 1.3 ×), at full load 4,210 vs 5,011 req/s`
 */
export function proxyLine(row: ProxyMeasurement): string {
  const verdict = row.p50Ratio <= PROXY_P50_GOAL ? 'met   ' : 'MISSED'
  const rps = (value: number) => Math.round(value).toLocaleString('en-US')
  return `${verdict} ${row.workload.title} through standin proxy: p50 ${row.p50Ratio.toFixed(2)} × the backend's own (${row.proxied.p50Ms.toFixed(2)} vs ${row.direct.p50Ms.toFixed(2)} ms at ${PROXY_RATE} req/s; goal ≤ ${PROXY_P50_GOAL} ×), at full load ${rps(row.proxied.requestsPerSecond)} vs ${rps(row.direct.requestsPerSecond)} req/s${row.unexpected > 0 ? `, ${row.unexpected} unexpected answers` : ''}`
}

/** The proxy's rows as a Markdown table, for BENCHMARKS.md and the README summary. */
export function proxyTable(rows: readonly ProxyMeasurement[]): string[] {
  const rps = (value: number) => Math.round(value).toLocaleString('en-US')
  return [
    `| request | p50 through the proxy | p50 direct | × direct (at ${PROXY_RATE} req/s) | proxy req/s (full load) | backend req/s | goal |`,
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (row) =>
        `| ${row.workload.title} | ${row.proxied.p50Ms.toFixed(2)} ms | ${row.direct.p50Ms.toFixed(2)} ms | ${row.p50Ratio.toFixed(2)} × | ${rps(row.proxied.requestsPerSecond)} | ${rps(row.direct.requestsPerSecond)} | ≤ ${PROXY_P50_GOAL} ×: ${row.p50Ratio <= PROXY_P50_GOAL ? 'met' : 'missed'} |`,
    ),
  ]
}

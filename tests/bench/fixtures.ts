import { readBenchConfig } from '../../bench/config.ts'
import type { LoadResult } from '../../bench/load.ts'
import type { BenchResults, Measurement, ServerId } from '../../bench/results.ts'
import type { VerifiedBackend } from '../../bench/verify-figures.ts'
import type { WorkloadId } from '../../bench/workloads.ts'

/** A load result with the given throughput and p99; everything answered as expected. */
export function load(requestsPerSecond: number, p99Ms: number): LoadResult {
  return {
    requestsPerSecond,
    p50Ms: p99Ms / 4,
    p99Ms,
    responses: requestsPerSecond * 5,
    unexpected: 0,
    statuses: { '200': requestsPerSecond * 5 },
    errors: 0,
    timeouts: 0,
  }
}

export function measurement(
  server: ServerId,
  workload: WorkloadId,
  requestsPerSecond: number,
  p99Ms: number,
  rssMiB: number,
): Measurement {
  return {
    server,
    workload,
    load: load(requestsPerSecond, p99Ms),
    durationSeconds: 5,
    memory: { rssMiB, peakMiB: rssMiB + 10 },
    responseBytes: 1000,
  }
}

/** Runs of verify against one backend, each as [verify ms, requests, plain fetch ms]. */
export function verified(
  backend: VerifiedBackend['backend'],
  bugs: number,
  runs: [number, number, number][],
  exitCode: 0 | 1 | 2,
  reportLines: number,
): VerifiedBackend {
  const baseline = backend === 'shop' ? 'GET /categories' : 'GET /api/tags'
  return {
    backend,
    bugs,
    baseline,
    runs: runs.map(([verifyMs, requests, fetchMs]) => ({
      verifyMs,
      requests,
      exitCode,
      reportLines,
      fetchMs,
    })),
  }
}

/** A finished run of the three servers on the four workloads, and of verify on both backends, with round figures. */
export function sampleResults(): BenchResults {
  const rows: [WorkloadId, number, number, number][] = [
    // workload, bare, standin, prism (req/s)
    ['list', 20_000, 8_000, 600],
    ['single', 30_000, 21_000, 1_500],
    ['create', 25_000, 9_000, 700],
    ['invalid', 26_000, 15_000, 1_000],
  ]
  return {
    date: '2026-11-23T10:00:00Z',
    command: 'npm run bench',
    config: readBenchConfig({}),
    machine: {
      cpu: 'AMD EPYC',
      cores: 2,
      memoryGiB: 24,
      os: 'Linux 6.1',
      loadAverage: { start: 0.1, end: 0.9 },
    },
    versions: {
      node: '20.20.2',
      standin: '0.1.0',
      autocannon: '9.0.0',
      '@stoplight/prism-cli': '5.14.2',
    },
    servers: [
      { id: 'bare', label: 'bare node:http' },
      { id: 'standin', label: 'standin' },
      { id: 'prism', label: 'Prism 5.14.2' },
    ],
    measurements: rows.flatMap(([workload, bare, standin, prism]) => [
      measurement('bare', workload, bare, 4, 50),
      measurement(
        'standin',
        workload,
        standin,
        workload === 'create' ? 25 : 9,
        workload === 'create' ? 120 : 100,
      ),
      measurement('prism', workload, prism, 1_900, 200),
    ]),
    startup: [
      { server: 'standin', runsMs: [640, 410, 420] },
      { server: 'prism', runsMs: [1_500, 1_400, 1_450] },
    ],
    bundle: { kind: 'measured', totalKiB: 1383.4, gzipKiB: 306.1 },
    fake: { kind: 'not-available', reason: 'not available yet (bench/fake.ts missing)' },
    largeSpec: {
      kind: 'measured',
      document: '@octokit/openapi 23.0.2 (api.github.com.json)',
      operations: 1223,
      probe: 'GET /meta',
      runs: [
        { ms: 1_840, rssMiB: 262.4 },
        { ms: 1_702, rssMiB: 255.1 },
        { ms: 1_795.6, rssMiB: 258 },
      ],
    },
    verify: [
      verified(
        'shop',
        0,
        [
          [1_600, 310, 400],
          [1_400, 310, 380],
          [1_500, 310, 420],
        ],
        0,
        42,
      ),
      verified(
        'shop',
        8,
        [
          [1_200, 332, 500],
          [1_100, 332, 480],
          [1_300, 332, 520],
        ],
        1,
        259,
      ),
      verified(
        'blog',
        0,
        [
          [1_500, 218, 300],
          [1_400, 218, 290],
          [1_450, 218, 310],
        ],
        0,
        29,
      ),
      verified(
        'blog',
        15,
        [
          [1_300, 218, 320],
          [1_350, 220, 340],
          [1_250, 218, 330],
        ],
        1,
        506,
      ),
    ],
    profiles: [],
    notes: [],
  }
}

import { describe, expect, it } from 'vitest'
import { renderBenchmarks, renderReadmeSummary, replaceBetweenMarkers } from '../../bench/report.ts'
import { findMeasurement } from '../../bench/results.ts'
import { evaluateTargets } from '../../bench/targets.ts'
import { measurement, sampleResults } from './fixtures.ts'

describe('renderReadmeSummary', () => {
  it('gives one row per workload with standin as a ratio of both baselines, and the headline figures', () => {
    const results = sampleResults()
    expect(renderReadmeSummary(results, evaluateTargets(results))).toMatchInlineSnapshot(`
      "2026-11-23, 2 cores (AMD EPYC), 50 connections, Node 20.20.2:

      | workload | standin req/s | × bare node:http | × Prism | p99 |
      | --- | --- | --- | --- | --- |
      | list of 20 products | 8,000 | 0.40 × | 13.3 × | 9 ms |
      | one product by id | 21,000 | 0.70 × | 14.0 × | 9 ms |
      | create an order (validated) | 9,000 | 0.36 × | 12.9 × | 25 ms |
      | invalid order (4xx path) | 15,000 | 0.58 × | 15.0 × | 9 ms |

      \`standin verify\` over HTTP (median of 3; × is its wall time over as many plain fetches): shop (clean) 1,500 ms for 310 requests, 3.75 ×; shop (8 bugs) 1,200 ms for 332 requests, 2.40 ×; blog (clean) 1,450 ms for 218 requests, 4.83 ×; blog (15 bugs) 1,300 ms for 218–220 requests, 3.94 ×.

      start-up 420 ms; RSS up to 120 MiB; Workers bundle 306 KiB gzipped; 12 of 14 targets met."
    `)
  })
})

describe('renderReadmeSummary with the response cache off as well', () => {
  it('adds the uncached throughput and its ratio to bare node:http', () => {
    const results = sampleResults()
    results.servers.push({ id: 'standin-uncached', label: 'standin --no-cache' })
    results.measurements.push(
      measurement('standin-uncached', 'list', 1_000, 90, 110),
      measurement('standin-uncached', 'single', 3_000, 30, 110),
    )
    const summary = renderReadmeSummary(results, evaluateTargets(results))
    expect(summary).toContain(
      '| list of 20 products | 8,000 | 0.40 × | 13.3 × | 9 ms | 1,000 | 0.05 × |',
    )
    expect(summary).toContain(
      '| create an order (validated) | 9,000 | 0.36 × | 12.9 × | 25 ms | not measured |  |',
    )
    expect(summary).toContain('The uncached columns are `standin serve --no-cache`')
    const target = evaluateTargets(results).find(
      (entry) => entry.label === 'one product by id: throughput vs bare node:http',
    )
    expect(target?.detail).toBe('21,000 vs 30,000 req/s; uncached 0.10 ×, 3,000 req/s')
  })
})

describe('renderBenchmarks', () => {
  it('writes the machine, the versions, the command and a PASS or MISS per target', () => {
    const results = sampleResults()
    const text = renderBenchmarks(results, evaluateTargets(results))
    expect(text).toContain(
      '- Machine: AMD EPYC, 2 cores, 24 GiB memory, Linux 6.1; 1-minute load average 0.1 → 0.9.',
    )
    expect(text).toContain(
      '- Versions: node 20.20.2, standin 0.1.0, autocannon 9.0.0, @stoplight/prism-cli 5.14.2.',
    )
    expect(text).toContain('- Command: `npm run bench`')
    expect(text).toContain(
      '| list of 20 products: throughput vs bare node:http | ≥ 0.5 × bare node:http | 0.40 × (8,000 vs 20,000 req/s) | **MISS**: 20% short (needs 1.25 × the throughput) |',
    )
    expect(text).toContain('| standin | 8,000 | 2.3 ms | 9 ms | 100 MiB | 1,000 |  | 200: 40,000 |')
    expect(text).toContain(
      '| Prism 5.14.2 | 600 | 475 ms | 1900 ms | 200 MiB | 1,000 | 13.3 × | 200: 3,000 |',
    )
    expect(text).toContain('`wrangler deploy --dry-run`: **1383 KiB, 306 KiB gzipped**.')
    expect(text).toContain(
      '| blog | all 15 | 1,300 ms | 218–220 | 168 | 330 ms (`GET /api/tags`) | 3.94 × | 1 | 506 | 1,300, 1,350, 1,250 |',
    )
  })

  it('shows a server that answered nothing as beaten without bound, with no latency and its timeouts', () => {
    const results = sampleResults()
    const prismList = findMeasurement(results, 'prism', 'list')
    if (!prismList) throw new Error('fixture has no Prism list run')
    Object.assign(prismList.load, {
      requestsPerSecond: 0,
      responses: 0,
      statuses: {},
      unexpected: 150,
      errors: 150,
      timeouts: 150,
    })
    const text = renderBenchmarks(results, evaluateTargets(results))
    expect(text).toContain(
      '| Prism 5.14.2 | 0 | – | – | 200 MiB | 1,000 | ∞ × | no answer: 150 (150 timed out), **150 unexpected** |',
    )
    expect(renderReadmeSummary(results, evaluateTargets(results))).toContain(
      '| list of 20 products | 8,000 | 0.40 × | ∞ × | 9 ms |',
    )
  })

  it('lists the top functions of a profile with their share of the busy time', () => {
    const results = sampleResults()
    results.profiles = [
      {
        workload: 'list',
        reason: 'Missed: list of 20 products: throughput vs bare node:http (20% short).',
        summary: {
          busyMs: 4_000,
          functions: [
            {
              name: 'fromRegExp',
              location: 'node_modules/@faker-js/faker/dist/index.js:100',
              selfMs: 1_000,
              percent: 25,
            },
          ],
          modules: [{ name: '@faker-js/faker', location: '', selfMs: 1_800, percent: 45 }],
        },
      },
    ]
    const text = renderBenchmarks(results, evaluateTargets(results))
    expect(text).toContain('## Profile: standin, list of 20 products')
    expect(text).toContain('| @faker-js/faker |  | 1800 ms | 45% |')
    expect(text).toContain(
      '| fromRegExp | node_modules/@faker-js/faker/dist/index.js:100 | 1000 ms | 25% |',
    )
  })
})

describe('replaceBetweenMarkers', () => {
  it('replaces only what lies between the markers', () => {
    const readme =
      '## Benchmarks\n\nHow to run.\n\n<!-- bench:summary:start -->\nold\n<!-- bench:summary:end -->\n\n## Limitations\n'
    expect(replaceBetweenMarkers(readme, 'new')).toBe(
      '## Benchmarks\n\nHow to run.\n\n<!-- bench:summary:start -->\nnew\n<!-- bench:summary:end -->\n\n## Limitations\n',
    )
  })

  it('gives undefined when the markers are missing', () => {
    expect(replaceBetweenMarkers('## Benchmarks\n', 'new')).toBeUndefined()
  })
})

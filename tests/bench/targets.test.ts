import { describe, expect, it } from 'vitest'
import { evaluateTargets, formatRatio } from '../../bench/targets.ts'
import { sampleResults } from './fixtures.ts'

describe('evaluateTargets', () => {
  it('judges every target of the issue against servers of the same run', () => {
    const rows = evaluateTargets(sampleResults()).map((target) =>
      [
        target.pass === undefined ? 'n/a' : target.pass ? 'PASS' : 'MISS',
        target.label,
        target.goal,
        target.measured,
        target.detail,
        target.shortfall ?? '',
      ].join(' | '),
    )
    expect(rows).toMatchInlineSnapshot(`
      [
        "MISS | list of 20 products: throughput vs bare node:http | ≥ 0.5 × bare node:http | 0.40 × | 8,000 vs 20,000 req/s | 20% short (needs 1.25 × the throughput)",
        "PASS | list of 20 products: throughput vs Prism | ≥ 10 × Prism | 13.3 × | 8,000 vs 600 req/s | ",
        "PASS | one product by id: throughput vs bare node:http | ≥ 0.6 × bare node:http | 0.70 × | 21,000 vs 30,000 req/s | ",
        "PASS | one product by id: throughput vs Prism | ≥ 10 × Prism | 14.0 × | 21,000 vs 1,500 req/s | ",
        "PASS | create an order (validated): throughput vs Prism | ≥ 10 × Prism | 12.9 × | 9,000 vs 700 req/s | ",
        "PASS | invalid order (4xx path): throughput vs Prism | ≥ 10 × Prism | 15.0 × | 15,000 vs 1,000 req/s | ",
        "PASS | list of 20 products: p99 at 50 connections | ≤ 20 ms | 9 ms | 0.45 × the limit | ",
        "PASS | one product by id: p99 at 50 connections | ≤ 20 ms | 9 ms | 0.45 × the limit | ",
        "MISS | create an order (validated): p99 at 50 connections | ≤ 20 ms | 25 ms | 1.25 × the limit | 25% over",
        "PASS | invalid order (4xx path): p99 at 50 connections | ≤ 20 ms | 9 ms | 0.45 × the limit | ",
        "PASS | RSS after a run (largest of the workloads) | ≤ 150 MiB | 120 MiB | 0.80 × the limit | ",
        "PASS | start-up, spawn to first 200 (median of 3) | ≤ 500 ms | 420 ms | 0.84 × the limit | ",
        "PASS | GitHub REST API document (1,223 operations), spawn to first 200 of GET /meta (median of 3) | ≤ 5000 ms | 1796 ms | 0.36 × the limit | ",
        "PASS | verify, blog backend with 15 bugs planted, over HTTP (median of 3) | ≤ 30 s | 1.3 s | 0.04 × the limit | ",
      ]
    `)
  })

  it('marks a target not measured when its baseline server is missing', () => {
    const results = sampleResults()
    results.measurements = results.measurements.filter((entry) => entry.server !== 'prism')
    const prismTargets = evaluateTargets(results).filter((target) => target.goal.includes('Prism'))
    expect(prismTargets.map((target) => [target.pass, target.measured])).toEqual(
      Array(4).fill([undefined, 'not measured']),
    )
  })

  it('counts a baseline that answered nothing in the run as beaten by any throughput', () => {
    const results = sampleResults()
    const prismList = results.measurements.find(
      (entry) => entry.server === 'prism' && entry.workload === 'list',
    )
    if (prismList) prismList.load.requestsPerSecond = 0
    const target = evaluateTargets(results).find(
      (entry) => entry.label === 'list of 20 products: throughput vs Prism',
    )
    expect(target).toMatchObject({
      pass: true,
      measured: '∞ ×',
      detail: '8,000 vs 0 req/s: Prism answered nothing in the run',
    })
  })

  it('judges nothing when standin itself was not measured', () => {
    const results = sampleResults()
    results.servers = results.servers.map((server) =>
      server.id === 'standin'
        ? { ...server, missing: 'src/cli/serve.ts does not exist yet' }
        : server,
    )
    expect(evaluateTargets(results)).toEqual([])
  })

  it('tags each target with the workload or resource it is about', () => {
    expect(evaluateTargets(sampleResults()).map((target) => target.topic)).toEqual([
      'list',
      'list',
      'single',
      'single',
      'create',
      'invalid',
      'list',
      'single',
      'create',
      'invalid',
      'rss',
      'startup',
      'large-spec',
      'verify',
    ])
  })
})

describe('formatRatio', () => {
  it.each([
    [0.4012, '0.40 ×'],
    [13.333, '13.3 ×'],
    [212.6, '213 ×'],
  ])('writes %d as %s', (ratio, text) => {
    expect(formatRatio(ratio)).toBe(text)
  })
})

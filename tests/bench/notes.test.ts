import { describe, expect, it } from 'vitest'
import { buildNotes } from '../../bench/notes.ts'
import { findMeasurement } from '../../bench/results.ts'
import { sampleResults } from './fixtures.ts'

const context = { bodySource: 'standin', uncachedFlag: undefined, standinRuns: true } as const

describe('buildNotes', () => {
  it('says where the baseline bytes come from, that no uncached figure exists, and what the load generator shares', () => {
    expect(buildNotes(sampleResults(), context)).toEqual([
      'The bare node:http server answers each workload with the exact status, content type and body standin gave for it (fetched once before the runs), so both send the same bytes.',
      '`standin serve --help` lists no option to turn a response cache off (no `--no-cache`), so no separate uncached figure is reported.',
      "The load generator runs on the same 2-core machine as the server under test, so the bare server's figure is the limit of this setup rather than of node:http.",
    ])
  })

  it('explains a server that answered nothing before the request timeout, even in a longer run', () => {
    const results = sampleResults()
    const prismList = findMeasurement(results, 'prism', 'list')
    if (!prismList) throw new Error('fixture has no Prism list run')
    Object.assign(prismList, { durationSeconds: 30, responseBytes: 118_000 })
    Object.assign(prismList.load, {
      requestsPerSecond: 0,
      responses: 0,
      statuses: {},
      unexpected: 150,
      errors: 150,
      timeouts: 150,
    })
    const notes = buildNotes(results, { ...context, uncachedFlag: '--no-cache' })
    expect(notes.slice(1, -1)).toEqual([
      'Prism answered “list of 20 products” with 118,000 bytes against standin’s 1,000 (in dynamic mode Prism fills the array to a random length up to the schema’s maxItems and does not apply pageSize).',
      'standin caches: the `standin` rows send the bytes of an answer rendered once for an equal request (generated answers and 4xx problems; hand-written handlers run every time), which is legitimate because its answers are deterministic. The `standin --no-cache` rows are standin with its response cache turned off: the uncached figure.',
      'Prism 5.14.2 gave 150 unexpected answers or errors on “list of 20 products” in 30 s (expected 200; got 150 without an answer (150 timed out after 10 s)).',
      'Prism 5.14.2 answered fewer than 2 requests per connection of “list of 20 products” in 5 s, so its figures for it come from a 30 s run.',
      'Prism 5.14.2 answered no request of “list of 20 products” in 30 s at 50 connections, so it has no latency figures for it.',
    ])
  })

  it('warns when the machine was busy before the run began', () => {
    const results = sampleResults()
    results.machine.loadAverage.start = 3.2
    expect(buildNotes(results, context).at(-1)).toBe(
      'The machine was not idle when the run started (1-minute load average 3.2): absolute figures are lower and noisier than on a quiet machine; the ratios between servers are the comparable part.',
    )
  })
})

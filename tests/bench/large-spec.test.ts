import { describe, expect, it } from 'vitest'
import { countOperations, largeSpecServer } from '../../bench/large-spec.ts'
import { largeSpecSection } from '../../bench/report.ts'
import { largeSpecTarget } from '../../bench/targets.ts'
import { sampleResults } from './fixtures.ts'

describe('largeSpecSection', () => {
  it('lists every start with its RSS, the medians, and the example contract for scale', () => {
    expect(largeSpecSection(sampleResults().largeSpec, 61.3).join('\n')).toMatchInlineSnapshot(`
      "## Large OpenAPI document: GitHub REST API

      \`standin serve --spec FILE\` on @octokit/openapi 23.0.2 (api.github.com.json), 1,223 operations: spawn of the process to the first 200 answer to \`GET /meta\`, polled every 5 ms; RSS read from /proc/PID/status right after that answer.

      median **1,796 ms**, RSS **258 MiB**, against 61 MiB for the example contract at start.

      | start | spawn → first 200 | RSS after the first answer |
      | --- | --- | --- |
      | 1 | 1,840 ms | 262 MiB |
      | 2 | 1,702 ms | 255 MiB |
      | 3 | 1,796 ms | 258 MiB |
      "
    `)
  })

  it('says why nothing was measured when the document or the server is missing', () => {
    expect(
      largeSpecSection(
        { kind: 'failed', reason: 'standin serve --spec (GitHub REST API) exited with code 2' },
        undefined,
      ),
    ).toEqual([
      '## Large OpenAPI document: GitHub REST API',
      '',
      'Failed: standin serve --spec (GitHub REST API) exited with code 2.',
      '',
    ])
  })
})

describe('largeSpecTarget', () => {
  it('passes a median start within 5 s', () => {
    expect(largeSpecTarget(sampleResults().largeSpec)).toEqual({
      topic: 'large-spec',
      label:
        'GitHub REST API document (1,223 operations), spawn to first 200 of GET /meta (median of 3)',
      goal: '≤ 5000 ms',
      measured: '1796 ms',
      detail: '0.36 × the limit',
      pass: true,
    })
  })

  it('misses a median start over 5 s and says by how much', () => {
    const runs = [{ ms: 6_000 }, { ms: 7_500 }, { ms: 5_200 }]
    const target = largeSpecTarget({
      kind: 'measured',
      document: 'a document',
      operations: 1223,
      probe: 'GET /meta',
      runs,
    })
    expect([target.pass, target.measured, target.shortfall]).toEqual([false, '6000 ms', '20% over'])
  })

  it('is not measured when the step could not run', () => {
    expect(largeSpecTarget({ kind: 'not-available', reason: 'no document' })).toMatchObject({
      pass: undefined,
      measured: 'not measured',
    })
  })
})

describe('countOperations', () => {
  it('counts the HTTP methods under each path, not its shared parameters or summary', () => {
    const document = {
      paths: { '/a': { get: {}, post: {}, parameters: [], summary: 'A' }, '/b': { delete: {} } },
    }
    expect(countOperations(document)).toBe(3)
  })

  it('counts nothing in a document without paths', () => {
    expect([countOperations({}), countOperations(null)]).toEqual([0, 0])
  })
})

describe('largeSpecServer', () => {
  it('starts standin serve with --spec on the document, quiet, on the given port of 127.0.0.1', () => {
    const args = largeSpecServer('/docs/github.json').args(4010)
    expect(args.slice(1)).toEqual([
      'serve',
      '--spec',
      '/docs/github.json',
      '--host',
      '127.0.0.1',
      '--port',
      '4010',
      '--quiet',
      '--seed',
      '1',
    ])
    expect(args[0]?.endsWith('bin/standin.js')).toBe(true)
  })
})

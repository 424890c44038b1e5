import { describe, expect, it } from 'vitest'
import { verifySection, verifySummary } from '../../bench/report.ts'
import { verifyTarget } from '../../bench/targets.ts'
import { bugsLabel, verifyFigures } from '../../bench/verify-figures.ts'
import { sampleResults, verified } from './fixtures.ts'

describe('verifyFigures', () => {
  it('takes the median wall times, and verify’s requests per second and ratio to plain fetch from them', () => {
    expect(
      verifyFigures(
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
      ),
    ).toEqual({
      verifyMs: 1_500,
      fetchMs: 400,
      requests: '310',
      requestsPerSecond: 310 / 1.5,
      ratio: 3.75,
      exitCodes: '0',
      reportLines: '42',
    })
  })

  it('shows the range of requests when the runs sent different numbers', () => {
    const figures = verifyFigures(
      verified(
        'blog',
        15,
        [
          [1_300, 218, 320],
          [1_350, 1_220, 340],
        ],
        1,
        506,
      ),
    )
    expect([figures?.requests, figures?.verifyMs, figures?.requestsPerSecond]).toEqual([
      '218–1,220',
      1_300,
      218 / 1.3,
    ])
  })

  it('has no ratio for a run that sent nothing, and no figures without runs', () => {
    expect(verifyFigures(verified('shop', 0, [[40, 0, 0]], 0, 3))?.ratio).toBeUndefined()
    expect(verifyFigures(verified('shop', 0, [], 0, 3))).toBeUndefined()
  })
})

describe('bugsLabel', () => {
  it.each([
    [0, 'clean'],
    [1, '1 bug'],
    [15, '15 bugs'],
  ])('names %d planted bugs %s', (bugs, label) => {
    expect(bugsLabel(bugs)).toBe(label)
  })
})

describe('verifyTarget', () => {
  it('judges the blog with every bug planted against 30 s, on the median of its runs', () => {
    const blog = verified(
      'blog',
      15,
      [
        [31_000, 218, 320],
        [36_000, 218, 340],
        [33_000, 218, 330],
      ],
      1,
      506,
    )
    expect(verifyTarget([blog])).toEqual({
      topic: 'verify',
      label: 'verify, blog backend with 15 bugs planted, over HTTP (median of 3)',
      goal: '≤ 30 s',
      measured: '33 s',
      detail: '1.10 × the limit',
      pass: false,
      shortfall: '10% over',
    })
  })

  it('is not measured when the blog with bugs has no run', () => {
    const clean = verified('blog', 0, [[1_500, 218, 300]], 0, 29)
    expect(verifyTarget([clean])).toMatchObject({
      label: 'verify, blog backend with every bug planted, over HTTP (median of 0)',
      measured: 'not measured',
      pass: undefined,
    })
  })
})

describe('verifySection', () => {
  it('gives one row per backend and bug set, with the runs behind each median', () => {
    const lines = verifySection(sampleResults().verify, 3).join('\n').split('\n')
    expect(lines.filter((line) => line.startsWith('|'))).toEqual([
      '| backend | planted bugs | verify | requests | verify req/s | plain fetch | verify ÷ fetch | exit code | report lines | runs (ms) |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      '| shop | none | 1,500 ms | 310 | 207 | 400 ms (`GET /categories`) | 3.75 × | 0 | 42 | 1,600, 1,400, 1,500 |',
      '| shop | all 8 | 1,200 ms | 332 | 277 | 500 ms (`GET /categories`) | 2.40 × | 1 | 259 | 1,200, 1,100, 1,300 |',
      '| blog | none | 1,450 ms | 218 | 150 | 300 ms (`GET /api/tags`) | 4.83 × | 0 | 29 | 1,500, 1,400, 1,450 |',
      '| blog | all 15 | 1,300 ms | 218–220 | 168 | 330 ms (`GET /api/tags`) | 3.94 × | 1 | 506 | 1,300, 1,350, 1,250 |',
    ])
    expect(lines[0]).toBe('## verify against the reference backends')
  })

  it('says which backend failed, after how many runs and why', () => {
    const failed = {
      ...verified('blog', 15, [[1_300, 218, 320]], 1, 506),
      failure: 'blog backend with 15 bugs exited with code 1: Unknown bug',
    }
    expect(verifySection([failed], 3).filter((line) => line.startsWith('- '))).toEqual([
      '- blog, 15 bugs: failed after 1 of 3 runs: blog backend with 15 bugs exited with code 1: Unknown bug.',
    ])
  })

  it('says the step was not measured when no backend was', () => {
    expect(verifySection([], 3)).toEqual([
      '## verify against the reference backends',
      '',
      'Not measured.',
      '',
    ])
  })
})

describe('verifySummary', () => {
  it('leaves the README without a verify line when nothing was measured', () => {
    expect(verifySummary([verified('shop', 0, [], 0, 0)], 3)).toEqual([])
  })

  it('writes n/a for the ratio of a run that sent nothing', () => {
    expect(verifySummary([verified('shop', 0, [[40, 0, 0]], 2, 3)], 1)).toEqual([
      '`standin verify` over HTTP (median of 1; × is its wall time over as many plain fetches): shop (clean) 40 ms for 0 requests, n/a.',
      '',
    ])
  })
})

import { describe, expect, it } from 'vitest'
import { verifyTarget } from '../../bench/targets.ts'
import { bugsLabel, verifyFigures } from '../../bench/verify-figures.ts'
import { verified } from './fixtures.ts'

describe('verifyFigures', () => {
  it('takes the median wall times, and verify’s requests per second and ratio to plain fetch from them', () => {
    expect(verifyFigures(verified('shop', 0, [[1_600, 310, 400], [1_400, 310, 380], [1_500, 310, 420]], 0, 42))).toEqual({
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
    const figures = verifyFigures(verified('blog', 15, [[1_300, 218, 320], [1_350, 1_220, 340]], 1, 506))
    expect([figures?.requests, figures?.verifyMs, figures?.requestsPerSecond]).toEqual(['218–1,220', 1_300, 218 / 1.3])
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
    const blog = verified('blog', 15, [[31_000, 218, 320], [36_000, 218, 340], [33_000, 218, 330]], 1, 506)
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
    expect(verifyTarget([clean])).toMatchObject({ label: 'verify, blog backend with every bug planted, over HTTP (median of 0)', measured: 'not measured', pass: undefined })
  })
})

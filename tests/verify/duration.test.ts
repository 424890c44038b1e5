import { describe, expect, it } from 'vitest'
import { formatDuration, parseDuration } from '../../src/verify/duration.ts'

describe('parseDuration', () => {
  it('reads hours, minutes, seconds and milliseconds, alone or together', () => {
    expect(
      ['90s', '5m', '1h', '1h30m', '1.5s', '500ms', ' 2m ', '1m0.25s'].map(parseDuration),
    ).toEqual([90_000, 300_000, 3_600_000, 5_400_000, 1500, 500, 120_000, 60_250])
  })

  it('refuses a bare number, whose unit would be a guess, and what is no duration', () => {
    expect(['300', '', '5 m', 'm5', '5d', '-5s', '5m5'].map(parseDuration)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ])
  })
})

describe('formatDuration', () => {
  it('writes a duration as parseDuration reads it back, largest units first', () => {
    expect([600_000, 90_000, 3_661_001, 1500, 0].map(formatDuration)).toEqual([
      '10m',
      '1m30s',
      '1h1m1s1ms',
      '1s500ms',
      '0ms',
    ])
  })
})

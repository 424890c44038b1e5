import { describe, expect, it } from 'vitest'
import { formatBenchCommand, readBenchConfig } from '../../bench/config.ts'

describe('readBenchConfig', () => {
  it('runs 1 s of warm-up and 5 s of load at 50 connections by default', () => {
    expect(readBenchConfig({})).toEqual({
      durationSeconds: 5,
      warmupSeconds: 1,
      connections: 50,
      startupRuns: 3,
      prismVersion: '5.14.2',
      profile: 'auto',
      verifyRuns: 3,
      updateReadme: true,
      seed: 1,
    })
  })

  it('takes its settings from BENCH_* variables', () => {
    const config = readBenchConfig({
      BENCH_DURATION: '10',
      BENCH_WARMUP: '0',
      BENCH_CONNECTIONS: '100',
      BENCH_PROFILE: '1',
      BENCH_VERIFY_RUNS: '5',
      BENCH_README: '0',
      BENCH_SEED: '42',
    })
    expect(config).toMatchObject({
      durationSeconds: 10,
      warmupSeconds: 0,
      connections: 100,
      profile: 'always',
      verifyRuns: 5,
      updateReadme: false,
      seed: 42,
    })
  })

  it.each([
    [{ BENCH_DURATION: 'ten' }, 'BENCH_DURATION must be a number from 1 to 600, got "ten".'],
    [
      { BENCH_CONNECTIONS: '2.5' },
      'BENCH_CONNECTIONS must be an integer from 1 to 1000, got "2.5".',
    ],
    [{ BENCH_VERIFY_RUNS: '0' }, 'BENCH_VERIFY_RUNS must be an integer from 1 to 20, got "0".'],
    [
      { BENCH_PROFILE: 'sometimes' },
      'BENCH_PROFILE must be auto, always (1) or never (0), got "sometimes".',
    ],
  ])('rejects %j with a usage error naming the variable', (env, message) => {
    expect(() => readBenchConfig(env)).toThrow(
      expect.objectContaining({ name: 'StandinError', code: 'USAGE', message }),
    )
  })
})

describe('formatBenchCommand', () => {
  it('repeats only the settings that differ from the defaults', () => {
    expect(formatBenchCommand(readBenchConfig({}))).toBe('npm run bench')
    expect(
      formatBenchCommand(readBenchConfig({ BENCH_DURATION: '10', BENCH_PROFILE: 'never' })),
    ).toBe('BENCH_DURATION=10 BENCH_PROFILE=never npm run bench')
    expect(formatBenchCommand(readBenchConfig({ BENCH_VERIFY_RUNS: '1' }))).toBe(
      'BENCH_VERIFY_RUNS=1 npm run bench',
    )
    expect(formatBenchCommand(readBenchConfig({ BENCH_SEED: '7' }))).toBe(
      'BENCH_SEED=7 npm run bench',
    )
  })
})

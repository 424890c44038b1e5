import { StandinError } from '../src/contract/standin-error.ts'

/** How long and how hard the benchmark pushes, from BENCH_* environment variables. */
export interface BenchConfig {
  /** Seconds of measured load per workload per server (BENCH_DURATION). */
  durationSeconds: number
  /** Seconds of unmeasured load before each measurement (BENCH_WARMUP). */
  warmupSeconds: number
  /** Concurrent connections of the load generator (BENCH_CONNECTIONS). */
  connections: number
  /** How often each server is started to time spawn → first 200 (BENCH_STARTUP_RUNS). */
  startupRuns: number
  /** The @stoplight/prism-cli release to compare with (BENCH_PRISM_VERSION). */
  prismVersion: string
  /**
   * Profile standin with node --cpu-prof: when a target is missed, always, or never
   * (BENCH_PROFILE).
   */
  profile: 'auto' | 'always' | 'never'
  /**
   * How often `verify` runs against each reference backend, clean and with every bug
   * (BENCH_VERIFY_RUNS). `node --import tsx bench/verify-run.ts` runs only that step.
   */
  verifyRuns: number
  /** Rewrite the summary block in README.md (BENCH_README=0 leaves it alone). */
  updateReadme: boolean
  /** Global seed passed to standin and Prism, so both serve deterministic data. */
  seed: number
}

/** The newest Prism whose `engines` allow Node 20 (5.15+ needs Node 24). */
export const DEFAULT_PRISM_VERSION = '5.14.2'

/**
 * Reads the benchmark settings; a malformed value is a USAGE error naming the variable.
 *
 * @example
 * readBenchConfig({ BENCH_DURATION: '10' }).durationSeconds // 10
 */
export function readBenchConfig(env: NodeJS.ProcessEnv = process.env): BenchConfig {
  return {
    durationSeconds: readNumber(env, 'BENCH_DURATION', 5, { min: 1, max: 600 }),
    warmupSeconds: readNumber(env, 'BENCH_WARMUP', 1, { min: 0, max: 60 }),
    connections: readNumber(env, 'BENCH_CONNECTIONS', 50, { min: 1, max: 1000, integer: true }),
    startupRuns: readNumber(env, 'BENCH_STARTUP_RUNS', 3, { min: 1, max: 20, integer: true }),
    prismVersion: env.BENCH_PRISM_VERSION?.trim() || DEFAULT_PRISM_VERSION,
    profile: readProfile(env.BENCH_PROFILE),
    verifyRuns: readNumber(env, 'BENCH_VERIFY_RUNS', 3, { min: 1, max: 20, integer: true }),
    updateReadme: env.BENCH_README !== '0',
    seed: readSeed(env),
  }
}

/** BENCH_SEED (default 1): the seed of the data the servers under test generate. */
export function readSeed(env: NodeJS.ProcessEnv): number {
  return readNumber(env, 'BENCH_SEED', 1, { min: 0, max: 2 ** 31 - 1, integer: true })
}

/** The command that reproduces a run with these settings, for the report. */
export function formatBenchCommand(config: BenchConfig): string {
  const defaults = readBenchConfig({})
  const settings: string[] = []
  if (config.durationSeconds !== defaults.durationSeconds)
    settings.push(`BENCH_DURATION=${config.durationSeconds}`)
  if (config.warmupSeconds !== defaults.warmupSeconds)
    settings.push(`BENCH_WARMUP=${config.warmupSeconds}`)
  if (config.connections !== defaults.connections)
    settings.push(`BENCH_CONNECTIONS=${config.connections}`)
  if (config.startupRuns !== defaults.startupRuns)
    settings.push(`BENCH_STARTUP_RUNS=${config.startupRuns}`)
  if (config.prismVersion !== defaults.prismVersion)
    settings.push(`BENCH_PRISM_VERSION=${config.prismVersion}`)
  if (config.profile !== defaults.profile) settings.push(`BENCH_PROFILE=${config.profile}`)
  if (config.verifyRuns !== defaults.verifyRuns)
    settings.push(`BENCH_VERIFY_RUNS=${config.verifyRuns}`)
  if (config.seed !== defaults.seed) settings.push(`BENCH_SEED=${config.seed}`)
  return [...settings, 'npm run bench'].join(' ')
}

/** The values a numeric setting accepts. */
export interface NumberRange {
  min: number
  max: number
  integer?: boolean
}

/**
 * Reads one numeric setting from the environment, `fallback` when unset; a value outside `range` is
 * a USAGE error naming the variable.
 *
 * @example
 * readNumber({ SOAK_SECONDS: '30' }, 'SOAK_SECONDS', 300, { min: 1, max: 3600 }) // 30
 */
export function readNumber(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  range: NumberRange,
): number {
  const raw = env[name]?.trim()
  if (!raw) return fallback
  const value = Number(raw)
  const kind = range.integer ? 'an integer' : 'a number'
  if (
    !Number.isFinite(value) ||
    (range.integer && !Number.isInteger(value)) ||
    value < range.min ||
    value > range.max
  ) {
    throw new StandinError(
      'USAGE',
      `${name} must be ${kind} from ${range.min} to ${range.max}, got "${raw}".`,
    )
  }
  return value
}

function readProfile(raw: string | undefined): BenchConfig['profile'] {
  const value = raw?.trim() ?? ''
  if (value === '' || value === 'auto') return 'auto'
  if (value === '1' || value === 'always') return 'always'
  if (value === '0' || value === 'never') return 'never'
  throw new StandinError(
    'USAGE',
    `BENCH_PROFILE must be auto, always (1) or never (0), got "${value}".`,
  )
}

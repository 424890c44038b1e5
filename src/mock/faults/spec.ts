import { StandinError } from '../../contract/standin-error.ts'
import { type FaultKind, faultKindOf, faultNames } from './kinds.ts'
import type { FaultOptions, RateLimitOptions } from './options.ts'

/**
 * The faults of `--faults 'rate=0.05,kinds=reset|503'` (also `STANDIN_FAULTS` on Workers); a
 * mistake is a one-line usage error.
 *
 * @example
 * parseFaults('rate=0.05,kinds=reset|503') // { rate: 0.05, kinds: ['reset', 503] }
 */
export function parseFaults(spec: string): FaultOptions {
  const fields = new Map<string, string>()
  for (const part of spec.split(',')) {
    const [name = '', value, extra] = part.split('=').map((word) => word.trim())
    if (value === undefined || extra !== undefined || !['rate', 'kinds'].includes(name))
      throw usage(
        `--faults takes rate=SHARE and kinds=KIND|KIND (e.g. 'rate=0.05,kinds=reset|503'), got "${spec}".`,
      )
    fields.set(name, value)
  }
  const rate = fields.get('rate')
  if (rate === undefined || !/^(0(\.\d+)?|1(\.0+)?|\.\d+)$/.test(rate))
    throw usage(`--faults needs rate= a share from 0 to 1 (0.05 is one in twenty), got "${spec}".`)
  const kinds = fields.get('kinds')
  return kinds === undefined
    ? { rate: Number(rate) }
    : { rate: Number(rate), kinds: kinds.split('|').map(kindOf) }
}

/**
 * The wait of `--latency '50-400ms'` (also `200ms`, `1s`, `0.5-2s`) in milliseconds.
 *
 * @example
 * parseLatency('50-400ms') // { min: 50, max: 400 }
 */
export function parseLatency(spec: string): { min: number; max: number } {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(?:-\s*(\d+(?:\.\d+)?))?\s*(ms|s)\s*$/.exec(spec)
  if (!match)
    throw usage(
      `--latency takes a time or a range with a unit: 200ms, 50-400ms, 1s; got "${spec}".`,
    )
  const scale = match[3] === 's' ? 1000 : 1
  const min = Math.round(Number(match[1]) * scale)
  const max = match[2] === undefined ? min : Math.round(Number(match[2]) * scale)
  if (min > max) throw usage(`--latency ${spec}: the range starts after it ends.`)
  return { min, max }
}

const WINDOWS: Record<string, number> = { s: 1000, m: 60_000, min: 60_000, h: 3_600_000 }

/**
 * The limit of `--rate-limit 10/s` (also `600/min`, `1000/h`).
 *
 * @example
 * parseRateLimit('10/s') // { requests: 10, windowMs: 1000 }
 */
export function parseRateLimit(spec: string): RateLimitOptions {
  const match = /^\s*(\d+)\s*\/\s*(s|m|min|h)\s*$/.exec(spec)
  if (!match || Number(match[1]) < 1)
    throw usage(`--rate-limit takes requests per time: 10/s, 600/min, 1000/h; got "${spec}".`)
  return { requests: Number(match[1]), windowMs: WINDOWS[match[2] as string] as number }
}

function kindOf(word: string): FaultKind {
  const kind = faultKindOf(word)
  if (kind === undefined) throw usage(`--faults kinds: "${word}" is none of ${faultNames()}.`)
  return kind
}

function usage(message: string): StandinError {
  return new StandinError('USAGE', message)
}

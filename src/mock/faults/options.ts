import { StandinError } from '../../contract/standin-error.ts'
import { type FaultKind, faultKindOf, faultNames } from './kinds.ts'

/** A share of requests answered with a failure instead, chosen by the seed. */
export interface FaultOptions {
  /** The share of requests to fail, from 0 to 1 (0.05: one in twenty). */
  rate: number
  /** The failures to pick from (default: reset, empty, truncated, malformed and 503). */
  kinds?: readonly FaultKind[]
}

/** Milliseconds each answer waits, or a range each answer's wait is drawn from by the seed. */
export type LatencyOptions = number | { min: number; max: number }

/** At most `requests` requests per `windowMs` (default a second); past it, 429 with Retry-After. */
export interface RateLimitOptions {
  requests: number
  windowMs?: number
}

export interface ResolvedFaults {
  rate: number
  kinds: readonly FaultKind[]
}

export interface ResolvedLatency {
  min: number
  max: number
}

export interface ResolvedRateLimit {
  requests: number
  windowMs: number
}

export const DEFAULT_FAULT_KINDS: readonly FaultKind[] = [
  'reset',
  'empty',
  'truncated',
  'malformed',
  503,
]

/** Checks `faults`; a mistake is a StandinError naming the option. */
export function resolveFaults(faults: FaultOptions | undefined): ResolvedFaults | undefined {
  if (faults === undefined) return undefined
  const { rate, kinds = DEFAULT_FAULT_KINDS } = faults
  if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1))
    throw usage(`faults.rate must be a share from 0 to 1, got ${String(rate)}.`)
  if (!Array.isArray(kinds) || kinds.length === 0)
    throw usage(`faults.kinds must name at least one of ${faultNames()}.`)
  for (const kind of kinds)
    if (faultKindOf(String(kind)) === undefined)
      throw usage(`faults.kinds has "${String(kind)}", which is none of ${faultNames()}.`)
  return { rate, kinds }
}

export function resolveLatency(latency: LatencyOptions | undefined): ResolvedLatency | undefined {
  if (latency === undefined) return undefined
  const range = typeof latency === 'number' ? { min: latency, max: latency } : latency
  if (!isMilliseconds(range.min) || !isMilliseconds(range.max) || range.min > range.max)
    throw usage(
      `latency must be milliseconds (200) or a range ({ min: 50, max: 400 }) from 0 to ${MAX_LATENCY_MS}, got ${JSON.stringify(latency)}.`,
    )
  return { min: range.min, max: range.max }
}

export function resolveRateLimit(
  rateLimit: RateLimitOptions | undefined,
): ResolvedRateLimit | undefined {
  if (rateLimit === undefined) return undefined
  const { requests, windowMs = 1000 } = rateLimit
  if (
    !Number.isSafeInteger(requests) ||
    requests < 1 ||
    !Number.isSafeInteger(windowMs) ||
    windowMs < 1
  )
    throw usage(
      `rateLimit must be a whole number of requests (at least 1) per a whole number of milliseconds, got ${JSON.stringify(rateLimit)}.`,
    )
  return { requests, windowMs }
}

const MAX_LATENCY_MS = 600_000

function isMilliseconds(value: unknown): value is number {
  return (
    Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= MAX_LATENCY_MS
  )
}

function usage(message: string): StandinError {
  return new StandinError('USAGE', `The mock option ${message}`)
}

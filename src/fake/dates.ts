import { REFERENCE_DATE } from './faker.ts'
import type { DateRole } from './realism.ts'
import { next } from './random.ts'

const DAY = 86_400_000
const YEAR = 365 * DAY

/** Where each role puts an instant, relative to REFERENCE_DATE. */
const WINDOWS: Record<DateRole, [number, number]> = {
  past: [REFERENCE_DATE - 2 * YEAR, REFERENCE_DATE],
  future: [REFERENCE_DATE + DAY, REFERENCE_DATE + YEAR],
  birth: [REFERENCE_DATE - 80 * YEAR, REFERENCE_DATE - 18 * YEAR],
}

/**
 * A random instant (ms) for a role, from the shared generator, rounded to `unit` ms. With `after`,
 * it lies at or after that instant (an updatedAt after its createdAt); with bounds, inside them.
 */
export function pickInstant(
  role: DateRole,
  after: number | undefined,
  unit: number,
  bounds?: [number, number],
): number {
  let [low, high] = WINDOWS[role]
  if (after !== undefined && role !== 'birth') {
    low = Math.max(low, after)
    if (low >= high) high = low + 30 * DAY
  }
  if (bounds) [low, high] = clampWindow(low, high, bounds)
  const raw = low + next() * (high - low)
  const rounded = after === undefined ? Math.floor(raw / unit) * unit : Math.ceil(raw / unit) * unit
  return bounds && (rounded < bounds[0] || rounded > bounds[1]) ? raw : rounded
}

/** The role's window inside the schema's own bounds; the bounds win when they do not meet it. */
function clampWindow(low: number, high: number, [min, max]: [number, number]): [number, number] {
  const a = Math.max(low, min)
  const b = Math.min(high, max)
  if (a <= b) return [a, b]
  const width = Math.min(high - low, max - min)
  return high < min ? [min, min + width] : [max - width, max]
}

const pad = (value: number, length = 2): string => String(value).padStart(length, '0')

/** `YYYY-MM-DD` in UTC. */
export function isoDate(ms: number): string {
  const date = new Date(ms)
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`
}

/**
 * `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fff…`: precision -1, 0 / null, or the number of fraction digits.
 */
export function isoTime(ms: number, precision: number | null): string {
  const date = new Date(ms)
  const hhmm = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`
  if (precision === -1) return hhmm
  const seconds = `${hhmm}:${pad(date.getUTCSeconds())}`
  if (precision === null || precision === 0) return seconds
  return `${seconds}.${pad(date.getUTCMilliseconds(), 3).padEnd(precision, '0').slice(0, precision)}`
}

/** An RFC 3339 date-time in UTC (`Z`), which every zod datetime option accepts. */
export function isoDateTime(ms: number, precision: number | null): string {
  return `${isoDate(ms)}T${isoTime(ms, precision)}Z`
}

/** The rounding unit (ms) that keeps an instant exact at a precision. */
export function unitOf(precision: number | null): number {
  if (precision === -1) return 60_000
  if (precision === null || precision === 0) return 1000
  return 1
}

export const DAY_MS = DAY

const UNIT_MS = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 } as const
const DURATION = /^(?:\d+(?:\.\d+)?(?:ms|h|m|s))+$/
const PART = /(\d+(?:\.\d+)?)(ms|h|m|s)/g

/**
 * Milliseconds of a duration written with units, as `--max-duration` takes it: `90s`, `5m`, `1h`,
 * `1h30m`, `1.5s`, `500ms`. Undefined for anything else, a bare number too: its unit would be a
 * guess.
 *
 * @example
 * parseDuration('1m30s') // 90000
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim()
  if (!DURATION.test(trimmed)) return undefined
  let total = 0
  for (const [, amount, unit] of trimmed.matchAll(PART))
    total += Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS]
  return Math.round(total)
}

/**
 * A duration in milliseconds as `parseDuration` reads it back, largest units first.
 *
 * @example
 * formatDuration(90_000) // '1m30s'
 */
export function formatDuration(ms: number): string {
  let rest = Math.round(ms)
  const parts: string[] = []
  for (const [unit, size] of Object.entries(UNIT_MS)) {
    const amount = Math.floor(rest / size)
    if (amount > 0) parts.push(`${amount}${unit}`)
    rest -= amount * size
  }
  return parts.length === 0 ? '0ms' : parts.join('')
}

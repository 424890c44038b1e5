import { type FaultKind, faultKindOf, faultNames } from './faults/kinds.ts'
import type { ProblemIssue } from './problem.ts'

/**
 * What a request asked for with its `Prefer` header (Prism's code/example/dynamic, plus
 * delay/seed/scenario/fault).
 */
export interface Preferences {
  code?: number
  example?: string
  dynamic?: boolean
  /** Milliseconds, already capped. */
  delay?: number
  seed?: number
  scenario?: string
  /** A failure instead of the answer (see faults/kinds.ts). */
  fault?: FaultKind
}

export type PreferResult =
  | { ok: true; value: Preferences; applied: string[] }
  | { ok: false; issues: ProblemIssue[] }

type Parser = (
  raw: string,
  maxDelayMs: number,
) => { value: Preferences; shown: string } | { error: string }

const PARSERS: Record<keyof Preferences, Parser> = {
  code: (raw) => {
    const code = toInteger(raw)
    return code !== undefined && code >= 200 && code <= 599
      ? { value: { code }, shown: String(code) }
      : { error: `code must be an HTTP status from 200 to 599, got "${raw}"` }
  },
  example: (raw) =>
    raw === ''
      ? { error: 'example needs a name: example=NAME' }
      : { value: { example: raw }, shown: raw },
  dynamic: (raw) =>
    raw === 'true' || raw === 'false'
      ? { value: { dynamic: raw === 'true' }, shown: raw }
      : { error: `dynamic must be true or false, got "${raw}"` },
  delay: (raw, maxDelayMs) => {
    const delay = toInteger(raw)
    if (delay === undefined || delay < 0)
      return { error: `delay must be a whole number of milliseconds, got "${raw}"` }
    const capped = Math.min(delay, maxDelayMs)
    return { value: { delay: capped }, shown: String(capped) }
  },
  seed: (raw) => {
    const seed = toInteger(raw)
    return seed === undefined
      ? { error: `seed must be an integer, got "${raw}"` }
      : { value: { seed }, shown: String(seed) }
  },
  scenario: (raw) =>
    raw === ''
      ? { error: 'scenario needs a name: scenario=NAME' }
      : { value: { scenario: raw }, shown: raw },
  fault: (raw) => {
    const fault = faultKindOf(raw)
    return fault === undefined
      ? { error: `fault must be one of ${faultNames()}, got "${raw}"` }
      : { value: { fault }, shown: raw }
  },
}

/**
 * Parses a `Prefer` header (RFC 7240). Unknown preferences are ignored, the first of a repeated one
 * wins, and a known one with a bad value is an issue to answer with 400. `applied` feeds
 * `Preference-Applied`.
 *
 * @example
 * parsePrefer('code=404, delay=50', 5000) // { ok: true, value: { code: 404, delay: 50 }, applied: ['code=404', 'delay=50'] }
 */
export function parsePrefer(header: string | null, maxDelayMs: number): PreferResult {
  const value: Preferences = {}
  const applied: string[] = []
  const issues: ProblemIssue[] = []
  for (const [name, raw] of splitPreferences(header ?? '')) {
    if (!(name in PARSERS) || name in value) continue
    const parsed = PARSERS[name as keyof Preferences](raw, maxDelayMs)
    if ('error' in parsed)
      issues.push({ location: 'header', path: 'Prefer', message: parsed.error })
    else {
      Object.assign(value, parsed.value)
      applied.push(`${name}=${parsed.shown}`)
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value, applied }
}

/**
 * `code=404, example="a, b"; x=1` → [['code', '404'], ['example', 'a, b']]; names lower-cased,
 * parameters dropped.
 */
function splitPreferences(header: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = []
  for (const part of splitOutsideQuotes(header, ',')) {
    const [preference = ''] = splitOutsideQuotes(part, ';')
    const equals = preference.indexOf('=')
    const name = (equals === -1 ? preference : preference.slice(0, equals)).trim().toLowerCase()
    if (name !== '')
      pairs.push([name, unquote(equals === -1 ? '' : preference.slice(equals + 1).trim())])
  }
  return pairs
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = []
  let current = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string
    if (char === '\\' && quoted) {
      current += char + (text[++i] ?? '')
      continue
    }
    if (char === '"') quoted = !quoted
    if (char === separator && !quoted) {
      parts.push(current)
      current = ''
    } else current += char
  }
  parts.push(current)
  return parts
}

function unquote(word: string): string {
  if (word.length < 2 || !word.startsWith('"') || !word.endsWith('"')) return word
  return word.slice(1, -1).replace(/\\(.)/g, '$1')
}

function toInteger(raw: string): number | undefined {
  if (!/^-?\d{1,15}$/.test(raw)) return undefined
  return Number(raw)
}

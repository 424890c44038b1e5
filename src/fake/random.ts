// Pure 32-bit integer arithmetic only (Math.imul, shifts): the same numbers on Node, Workers and
// browsers.

const GOLDEN = 0x9e3779b1

/** Murmur3's 32-bit finaliser: every input bit affects every output bit. */
function fmix(value: number): number {
  let h = value | 0
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** A child seed: the same parent and salt always give the same child, siblings look unrelated. */
export function mix(seed: number, salt: number): number {
  return fmix((seed ^ Math.imul(salt | 0, GOLDEN)) + 0x7f4a7c15)
}

/** FNV-1a over UTF-16 code units, finalised. */
export function hashString(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return fmix(h)
}

/** A number in [0, 1) derived from a seed without touching the shared generator. */
export function unit(seed: number): number {
  return fmix(seed + 0x2545f491) / 4294967296
}

/** An integer in [0, n) derived from a seed without touching the shared generator. */
export function below(seed: number, n: number): number {
  return Math.floor(unit(seed) * n)
}

// The shared generator: a leaf resets it to its own seed, then draws. mulberry32: one word of
// state.
let state = 0

export function reset(seed: number): void {
  state = seed | 0
}

/** The next float in [0, 1) of the shared generator (also faker's randomizer). */
export function next(): number {
  state = (state + 0x6d2b79f5) | 0
  let t = Math.imul(state ^ (state >>> 15), 1 | state)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

/** An integer in [min, max] (both inclusive) from the shared generator. */
export function int(min: number, max: number): number {
  return min + Math.floor(next() * (max - min + 1))
}

export function pick<T>(items: readonly T[]): T {
  return items[Math.floor(next() * items.length)] as T
}

/**
 * A stable 32-bit seed from any mix of strings, numbers and plain JSON values. Object key order
 * does not matter; `'42'` and `42` are different parts. The same on Node and on Workers.
 *
 * @example
 * const seed = seedOf('getOrder', { orderId: '42' }, globalSeed)
 */
export function seedOf(...parts: unknown[]): number {
  return hashString(canonical(parts))
}

/** JSON with sorted keys; also spells the values JSON cannot (undefined, bigint, NaN, dates). */
export function canonical(value: unknown): string {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value)
    case 'number':
    case 'boolean':
      return String(value)
    case 'bigint':
      return `${value}n`
    case 'undefined':
      return 'undefined'
    case 'object':
      return canonicalObject(value)
    default:
      return `<${typeof value}>`
  }
}

function canonicalObject(value: object): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value instanceof Date) return `Date(${value.getTime()})`
  const record = value as Record<string, unknown>
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort()
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(record[key])}`).join(',')}}`
}

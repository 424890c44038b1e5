import { StandinError } from '../contract/standin-error.ts'
import type { Ctx, Gen, Node } from './compile.ts'
import { impossible } from './compile-misc.ts'
import { isoDateTime, pickInstant } from './dates.ts'
import { ruleFor } from './realism.ts'
import { mix, next, reset } from './random.ts'
import {
  constraintsOf,
  defOf,
  showPath,
  withoutCustomChecks,
  type Constraints,
  type Schema,
} from './schema-def.ts'
import { formatOf } from './metadata.ts'
import { accepts } from './validate.ts'

// Numbers are drawn from a grid: multiples of the schema's multipleOf (or 1 for ints, or 0.01 for a
// realistic two-decimal amount), inside the schema's bounds and, where those allow, inside the
// range the realism rule prefers (a price between 1 and 500).

interface Bounds {
  low: number
  high: number
  lowOpen: boolean
  highOpen: boolean
}

const DEFAULT_RANGE: [number, number] = [0, 1000]
const FINEST_STEP = 1e-12

// A number documented as `format: int32` or `int64` is an integer in that range, as the document's
// readers check.
const INTEGER_FORMATS: Record<string, [number, number]> = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
}

export function compileNumber(schema: Schema, ctx: Ctx): Node {
  const c = withFormat(constraintsOf(schema), formatOf(schema))
  const bounds = numberBounds(c)
  const rule = ruleFor(ctx.key, ctx.parent)?.number
  const required = requiredStep(c)
  const decimals = rule?.decimals ?? (c.integer ? 0 : 2)
  const preferred = pickRange(bounds, rule ? [rule.min, rule.max] : DEFAULT_RANGE)
  const plan = gridPlan(preferred, bounds, required, decimals) ?? edgePlan(bounds, required)
  if (!plan) return impossible(`no number meets ${describe(c)}`)(schema, ctx)
  const divisor = c.multipleOf.length === 1 ? Math.abs(Number(c.multipleOf[0])) : undefined
  const value = valueOf(plan, divisor)
  const draw = (seed: number): number => {
    reset(seed)
    return value(plan.kMin + Math.floor(next() * (plan.kMax - plan.kMin + 1)))
  }
  // Float steps such as 1/3 are where k·step can miss zod's multipleOf check; there zod has the
  // last word.
  const target = c.custom ? withoutCustomChecks(schema) : schema
  const exact = Array.from({ length: 16 }, (_, i) => accepts(target, draw(mix(0x9e0b, i)))).every(
    Boolean,
  )
  const gen: Gen = exact ? draw : (seed) => checkedDraw(draw, target, seed, ctx.path)
  return { gen, recursive: false }
}

/** Constraints narrowed by an integer format: whole numbers within its range. */
function withFormat(c: Constraints, format: string | undefined): Constraints {
  const range = format === undefined ? undefined : INTEGER_FORMATS[format]
  if (!range) return c
  const minimum = Math.max(Number(c.minimum ?? -Infinity), range[0])
  const maximum = Math.min(Number(c.maximum ?? Infinity), range[1])
  return { ...c, integer: true, minimum, maximum }
}

/**
 * k → the k-th grid value, rounded to the step's decimals (so 3 × 0.1 is 0.3), or k × divisor for
 * steps like 1/3.
 */
function valueOf({ step, digits }: GridPlan, divisor: number | undefined): (k: number) => number {
  if (digits > 15) return (k) => k * step
  if (digits >= 12 && divisor !== undefined) return (k) => k * divisor
  return (k) => Number((k * step).toFixed(digits))
}

function checkedDraw(
  draw: (seed: number) => number,
  schema: Schema,
  seed: number,
  path: string,
): number {
  for (let attempt = 0; attempt < 50; attempt++) {
    const value = draw(attempt === 0 ? seed : mix(seed, attempt))
    if (accepts(schema, value)) return value
  }
  throw new StandinError(
    'FAKE_UNSUPPORTED',
    `No number generated for ${showPath(path)} passed zod's multipleOf check in 50 tries. Attach a valid value with .openapi({ example }).`,
  )
}

function numberBounds(c: Constraints): Bounds {
  const min = Number(c.minimum ?? -Infinity)
  const exMin = Number(c.exclusiveMinimum ?? -Infinity)
  const max = Number(c.maximum ?? Infinity)
  const exMax = Number(c.exclusiveMaximum ?? Infinity)
  return {
    low: Math.max(min, exMin),
    lowOpen: exMin >= min,
    high: Math.min(max, exMax),
    highOpen: exMax <= max,
  }
}

/** The step every value must be a multiple of (the multipleOf divisors, 1 for ints), if any. */
function requiredStep(c: Constraints): number | undefined {
  const divisors = c.multipleOf
    .map(Number)
    .filter((d) => Number.isFinite(d) && d !== 0)
    .map(Math.abs)
  if (c.integer) divisors.push(1)
  if (divisors.length === 0) return undefined
  const digits = Math.min(12, Math.max(...divisors.map(decimalsOf)))
  const scale = 10 ** digits
  const common = divisors.map((d) => Math.round(d * scale)).reduce(lcm)
  return common / scale
}

/**
 * The least common multiple of two decimal steps (0.05 and 0.01 → 0.05), if it is a tidy number.
 */
function combinedStep(a: number, b: number): number | undefined {
  const digits = Math.max(decimalsOf(a), decimalsOf(b))
  if (digits > 12) return undefined
  const scale = 10 ** digits
  return lcm(Math.round(a * scale), Math.round(b * scale)) / scale
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b)
}

function lcm(a: number, b: number): number {
  return (a / gcd(a, b)) * b
}

function decimalsOf(value: number): number {
  const text = String(value)
  const exponent = /e-(\d+)$/.exec(text)
  if (exponent) return Number(exponent[1]) + (text.split('e')[0]?.split('.')[1]?.length ?? 0)
  return text.split('.')[1]?.length ?? 0
}

/**
 * The preferred range inside the bounds; when they do not meet, the same width at the nearer bound.
 */
function pickRange(bounds: Bounds, [a, b]: [number, number]): [number, number] {
  const low = Math.max(bounds.low, a)
  const high = Math.min(bounds.high, b)
  const width = b - a
  // Meeting in one point (nonpositive() against 0…1000) while the bounds allow more: the window at
  // that bound.
  if (low < high || (low === high && bounds.low === bounds.high)) return [low, high]
  if (low === high)
    return high === bounds.high
      ? [Math.max(bounds.low, high - width), high]
      : [low, Math.min(bounds.high, low + width)]
  return b < bounds.low
    ? [bounds.low, Math.min(bounds.high, bounds.low + width)]
    : [Math.max(bounds.low, bounds.high - width), bounds.high]
}

interface GridPlan {
  kMin: number
  kMax: number
  step: number
  digits: number
}

/**
 * Grid points k·step in the preferred range, else in the bounds. The step is the realistic one
 * (cents for money) combined with the required multipleOf where they agree, else the required one
 * alone; without a required step, finer steps are tried when the realistic one finds no point.
 */
function gridPlan(
  preferred: [number, number],
  bounds: Bounds,
  required: number | undefined,
  decimals: number,
): GridPlan | undefined {
  const realistic = 10 ** -decimals
  if (required !== undefined) {
    const both = combinedStep(required, realistic)
    const tidy =
      both === undefined
        ? undefined
        : (gridIn(preferred, bounds, both) ?? gridIn([bounds.low, bounds.high], bounds, both))
    const plain =
      gridIn(preferred, bounds, required) ?? gridIn([bounds.low, bounds.high], bounds, required)
    return tidy && (tidy.kMax > tidy.kMin || !plain || plain.kMax === plain.kMin) ? tidy : plain
  }
  let step = realistic
  for (;;) {
    const plan = gridIn(preferred, bounds, step) ?? gridIn([bounds.low, bounds.high], bounds, step)
    if (plan || step < FINEST_STEP) return plan
    step /= 10
  }
}

function gridIn([low, high]: [number, number], bounds: Bounds, step: number): GridPlan | undefined {
  if (!Number.isFinite(low) || !Number.isFinite(high)) return undefined
  const digits = Math.max(0, decimalsOf(step))
  const value = (k: number): number => Number((k * step).toFixed(Math.min(digits, 100)))
  let kMin = Math.ceil(low / step)
  let kMax = Math.floor(high / step)
  while (kMin <= kMax && !inside(value(kMin), bounds)) kMin++
  while (kMax >= kMin && !inside(value(kMax), bounds)) kMax--
  if (kMin > kMax || !Number.isSafeInteger(kMin) || !Number.isSafeInteger(kMax)) return undefined
  return { kMin, kMax, step, digits }
}

/**
 * Far out ranges (min 1e300) where no grid fits a safe integer: a bound itself, if it qualifies.
 */
function edgePlan(bounds: Bounds, required: number | undefined): GridPlan | undefined {
  const edge = [bounds.low, bounds.high].find(
    (value) =>
      Number.isFinite(value) &&
      inside(value, bounds) &&
      (required === undefined || Number.isInteger(value / required)),
  )
  return edge === undefined ? undefined : { kMin: 1, kMax: 1, step: edge, digits: 100 }
}

function inside(value: number, b: Bounds): boolean {
  return (
    (b.lowOpen ? value > b.low : value >= b.low) && (b.highOpen ? value < b.high : value <= b.high)
  )
}

function describe(c: Constraints): string {
  const parts = [
    c.minimum !== undefined ? `minimum ${c.minimum}` : '',
    c.exclusiveMinimum !== undefined ? `greater than ${c.exclusiveMinimum}` : '',
    c.maximum !== undefined ? `maximum ${c.maximum}` : '',
    c.exclusiveMaximum !== undefined ? `less than ${c.exclusiveMaximum}` : '',
    c.multipleOf.length > 0 ? `multipleOf ${c.multipleOf.join(', ')}` : '',
    c.integer ? 'integer' : '',
  ]
  return parts.filter(Boolean).join(', ')
}

export function compileBigint(schema: Schema, ctx: Ctx): Node {
  const c = constraintsOf(schema)
  const step = c.multipleOf
    .map((d) =>
      typeof d === 'bigint' ? (d < 0n ? -d : d) : BigInt(Math.abs(Math.trunc(Number(d))) || 1),
    )
    .reduce(lcmBig, 1n)
  const low = bigBound(c.minimum, c.exclusiveMinimum, 1n, -(2n ** 62n))
  const high = bigBound(c.maximum, c.exclusiveMaximum, -1n, 2n ** 62n)
  const [from, to] =
    low <= 0n && high >= 1000n
      ? [0n, 1000n]
      : high < 0n
        ? [high - 1000n < low ? low : high - 1000n, high]
        : [low, low + 1000n > high ? high : low + 1000n]
  const kMin = ceilDiv(from, step)
  const kMax = floorDiv(to, step)
  if (kMin > kMax) return impossible(`no bigint meets ${describe(c)}`)(schema, ctx)
  const coerce = defOf(schema).coerce === true
  const gen: Gen = (seed) => {
    reset(seed)
    const value = (kMin + BigInt(Math.floor(next() * (Number(kMax - kMin) + 1)))) * step
    return coerce ? String(value) : value
  }
  return { gen, recursive: false }
}

function bigBound(
  inclusive: number | bigint | undefined,
  exclusive: number | bigint | undefined,
  nudge: bigint,
  fallback: bigint,
): bigint {
  const candidates: bigint[] = []
  if (inclusive !== undefined) candidates.push(BigInt(inclusive))
  if (exclusive !== undefined) candidates.push(BigInt(exclusive) + nudge)
  if (candidates.length === 0) return fallback
  // biome-ignore lint/complexity/useMathMinMax: bigints, which Math.max does not take.
  return candidates.reduce((a, b) => (nudge > 0n ? (a > b ? a : b) : a < b ? a : b))
}

function gcdBig(a: bigint, b: bigint): bigint {
  return b === 0n ? a : gcdBig(b, a % b)
}

function lcmBig(a: bigint, b: bigint): bigint {
  return (a / gcdBig(a, b)) * b
}

function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b
  return q * b < a ? q + 1n : q
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b
  return q * b > a ? q - 1n : q
}

export function compileDate(schema: Schema, ctx: Ctx): Node {
  const c = constraintsOf(schema)
  const low = Math.max(Number(c.minimum ?? -8.64e15), Number(c.exclusiveMinimum ?? -8.64e15) + 1)
  const high = Math.min(Number(c.maximum ?? 8.64e15), Number(c.exclusiveMaximum ?? 8.64e15) - 1)
  if (low > high) return impossible('no date lies within its bounds')(schema, ctx)
  const role = ruleFor(ctx.key, ctx.parent)?.date?.role ?? 'past'
  const coerce = defOf(schema).coerce === true
  const gen: Gen = (seed, env) => {
    reset(seed)
    const ms = pickInstant(role, env.after, 1000, [low, high])
    return coerce ? isoDateTime(ms, 3) : new Date(ms)
  }
  return { gen, recursive: false }
}

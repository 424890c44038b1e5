import { StandinError } from '../contract/standin-error.ts'
import type { Ctx, Env, Gen, Node } from './compile.ts'
import { impossible } from './compile-misc.ts'
import { exampleValues, metaOf } from './metadata.ts'
import { isoDate, isoDateTime, isoTime, pickInstant, unitOf } from './dates.ts'
import { faker } from './faker.ts'
import { ruleFor, type Rule } from './realism.ts'
import { compileRegex, type RegexGen } from './regex.ts'
import { mix, next, reset } from './random.ts'
import {
  constraintsOf,
  showPath,
  withoutCustomChecks,
  type Constraints,
  type Schema,
} from './schema-def.ts'
import { FORMATS } from './string-formats.ts'
import { fitText } from './text.ts'
import { accepts } from './validate.ts'

// A string is built by the first strategy whose candidate passes every check: the realism rule for
// the property, then the format's generator, then the regex, then plain words. Strategies that
// never pass for this schema (probed once, with fixed seeds) are dropped at compile time.

type Strategy = (env: Env, attempt: number) => string | undefined
type Scored = { value: string; score: number }

const TRIES = 12
const PROBES = 16
const SPREADS = [4, 0, 12, 1, 40, 2, 80, 6]
/** Formats zod checks with their pattern alone, so a regex test is the whole check. */
const PATTERN_FORMATS = new Set([
  'email',
  'guid',
  'uuid',
  'emoji',
  'nanoid',
  'cuid',
  'cuid2',
  'ulid',
  'xid',
  'ksuid',
  'datetime',
  'date',
  'time',
  'duration',
  'ipv4',
  'mac',
  'cidrv4',
  'e164',
])
const DATE_FORMATS = new Set(['datetime', 'date', 'time'])
/**
 * Formats whose generator here always produces a valid value, so it needs no check when nothing
 * else constrains it.
 */
const TRUSTED_FORMATS = new Set([
  'uuid',
  'guid',
  'cuid',
  'cuid2',
  'ulid',
  'nanoid',
  'xid',
  'ksuid',
  'datetime',
  'date',
  'time',
  'duration',
  'ipv6',
  'mac',
  'cidrv6',
  'e164',
  'credit_card',
  'jwt',
])

export function compileString(schema: Schema, ctx: Ctx): Node {
  const c = constraintsOf(schema)
  const contradictory = min(c) > max(c)
  if (contradictory && !ctx.session.standIns)
    return impossible(`z.string() needs at least ${c.minimum} and at most ${c.maximum} characters`)(
      schema,
      ctx,
    )
  const check = checker(schema, c)
  const rule = ruleFor(ctx.key, ctx.parent)
  const realismStrategy = realism(rule, c)
  const formatStrategy = format(c, rule)
  const gens = regexGens(c)
  const shaped = defined([patterns(gens), fittedPatterns(gens, c)])
  const others = defined([realismStrategy, formatStrategy])
  const plain = defined([words(c)])
  const candidates = [...others, ...shaped, ...plain]
  const strategies = contradictory ? [] : candidates.filter((strategy) => probe(strategy, check))
  const [first] = strategies
  // Of strings that all fail, the ones the pattern shaped come closest to it.
  if (!first && ctx.session.standIns)
    return standIn(schema, [...shaped, ...others, ...plain], check, ctx.path, c)
  if (!first)
    return impossible(
      `no generated string met its constraints (${describe(c)}); attach a valid value with .openapi({ example })`,
    )(schema, ctx)
  const sure =
    unconstrained(c) &&
    ((first === formatStrategy && TRUSTED_FORMATS.has(c.format ?? '')) ||
      (first === realismStrategy && (trustedUrl(c, rule) || trustedDate(c, rule))))
  const gen: Gen = sure
    ? (seed, env) => (reset(seed), first(env, 0))
    : stringGen(strategies, check, ctx.path, c)
  return { gen, recursive: false }
}

function stringGen(
  strategies: Strategy[],
  check: (value: string) => boolean,
  path: string,
  c: Constraints,
): Gen {
  return (seed, env) => {
    let closest: Scored | undefined
    for (let attempt = 0; attempt < TRIES; attempt++) {
      for (const strategy of strategies) {
        reset(attempt === 0 ? seed : mix(seed, attempt))
        const value = strategy(env, attempt)
        if (value === undefined) continue
        if (check(value)) return value
        if (env.bestEffort) closest = closer(closest, value, c)
      }
    }
    if (closest) return closest.value
    throw new StandinError(
      'FAKE_UNSUPPORTED',
      `No string generated for ${showPath(path)} met its constraints (${describe(c)}) in ${TRIES} tries. Attach a valid value with .openapi({ example }).`,
    )
  }
}

/**
 * A string no strategy makes, where a value is required anyway (best effort): its example if that
 * passes, else the closest try.
 */
function standIn(
  schema: Schema,
  candidates: Strategy[],
  check: (value: string) => boolean,
  path: string,
  c: Constraints,
): Node {
  const example = exampleValues(metaOf(schema)).find(
    (value) => typeof value === 'string' && check(value),
  )
  const gen: Gen = example === undefined ? stringGen(candidates, check, path, c) : () => example
  return { gen, recursive: false }
}

/**
 * Of two strings that fail, the one that meets more of the checks (its length, then each pattern);
 * the first on a tie.
 */
function closer(best: Scored | undefined, value: string, c: Constraints): Scored {
  const fits = value.length >= min(c) && value.length <= max(c) ? 1 : 0
  const score = c.patterns.reduce(
    (total, pattern) => ((pattern.lastIndex = 0), total + (pattern.test(value) ? 1 : 0)),
    fits,
  )
  return best && best.score >= score ? best : { value, score }
}

/** Nothing but the format itself: no lengths, patterns, affixes, case or normalisation. */
function unconstrained(c: Constraints): boolean {
  const extra =
    c.minimum !== undefined ||
    c.maximum !== undefined ||
    c.regexes.length > 0 ||
    c.prefix !== undefined ||
    c.suffix !== undefined ||
    c.includes.length > 0
  return !extra && !c.lowercase && !c.uppercase && !c.overwrite
}

/**
 * The URL rules build their URLs from fixed parts (https, a domain, a path), which always parse.
 */
function trustedUrl(c: Constraints, rule: Rule | undefined): boolean {
  const constrained =
    c.formatDef?.protocol !== undefined ||
    c.formatDef?.hostname !== undefined ||
    c.formatDef?.normalize !== undefined
  return c.format === 'url' && rule?.formats?.includes('url') === true && !constrained
}

/**
 * The date rules write a date format's value with the format's own functions (see `dates.ts`), whose
 * values always parse.
 */
function trustedDate(c: Constraints, rule: Rule | undefined): boolean {
  return DATE_FORMATS.has(c.format ?? '') && rule?.date !== undefined && rule.text === undefined
}

function probe(strategy: Strategy, check: (value: string) => boolean): boolean {
  const env: Env = {
    depth: 0,
    idSeed: 0,
    after: undefined,
    overrides: undefined,
    level: 0,
    bestEffort: false,
  }
  for (let i = 0; i < PROBES; i++) {
    reset(mix(0x9e0b, i))
    const value = strategy(env, i % SPREADS.length)
    if (value !== undefined && check(value)) return true
  }
  return false
}

/**
 * Lengths and patterns checked directly where that is the whole of zod's check, else zod itself.
 */
function checker(schema: Schema, c: Constraints): (value: string) => boolean {
  const direct = !c.overwrite && (c.format === undefined || PATTERN_FORMATS.has(c.format))
  // Refinements are judged (and retried) around this schema, with the path in the error when none
  // passes.
  const target = c.custom ? withoutCustomChecks(schema) : schema
  if (!direct) return (value) => accepts(target, value)
  const min = Number(c.minimum ?? 0)
  const max = Number(c.maximum ?? Infinity)
  const patterns = c.patterns
  return (value) => {
    if (value.length < min || value.length > max) return false
    for (const pattern of patterns) {
      pattern.lastIndex = 0
      if (!pattern.test(value)) return false
    }
    return true
  }
}

function realism(rule: Rule | undefined, c: Constraints): Strategy | undefined {
  if (!rule) return undefined
  const plain = c.format === undefined && c.regexes.length === 0
  if (rule.text && (c.format === undefined || rule.formats?.includes(c.format))) {
    const text = rule.text
    return plain ? () => shape(fitText(text(), min(c), max(c), text), c) : () => text()
  }
  if (rule.date && (plain || DATE_FORMATS.has(c.format ?? ''))) {
    const role = rule.date.role
    const precision = typeof c.formatDef?.precision === 'number' ? c.formatDef.precision : null
    if (c.format === 'date') return (env) => isoDate(pickInstant(role, env.after, 86_400_000))
    if (c.format === 'time')
      return () => isoTime(pickInstant(role, undefined, unitOf(precision)), precision)
    return (env) => isoDateTime(pickInstant(role, env.after, unitOf(precision)), precision)
  }
  if (rule.number && plain && !rule.numbersOnly) {
    const { min: low, max: high, decimals } = rule.number
    return () => (low + next() * (high - low)).toFixed(decimals)
  }
  return undefined
}

function format(c: Constraints, rule: Rule | undefined): Strategy | undefined {
  const factory = c.format === undefined ? undefined : FORMATS[c.format]
  if (!factory || !c.formatDef) return undefined
  const gen = factory(c.formatDef, c, rule?.date?.role ?? 'past')
  return (env) => gen(env)
}

function patterns(gens: RegexGen[]): Strategy | undefined {
  if (gens.length === 0) return undefined
  return (_env, attempt) => {
    const gen = gens[attempt % gens.length] as RegexGen
    return gen(SPREADS[attempt % SPREADS.length] as number)
  }
}

/**
 * The same regexes aimed at the length bounds, for a pattern whose free repeats rarely land within
 * them.
 */
function fittedPatterns(gens: RegexGen[], c: Constraints): Strategy | undefined {
  if (gens.length === 0 || (c.minimum === undefined && c.maximum === undefined)) return undefined
  const bounds = [min(c), max(c)] as const
  return (_env, attempt) => {
    const gen = gens[attempt % gens.length] as RegexGen
    return gen(SPREADS[attempt % SPREADS.length] as number, bounds)
  }
}

/** The explicit regexes first; a format without its own generator falls back to its pattern. */
function regexGens(c: Constraints): RegexGen[] {
  const sources =
    c.regexes.length > 0
      ? c.regexes
      : c.format !== undefined && !FORMATS[c.format]
        ? c.patterns
        : []
  return sources.map((regex) => compileRegex(regex)).filter((gen) => gen !== undefined)
}

function words(c: Constraints): Strategy | undefined {
  if (c.format !== undefined || c.regexes.length > 0) return undefined
  const more = (): string => faker.lorem.words({ min: 1, max: 3 })
  return () => shape(fitText(more(), min(c), max(c), more), c)
}

/** Case, prefix, suffix and required substrings, keeping within the length bounds. */
function shape(text: string, c: Constraints): string {
  const fixed = (c.prefix ?? '') + c.includes.join('') + (c.suffix ?? '')
  let core =
    fixed.length === 0
      ? text
      : fitText(
          text,
          Math.max(0, min(c) - fixed.length),
          Math.max(0, max(c) - fixed.length),
          () => 'x',
        )
  if (c.lowercase) core = core.toLowerCase()
  if (c.uppercase) core = core.toUpperCase()
  return fixed.length === 0
    ? core
    : `${c.prefix ?? ''}${core}${c.includes.join('')}${c.suffix ?? ''}`
}

const defined = (strategies: Array<Strategy | undefined>): Strategy[] =>
  strategies.filter((strategy) => strategy !== undefined)
const min = (c: Constraints): number => Number(c.minimum ?? 0)
const max = (c: Constraints): number => Number(c.maximum ?? Infinity)

function describe(c: Constraints): string {
  const parts: string[] = []
  if (c.format) parts.push(`format ${c.format}`)
  if (c.minimum !== undefined) parts.push(`min length ${c.minimum}`)
  if (c.maximum !== undefined) parts.push(`max length ${c.maximum}`)
  for (const regex of c.regexes) parts.push(`pattern ${regex}`)
  return parts.join(', ') || 'none'
}

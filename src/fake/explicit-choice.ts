import { StandinError } from '../contract/standin-error.ts'
import type { Ctx, Gen, Node } from './compile.ts'
import { fakerMethod } from './faker.ts'
import { exampleValues } from './metadata.ts'
import { isIdentifying } from './names.ts'
import { below, mix, reset } from './random.ts'
import { constraintsOf, kindOf, showPath, type Schema } from './schema-def.ts'
import { accepts } from './validate.ts'

// An explicit choice on the schema wins over name rules: its examples, else its `x-faker` hint.
// Examples that do not parse with the schema are skipped, and so are examples of identifying fields
// (ids, SKUs, uuids), which would otherwise give every record the same identity.

const ID_FORMATS = new Set(['uuid', 'guid', 'cuid', 'cuid2', 'ulid', 'nanoid', 'xid', 'ksuid'])
const SALT_EXAMPLE = 0x45584d
const HINT_TRIES = 3
const HINT_PROBES = 8

export function explicitChoice(schema: Schema, ctx: Ctx, generic: () => Node): Node | undefined {
  if (ctx.session.useExamples && !identifies(schema, ctx)) {
    const examples = exampleValues(ctx.meta).filter((value) => accepts(schema, value))
    if (examples.length > 0) return exampleNode(examples)
  }
  if (ctx.meta.hint !== undefined) return hintNode(schema, ctx, generic())
  return undefined
}

function identifies(schema: Schema, ctx: Ctx): boolean {
  if (isIdentifying(ctx.key)) return true
  return kindOf(schema) === 'string' && ID_FORMATS.has(constraintsOf(schema).format ?? '')
}

function exampleNode(examples: unknown[]): Node {
  const gen: Gen = (seed) => cloneJson(examples[below(mix(seed, SALT_EXAMPLE), examples.length)])
  return { gen, recursive: false }
}

/** Examples are shared: hand out copies so a caller's edits never leak into later values. */
function cloneJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cloneJson)
  if (
    typeof value === 'object' &&
    value !== null &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    const copy: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) copy[key] = cloneJson(item)
    return copy
  }
  return value
}

function hintNode(schema: Schema, ctx: Ctx, fallback: Node): Node {
  const call = hintCall(ctx.meta.hint, ctx.path)
  const coerce = coercerFor(schema)
  const attempt = (seed: number): unknown => {
    reset(seed)
    return coerce(call())
  }
  // A hint that never meets the schema's bounds (a productName with maxLength 3) gives way to them.
  const probes = Array.from({ length: HINT_PROBES }, (_, i) =>
    accepts(schema, attempt(mix(0x5eed, i))),
  )
  if (!probes.some(Boolean)) return fallback
  const gen: Gen = (seed, env) => {
    for (let i = 0; i < HINT_TRIES; i++) {
      const value = attempt(mix(seed, i))
      if (accepts(schema, value)) return value
    }
    return fallback.gen(seed, env)
  }
  return { gen, recursive: fallback.recursive }
}

/** The faker call an `x-faker` hint describes: `'module.method'` or `{ 'module.method': args }`. */
function hintCall(hint: unknown, path: string): () => unknown {
  const [name, args] = parseHint(hint)
  const method = name === undefined ? undefined : fakerMethod(name)
  if (!method) {
    throw new StandinError(
      'FAKER_HINT_INVALID',
      `x-faker hint ${JSON.stringify(hint)} at ${showPath(path)} names no faker method. Use "module.method" as listed on fakerjs.dev, e.g. "commerce.productName".`,
    )
  }
  return () => method(...args)
}

/**
 * The method name and arguments of a hint; the name is undefined when the hint has no usable shape.
 */
export function parseHint(hint: unknown): [string | undefined, unknown[]] {
  if (typeof hint === 'string') return [hint, []]
  if (typeof hint === 'object' && hint !== null && !Array.isArray(hint)) {
    const entries = Object.entries(hint)
    const [name, args] = entries[0] ?? []
    if (entries.length !== 1 || name === undefined) return [undefined, []]
    return [name, Array.isArray(args) ? args : args === undefined ? [] : [args]]
  }
  return [undefined, []]
}

/**
 * Turns what faker returned into the schema's type (a Date into an ISO string for a string schema,
 * …).
 */
function coercerFor(schema: Schema): (value: unknown) => unknown {
  switch (kindOf(schema)) {
    case 'string':
      return stringCoercer(constraintsOf(schema).format)
    case 'number':
      return (value) =>
        value instanceof Date
          ? value.getTime()
          : typeof value === 'string' || typeof value === 'bigint'
            ? Number(value)
            : value
    case 'bigint':
      return (value) =>
        typeof value === 'number'
          ? BigInt(Math.trunc(value))
          : typeof value === 'string' && /^-?\d+$/.test(value)
            ? BigInt(value)
            : value
    case 'date':
      return (value) =>
        typeof value === 'string' || typeof value === 'number' ? new Date(value) : value
    default:
      return (value) => value
  }
}

function stringCoercer(format: string | undefined): (value: unknown) => unknown {
  return (value) => {
    if (value instanceof Date) {
      const iso = value.toISOString()
      return format === 'date' ? iso.slice(0, 10) : format === 'time' ? iso.slice(11, 19) : iso
    }
    return typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean'
      ? String(value)
      : value
  }
}

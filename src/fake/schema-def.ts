import { z } from 'zod'
import { clone } from 'zod/v4/core'

// zod keeps everything this module needs in `schema._zod`: the definition (`def`), the check list
// and a few derived facts (`optin`, `values`, `pattern`). These are the only types that read them.

export type Schema = z.core.$ZodType

export interface Def {
  type: string
  checks?: Schema[]
  check?: string
  innerType?: Schema
  element?: Schema
  shape?: Record<string, Schema>
  catchall?: Schema
  options?: Schema[]
  discriminator?: string
  inclusive?: boolean
  left?: Schema
  right?: Schema
  items?: Schema[]
  rest?: Schema | null
  keyType?: Schema
  valueType?: Schema
  partial?: boolean
  entries?: Record<string, string | number>
  values?: unknown[]
  in?: Schema
  out?: Schema
  getter?: () => Schema
  defaultValue?: unknown
  coerce?: boolean
  format?: string
  pattern?: RegExp
  [key: string]: unknown
}

interface Internals {
  def: Def
  traits: Set<string>
  optin?: 'optional' | 'defaulted'
  values?: Set<unknown>
  pattern?: RegExp
  propValues?: Record<string, Set<unknown>>
  innerType?: Schema
  bag: Record<string, unknown>
}

export function internals(schema: Schema): Internals {
  return (schema as unknown as { _zod: Internals })._zod
}

export function defOf(schema: Schema): Def {
  return internals(schema).def
}

export function kindOf(schema: Schema): string {
  return internals(schema).def.type
}

export function isSchema(value: unknown): value is Schema {
  return (
    typeof value === 'object' &&
    value !== null &&
    '_zod' in value &&
    typeof (value as { _zod?: { def?: unknown } })._zod?.def === 'object'
  )
}

/** Shapes, as their getters answer now (object shapes are frozen by zod on first read). */
export function shapeOf(schema: Schema): Record<string, Schema> {
  return defOf(schema).shape ?? {}
}

/** Whether an object property holding this schema may be left out. */
export function isOmittable(schema: Schema): boolean {
  return internals(schema).optin !== undefined
}

/** The values an enum lists, without the reverse entries TypeScript adds to numeric enums. */
export function enumValues(entries: Record<string, string | number>): Array<string | number> {
  const numeric = Object.values(entries).filter((value) => typeof value === 'number')
  return Object.entries(entries)
    .filter(([key]) => !numeric.includes(Number(key)))
    .map(([, value]) => value)
}

/**
 * Everything the checks of a string, number, bigint, date, array, set or file schema require,
 * folded.
 */
export interface Constraints {
  minimum?: number | bigint
  maximum?: number | bigint
  exclusiveMinimum?: number | bigint
  exclusiveMaximum?: number | bigint
  multipleOf: Array<number | bigint>
  integer: boolean
  format?: string
  formatDef?: Def
  patterns: RegExp[]
  regexes: RegExp[]
  prefix?: string
  suffix?: string
  includes: string[]
  lowercase: boolean
  uppercase: boolean
  mime?: string[]
  /** A refine, superRefine or check that only running it can answer. */
  custom: boolean
  /** A normalisation (trim, toLowerCase, …) runs before later checks. */
  overwrite: boolean
}

type Contributor = (c: Constraints, def: Def) => void

const narrowMin = (
  c: Constraints,
  key: 'minimum' | 'exclusiveMinimum',
  value: number | bigint,
): void => {
  const current = c[key]
  if (current === undefined || value > current) c[key] = value
}
const narrowMax = (
  c: Constraints,
  key: 'maximum' | 'exclusiveMaximum',
  value: number | bigint,
): void => {
  const current = c[key]
  if (current === undefined || value < current) c[key] = value
}
const numeric = (value: unknown): number | bigint =>
  value instanceof Date ? value.getTime() : (value as number | bigint)

const FORMAT_RANGES: Record<string, [number | bigint, number | bigint]> = {
  safeint: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  int32: [-2147483648, 2147483647],
  uint32: [0, 4294967295],
  float32: [-3.4028234663852886e38, 3.4028234663852886e38],
  float64: [-Number.MAX_VALUE, Number.MAX_VALUE],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
}

function numberFormat(c: Constraints, def: Def): void {
  const format = String(def.format)
  if (format.includes('int')) c.integer = true
  const range = FORMAT_RANGES[format]
  if (!range) return
  narrowMin(c, 'minimum', range[0])
  narrowMax(c, 'maximum', range[1])
}

function stringFormat(c: Constraints, def: Def): void {
  if (def.pattern instanceof RegExp) c.patterns.push(def.pattern)
  switch (def.format) {
    case 'regex':
      c.regexes.push(def.pattern as RegExp)
      return
    case 'lowercase':
      c.lowercase = true
      return
    case 'uppercase':
      c.uppercase = true
      return
    case 'includes':
      c.includes.push(String(def.includes))
      return
    case 'starts_with':
      c.prefix = String(def.prefix)
      return
    case 'ends_with':
      c.suffix = String(def.suffix)
      return
    default:
      c.format = def.format
      c.formatDef = def
  }
}

const CONTRIBUTORS: Record<string, Contributor> = {
  greater_than: (c, def) =>
    narrowMin(c, def.inclusive ? 'minimum' : 'exclusiveMinimum', numeric(def.value)),
  less_than: (c, def) =>
    narrowMax(c, def.inclusive ? 'maximum' : 'exclusiveMaximum', numeric(def.value)),
  multiple_of: (c, def) => void c.multipleOf.push(def.value as number | bigint),
  number_format: numberFormat,
  bigint_format: numberFormat,
  min_length: (c, def) => narrowMin(c, 'minimum', def.minimum as number),
  max_length: (c, def) => narrowMax(c, 'maximum', def.maximum as number),
  length_equals: (c, def) => (
    narrowMin(c, 'minimum', def.length as number), narrowMax(c, 'maximum', def.length as number)
  ),
  min_size: (c, def) => narrowMin(c, 'minimum', def.minimum as number),
  max_size: (c, def) => narrowMax(c, 'maximum', def.maximum as number),
  size_equals: (c, def) => (
    narrowMin(c, 'minimum', def.size as number), narrowMax(c, 'maximum', def.size as number)
  ),
  string_format: stringFormat,
  mime_type: (c, def) => void (c.mime = def.mime as string[]),
  overwrite: (c) => void (c.overwrite = true),
}

/**
 * The checks of a schema folded into one set of constraints (a format schema is its own first
 * check).
 */
export function constraintsOf(schema: Schema): Constraints {
  const c: Constraints = {
    multipleOf: [],
    integer: false,
    patterns: [],
    regexes: [],
    includes: [],
    lowercase: false,
    uppercase: false,
    custom: false,
    overwrite: false,
  }
  const zod = internals(schema)
  const list = zod.traits.has('$ZodCheck')
    ? [schema, ...(zod.def.checks ?? [])]
    : (zod.def.checks ?? [])
  for (const check of list) {
    const def = defOf(check)
    const contribute = CONTRIBUTORS[def.check ?? '']
    if (contribute) contribute(c, def)
    else c.custom = true
  }
  return c
}

/** True when a schema carries checks only running them can answer (refine, superRefine, check). */
export function hasCustomChecks(schema: Schema): boolean {
  return (defOf(schema).checks ?? []).some((check) => !(String(defOf(check).check) in CONTRIBUTORS))
}

/**
 * The same schema without its refinements: what generation aims at before zod judges the
 * refinements.
 */
export function withoutCustomChecks(schema: Schema): Schema {
  const def = defOf(schema)
  const checks = (def.checks ?? []).filter((check) => String(defOf(check).check) in CONTRIBUTORS)
  return redefined(schema, { ...def, checks })
}

/** A plain-text rendering of a schema path, as messages show it: `items[].price`. */
export function joinPath(path: string, segment: string | number): string {
  if (typeof segment === 'number') return `${path}[${segment}]`
  if (segment === '[]') return `${path}[]`
  if (/^[A-Za-z_$][\w$]*$/.test(segment)) return path ? `${path}.${segment}` : segment
  return `${path}[${JSON.stringify(segment)}]`
}

export function showPath(path: string): string {
  return path === '' ? '(root)' : path
}

/**
 * Wrappers whose inner schema is `def.innerType` and that pass a present value through as it is
 * (optional, nullable, defaults, readonly).
 */
export const PASS_THROUGH_WRAPPERS: ReadonlySet<string> = new Set([
  'optional',
  'nullable',
  'default',
  'prefault',
  'nonoptional',
  'readonly',
])

const INNER_KINDS = new Set([...PASS_THROUGH_WRAPPERS, 'catch', 'success', 'promise'])

/**
 * The schemas directly inside a schema, each with the path segment that leads to it ('' for
 * wrappers).
 */
export function childrenOf(schema: Schema): Array<[string | number, Schema]> {
  const kind = kindOf(schema)
  const def = defOf(schema)
  if (INNER_KINDS.has(kind)) return [['', def.innerType as Schema]]
  switch (kind) {
    case 'object':
      return Object.entries(shapeOf(schema))
    case 'array':
      return [['[]', def.element as Schema]]
    case 'set':
      return [['[]', def.valueType as Schema]]
    case 'tuple':
      return [
        ...(def.items ?? []).map((item, i): [number, Schema] => [i, item]),
        ...(def.rest ? [['[]', def.rest] as [string, Schema]] : []),
      ]
    case 'record':
    case 'map':
      return [
        ['{key}', def.keyType as Schema],
        ['{}', def.valueType as Schema],
      ]
    case 'union':
      return (def.options ?? []).map((option): [string, Schema] => ['', option])
    case 'intersection':
      return [
        ['', def.left as Schema],
        ['', def.right as Schema],
      ]
    case 'lazy':
      return [['', internals(schema).innerType as Schema]]
    case 'pipe':
      return [
        ['', def.in as Schema],
        ['', def.out as Schema],
      ]
    default:
      return []
  }
}

const UNCHECKED: Schema = z.unknown()

/**
 * The same schema with what sits at `path` (a path of object fields) taken unchecked: the value
 * there (`'value'`), or the elements of the list there (`'elements'`, the list's own checks kept).
 * Checks an envelope around values already known to fit, without checking them again. Undefined
 * where the path leads through anything but objects and pass-through wrappers (a union, a pipe).
 *
 * @example
 * withUncheckedAt(Page, ['items'], 'elements')?.safeParse({ items: [stored], total: 1 })
 */
export function withUncheckedAt<S extends Schema>(
  schema: S,
  path: readonly string[],
  hole: 'value' | 'elements',
): S | undefined {
  const kind = kindOf(schema)
  const def = defOf(schema)
  if (PASS_THROUGH_WRAPPERS.has(kind) && def.innerType) {
    const inner = withUncheckedAt(def.innerType, path, hole)
    return inner && redefined(schema, { ...def, innerType: inner })
  }
  const [key, ...rest] = path
  if (key === undefined) {
    if (hole === 'value') return UNCHECKED as S
    return kind === 'array' ? redefined(schema, { ...def, element: UNCHECKED }) : undefined
  }
  const field = kind === 'object' ? def.shape?.[key] : undefined
  const inner = field && withUncheckedAt(field, rest, hole)
  return inner && redefined(schema, { ...def, shape: { ...def.shape, [key]: inner } })
}

/** A schema of the same kind (and zod copy) with another definition. */
function redefined<S extends Schema>(schema: S, def: Def): S {
  return clone(schema, def as unknown as S['_zod']['def'])
}

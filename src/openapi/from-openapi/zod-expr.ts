import { z } from '@hono/zod-openapi'

/**
 * A zod schema as the code that builds it: `z.string().min(1)` is `{ kind: 'call', callee:
 * 'string', chain: [{ method: 'min', args: [1] }] }`. One converter writes these; `evaluateExpr`
 * runs them (fromOpenAPI) and `printExpr` prints them (standin import), so the contract a document
 * gives and the source it imports to cannot drift apart.
 */
export type Expr = CallExpr | RefExpr

export interface CallExpr {
  kind: 'call'
  /** A path on `z`: `string`, `iso.datetime`, `coerce.number`. */
  callee: string
  args: Arg[]
  chain: Call[]
}

/** A named component schema, by its component name. */
export interface RefExpr {
  kind: 'ref'
  name: string
  chain: Call[]
}

export interface Call {
  method: string
  args: Arg[]
}

export type Arg = Expr | JsonArg | RegexArg | ShapeArg | ListArg | FunctionArg

export interface JsonArg {
  kind: 'json'
  value: unknown
}
export interface RegexArg {
  kind: 'regex'
  source: string
  flags: string
}
/** An object literal of schemas: the shape of `z.object(...)`. */
export interface ShapeArg {
  kind: 'shape'
  entries: Array<[string, Expr]>
}
export interface ListArg {
  kind: 'list'
  items: Arg[]
}
/** A function a schema is checked with: one of FUNCTIONS, by name. */
export interface FunctionArg {
  kind: 'function'
  name: keyof typeof FUNCTIONS
}

/**
 * Checks zod has no builder for, as `standin import` prints them and as fromOpenAPI runs them. The
 * two spellings of each must stay the same code (a test runs the printed one).
 */
export const FUNCTIONS = {
  /**
   * uniqueItems: no two items are the same JSON (zod's output puts object keys in schema order).
   */
  distinctItems: {
    source: '(items) => new Set(items.map((item) => JSON.stringify(item))).size === items.length',
    run: (items: unknown[]): boolean =>
      new Set(items.map((item) => JSON.stringify(item))).size === items.length,
  },
}

export function zCall(callee: string, ...args: Arg[]): CallExpr {
  return { kind: 'call', callee, args, chain: [] }
}

export function zRef(name: string): RefExpr {
  return { kind: 'ref', name, chain: [] }
}

export function json(value: unknown): JsonArg {
  return { kind: 'json', value }
}

export function list(items: Arg[]): ListArg {
  return { kind: 'list', items }
}

export function shape(entries: Array<[string, Expr]>): ShapeArg {
  return { kind: 'shape', entries }
}

/** `expr.method(...args)`, as a new expression. */
export function chain<E extends Expr>(expr: E, method: string, ...args: Arg[]): E {
  return { ...expr, chain: [...expr.chain, { method, args }] }
}

/**
 * Adds OpenAPI metadata, merged into a trailing `.openapi({...})` or `.meta({...})` when there is
 * one. A named schema takes `.meta({...})`: `.openapi({...})` on it makes a copy under the same
 * name, and the generator may then publish the copy's description as the named schema's.
 */
export function withMeta<E extends Expr>(expr: E, meta: Record<string, unknown>): E {
  const entries = Object.entries(meta).filter(([, value]) => value !== undefined)
  if (entries.length === 0) return expr
  const last = expr.chain.at(-1)
  const lastArg = last?.args.at(-1)
  if (
    (last?.method === 'openapi' || last?.method === 'meta') &&
    !hasOptions(last) &&
    lastArg?.kind === 'json' &&
    typeof lastArg.value === 'object'
  ) {
    const merged = { ...(lastArg.value as Record<string, unknown>), ...Object.fromEntries(entries) }
    return {
      ...expr,
      chain: [
        ...expr.chain.slice(0, -1),
        { method: last.method, args: [...last.args.slice(0, -1), json(merged)] },
      ],
    }
  }
  const method = expr.kind === 'ref' && expr.chain.length === 0 ? 'meta' : 'openapi'
  return chain(expr, method, json(Object.fromEntries(entries)))
}

/** The metadata of a trailing `.openapi(...)`, if any. */
export function metaOf(expr: Expr): Record<string, unknown> {
  const last = expr.chain.at(-1)
  const arg = last?.method === 'openapi' && !hasOptions(last) ? last.args.at(-1) : undefined
  return arg?.kind === 'json' && typeof arg.value === 'object'
    ? (arg.value as Record<string, unknown>)
    : {}
}

/**
 * A union the document calls `oneOf`: the generator writes `anyOf` for a union unless its options
 * say otherwise. The options call stays apart, so later metadata never merges into it.
 */
export function publishedAsOneOf<E extends Expr>(expr: E): E {
  return chain(expr, 'openapi', json({}), json({ unionPreferredType: 'oneOf' }))
}

/** `.openapi(name?, metadata, options)` with its options argument. */
function hasOptions(call: Call): boolean {
  const first = call.args[0]
  const named = first?.kind === 'json' && typeof first.value === 'string'
  return call.args.length > (named ? 2 : 1)
}

/** `.openapi('Name')`, folding a trailing `.openapi({...})` into `.openapi('Name', {...})`. */
export function withName<E extends Expr>(expr: E, name: string): E {
  const meta = metaOf(expr)
  const rest = Object.keys(meta).length > 0 ? expr.chain.slice(0, -1) : expr.chain
  const args: Arg[] = Object.keys(meta).length > 0 ? [json(name), json(meta)] : [json(name)]
  return { ...expr, chain: [...rest, { method: 'openapi', args }] }
}

/**
 * `Base.extend({...})` needs Base built; when Base is still being built (a cycle), the same schema
 * is `z.intersection(z.lazy(() => Base), z.object({...}))`. Both back ends use this one rewrite.
 */
export function lowerLazyExtend(expr: RefExpr): Expr {
  const [first, ...rest] = expr.chain
  if (first?.method !== 'extend') return expr
  const lazyBase: Expr = zCall('lazy', { kind: 'ref', name: expr.name, chain: [] })
  return { ...zCall('intersection', lazyBase, zCall('object', ...first.args)), chain: rest }
}

export function isCall(expr: Expr, callee: string): expr is CallExpr {
  return expr.kind === 'call' && expr.callee === callee
}

type Schema = z.ZodType
type Builder = (...args: unknown[]) => Schema

/**
 * Named schemas for `evaluateExpr`: `pending` is true while one is being built (a reference back is
 * a cycle).
 */
export interface RefResolver {
  get: (name: string) => Schema
  pending: (name: string) => boolean
}

/**
 * Runs an expression with the real zod. A reference to a schema still being built becomes `z.lazy`.
 */
export function evaluateExpr(expr: Expr, refs: RefResolver): Schema {
  if (expr.kind === 'ref' && refs.pending(expr.name)) {
    const lowered = lowerLazyExtend(expr)
    if (lowered !== expr) return evaluateExpr(lowered, refs)
    return applyChain(
      z.lazy(() => refs.get(expr.name)),
      expr.chain,
      refs,
    )
  }
  if (expr.kind === 'ref') return applyChain(refs.get(expr.name), expr.chain, refs)
  if (expr.callee === 'lazy') {
    const inner = expr.args[0] as Expr
    return applyChain(
      z.lazy(() => evaluateExpr(inner, refs)),
      expr.chain,
      refs,
    )
  }
  const built = lookup(expr.callee)(...expr.args.map((arg) => evaluateArg(arg, refs)))
  return applyChain(built, expr.chain, refs)
}

function applyChain(start: Schema, calls: Call[], refs: RefResolver): Schema {
  let value: unknown = start
  for (const call of calls) {
    const method = (value as Record<string, unknown>)[call.method] as Builder
    value = method.apply(
      value,
      call.args.map((arg) => evaluateArg(arg, refs)),
    )
  }
  return value as Schema
}

function evaluateArg(arg: Arg, refs: RefResolver): unknown {
  switch (arg.kind) {
    case 'json':
      return arg.value
    case 'regex':
      return new RegExp(arg.source, arg.flags)
    case 'shape':
      return Object.fromEntries(arg.entries.map(([key, value]) => [key, evaluateExpr(value, refs)]))
    case 'list':
      return arg.items.map((item) => evaluateArg(item, refs))
    case 'function':
      return FUNCTIONS[arg.name].run
    default:
      return evaluateExpr(arg, refs)
  }
}

function lookup(callee: string): Builder {
  let target: unknown = z
  let owner: unknown = z
  for (const part of callee.split('.')) {
    owner = target
    target = (target as Record<string, unknown>)[part]
  }
  if (typeof target !== 'function') throw new Error(`z.${callee} is not a zod builder`)
  return (target as Builder).bind(owner)
}

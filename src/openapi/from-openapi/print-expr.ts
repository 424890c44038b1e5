import { FUNCTIONS, lowerLazyExtend, type Arg, type Call, type Expr } from './zod-expr.ts'

/** How printed code refers to named schemas. */
export interface PrintScope {
  /** The identifier of a named schema. */
  identifier: (name: string) => string
  /** True when the named schema is already defined above the code being printed. */
  defined: (name: string) => boolean
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

/** TypeScript source for an expression, as a person would write it: `z.string().min(1)`. */
export function printExpr(expr: Expr, scope: PrintScope, indent = ''): string {
  if (expr.kind === 'ref') {
    if (scope.defined(expr.name))
      return scope.identifier(expr.name) + printChain(expr.chain, scope, indent)
    const lowered = lowerLazyExtend(expr)
    if (lowered !== expr) return printExpr(lowered, scope, indent)
    return `z.lazy((): z.ZodType => ${scope.identifier(expr.name)})${printChain(expr.chain, scope, indent)}`
  }
  if (expr.callee === 'lazy') {
    return `z.lazy((): z.ZodType => ${printExpr(expr.args[0] as Expr, scope, indent)})${printChain(expr.chain, scope, indent)}`
  }
  return `z.${expr.callee}(${printArgs(expr.args, scope, indent)})${printChain(expr.chain, scope, indent)}`
}

function printChain(chain: Call[], scope: PrintScope, indent: string): string {
  return chain.map((call) => `.${call.method}(${printArgs(call.args, scope, indent)})`).join('')
}

function printArgs(args: Arg[], scope: PrintScope, indent: string): string {
  return args.map((arg) => printArg(arg, scope, indent)).join(', ')
}

function printArg(arg: Arg, scope: PrintScope, indent: string): string {
  switch (arg.kind) {
    case 'json':
      return printValue(arg.value, indent)
    case 'regex':
      return `/${arg.source}/${arg.flags}`
    case 'function':
      return FUNCTIONS[arg.name].source
    case 'list': {
      const items = arg.items.map((item) => printArg(item, scope, indent))
      const flat = `[${items.join(', ')}]`
      if (flat.length <= 80 && !flat.includes('\n')) return flat
      const inner = `${indent}  `
      return `[\n${arg.items.map((item) => `${inner}${printArg(item, scope, inner)},`).join('\n')}\n${indent}]`
    }
    case 'shape': {
      if (arg.entries.length === 0) return '{}'
      const inner = `${indent}  `
      const lines = arg.entries.map(
        ([key, value]) => `${inner}${printKey(key)}: ${printExpr(value, scope, inner)},`,
      )
      return `{\n${lines.join('\n')}\n${indent}}`
    }
    default:
      return printExpr(arg, scope, indent)
  }
}

export function printKey(key: string): string {
  return IDENTIFIER.test(key) ? key : quote(key)
}

export function quote(text: string): string {
  return `'${JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`
}

/** A JSON value as a TypeScript literal: single quotes, bare keys, one line when it fits. */
export function printValue(value: unknown, indent = ''): string {
  if (typeof value === 'string') return quote(value)
  if (value === null || typeof value !== 'object')
    return value === undefined ? 'undefined' : JSON.stringify(value)
  const inner = `${indent}  `
  const entries = Array.isArray(value)
    ? value.map((item) => printValue(item, inner))
    : Object.entries(value).map(([key, item]) => `${printKey(key)}: ${printValue(item, inner)}`)
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{ ', ' }']
  if (entries.length === 0) return Array.isArray(value) ? '[]' : '{}'
  const flat = `${open}${entries.join(', ')}${close}`
  if (flat.length + indent.length <= 100 && !flat.includes('\n')) return flat
  return `${open.trim()}\n${entries.map((entry) => `${inner}${entry},`).join('\n')}\n${indent}${close.trim()}`
}

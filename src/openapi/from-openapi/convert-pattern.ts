import { generationProblem } from '../../fake/index.ts'
import { childPointer } from './pointer.ts'
import type { SchemaContext } from './schema-context.ts'
import { chain, evaluateExpr, withMeta, type Expr, type RefResolver } from './zod-expr.ts'

// A document's `pattern` as zod checks it, and a warning when the mock cannot generate what it
// matches.

type Schema = Record<string, unknown>

/**
 * An unescaped `\p{…}`, `\P{…}` or `\u{…}`: syntax that means something only with Unicode
 * semantics.
 */
const UNICODE_ONLY = /(?:^|[^\\])(?:\\\\)*\\[pPu]\{/

/**
 * The pattern as a zod regex check; one JavaScript cannot read stays documentation, with a warning.
 */
export function withPattern(
  expr: Expr,
  pattern: string,
  pointer: string,
  ctx: SchemaContext,
): Expr {
  const flags = patternFlags(pattern)
  if (flags !== undefined)
    return chain(expr, 'regex', { kind: 'regex', source: new RegExp(pattern, flags).source, flags })
  const dialect = UNICODE_ONLY.test(pattern)
    ? ` (its \\p{…} names a class of another dialect, such as Java's \\p{Alnum})`
    : ''
  ctx.log.add(
    childPointer(pointer, 'pattern'),
    `the pattern ${JSON.stringify(pattern)} is not a JavaScript regular expression${dialect}`,
    'kept it in the OpenAPI output, not checked',
  )
  return withMeta(expr, { pattern })
}

/**
 * The flags that read a pattern as the document means it: ECMA-262, with Unicode semantics where it
 * uses Unicode-only syntax (without the u flag `\p{L}` is the letters p{L}); undefined when none
 * do.
 */
function patternFlags(pattern: string): string | undefined {
  const candidates = UNICODE_ONLY.test(pattern) ? ['u'] : ['', 'u']
  return candidates.find((flags) => compiles(pattern, flags))
}

function compiles(pattern: string, flags: string): boolean {
  try {
    new RegExp(pattern, flags)
    return true
  } catch {
    return false
  }
}

const NO_REFS: RefResolver = {
  get: (name) => {
    throw new Error(`a string schema refers to no named schema, yet asked for ${name}`)
  },
  pending: () => false,
}

/**
 * A pattern the mock cannot meet is reported when the document loads, not on the request that needs
 * a value.
 */
export function warnUngenerable(
  expr: Expr,
  schema: Schema,
  pointer: string,
  ctx: SchemaContext,
): void {
  const built = evaluateExpr(expr, NO_REFS)
  if (generationProblem(built) === undefined) return
  const examples = [schema.example, ...(Array.isArray(schema.examples) ? schema.examples : [])]
  const example = examples.some((value) => value !== undefined && built.safeParse(value).success)
  const action = example
    ? 'the mock answers with its example'
    : 'the mock answers with the closest string it finds; add an example that matches'
  ctx.log.add(
    pointer,
    `no generated string matches the pattern ${JSON.stringify(schema.pattern)}${lengthsOf(schema)}`,
    action,
  )
}

function lengthsOf(schema: Schema): string {
  const { minLength, maxLength } = schema
  if (typeof minLength === 'number' && typeof maxLength === 'number')
    return ` in ${minLength} to ${maxLength} characters`
  if (typeof minLength === 'number') return ` in at least ${minLength} characters`
  return typeof maxLength === 'number' ? ` in at most ${maxLength} characters` : ''
}

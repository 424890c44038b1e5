import { childPointer } from './pointer.ts'
import type { SchemaContext } from './schema-context.ts'
import { chain, withMeta, type Expr } from './zod-expr.ts'

// A document's `pattern` as zod checks it.

/** An unescaped `\p{…}`, `\P{…}` or `\u{…}`: syntax that means something only with Unicode semantics. */
const UNICODE_ONLY = /(?:^|[^\\])(?:\\\\)*\\[pPu]\{/

/** The pattern as a zod regex check; one JavaScript cannot read stays documentation, with a warning. */
export function withPattern(expr: Expr, pattern: string, pointer: string, ctx: SchemaContext): Expr {
  const flags = patternFlags(pattern)
  if (flags !== undefined) return chain(expr, 'regex', { kind: 'regex', source: new RegExp(pattern, flags).source, flags })
  const dialect = UNICODE_ONLY.test(pattern) ? ` (its \\p{…} names a class of another dialect, such as Java's \\p{Alnum})` : ''
  ctx.log.add(childPointer(pointer, 'pattern'), `the pattern ${JSON.stringify(pattern)} is not a JavaScript regular expression${dialect}`, 'kept it in the OpenAPI output, not checked')
  return withMeta(expr, { pattern })
}

/**
 * The flags that read a pattern as the document means it: ECMA-262, with Unicode semantics where it uses
 * Unicode-only syntax (without the u flag `\p{L}` is the letters p{L}); undefined when none do.
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

import type { WarningLog } from './warnings.ts'
import type { Expr } from './zod-expr.ts'

/** Requests leave out readOnly properties, responses leave out writeOnly ones. */
export type Direction = 'request' | 'response'

/** What converting one schema needs to know about the document around it. */
export interface SchemaContext {
  document: Record<string, unknown>
  dialect: '3.0' | '3.1'
  log: WarningLog
  direction: Direction
  /** Named component schemas: the expression that refers to one, in this direction. */
  refToNamed: (key: string, direction: Direction, pointer: string) => Expr | undefined
  /** True when a named schema is a plain object schema that `.extend()` can build on. */
  isObjectNamed: (key: string, direction: Direction) => boolean
  /** Local refs being inlined right now: a ref back into one of them is a cycle. */
  inlining: ReadonlySet<string>
  /** In a path, query, header or cookie parameter: scalars arrive as strings. */
  inParameter?: boolean
}

export const COMPONENT_SCHEMA = /^#\/components\/schemas\/([^/]+)$/

// What every schema comparison shares: the direction the data flows, how a change is classified by
// it, and how a finding is reported.
import type { Json, Located } from './resolve.ts'
import type { Finding, Level, Side } from './types.ts'

/** Where a schema is read: in what a client sends, or in what the server answers. */
export type Direction = 'request' | 'response'

export interface SchemaScope {
  base: Json
  head: Json
  direction: Direction
  /** What the schema describes, for messages: `the request body (application/json)`. */
  subject: string
  emit: (finding: Finding) => void
  /** Pairs of pointers compared already (a recursive schema is compared once). */
  seen: Set<string>
}

export interface Effect {
  level: Level
  side: Side
}

/**
 * Accepting fewer values breaks whoever sends them (a request's clients, a response's server,
 * which still sends what the old one allowed); accepting more breaks whoever receives them.
 */
export function narrowed(direction: Direction): Effect {
  return { level: 'breaking', side: direction === 'request' ? 'clients' : 'server' }
}

export function widened(direction: Direction): Effect {
  return { level: 'breaking', side: direction === 'request' ? 'server' : 'clients' }
}

export function report(
  scope: SchemaScope,
  rule: string,
  effect: Effect | { level: 'compatible' | 'potentially-breaking'; side?: Side },
  base: Located | undefined,
  head: Located | undefined,
  message: string,
): void {
  scope.emit({
    rule: `${scope.direction}-${rule}`,
    ...effect,
    ...(base ? { base: base.pointer } : {}),
    ...(head ? { head: head.pointer } : {}),
    message,
  })
}

export function named(where: string, scope: SchemaScope): string {
  return where === '' ? scope.subject : `\`${where}\` in ${scope.subject}`
}

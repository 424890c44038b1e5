import type { IssueCode } from '../verify/types.ts'

/** Whose fault a violation is: the frontend sent what the contract does not allow, or the backend answered so. */
export type Side = 'frontend' | 'backend'

/**
 * What the proxy finds: verify's codes for answers, and for requests `invalid_request` (a
 * parameter or body the operation does not accept), `missing_credentials` and `unknown_operation`
 * (a method and path the contract does not have).
 */
export type ViolationCode =
  | IssueCode
  | 'invalid_request'
  | 'missing_credentials'
  | 'unknown_operation'

/** One finding of one exchange. */
export interface Finding {
  side: Side
  code: ViolationCode
  /** The field (`body.items[0].price`, `header.Location`); '' for the message as a whole. */
  path: string
  message: string
  severity: 'error' | 'warning'
}

/** A finding, and the exchange it was found in. */
export interface Violation extends Finding {
  operationId: string | undefined
  method: string
  /** Path and query of the request. */
  target: string
  /** The answer's status; undefined when there was none. */
  status: number | undefined
}

/** Violations that read the same (side, operation, code and field), counted, with the first one. */
export interface ViolationCause extends Violation {
  count: number
}

/** What `GET /__standin/violations` answers and `--json` writes. */
export interface ViolationReport {
  totals: { exchanges: number; mocked: number; violations: number; errors: number; causes: number }
  /** Exchanges per operation, and how many of them the mock answered. */
  operations: Array<{ operationId: string; exchanges: number; mocked: number; violations: number }>
  causes: ViolationCause[]
}

export interface ViolationLog {
  /** Counts an exchange of an operation (undefined: one the contract does not have). */
  exchange(operationId: string | undefined, mocked: boolean): void
  add(violations: readonly Violation[]): void
  report(): ViolationReport
}

/** Distinct causes kept at most; past it, further causes are only counted. */
const MAX_CAUSES = 1000

/**
 * The violations of a proxy's life, grouped by cause as they come: memory stays bounded however
 * long the proxy runs (each cause is kept once, with a count and its first exchange).
 *
 * @example
 * const log = createViolationLog()
 * log.add([{ side: 'backend', code: 'schema_mismatch', … }])
 * log.report().causes[0].count // 1
 */
export function createViolationLog(): ViolationLog {
  const causes = new Map<string, ViolationCause>()
  const operations = new Map<string, { exchanges: number; mocked: number; violations: number }>()
  const totals = { exchanges: 0, mocked: 0, violations: 0, errors: 0 }
  const tally = (operationId: string | undefined) => {
    const key = operationId ?? '(not in the contract)'
    let entry = operations.get(key)
    if (!entry) {
      entry = { exchanges: 0, mocked: 0, violations: 0 }
      operations.set(key, entry)
    }
    return entry
  }
  return {
    exchange(operationId, mocked) {
      const entry = tally(operationId)
      entry.exchanges += 1
      totals.exchanges += 1
      if (mocked) {
        entry.mocked += 1
        totals.mocked += 1
      }
    },
    add(violations) {
      for (const violation of violations) {
        totals.violations += 1
        if (violation.severity === 'error') totals.errors += 1
        tally(violation.operationId).violations += 1
        const key = causeKey(violation)
        const known = causes.get(key)
        if (known) known.count += 1
        else if (causes.size < MAX_CAUSES) causes.set(key, { ...violation, count: 1 })
      }
    },
    report: () => ({
      totals: { ...totals, causes: causes.size },
      operations: [...operations].map(([operationId, counts]) => ({ operationId, ...counts })),
      causes: [...causes.values()].sort(bySeverityThenCount),
    }),
  }
}

function causeKey(violation: Violation): string {
  const { side, operationId, code, path } = violation
  // An operation the contract does not have is a cause per method and path, not per request.
  const where = operationId ?? `${violation.method} ${violation.target.split('?')[0]}`
  return JSON.stringify([side, where, code, path])
}

function bySeverityThenCount(a: ViolationCause, b: ViolationCause): number {
  if (a.severity !== b.severity) return a.severity === 'error' ? -1 : 1
  return b.count - a.count
}

/**
 * One log line for a violation: `✗ backend getProduct schema_mismatch body.price: expected number,
 * received string (GET /products/1 → 200)`.
 */
export function violationLine(violation: Violation): string {
  const mark = violation.severity === 'error' ? '✗' : '!'
  const field = violation.path === '' ? '' : ` ${violation.path}:`
  const operation = violation.operationId ?? '(not in the contract)'
  const answered = violation.status === undefined ? '' : ` → ${violation.status}`
  return `${mark} ${violation.side} ${operation} ${violation.code}${field} ${violation.message} (${violation.method} ${violation.target}${answered})`
}

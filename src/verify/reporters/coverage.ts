import type { CaseKind, CaseResult, OperationResult, VerifyReport } from '../types.ts'

/**
 * A status an operation answered, how often, and whether the contract documents it for the
 * operation.
 */
export interface StatusSeen {
  status: number
  count: number
  documented: boolean
}

/** How far verify got with one operation: the statuses it saw and whether a 2xx was among them. */
export interface OperationCoverage {
  operationId: string
  method: string
  path: string
  /** In numeric order. */
  statuses: StatusSeen[]
  /** A 2xx was answered: the operation's success path was reached at least once. */
  reached: boolean
  /**
   * Why no 2xx was reached, read from the statuses (`credentials refused: every request was
   * answered 401`).
   */
  reason?: string
}

const MEANT_TO_SUCCEED: ReadonlySet<CaseKind> = new Set<CaseKind>([
  'example',
  'valid',
  'setup',
  'sequence',
])
const CREDENTIAL_REFUSALS = new Set([401, 403])
const INVALID_INPUT_REFUSALS = new Set([400, 422])
const NAMES_PER_REASON = 6

/**
 * The coverage of each operation of a report, in report order; sequence steps count for their
 * operation.
 */
export function coverageOf(report: VerifyReport): OperationCoverage[] {
  const steps = report.sequences.flatMap((sequence) => sequence.steps)
  return report.operations.map((op) =>
    operationCoverage(op, [
      ...op.cases,
      ...steps.filter((step) => step.operationId === op.operationId),
    ]),
  )
}

/**
 * `17 of 19 operations reached with a 2xx; never reached: UnfollowUser (credentials refused: every
 * request was answered 401)`: operations that share a reason are named together.
 */
export function coverageSummary(coverage: OperationCoverage[]): string {
  const reached = coverage.filter((row) => row.reached).length
  const counts = `${reached} of ${coverage.length} operation${coverage.length === 1 ? '' : 's'} reached with a 2xx`
  if (reached === coverage.length) return `${counts}.`
  const parts = [...namesByReason(coverage)].map(
    ([reason, names]) => `${namesOf(names)} (${reason})`,
  )
  return `${counts}; never reached: ${parts.join(', ')}`
}

// The report carries the documented keys as strings; compiled operations match them in
// `operation/`.
/**
 * Whether the contract documents a status for an operation: exactly, as a range (`4XX`) or as
 * `default`.
 */
function isDocumented(status: number, documented: string[]): boolean {
  const keys = new Set(documented.map((key) => key.toUpperCase()))
  return (
    keys.has(String(status)) || keys.has(`${Math.floor(status / 100)}XX`) || keys.has('DEFAULT')
  )
}

function operationCoverage(op: OperationResult, cases: CaseResult[]): OperationCoverage {
  const statuses = statusesSeen(cases, op.documented)
  const reached = statuses.some((seen) => seen.status >= 200 && seen.status < 300)
  const row = { operationId: op.operationId, method: op.method, path: op.path, statuses, reached }
  if (reached) return row
  return {
    ...row,
    reason: cases.length === 0 ? (op.skipped ?? 'not run') : neverReachedBecause(cases),
  }
}

function statusesSeen(cases: CaseResult[], documented: string[]): StatusSeen[] {
  const counts = new Map<number, number>()
  for (const found of cases)
    if (found.response)
      counts.set(found.response.status, (counts.get(found.response.status) ?? 0) + 1)
  return [...counts]
    .sort(([a], [b]) => a - b)
    .map(([status, count]) => ({ status, count, documented: isDocumented(status, documented) }))
}

/**
 * Why no 2xx came, read from the requests meant to succeed (examples, valid input, setup and
 * sequence steps): that invalid input was refused says nothing about why valid input was.
 */
function neverReachedBecause(cases: CaseResult[]): string {
  const meant = cases.filter((found) => MEANT_TO_SUCCEED.has(found.kind))
  const [judged, noun] =
    meant.length > 0 && meant.length < cases.length ? [meant, 'valid request'] : [cases, 'request']
  const codes = [
    ...new Set(judged.flatMap((found) => (found.response ? [found.response.status] : []))),
  ].sort((a, b) => a - b)
  if (codes.length === 0) return `no ${noun} was answered`
  const every = `${judged.every((found) => found.response) ? `every ${noun} was answered` : `every ${noun} answered got`} ${codes.join(' or ')}`
  const answered = `${noun}s were answered ${codes.join(', ')}`
  if (codes.some((status) => status >= 500))
    return `server errors: ${codes.length === 1 ? every : answered}`
  if (codes.every((status) => CREDENTIAL_REFUSALS.has(status)))
    return `credentials refused: ${every}`
  if (codes.every((status) => status === 404)) return `nothing found at the values tried: ${every}`
  if (codes.every((status) => INVALID_INPUT_REFUSALS.has(status)))
    return `refused as invalid: ${every}`
  return answered
}

// Map.groupBy would do, but Node 20 lacks it.
function namesByReason(coverage: OperationCoverage[]): Map<string, string[]> {
  const groups = new Map<string, string[]>()
  for (const row of coverage) {
    if (row.reached) continue
    const reason = row.reason ?? ''
    groups.set(reason, [...(groups.get(reason) ?? []), row.operationId])
  }
  return groups
}

function namesOf(names: string[]): string {
  if (names.length <= NAMES_PER_REASON) return names.join(', ')
  return `${names.slice(0, NAMES_PER_REASON).join(', ')} and ${names.length - NAMES_PER_REASON} more`
}

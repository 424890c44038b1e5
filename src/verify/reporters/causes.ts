import { formatPath } from '../issues.ts'
import type { CaseResult, Issue, IssueCode, VerifyReport } from '../types.ts'
import { type PlacedCase, placedCases } from './report-cases.ts'

/**
 * One cause of failures or warnings: the same check failing at the same field of the same operation
 * (or sequence), however many requests showed it. A backend bug is usually one cause seen many times.
 */
export interface Cause {
  /** The operationId, or `sequence <resource>` for what only a sequence can find (`not_found_after_create`). */
  place: string
  code: IssueCode
  /** `items[*].price`: the field, the same for every item of an array; `''` for the response as a whole. */
  field: string
  /** The issue as the first request showed it. */
  issue: Issue
  /** The first request that showed it. */
  first: CaseResult
  /** How many requests showed it. */
  count: number
}

/** What a sequence finds about the resource's life rather than about one response. */
const SEQUENCE_CODES: ReadonlySet<IssueCode> = new Set<IssueCode>(['not_found_after_create', 'not_found_after_update', 'still_readable_after_delete'])

/**
 * The causes of a report's errors or warnings, in report order: by operation as the contract lists them,
 * then the sequences. A response a sequence step got wrong counts for the step's operation, so a bug seen
 * by the operation's own requests and by three sequences is one cause.
 */
export function groupCauses(report: VerifyReport, severity: Issue['severity']): Cause[] {
  const causes = new Map<string, Cause>()
  for (const placed of placedCases(report)) {
    for (const [key, { place, issue }] of issuesByCause(placed, severity)) {
      const known = causes.get(key)
      if (known) known.count += 1
      else causes.set(key, { place, code: issue.code, field: fieldOf(issue), issue, first: placed.found, count: 1 })
    }
  }
  const ranks = placeRanks(report)
  const rankOf = (cause: Cause) => ranks.get(cause.place) ?? ranks.size
  return [...causes.values()].sort((a, b) => rankOf(a) - rankOf(b))
}

/** How many requests showed at least one of the causes. */
export function requestsWith(report: VerifyReport, severity: Issue['severity']): number {
  return placedCases(report).filter((placed) => placed.found.issues.some((issue) => issue.severity === severity)).length
}

/** `schema_mismatch at items[*].price`, or the code alone for the response as a whole. */
export function describeCause(cause: Cause): string {
  return cause.field === '' ? cause.code : `${cause.code} at ${cause.field}`
}

/** A request's issues of one severity by cause, the first of each: a cause counts once per request. */
function issuesByCause(placed: PlacedCase, severity: Issue['severity']): Map<string, { place: string; issue: Issue }> {
  const found = new Map<string, { place: string; issue: Issue }>()
  for (const issue of placed.found.issues) {
    if (issue.severity !== severity) continue
    const place = placeOf(placed, issue)
    const key = causeKey(place, placed.found, issue)
    if (!found.has(key)) found.set(key, { place, issue })
  }
  return found
}

function placeOf(placed: PlacedCase, issue: Issue): string {
  return placed.sequence !== undefined && SEQUENCE_CODES.has(issue.code) ? `sequence ${placed.sequence}` : placed.found.operationId
}

// An undocumented 500 and an undocumented 400 of one operation are two things to fix, so the status
// is part of that cause.
function causeKey(place: string, found: CaseResult, issue: Issue): string {
  const status = issue.code === 'status_undocumented' ? (found.response?.status ?? '') : ''
  return JSON.stringify([place, issue.code, fieldOf(issue), status])
}

/** Operations in report order, then sequences; an operation the report does not list goes last. */
function placeRanks(report: VerifyReport): Map<string, number> {
  const places = [...report.operations.map((op) => op.operationId), ...report.sequences.map((sequence) => `sequence ${sequence.resource}`)]
  return new Map(places.map((place, index) => [place, index]))
}

function fieldOf(issue: Issue): string {
  return issue.path.length === 0 ? '' : formatPath(issue.path, { anyIndex: true })
}

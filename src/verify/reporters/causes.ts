import { formatPath } from '../issues.ts'
import type { CaseResult, Issue, IssueCode, VerifyReport } from '../types.ts'
import { type PlacedCase, placedCases } from './report-cases.ts'

/**
 * One cause of failures or warnings: the same check failing at the same field, however many
 * requests showed it. A backend bug is usually one cause seen many times: a field the serialiser
 * gets wrong shows in every operation that returns the record, a token check that is missing in
 * every secured operation.
 */
export interface Cause {
  /**
   * Where it showed: operationIds in report order, or `sequence <resource>` for what only a
   * sequence can find (`not_found_after_create`).
   */
  places: string[]
  code: IssueCode
  /**
   * `items[*].price`: the field, the same for every item of an array; `''` for the response as a
   * whole.
   */
  field: string
  /** The issue as the first request showed it. */
  issue: Issue
  /** The first request that showed it. */
  first: CaseResult
  /** How many requests showed it. */
  count: number
}

/**
 * Checks whose finding reads the same in every operation: the same field the same wrong way, the
 * same forged token accepted. Seen in several operations they are one cause; a 500 or an
 * undocumented status is one per operation, since each operation's handler fails on its own.
 */
const SHARED_CODES: ReadonlySet<IssueCode> = new Set<IssueCode>([
  'schema_mismatch',
  'undeclared_field',
  'invalid_body',
  'content_type_mismatch',
  'missing_header',
  'header_mismatch',
  'ignored_auth',
  'accepted_forged_credentials',
])

/** What a sequence finds about the resource's life rather than about one response. */
const SEQUENCE_CODES: ReadonlySet<IssueCode> = new Set<IssueCode>([
  'not_found_after_create',
  'not_found_after_update',
  'still_readable_after_delete',
])

/**
 * The causes of a report's errors or warnings, in report order: by operation as the contract lists
 * them, then the sequences. A response a sequence step got wrong counts for the step's operation,
 * so a bug seen by the operation's own requests and by three sequences is one cause.
 */
export function groupCauses(report: VerifyReport, severity: Issue['severity']): Cause[] {
  const causes = new Map<string, Cause>()
  for (const placed of placedCases(report)) {
    for (const [key, { place, issue }] of issuesByCause(placed, severity)) {
      const known = causes.get(key)
      if (!known)
        causes.set(key, {
          places: [place],
          code: issue.code,
          field: fieldOf(issue),
          issue,
          first: placed.found,
          count: 1,
        })
      else {
        known.count += 1
        if (!known.places.includes(place)) known.places.push(place)
      }
    }
  }
  const ranks = placeRanks(report)
  const rankOf = (place: string) => ranks.get(place) ?? ranks.size
  for (const cause of causes.values()) cause.places.sort((a, b) => rankOf(a) - rankOf(b))
  return [...causes.values()].sort((a, b) => rankOf(a.places[0] ?? '') - rankOf(b.places[0] ?? ''))
}

/** How many requests showed at least one of the causes. */
export function requestsWith(report: VerifyReport, severity: Issue['severity']): number {
  return placedCases(report).filter((placed) =>
    placed.found.issues.some((issue) => issue.severity === severity),
  ).length
}

/** `schema_mismatch at items[*].price`, or the code alone for the response as a whole. */
export function describeCause(cause: Cause): string {
  return cause.field === '' ? cause.code : `${cause.code} at ${cause.field}`
}

/**
 * `GetArticle`, or `GetArticle, UpdateArticle and 3 more` for a cause seen in several operations.
 */
export function describePlaces(cause: Cause, named = 2): string {
  const { places } = cause
  if (places.length <= named + 1)
    return places.length === 1
      ? (places[0] ?? '')
      : `${places.slice(0, -1).join(', ')} and ${places.at(-1)}`
  return `${places.slice(0, named).join(', ')} and ${places.length - named} more`
}

/**
 * A request's issues of one severity by cause, the first of each: a cause counts once per request.
 */
function issuesByCause(
  placed: PlacedCase,
  severity: Issue['severity'],
): Map<string, { place: string; issue: Issue }> {
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
  return placed.sequence !== undefined && SEQUENCE_CODES.has(issue.code)
    ? `sequence ${placed.sequence}`
    : placed.found.operationId
}

// An undocumented 500 and an undocumented 400 of one operation are two things to fix, so the status
// is part of that cause. A shared finding is keyed by what it says, less the value and status that
// vary from request to request.
function causeKey(place: string, found: CaseResult, issue: Issue): string {
  if (SHARED_CODES.has(issue.code))
    return JSON.stringify([issue.code, fieldOf(issue), sharedMessage(issue)])
  const status = issue.code === 'status_undocumented' ? (found.response?.status ?? '') : ''
  return JSON.stringify([place, issue.code, fieldOf(issue), status])
}

// What the check says less its particulars: the value got, the item, the status. Auth findings are
// one cause however the credentials were wrong (missing, malformed, forged).
function sharedMessage(issue: Issue): string {
  if (AUTH_CODES.has(issue.code)) return ''
  return issue.message.replace(/\s*\([^()]*\)/g, '').replace(/\b[1-5]\d\d\b/g, 'NNN')
}

const AUTH_CODES: ReadonlySet<IssueCode> = new Set<IssueCode>([
  'ignored_auth',
  'accepted_forged_credentials',
])

/** Operations in report order, then sequences; an operation the report does not list goes last. */
function placeRanks(report: VerifyReport): Map<string, number> {
  const places = [
    ...report.operations.map((op) => op.operationId),
    ...report.sequences.map((sequence) => `sequence ${sequence.resource}`),
  ]
  return new Map(places.map((place, index) => [place, index]))
}

/** Codes whose path names a response header rather than a field of the body. */
const HEADER_CODES: ReadonlySet<IssueCode> = new Set<IssueCode>([
  'content_type_mismatch',
  'missing_header',
  'header_mismatch',
])

function fieldOf(issue: Issue): string {
  if (issue.path.length === 0) return ''
  if (HEADER_CODES.has(issue.code)) return `header ${issue.path.join('.')}`
  return formatPath(issue.path, { anyIndex: true })
}

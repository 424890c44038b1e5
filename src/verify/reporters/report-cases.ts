import type { CaseResult, VerifyReport } from '../types.ts'

/** A request of a report, with the sequence it was a step of. */
export interface PlacedCase {
  found: CaseResult
  /** The sequence's resource (`carts/items`), for a sequence step. */
  sequence?: string
}

/**
 * Every request of a report in report order: the operations' requests, then the sequences' steps.
 */
export function placedCases(report: VerifyReport): PlacedCase[] {
  const operations = report.operations.flatMap((op) => op.cases.map((found) => ({ found })))
  const sequences = report.sequences.flatMap((sequence) =>
    sequence.steps.map((found) => ({ found, sequence: sequence.resource })),
  )
  return [...operations, ...sequences]
}

/** `valid: faker-valid input #1`: how a request came about. */
export function caseTitle(found: CaseResult): string {
  return `${found.kind}: ${found.name}`
}

/** `GET http://127.0.0.1:3000/products/p1 → 200`, or `→ no response` when the target gave none. */
export function requestLine(found: CaseResult): string {
  return `${found.request.method} ${found.request.url} → ${found.response ? found.response.status : 'no response'}`
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}

import type { VerifyReport } from '../types.ts'
import { placedCases } from './report-cases.ts'

/**
 * Share of answers that were 404 from which the base path, rather than the backend, is the likely
 * cause.
 */
const NEARLY_EVERY = 0.9
// One or two operations can 404 to every value tried; a wrong base path shows on all of them.
const MIN_OPERATIONS = 3

/**
 * A hint when (nearly) every answered request got 404, which most often means the API was looked
 * for under the wrong path: `Every request was answered 404: is the base path right? …`.
 */
export function basePathHint(report: VerifyReport): string | undefined {
  const answered = placedCases(report).filter((placed) => placed.found.response !== undefined)
  const notFound = answered.filter((placed) => placed.found.response?.status === 404).length
  const operations = new Set(answered.map((placed) => placed.found.operationId)).size
  if (operations < MIN_OPERATIONS || notFound < answered.length * NEARLY_EVERY) return undefined
  const what =
    notFound === answered.length
      ? 'Every request was answered 404'
      : `${notFound} of ${answered.length} requests were answered 404`
  return `${what}: is the base path right? ${whereRequestsWent(report.basePath)}`
}

function whereRequestsWent({ used, documented }: VerifyReport['basePath']): string {
  if (used !== documented)
    return `Requests went under ${used}; the contract's server says ${documented}.`
  return `Requests went under ${used}, as the contract's server says; if the backend serves the API elsewhere, pass --base-path PATH or put the path in --target.`
}

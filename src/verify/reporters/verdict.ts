import type { VerifyReport } from '../types.ts'
import { plural } from './report-cases.ts'

/**
 * The one-line outcome of a run with its exit code: `Failed: 2 of 3 operations and sequences broke
 * the contract …`.
 */
export function verdictOf(report: VerifyReport): string {
  const { totals } = report
  const notRun = totals.notRun > 0 ? `; ${totals.notRun} not run` : ''
  const counts = `${plural(totals.operations, 'operation')}, ${plural(totals.sequences, 'sequence')}, ${plural(totals.requests, 'request')} in ${(report.durationMs / 1000).toFixed(1)} s${notRun}`
  if (report.status === 'error')
    return `Could not run: ${report.error?.message ?? 'unknown error'} (${counts}). Exit code 2.`
  const warnings = plural(totals.warnings, 'warning')
  if (report.status === 'passed') return `Passed: ${counts}; ${warnings}. Exit code 0.`
  const failed = totals.failedOperations + totals.failedSequences
  return `Failed: ${failed} of ${totals.operations + totals.sequences} operations and sequences broke the contract (${plural(totals.errors, 'error')}, ${warnings}); ${counts}. Exit code 1.`
}

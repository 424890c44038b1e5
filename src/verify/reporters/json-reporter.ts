import type { VerifyReport } from '../types.ts'

/**
 * The report as JSON, for tools: the same data `verify` returns (secrets already redacted).
 *
 * @example
 * await writeFile('standin-report.json', toJsonReport(report))
 */
export function toJsonReport(report: VerifyReport): string {
  return `${JSON.stringify({ format: 'standin.verify-report/1', ...report }, null, 2)}\n`
}

import { formatPath } from '../issues.ts'
import type { CaseResult, Issue, OperationResult, ProgressEvent, SequenceResult, VerifyReport } from '../types.ts'

export interface ConsoleOptions {
  /** Where text goes (stderr for progress in the CLI). */
  write: (text: string) => void
  /** A live bar that rewrites one line instead of a line per operation. */
  tty?: boolean
  /** ANSI colours. */
  color?: boolean
}

const BAR_WIDTH = 24
const MAX_WARNINGS_SHOWN = 20

/**
 * Progress while `verify` runs: a line per operation and sequence, or a live bar on a terminal.
 *
 * @example
 * await verify(contract, { target, onProgress: createProgressPrinter({ write: (t) => process.stderr.write(t), tty: process.stderr.isTTY }) })
 */
export function createProgressPrinter(options: ConsoleOptions): (event: ProgressEvent) => void {
  const paint = painter(options.color ?? false)
  return function printProgress(event) {
    if (event.type === 'start') {
      options.write(`Verifying ${event.target} against ${event.operations} operations (seed ${event.seed})\n`)
      return
    }
    const { index, total, result } = event
    const line = event.type === 'operation' ? operationLine(event.result, paint) : sequenceLine(event.result, paint)
    if (!options.tty) {
      options.write(`${line}\n`)
      return
    }
    const done = Math.round(((index + 1) / total) * BAR_WIDTH)
    const name = 'operationId' in result ? result.operationId : `sequence ${result.resource}`
    const bar = `[${'#'.repeat(done)}${'.'.repeat(BAR_WIDTH - done)}] ${index + 1}/${total} ${name}`
    options.write(`\r\x1b[K${result.ok ? bar : `${line}\n${bar}`}${index + 1 === total ? '\r\x1b[K' : ''}`)
  }
}

/**
 * The report as text: failures with their seed and curl, warnings, a summary table and the verdict.
 *
 * @example
 * process.stdout.write(formatConsoleReport(report, { color: process.stdout.isTTY }))
 */
export function formatConsoleReport(report: VerifyReport, options: { color?: boolean } = {}): string {
  const paint = painter(options.color ?? false)
  const sections = [
    failuresSection(report, paint),
    warningsSection(report),
    operationTable(report.operations, paint),
    sequenceTable(report.sequences, paint),
    report.notes.map((note) => `note: ${note}`).join('\n'),
    verdict(report, paint),
  ]
  return `${sections.filter((section) => section !== '').join('\n\n')}\n`
}

type Paint = (text: string, tone: 'red' | 'green' | 'yellow' | 'dim') => string

function painter(color: boolean): Paint {
  const codes = { red: 31, green: 32, yellow: 33, dim: 2 }
  return (text, tone) => (color ? `\x1b[${codes[tone]}m${text}\x1b[0m` : text)
}

function operationLine(result: OperationResult, paint: Paint): string {
  const failed = result.cases.filter((found) => !found.ok).length
  const mark = result.ok ? paint('✓', 'green') : paint('✗', 'red')
  const outcome = result.ok ? plural(result.cases.length, 'request') : paint(`${failed} of ${plural(result.cases.length, 'request')} failed: ${codesOf(result.cases)}`, 'red')
  return `  ${mark} ${result.operationId.padEnd(22)} ${`${result.method} ${result.path}`.padEnd(42)} ${outcome}`
}

function sequenceLine(result: SequenceResult, paint: Paint): string {
  const mark = result.ok ? paint('✓', 'green') : paint('✗', 'red')
  const steps = result.steps.filter((step) => step.kind === 'sequence').map((step) => step.name.replace(/ \(attempt \d+\)$/, '')).filter((name, index, all) => all.indexOf(name) === index)
  const outcome = result.ok ? (result.skipped ? paint(`stopped: ${result.skipped}`, 'dim') : steps.join(' → ')) : paint(codesOf(result.steps), 'red')
  return `  ${mark} sequence ${result.resource.padEnd(13)} ${outcome}`
}

function codesOf(cases: CaseResult[]): string {
  const codes = cases.flatMap((found) => found.issues.filter((issue) => issue.severity === 'error').map((issue) => issue.code))
  return [...new Set(codes)].join(', ')
}

function failuresSection(report: VerifyReport, paint: Paint): string {
  const failing = [...report.operations.flatMap((op) => op.cases), ...report.sequences.flatMap((sequence) => sequence.steps)].filter((found) => !found.ok)
  if (failing.length === 0) return ''
  const blocks = failing.map((found) => failureBlock(found, report.seed, paint))
  return `${paint(`Failures (${failing.length})`, 'red')}\n\n${blocks.join('\n\n')}`
}

function failureBlock(found: CaseResult, runSeed: number, paint: Paint): string {
  const status = found.response ? ` → ${found.response.status}` : ''
  const lines = [
    `${paint('✗', 'red')} ${found.operationId}: ${found.name} [${found.kind}] ${found.request.method} ${found.request.url}${status}`,
    ...found.issues.filter((issue) => issue.severity === 'error').map((issue) => `    ${describeIssue(issue)}`),
    `    seed: ${found.seed} (run with --seed ${runSeed})`,
    `    ${found.curl}`,
  ]
  return lines.join('\n')
}

function describeIssue(issue: Issue): string {
  const where = issue.path.length > 0 ? ` at ${formatPath(issue.path)}` : ''
  return `${issue.code}${where}: ${issue.message}`
}

function warningsSection(report: VerifyReport): string {
  const cases = [...report.operations.flatMap((op) => op.cases), ...report.sequences.flatMap((sequence) => sequence.steps)]
  const lines = [...new Set(cases.flatMap((found) => found.issues.filter((issue) => issue.severity === 'warning').map((issue) => `  ${found.operationId}: ${describeIssue(issue)}`)))]
  if (lines.length === 0) return ''
  const more = lines.length > MAX_WARNINGS_SHOWN ? `\n  … and ${lines.length - MAX_WARNINGS_SHOWN} more (see --json)` : ''
  return `Warnings (errors with --strict)\n${lines.slice(0, MAX_WARNINGS_SHOWN).join('\n')}${more}`
}

function operationTable(operations: OperationResult[], paint: Paint): string {
  if (operations.length === 0) return ''
  const rows = operations.map((op) => [op.operationId, op.method, op.path, String(op.cases.length), op.ok ? 'passed' : 'FAILED', codesOf(op.cases)])
  return table(['Operation', 'Method', 'Path', 'Requests', 'Result', 'Codes'], rows, paint)
}

function sequenceTable(sequences: SequenceResult[], paint: Paint): string {
  if (sequences.length === 0) return ''
  const rows = sequences.map((sequence) => [
    sequence.resource,
    String(sequence.steps.length),
    sequence.ok ? (sequence.skipped ? 'skipped' : 'passed') : 'FAILED',
    sequence.ok ? (sequence.skipped ?? '') : codesOf(sequence.steps),
  ])
  return table(['Sequence', 'Requests', 'Result', 'Codes'], rows, paint)
}

function table(header: string[], rows: string[][], paint: Paint): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)))
  const format = (row: string[]) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ').trimEnd()
  const lines = rows.map((row) => {
    const text = format(row)
    return row.includes('FAILED') ? paint(text, 'red') : text
  })
  return [format(header), ...lines].join('\n')
}

function verdict(report: VerifyReport, paint: Paint): string {
  const { totals } = report
  const counts = `${plural(totals.operations, 'operation')}, ${plural(totals.sequences, 'sequence')}, ${plural(totals.requests, 'request')} in ${(report.durationMs / 1000).toFixed(1)} s`
  if (report.status === 'error') return paint(`Could not run: ${report.error?.message ?? 'unknown error'} (${counts}). Exit code 2.`, 'red')
  const warnings = plural(totals.warnings, 'warning')
  if (report.status === 'passed') return paint(`Passed: ${counts}; ${warnings}. Exit code 0.`, 'green')
  const failed = totals.failedOperations + totals.failedSequences
  return paint(`Failed: ${failed} of ${totals.operations + totals.sequences} operations and sequences broke the contract (${plural(totals.errors, 'error')}, ${warnings}); ${counts}. Exit code 1.`, 'red')
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}

import type {
  CaseResult,
  OperationResult,
  ProgressEvent,
  SequenceResult,
  VerifyReport,
} from '../types.ts'
import { basePathHint } from './base-path-hint.ts'
import { type Cause, describeCause, describePlaces, groupCauses, requestsWith } from './causes.ts'
import { coverageOf, coverageSummary, type OperationCoverage } from './coverage.ts'
import { caseTitle, plural, requestLine } from './report-cases.ts'
import { verdictOf } from './verdict.ts'

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
const MAX_CAUSES_SHOWN = 20
/** The report aims to fit one screen: causes get their request and curl while the lines last. */
const SCREEN_LINES = 50
/** However long the rest, six causes in full. */
const MIN_CAUSE_LINES = 18
/** A cause in full: what and how often, the first request with its seed, its curl. */
const LINES_PER_DETAILED_CAUSE = 3

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
      options.write(
        `Verifying ${event.target} against ${event.operations} operations (seed ${event.seed})\n`,
      )
      return
    }
    const { index, total, result } = event
    const line =
      event.type === 'operation'
        ? operationLine(event.result, paint)
        : sequenceLine(event.result, paint)
    if (!options.tty) {
      options.write(`${line}\n`)
      return
    }
    const done = Math.round(((index + 1) / total) * BAR_WIDTH)
    const name = 'operationId' in result ? result.operationId : `sequence ${result.resource}`
    const bar = `[${'#'.repeat(done)}${'.'.repeat(BAR_WIDTH - done)}] ${index + 1}/${total} ${name}`
    options.write(
      `\r\x1b[K${result.ok ? bar : `${line}\n${bar}`}${index + 1 === total ? '\r\x1b[K' : ''}`,
    )
  }
}

/**
 * The report as text, meant to be read in one screen: the failures grouped by cause (each with how
 * many requests showed it, and the first one's seed and curl), warnings by cause, which statuses
 * each operation answered and which were never reached with a 2xx, the sequences, a hint when every
 * request was answered 404, and the verdict as the last line.
 *
 * @example
 * process.stdout.write(formatConsoleReport(report, { color: process.stdout.isTTY }))
 */
export function formatConsoleReport(
  report: VerifyReport,
  options: { color?: boolean } = {},
): string {
  const paint = painter(options.color ?? false)
  const hint = basePathHint(report)
  const rest = [
    warningsSection(report, paint),
    coverageSection(coverageOf(report), paint),
    sequenceTable(report.sequences, paint),
    report.notes.map((note) => `note: ${note}`).join('\n'),
    hint ? paint(hint, 'yellow') : '',
    paint(verdictOf(report), report.status === 'passed' ? 'green' : 'red'),
  ].filter((section) => section !== '')
  const failures = failuresSection(report, SCREEN_LINES - lineCount(rest), paint)
  return `${[failures, ...rest].filter((section) => section !== '').join('\n\n')}\n`
}

type Paint = (text: string, tone: Tone) => string
type Tone = 'red' | 'green' | 'yellow' | 'dim'

function painter(color: boolean): Paint {
  const codes = { red: 31, green: 32, yellow: 33, dim: 2 }
  return (text, tone) => (color ? `\x1b[${codes[tone]}m${text}\x1b[0m` : text)
}

function operationLine(result: OperationResult, paint: Paint): string {
  const failed = result.cases.filter((found) => !found.ok).length
  const mark = result.ok ? paint('✓', 'green') : paint('✗', 'red')
  const outcome = result.ok
    ? plural(result.cases.length, 'request')
    : paint(
        `${failed} of ${plural(result.cases.length, 'request')} failed: ${codesOf(result.cases)}`,
        'red',
      )
  return `  ${mark} ${result.operationId.padEnd(22)} ${`${result.method} ${result.path}`.padEnd(42)} ${outcome}`
}

function sequenceLine(result: SequenceResult, paint: Paint): string {
  const mark = result.ok ? paint('✓', 'green') : paint('✗', 'red')
  const steps = result.steps
    .filter((step) => step.kind === 'sequence')
    .map((step) => step.name.replace(/ \(attempt \d+\)$/, ''))
    .filter((name, index, all) => all.indexOf(name) === index)
  const outcome = result.ok
    ? result.skipped
      ? paint(`stopped: ${result.skipped}`, 'dim')
      : steps.join(' → ')
    : paint(codesOf(result.steps), 'red')
  return `  ${mark} sequence ${result.resource.padEnd(13)} ${outcome}`
}

function codesOf(cases: CaseResult[]): string {
  const codes = cases.flatMap((found) =>
    found.issues.filter((issue) => issue.severity === 'error').map((issue) => issue.code),
  )
  return [...new Set(codes)].join(', ')
}

/** The failures by cause in `screenLines` lines (less a header and a footer) where they fit. */
function failuresSection(report: VerifyReport, screenLines: number, paint: Paint): string {
  const causes = groupCauses(report, 'error')
  if (causes.length === 0) return ''
  const shown = causes.slice(0, MAX_CAUSES_SHOWN)
  const detailed = detailedCauses(shown.length, Math.max(MIN_CAUSE_LINES, screenLines - 2))
  const header = paint(
    `Failures: ${plural(causes.length, 'cause')} in ${plural(requestsWith(report, 'error'), 'request')}`,
    'red',
  )
  const blocks = shown.map((cause, index) =>
    index < detailed ? detailedCause(cause, report.seed, paint) : causeLine(cause, '✗', paint),
  )
  return [header, ...blocks, ...causesFooter(causes.length, shown.length, detailed)].join('\n')
}

/**
 * How many of the causes shown get their request and curl, the rest one line each, in `lines`
 * lines.
 */
function detailedCauses(shown: number, lines: number): number {
  if (shown * LINES_PER_DETAILED_CAUSE <= lines) return shown
  return Math.max(0, Math.floor((lines - shown) / (LINES_PER_DETAILED_CAUSE - 1)))
}

function detailedCause(cause: Cause, runSeed: number, paint: Paint): string {
  const { first } = cause
  const request = `    ${caseTitle(first)} — ${requestLine(first)} (seed ${first.seed}; run with --seed ${runSeed})`
  return [causeLine(cause, '✗', paint), paint(request, 'dim'), `    ${first.curl}`].join('\n')
}

function causeLine(cause: Cause, mark: '✗' | '!', paint: Paint): string {
  const tone = mark === '✗' ? 'red' : 'yellow'
  return `${paint(mark, tone)} ${describePlaces(cause)}: ${describeCause(cause)} ${paint(`×${cause.count}`, tone)} — ${cause.issue.message}`
}

function causesFooter(total: number, shown: number, detailed: number): string[] {
  const parts = [
    ...(total > shown ? [`… and ${total - shown} more`] : []),
    ...(detailed < total
      ? ['the first request and curl of every cause: --html FILE or --json FILE']
      : []),
  ]
  return parts.length === 0 ? [] : [`  ${parts.join('; ')}`]
}

function warningsSection(report: VerifyReport, paint: Paint): string {
  const causes = groupCauses(report, 'warning')
  if (causes.length === 0) return ''
  const strict = causes.some((cause) => cause.code === 'undeclared_field')
    ? ' (undeclared fields fail the run with --strict)'
    : ''
  const header = `Warnings: ${plural(causes.length, 'cause')} in ${plural(requestsWith(report, 'warning'), 'request')}${strict}`
  const lines = causes.slice(0, MAX_WARNINGS_SHOWN).map((cause) => causeLine(cause, '!', paint))
  const more =
    causes.length > MAX_WARNINGS_SHOWN
      ? [`  … and ${causes.length - MAX_WARNINGS_SHOWN} more (see --json)`]
      : []
  return [header, ...lines, ...more].join('\n')
}

function coverageSection(coverage: OperationCoverage[], paint: Paint): string {
  if (coverage.length === 0) return ''
  const rows = coverage.map((row) => [
    row.operationId,
    row.method,
    row.path,
    statusesText(row),
    row.reached ? 'yes' : 'no',
  ])
  const text = table(
    ['Operation', 'Method', 'Path', 'Statuses (! undocumented)', '2xx'],
    rows,
    (row) => (row[4] === 'no' ? 'yellow' : undefined),
    paint,
  )
  return `${text}\n${coverageSummary(coverage)}`
}

function statusesText(row: OperationCoverage): string {
  if (row.statuses.length === 0) return '-'
  return row.statuses.map((seen) => `${seen.status}${seen.documented ? '' : '!'}`).join(' ')
}

function sequenceTable(sequences: SequenceResult[], paint: Paint): string {
  if (sequences.length === 0) return ''
  const rows = sequences.map((sequence) => [
    sequence.resource,
    String(sequence.steps.length),
    sequence.ok ? (sequence.skipped ? 'skipped' : 'passed') : 'FAILED',
    sequence.ok ? (sequence.skipped ?? '') : codesOf(sequence.steps),
  ])
  return table(
    ['Sequence', 'Requests', 'Result', 'Codes'],
    rows,
    (row) => (row[2] === 'FAILED' ? 'red' : undefined),
    paint,
  )
}

function table(
  header: string[],
  rows: string[][],
  toneOf: (row: string[]) => Tone | undefined,
  paint: Paint,
): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  )
  const format = (row: string[]) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd()
  const lines = rows.map((row) => {
    const tone = toneOf(row)
    return tone ? paint(format(row), tone) : format(row)
  })
  return [format(header), ...lines].join('\n')
}

function lineCount(sections: string[]): number {
  return sections.reduce((sum, section) => sum + section.split('\n').length + 1, 0)
}

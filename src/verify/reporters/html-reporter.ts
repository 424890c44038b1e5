import { formatPath } from '../issues.ts'
import { isNotRun } from '../not-run.ts'
import type { CaseResult, Issue, SequenceResult, VerifyReport } from '../types.ts'
import { basePathHint } from './base-path-hint.ts'
import { type Cause, describeCause, groupCauses, requestsWith } from './causes.ts'
import { coverageOf, coverageSummary, type OperationCoverage } from './coverage.ts'
import { caseTitle, plural, requestLine } from './report-cases.ts'
import { verdictOf } from './verdict.ts'

/**
 * The report as one self-contained HTML page for CI to publish: the verdict and totals, the
 * failures and warnings by cause, which statuses each operation answered, and every request with
 * its headers, bodies, issues and curl. No scripts and nothing fetched from elsewhere; every value
 * is escaped, and secrets are already redacted.
 *
 * @example
 * await writeFile('reports/standin.html', toHtmlReport(report))
 */
export function toHtmlReport(report: VerifyReport): string {
  const body = [
    summarySection(report),
    hintSection(report),
    causesSection(report, 'error'),
    causesSection(report, 'warning'),
    coverageSection(coverageOf(report)),
    notesSection(report.notes),
    requestsSection(report),
  ]
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(`standin verify: ${report.status} (${report.target})`)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...body.filter((section) => section !== ''),
    '</body>',
    '</html>',
    '',
  ].join('\n')
}

const STYLE = [
  'body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:78rem;padding:0 1rem;color:#1d2330}',
  'h1{font-size:1.5rem;margin:0 0 .5rem}h2{font-size:1.2rem;margin:2rem 0 .5rem}h4{margin:.6rem 0 .2rem}',
  'code,pre{font:12.5px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace}',
  'pre{background:#f4f5f7;padding:.5rem .7rem;overflow-x:auto;white-space:pre-wrap;word-break:break-all;margin:.2rem 0}',
  '.verdict{font-weight:600;padding:.6rem .8rem;border-radius:4px}',
  '.verdict.passed{background:#e3f5e8;color:#14532d}.verdict.failed,.verdict.error{background:#fde8e8;color:#7f1d1d}',
  '.totals{display:flex;flex-wrap:wrap;gap:.4rem 1.6rem;margin:.8rem 0}.totals dt{font-size:12px;color:#5b6472}.totals dd{margin:0;font-weight:600}',
  '.hint{background:#fff6db;padding:.6rem .8rem;border-radius:4px}',
  '.cause{border-left:4px solid #dc2626;padding:.1rem .8rem;margin:.8rem 0}.cause.warning{border-color:#d97706}.cause p{margin:.2rem 0}',
  '.count{font-weight:600}',
  'table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #d6d9de;padding:.25rem .5rem;text-align:left;vertical-align:top}',
  'th{background:#f4f5f7}td.status{text-align:right}td.undocumented{background:#fde8e8;color:#7f1d1d;font-weight:600}',
  'tr.unreached td:first-child{border-left:4px solid #d97706}',
  'details{margin:.3rem 0}summary{cursor:pointer}details details{margin-left:1.2rem}',
  '.failed>summary{color:#b91c1c}.issues li.error{color:#b91c1c}.issues li.warning{color:#92400e}',
].join('\n')

function summarySection(report: VerifyReport): string {
  const { totals } = report
  const facts: [string, string][] = [
    ['Target', report.target],
    ['Seed', String(report.seed)],
    ['Base path', `${report.basePath.used} (contract: ${report.basePath.documented})`],
    ['Operations', `${totals.operations}, ${totals.failedOperations} failed`],
    ['Sequences', `${totals.sequences}, ${totals.failedSequences} failed`],
    ['Requests', String(totals.requests)],
    ['Errors', String(totals.errors)],
    ['Warnings', String(totals.warnings)],
    ...(totals.notRun > 0 ? [['Not run', String(totals.notRun)] as [string, string]] : []),
    ['Duration', `${(report.durationMs / 1000).toFixed(1)} s`],
  ]
  const list = facts
    .map(([term, value]) => `<div><dt>${term}</dt><dd>${escapeHtml(value)}</dd></div>`)
    .join('')
  return `<header>\n<h1>standin verify</h1>\n<p class="verdict ${report.status}">${escapeHtml(verdictOf(report))}</p>\n<dl class="totals">${list}</dl>\n</header>`
}

function hintSection(report: VerifyReport): string {
  const hint = basePathHint(report)
  return hint ? `<p class="hint">${escapeHtml(hint)}</p>` : ''
}

function causesSection(report: VerifyReport, severity: Issue['severity']): string {
  const causes = groupCauses(report, severity)
  if (causes.length === 0) return ''
  const title = `${severity === 'error' ? 'Failures' : 'Warnings'}: ${plural(causes.length, 'cause')} in ${plural(requestsWith(report, severity), 'request')}`
  const blocks = causes.map((cause) => causeBlock(cause, report.seed))
  return `<section id="${severity === 'error' ? 'failures' : 'warnings'}">\n<h2>${title}</h2>\n${blocks.join('\n')}\n</section>`
}

function causeBlock(cause: Cause, runSeed: number): string {
  const { first } = cause
  return [
    `<div class="cause ${cause.issue.severity}">`,
    `<p><strong>${escapeHtml(cause.places.join(', '))}</strong> <code>${escapeHtml(describeCause(cause))}</code> <span class="count">×${cause.count}</span></p>`,
    `<p>${escapeHtml(cause.issue.message)}</p>`,
    `<p>First: ${escapeHtml(caseTitle(first))} — <code>${escapeHtml(requestLine(first))}</code>, seed ${first.seed} (run with --seed ${runSeed})</p>`,
    `<pre>${escapeHtml(first.curl)}</pre>`,
    `<details><summary>Its request and response</summary>\n${exchange(first).join('\n')}\n</details>`,
    '</div>',
  ].join('\n')
}

function coverageSection(coverage: OperationCoverage[]): string {
  if (coverage.length === 0) return ''
  const statuses = [
    ...new Set(coverage.flatMap((row) => row.statuses.map((seen) => seen.status))),
  ].sort((a, b) => a - b)
  const head = ['Operation', 'Request', ...statuses.map(String), '2xx', 'Why not']
    .map((title) => `<th>${title}</th>`)
    .join('')
  const rows = coverage.map((row) => coverageRow(row, statuses))
  return [
    '<section id="coverage">',
    '<h2>Coverage</h2>',
    `<p>${escapeHtml(coverageSummary(coverage))}</p>`,
    '<p>Each cell counts the requests answered with that status; a marked cell (!) is a status the contract does not document for the operation.</p>',
    `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`,
    '</section>',
  ].join('\n')
}

function coverageRow(row: OperationCoverage, statuses: number[]): string {
  const cells = statuses.map((status) => {
    const seen = row.statuses.find((candidate) => candidate.status === status)
    if (!seen) return '<td></td>'
    return seen.documented
      ? `<td class="status">${seen.count}</td>`
      : `<td class="status undocumented" title="not documented">${seen.count}!</td>`
  })
  const name = `<td>${escapeHtml(row.operationId)}</td><td><code>${escapeHtml(`${row.method} ${row.path}`)}</code></td>`
  return `<tr${row.reached ? '' : ' class="unreached"'}>${name}${cells.join('')}<td>${row.reached ? 'yes' : 'no'}</td><td>${escapeHtml(row.reason ?? '')}</td></tr>`
}

function notesSection(notes: string[]): string {
  if (notes.length === 0) return ''
  return `<section id="notes">\n<h2>Notes</h2>\n<ul>${notes.map((note) => `<li>${escapeHtml(note)}</li>`).join('')}</ul>\n</section>`
}

function requestsSection(report: VerifyReport): string {
  const groups = [
    ...report.operations.map((op) => ({
      title: `<strong>${escapeHtml(op.operationId)}</strong> <code>${escapeHtml(`${op.method} ${op.path}`)}</code>`,
      cases: op.cases,
      note: op.skipped ?? '',
    })),
    ...report.sequences.map((sequence) => ({
      title: `<strong>sequence ${escapeHtml(sequence.resource)}</strong>`,
      cases: sequence.steps,
      note: sequenceNote(sequence),
    })),
  ]
  if (groups.length === 0) return ''
  const blocks = groups.map((group) =>
    requestGroup(group.title, group.cases, group.note, report.seed),
  )
  return `<section id="requests">\n<h2>Requests</h2>\n${blocks.join('\n')}\n</section>`
}

/** Why a sequence stopped early, or was never started. */
function sequenceNote(sequence: SequenceResult): string {
  if (sequence.skipped === undefined) return ''
  return isNotRun(sequence) ? sequence.skipped : `stopped: ${sequence.skipped}`
}

function requestGroup(title: string, cases: CaseResult[], note: string, runSeed: number): string {
  const failed = cases.filter((found) => !found.ok).length
  const counts = `${plural(cases.length, 'request')}${failed > 0 ? `, ${failed} failed` : ''}${note === '' ? '' : `; ${escapeHtml(note)}`}`
  const details = cases.map((found) => requestDetails(found, runSeed))
  return `<details${failed > 0 ? ' class="failed"' : ''}><summary>${title} — ${counts}</summary>\n${details.join('\n')}\n</details>`
}

function requestDetails(found: CaseResult, runSeed: number): string {
  const mark = found.ok ? '✓' : '✗'
  return [
    `<details${found.ok ? '' : ' class="failed"'}><summary>${mark} ${escapeHtml(caseTitle(found))} — <code>${escapeHtml(requestLine(found))}</code></summary>`,
    ...exchange(found),
    `<p>Seed ${found.seed} (run with --seed ${runSeed})</p>`,
    `<pre>${escapeHtml(found.curl)}</pre>`,
    '</details>',
  ].join('\n')
}

/** A request as sent, the response as received, and the issues found in it. */
function exchange(found: CaseResult): string[] {
  return [
    '<h4>Request</h4>',
    `<pre>${escapeHtml(messageText(`${found.request.method} ${found.request.url}`, found.request.headers, found.request.body))}</pre>`,
    '<h4>Response</h4>',
    found.response
      ? `<pre>${escapeHtml(messageText(`${found.response.status} (${found.response.durationMs} ms)`, found.response.headers, found.response.body))}</pre>`
      : '<p>No response.</p>',
    ...issuesList(found.issues),
  ]
}

/** A request or response as text: its first line, headers, and body after a blank line. */
function messageText(
  firstLine: string,
  headers: Record<string, string>,
  body: string | undefined,
): string {
  const lines = [firstLine, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)]
  return body === undefined || body === '' ? lines.join('\n') : `${lines.join('\n')}\n\n${body}`
}

function issuesList(issues: Issue[]): string[] {
  if (issues.length === 0) return []
  const items = issues.map((issue) => {
    const where = issue.path.length === 0 ? '' : ` at ${formatPath(issue.path)}`
    return `<li class="${issue.severity}"><code>${issue.code}</code>${escapeHtml(where)}: ${escapeHtml(issue.message)}</li>`
  })
  return ['<h4>Issues</h4>', `<ul class="issues">${items.join('')}</ul>`]
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

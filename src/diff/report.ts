import { escapeXml } from '../verify/reporters/junit-reporter.ts'
import type { Change, DiffResult, Level } from './types.ts'

/** Which changes fail a run: breaking ones (either side), or potentially breaking ones too. */
export type FailOn = 'breaking' | 'potentially-breaking'

/** The changes that fail a run at `failOn`. */
export function failing(result: DiffResult, failOn: FailOn): Change[] {
  return result.changes.filter(
    (change) =>
      change.level === 'breaking' ||
      (failOn === 'potentially-breaking' && change.level === 'potentially-breaking'),
  )
}

/** `2 breaking (1 for clients, 1 for the server), 1 potentially breaking, 3 compatible`. */
export function summaryLine(result: DiffResult): string {
  const { counts } = result
  if (result.changes.length === 0) return 'no changes'
  const sides = [
    counts.breakingClients > 0 ? `${counts.breakingClients} for clients` : '',
    counts.breakingServer > 0 ? `${counts.breakingServer} for the server` : '',
  ].filter(Boolean)
  return `${counts.breaking} breaking${sides.length > 0 ? ` (${sides.join(', ')})` : ''}, ${counts.potentiallyBreaking} potentially breaking, ${counts.compatible} compatible`
}

/** How a change is classified, in words: `breaking for clients`. */
export function verdict(change: Change): string {
  if (change.level === 'compatible') return 'compatible'
  const level = change.level === 'breaking' ? 'breaking' : 'potentially breaking'
  return change.side ? `${level} for ${change.side === 'server' ? 'the server' : 'clients'}` : level
}

const MARK: Record<Level, string> = { breaking: '✗', 'potentially-breaking': '!', compatible: '·' }

/** Changes by operation, breaking operations first (the changes come sorted, breaking first). */
function byOperation(changes: Change[]): Map<string, Change[]> {
  const groups = new Map<string, Change[]>()
  for (const change of changes) {
    const name = change.operation
      ? `${change.operation}${change.operationId ? ` (${change.operationId})` : ''}`
      : 'The whole API'
    groups.set(name, [...(groups.get(name) ?? []), change])
  }
  return groups
}

/**
 * The console report: a summary line, then each operation with its changes, breaking first; each
 * change with its verdict, its sentence, its rule and the pointers.
 */
export function formatConsole(result: DiffResult, sides: { base: string; head: string }): string {
  const lines = [`standin diff ${sides.base} → ${sides.head}: ${summaryLine(result)}`]
  for (const [operation, changes] of byOperation(result.changes)) {
    lines.push('', operation)
    for (const change of changes) {
      lines.push(`  ${MARK[change.level]} ${verdict(change)}: ${change.message}`)
      lines.push(`      ${change.rule}${pointers(change, ' ')}`)
    }
  }
  return `${lines.join('\n')}\n`
}

function pointers(change: Change, separator: string): string {
  const parts = [
    change.base ? `base ${change.base}` : '',
    change.head ? `head ${change.head}` : '',
  ].filter(Boolean)
  return parts.length > 0 ? `${separator}· ${parts.join(' → ')}` : ''
}

/** A pull-request comment: the summary, a table of what breaks, and the rest folded away. */
export function formatMarkdown(result: DiffResult, sides: { base: string; head: string }): string {
  const lines = [
    `### standin diff: ${summaryLine(result)}`,
    '',
    `\`${sides.base}\` → \`${sides.head}\``,
  ]
  const serious = result.changes.filter((change) => change.level !== 'compatible')
  const compatible = result.changes.filter((change) => change.level === 'compatible')
  if (serious.length > 0) lines.push('', ...table(serious))
  if (compatible.length > 0)
    lines.push(
      '',
      `<details><summary>${compatible.length} compatible</summary>`,
      '',
      ...table(compatible),
      '',
      '</details>',
    )
  return `${lines.join('\n')}\n`
}

function table(changes: Change[]): string[] {
  return [
    '| | operation | change | where |',
    '| --- | --- | --- | --- |',
    ...changes.map(
      (change) =>
        `| ${cell(verdict(change))} | ${change.operation ? `\`${cell(change.operation)}\`` : 'whole API'} | ${cell(change.message)} | \`${cell(change.rule)}\`${cell(pointers(change, ' '))} |`,
    ),
  ]
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

/** The changes as JSON: the sides compared, the counts and every change. */
export function formatJson(result: DiffResult, sides: { base: string; head: string }): string {
  return `${JSON.stringify({ base: sides.base, head: sides.head, counts: result.counts, changes: result.changes }, null, 2)}\n`
}

/** JUnit XML: a test case per operation, failing with each change that fails the run. */
export function formatJUnit(result: DiffResult, failOn: FailOn): string {
  const failed = new Set(failing(result, failOn))
  const groups = [...byOperation(result.changes)]
  const failures = groups.filter(([, changes]) =>
    changes.some((change) => failed.has(change)),
  ).length
  const cases = groups.map(([operation, changes]) => {
    const failures = changes.filter((change) => failed.has(change))
    if (failures.length === 0)
      return `    <testcase classname="standin.diff" name="${escapeXml(operation)}"/>`
    const text = failures
      .map(
        (change) =>
          `${verdict(change)}: ${change.message} (${change.rule}${pointers(change, ' ')})`,
      )
      .join('\n')
    return `    <testcase classname="standin.diff" name="${escapeXml(operation)}">\n      <failure message="${escapeXml(`${failures.length} ${failures.length === 1 ? 'change breaks' : 'changes break'} it`)}">${escapeXml(text)}</failure>\n    </testcase>`
  })
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="standin diff" tests="${groups.length}" failures="${failures}">\n  <testsuite name="standin diff" tests="${groups.length}" failures="${failures}">\n${cases.join('\n')}\n  </testsuite>\n</testsuites>\n`
}

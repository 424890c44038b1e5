import { formatPath } from '../issues.ts'
import { isNotRun } from '../not-run.ts'
import type { CaseResult, VerifyReport } from '../types.ts'

interface TestCase {
  classname: string
  name: string
  cases: CaseResult[]
  /** Why it was not run, when it was not: a skipped test case. */
  notRun?: string
}

/**
 * The report as JUnit XML for CI: one test case per operation and per sequence; each failing
 * request becomes a `<failure>` with its codes, seed and curl command, and what was not run a
 * `<skipped>` saying why. A run that could not complete adds an `<error>`.
 *
 * @example
 * await writeFile('standin-junit.xml', toJUnitXml(report))
 */
export function toJUnitXml(report: VerifyReport): string {
  const operations: TestCase[] = report.operations.map((op) => ({
    classname: `standin.${op.tags[0] ?? 'operations'}`,
    name: `${op.operationId} (${op.method} ${op.path})`,
    cases: op.cases,
    ...(isNotRun(op) ? { notRun: op.skipped } : {}),
  }))
  const sequences: TestCase[] = report.sequences.map((sequence) => ({
    classname: 'standin.sequences',
    name: sequence.resource,
    cases: sequence.steps,
    ...(isNotRun(sequence) ? { notRun: sequence.skipped } : {}),
  }))
  const suites = [suite('operations', operations, report), suite('sequences', sequences, report)]
  if (report.status === 'error') suites.push(errorSuite(report))
  const tests = operations.length + sequences.length + (report.status === 'error' ? 1 : 0)
  const failures = [...operations, ...sequences].filter((test) => failing(test).length > 0).length
  const errors = report.status === 'error' ? 1 : 0
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="standin verify" tests="${tests}" failures="${failures}" errors="${errors}" time="${seconds(report.durationMs)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n')
}

function suite(name: string, tests: TestCase[], report: VerifyReport): string {
  const failures = tests.filter((test) => failing(test).length > 0).length
  const skipped = tests.filter((test) => test.notRun !== undefined).length
  const time = tests.reduce((sum, test) => sum + duration(test), 0)
  return [
    `  <testsuite name="${name}" tests="${tests.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds(time)}">`,
    `    <properties><property name="target" value="${escapeXml(report.target)}"/><property name="seed" value="${report.seed}"/></properties>`,
    ...tests.map((test) => testCase(test, report.seed)),
    '  </testsuite>',
  ].join('\n')
}

function testCase(test: TestCase, runSeed: number): string {
  const open = `    <testcase classname="${escapeXml(test.classname)}" name="${escapeXml(test.name)}" time="${seconds(duration(test))}"`
  const failed = failing(test)
  if (test.notRun !== undefined)
    return `${open}>\n      <skipped message="${escapeXml(test.notRun)}"/>\n    </testcase>`
  if (failed.length === 0) return `${open}/>`
  const codes = [
    ...new Set(failed.flatMap((found) => errorIssues(found).map((issue) => issue.code))),
  ]
  const first = errorIssues(failed[0] as CaseResult)[0]
  const message = `${codes.join(', ')}: ${first?.message ?? ''}`
  const body = failed.map((found) => failureText(found, runSeed)).join('\n\n')
  return `${open}>\n      <failure type="${escapeXml(codes.join(','))}" message="${escapeXml(message)}">${escapeXml(body)}</failure>\n    </testcase>`
}

function failureText(found: CaseResult, runSeed: number): string {
  const status = found.response ? ` → ${found.response.status}` : ''
  return [
    `${found.name} [${found.kind}] ${found.request.method} ${found.request.url}${status}`,
    ...errorIssues(found).map(
      (issue) =>
        `  ${issue.code}${issue.path.length > 0 ? ` at ${formatPath(issue.path)}` : ''}: ${issue.message}`,
    ),
    `  seed: ${found.seed} (run with --seed ${runSeed})`,
    `  ${found.curl}`,
  ].join('\n')
}

function errorSuite(report: VerifyReport): string {
  const message = report.error?.message ?? 'The run could not complete.'
  return [
    '  <testsuite name="run" tests="1" failures="0" errors="1" skipped="0" time="0">',
    `    <testcase classname="standin.run" name="reach the target"><error type="${escapeXml(report.error?.code ?? 'error')}" message="${escapeXml(message)}"/></testcase>`,
    '  </testsuite>',
  ].join('\n')
}

function failing(test: TestCase): CaseResult[] {
  return test.cases.filter((found) => !found.ok)
}

function errorIssues(found: CaseResult) {
  return found.issues.filter((issue) => issue.severity === 'error')
}

function duration(test: TestCase): number {
  return test.cases.reduce((sum, found) => sum + (found.response?.durationMs ?? 0), 0)
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3)
}

/** Text as XML attribute or element content; XML 1.0 cannot write most control characters, so they are dropped. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

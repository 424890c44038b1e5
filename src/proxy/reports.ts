import { escapeXml as xml } from '../verify/reporters/junit-reporter.ts'
import type { ViolationCause, ViolationReport } from './violations.ts'

/**
 * The violations as JUnit XML, so an end-to-end suite run through the proxy reads as a contract
 * test in CI: one test case per operation the traffic reached, failing with each cause of error
 * found in it (warnings are listed in its output, not failed).
 *
 * @example
 * writeFileSync('proxy.xml', toProxyJUnit(proxy.report()))
 */
export function toProxyJUnit(report: ViolationReport): string {
  const cases = report.operations.map((operation) => {
    const causes = report.causes.filter(
      (cause) => (cause.operationId ?? '(not in the contract)') === operation.operationId,
    )
    const errors = causes.filter((cause) => cause.severity === 'error')
    const warnings = causes.filter((cause) => cause.severity === 'warning')
    const failures = errors
      .map(
        (cause) =>
          `      <failure type="${xml(cause.code)}" message="${xml(summary(cause))}">${xml(detail(cause))}</failure>\n`,
      )
      .join('')
    const output =
      warnings.length > 0
        ? `      <system-out>${xml(warnings.map(summary).join('\n'))}</system-out>\n`
        : ''
    const name = `${operation.operationId} (${operation.exchanges} exchange${operation.exchanges === 1 ? '' : 's'}${operation.mocked > 0 ? `, ${operation.mocked} mocked` : ''})`
    return `    <testcase classname="standin.proxy" name="${xml(name)}">\n${failures}${output}    </testcase>\n`
  })
  const failed = report.operations.filter((operation) =>
    report.causes.some(
      (cause) =>
        cause.severity === 'error' &&
        (cause.operationId ?? '(not in the contract)') === operation.operationId,
    ),
  ).length
  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<testsuites name="standin proxy" tests="${report.operations.length}" failures="${failed}">\n`,
    `  <testsuite name="standin proxy" tests="${report.operations.length}" failures="${failed}">\n`,
    ...cases,
    '  </testsuite>\n',
    '</testsuites>\n',
  ].join('')
}

function summary(cause: ViolationCause): string {
  const field = cause.path === '' ? '' : ` ${cause.path}:`
  return `${cause.side} ${cause.code}${field} ${cause.message} (×${cause.count})`
}

function detail(cause: ViolationCause): string {
  const answered = cause.status === undefined ? 'no answer' : `answered ${cause.status}`
  return `${summary(cause)}\nfirst seen: ${cause.method} ${cause.target}, ${answered}`
}

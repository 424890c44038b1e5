import type { CheckResult, Issue, IssueCode, IssuePath } from './types.ts'

/** An error-severity issue. */
export function issue(code: IssueCode, message: string, path: IssuePath = []): Issue {
  return { code, path, message, severity: 'error' }
}

/** A warning: shown in reports, never fails a run. */
export function warning(code: IssueCode, message: string, path: IssuePath = []): Issue {
  return { code, path, message, severity: 'warning' }
}

/** The check result for a list of issues: ok unless one of them is an error. */
export function toCheckResult(issues: Issue[]): CheckResult {
  return { ok: !issues.some((found) => found.severity === 'error'), issues }
}

export function combineChecks(...results: CheckResult[]): CheckResult {
  return toCheckResult(results.flatMap((result) => result.issues))
}

/**
 * `items[0].price`, or `(root)` for the empty path. With `anyIndex`, `items[*].price`: the same
 * field of every item, as reports group it.
 */
export function formatPath(path: IssuePath, options: { anyIndex?: boolean } = {}): string {
  if (path.length === 0) return '(root)'
  return path.reduce<string>((text, part) => {
    if (typeof part === 'number') return `${text}[${options.anyIndex ? '*' : part}]`
    if (/^[A-Za-z_$][\w$]*$/.test(part)) return text === '' ? part : `${text}.${part}`
    return `${text}[${JSON.stringify(part)}]`
  }, '')
}

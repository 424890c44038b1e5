export {
  verify,
  exitCodeOf,
  DEFAULT_EXAMPLES,
  DEFAULT_MAX_DURATION_MS,
  DEFAULT_SEED,
  DEFAULT_TIMEOUT_MS,
} from './verify.ts'
export { parseDuration } from './duration.ts'
export { checkResponse } from './check-response.ts'
export type { CheckOptions, ResponseUnderTest } from './checks.ts'
export { parseHeaderLines, parseQueryLines } from './credentials.ts'
export { type Resource, verifiableResources } from './resources.ts'
export { ISSUE_CODES } from './types.ts'
export {
  createProgressPrinter,
  formatConsoleReport,
  type ConsoleOptions,
} from './reporters/console-reporter.ts'
export { toJUnitXml } from './reporters/junit-reporter.ts'
export { toHtmlReport } from './reporters/html-reporter.ts'
export { toJsonReport } from './reporters/json-reporter.ts'
export type {
  CaseKind,
  CaseResult,
  CheckResult,
  FetchHandler,
  Issue,
  IssueCode,
  IssuePath,
  OperationResult,
  ProgressEvent,
  ReceivedResponse,
  SentRequest,
  SequenceResult,
  VerifyOptions,
  VerifyReport,
  VerifyTotals,
} from './types.ts'

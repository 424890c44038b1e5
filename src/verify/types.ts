/** A function that answers a fetch Request, such as a Hono app's `fetch`: the in-process target. */
export type FetchHandler = (request: Request) => Response | Promise<Response>

/**
 * Stable codes for everything `verify` can find wrong with a target: the names `--checks` and
 * `--exclude-checks` take.
 */
export const ISSUE_CODES = [
  'status_undocumented',
  'content_type_mismatch',
  'invalid_body',
  'schema_mismatch',
  'undeclared_field',
  'missing_header',
  'header_mismatch',
  'server_error',
  'slow_response',
  'accepted_invalid_input',
  'ignored_auth',
  'accepted_forged_credentials',
  'not_found_after_create',
  'not_found_after_update',
  'still_readable_after_delete',
  'unreachable',
  'connection_reset',
  'timeout',
  'invalid_response',
] as const

export type IssueCode = (typeof ISSUE_CODES)[number]

/** Transport failures: the target did not give an HTTP response at all. */
export type TransportCode = Extract<
  IssueCode,
  'unreachable' | 'connection_reset' | 'timeout' | 'invalid_response'
>

/** Transport failures always report: a run that reaches nothing cannot pass. */
export const TRANSPORT_CODES: ReadonlySet<IssueCode> = new Set<TransportCode>([
  'unreachable',
  'connection_reset',
  'timeout',
  'invalid_response',
])

export type IssuePath = (string | number)[]

export interface Issue {
  code: IssueCode
  /** Where in the body or headers the problem is; empty for the response as a whole. */
  path: IssuePath
  message: string
  /** Warnings are shown but do not fail the run. */
  severity: 'error' | 'warning'
}

/** What every check returns: `ok` is false when any issue is an error. */
export interface CheckResult {
  ok: boolean
  issues: Issue[]
}

/**
 * How a case came about, in the order they are generated: the contract's examples and faker-valid
 * inputs, then a tester's strategies (required parameters only, minimal and maximal bodies,
 * boundary values, type confusion, the same request twice, values another request used, someone
 * else's record), inputs that break the schema, credentials, and the stateful sequences with their
 * setup.
 */
export type CaseKind =
  | 'example'
  | 'valid'
  | 'baseline'
  | 'minimal'
  | 'maximal'
  | 'boundary'
  | 'type-confusion'
  | 'repeat'
  | 'reuse'
  | 'foreign'
  | 'negative'
  | 'auth'
  | 'sequence'
  | 'setup'

export interface SentRequest {
  method: string
  url: string
  /** As sent, with secrets redacted. */
  headers: Record<string, string>
  body?: string
}

export interface ReceivedResponse {
  status: number
  headers: Record<string, string>
  /** The body as text, cut at 4 KiB in reports. */
  body: string
  durationMs: number
}

export interface CaseResult {
  operationId: string
  kind: CaseKind
  /**
   * What the case tries, e.g. `faker-valid input #2` or `body breaks the schema: quantity above
   * 99`.
   */
  name: string
  /** The seed that generated the case's data. */
  seed: number
  ok: boolean
  request: SentRequest
  response?: ReceivedResponse
  issues: Issue[]
  /** A ready-to-run command that repeats the request (secrets as `${VAR}` or `***`). */
  curl: string
}

export interface OperationResult {
  operationId: string
  method: string
  path: string
  tags: string[]
  /** The statuses the contract documents for the operation (`200`, `4XX`, `default`). */
  documented: string[]
  ok: boolean
  cases: CaseResult[]
  /**
   * Why the operation was not run, when it was not: the delete of the caller's own account, or a
   * run that stopped before it (`not run: the run reached its time limit`).
   */
  skipped?: string
}

/** One stateful sequence over a resource: create → read → update → delete → read. */
export interface SequenceResult {
  /** E.g. `products` or `carts/items`. */
  resource: string
  ok: boolean
  steps: CaseResult[]
  /** Why the sequence stopped early, when it did (not a failure by itself). */
  skipped?: string
}

export interface VerifyTotals {
  operations: number
  failedOperations: number
  sequences: number
  failedSequences: number
  requests: number
  errors: number
  warnings: number
  /**
   * Operations and sequences that sent no request because the run stopped before them (its time
   * limit, a target that stopped answering) or left them out (the delete of the caller's own
   * account): each says why in `skipped`.
   */
  notRun: number
}

export interface VerifyReport {
  /** The base URL, or `(in-process)` for a fetch handler. */
  target: string
  seed: number
  /** `passed` → exit 0, `failed` → exit 1 (contract violated), `error` → exit 2 (could not run). */
  status: 'passed' | 'failed' | 'error'
  /** Why the run could not be completed, when status is `error`. */
  error?: { code: string; message: string }
  durationMs: number
  operations: OperationResult[]
  sequences: SequenceResult[]
  /**
   * Where the API was looked for on the target (`/api`), and where the contract's first server puts
   * it.
   */
  basePath: { used: string; documented: string }
  /** How credentials were found, what was skipped and why. */
  notes: string[]
  totals: VerifyTotals
}

export type ProgressEvent =
  | { type: 'start'; target: string; operations: number; seed: number }
  | { type: 'operation'; index: number; total: number; result: OperationResult }
  | { type: 'sequence'; index: number; total: number; result: SequenceResult }

export interface VerifyOptions {
  /**
   * Base URL of the backend (`http://127.0.0.1:3000`) or an in-process fetch handler (`app.fetch`).
   */
  target: string | FetchHandler
  /**
   * Where the API lives on the target (`/api`). By default the path of the contract's first server
   * URL, unless `target` is a URL with a path of its own, which is then the API's base URL as it
   * is.
   */
  basePath?: string
  /** Seeds all generated data; the same seed sends the same requests. Default 1. */
  seed?: number
  /** Faker-generated valid requests per operation, after the contract's own examples. Default 3. */
  examples?: number
  /**
   * Headers sent with every request. Values may name environment variables as `${NAME}`; reports
   * show the `${NAME}` form and never the value.
   */
  headers?: Record<string, string>
  /** Where `${NAME}` in header values is looked up; `process.env` by default. */
  env?: Record<string, string | undefined>
  /**
   * Query parameters sent with every request, such as an API key (`{ api_key: '${KEY}' }`); values
   * may name environment variables as `${NAME}`, and reports never show them.
   */
  query?: Record<string, string>
  /**
   * Only these checks, by code (`status_undocumented`, `schema_mismatch`…); every check by default.
   */
  checks?: IssueCode[]
  /**
   * Not these checks, by code: `['accepted_forged_credentials']` against a mock, which takes any
   * well-formed token.
   */
  excludeChecks?: IssueCode[]
  /** Only these operationIds or tags. */
  include?: string[]
  /** Not these operationIds or tags (wins over include). */
  exclude?: string[]
  /** Undeclared fields in response bodies are errors rather than warnings. */
  strict?: boolean
  /**
   * Let updates of the caller's own record (`PUT /user`, `PATCH /me`) change its email, username
   * and password, and run its delete. By default they keep the credentials the run knows and the
   * delete is left out, so the account stays usable. Default false.
   */
  destructive?: boolean
  /** Responses slower than this are reported as `slow_response`. */
  maxResponseMs?: number
  /** Every request is abandoned after this long (`timeout`). Default 10 000 ms. */
  timeoutMs?: number
  /**
   * The whole run's time limit. Past it no request is sent, the ones in flight are abandoned, and
   * the report lists what was not run, with status `error` (exit code 2). Default 600 000 ms (10
   * minutes), at most 24 hours.
   */
  maxDurationMs?: number
  /** Called as the run goes, for progress output. */
  onProgress?: (event: ProgressEvent) => void
}

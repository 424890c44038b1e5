/** Where in the request an issue was found. */
export type IssueLocation = 'path' | 'query' | 'header' | 'cookie' | 'body'

/** One entry of a problem's `errors` array. */
export interface ProblemIssue {
  location: IssueLocation
  /** `items[0].quantity`; the parameter or header name for parameters; `` for the whole body. */
  path: string
  message: string
}

/**
 * The kinds of problem the mock answers with: a `type` URI under PROBLEM_BASE, or `about:blank` for
 * `blank`.
 */
export type ProblemKind =
  | 'validation'
  | 'invalid-json'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'invalid-body'
  | 'not-found'
  | 'conflict'
  | 'method-not-allowed'
  | 'unknown-operation'
  | 'not-acceptable'
  | 'unauthorized'
  | 'invalid-prefer'
  | 'malformed-request'
  | 'headers-too-large'
  | 'expectation-failed'
  | 'request-timeout'
  | 'blank'
  | 'mock-invalid'
  | 'unavailable'
  | 'rate-limited'
  | 'injected-fault'
  | 'contract-violation'
  | 'bad-gateway'
  | 'protocol-upgrade'
  | 'internal'

export interface ProblemInit {
  kind: ProblemKind
  status: number
  detail: string
  errors?: ProblemIssue[]
  headers?: Record<string, string>
}

export interface ProblemBody {
  type: string
  title: string
  status: number
  detail: string
  errors?: ProblemIssue[]
}

export const PROBLEM_BASE = 'https://standin.dev/problems/'
export const PROBLEM_MEDIA_TYPE = 'application/problem+json'

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  417: 'Expectation Failed',
  422: 'Unprocessable Content',
  423: 'Locked',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
}

/** The reason phrase of a status (`Not Found`), or a generic one for unlisted codes. */
export function statusTitle(status: number): string {
  return (
    TITLES[status] ??
    (status >= 500 ? 'Server Error' : status >= 400 ? 'Client Error' : `Status ${status}`)
  )
}

/** The RFC 9457 body of a problem: type, title, status, detail and (when there are any) errors. */
export function problemBody(init: Omit<ProblemInit, 'headers'>): ProblemBody {
  const type = init.kind === 'blank' ? 'about:blank' : PROBLEM_BASE + init.kind
  const body: ProblemBody = {
    type,
    title: statusTitle(init.status),
    status: init.status,
    detail: init.detail,
  }
  if (init.errors && init.errors.length > 0) body.errors = init.errors
  return body
}

/**
 * The one builder of every problem+json response the mock sends (RFC 9457).
 *
 * @example
 * problemResponse({ kind: 'not-found', status: 404, detail: 'No operation matches GET /nope.' })
 */
export function problemResponse(init: ProblemInit): Response {
  const headers = new Headers(init.headers)
  headers.set('Content-Type', PROBLEM_MEDIA_TYPE)
  return withRefusalReason(
    new Response(JSON.stringify(problemBody(init)), { status: init.status, headers }),
    refusalReasonOfProblem(init),
  )
}

// Kept beside the Response rather than in a header, so no client sees it; a refusal is answered in
// the operation's documented shape, from which the reason could not be read back.
const refusalReasons = new WeakMap<Response, string>()

/**
 * Why the mock refused a request, for the request log: the first error (`body.title: Required`),
 * else the detail; undefined for an answer that is no refusal.
 *
 * @example
 * refusalReasonOf(problemResponse({ kind: 'validation', status: 422, detail: 'The body does not fit.', errors: [{ location: 'body', path: 'title', message: 'Required' }] })) // 'body.title: Required'
 */
export function refusalReasonOf(response: Response): string | undefined {
  return refusalReasons.get(response)
}

/**
 * Marks a response as a refusal for this reason (see `refusalReasonOf`); the response itself is
 * unchanged.
 */
export function withRefusalReason(response: Response, reason: string | undefined): Response {
  if (reason !== undefined) refusalReasons.set(response, reason)
  return response
}

/** The first error of a problem, `location.path: message`, else its detail; on one line. */
export function refusalReasonOfProblem(init: Pick<ProblemInit, 'detail' | 'errors'>): string {
  const first = init.errors?.[0]
  const reason = first
    ? `${first.location}${first.path === '' ? '' : `.${first.path}`}: ${first.message}`
    : init.detail
  return reason.replace(/\s+/g, ' ').trim()
}

/**
 * `['items', 0, 'quantity']` → `items[0].quantity`. The first key stays as it is (a parameter or
 * header name like `X-Request-Id`); later keys that are not identifiers are quoted:
 * `attributes["size-eu"]`.
 */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let text = ''
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`
    else if (text === '' && typeof key === 'string') text = key
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) text += `.${key}`
    else text += `[${JSON.stringify(String(key))}]`
  }
  return text
}

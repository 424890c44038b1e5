import type { Contract, Operation } from '../contract/types.ts'
import type { CompiledOperation } from '../operation/compile-operation.ts'
import { type ProblemIssue, refusalReasonOfProblem } from '../mock/problem.ts'
import { authenticate } from '../mock/security.ts'
import { validateRequest } from '../mock/validate-request.ts'
import type { ResponseUnderTest } from '../verify/checks.ts'
import { checkResponse } from '../verify/check-response.ts'
import { formatPath } from '../verify/issues.ts'
import type { Finding } from './violations.ts'

/** What the request side found, and what it means for judging the answer. */
export interface RequestFindings {
  findings: Finding[]
  /** A parameter or the body breaks the contract: a 2xx to it is `accepted_invalid_input`. */
  invalid: boolean
  /** The operation needs credentials the request does not carry: a 2xx to it is `ignored_auth`. */
  unauthenticated: boolean
}

/**
 * The frontend's side of an exchange: parameters, headers, cookies and body as the operation takes
 * them (the mock's own validation), and the credentials its security requires.
 *
 * @example
 * const found = await checkRequest(contract, compiled, request, params, 1024 * 1024)
 */
export async function checkRequest(
  contract: Contract,
  compiled: CompiledOperation,
  request: Request,
  params: Record<string, string>,
  maxBodyBytes: number,
): Promise<RequestFindings> {
  const validated = await validateRequest(compiled, request, params, maxBodyBytes)
  const auth = authenticate(contract, compiled.operation, request)
  const invalid = validated.ok ? [] : requestIssues(validated.problem)
  const missing = auth.ok ? [] : [frontend('missing_credentials', '', auth.detail)]
  return {
    findings: [...invalid, ...missing],
    invalid: invalid.length > 0,
    unauthenticated: missing.length > 0,
  }
}

function requestIssues(problem: { detail: string; errors?: ProblemIssue[] }): Finding[] {
  const errors = problem.errors ?? []
  if (errors.length === 0) return [frontend('invalid_request', '', refusalReasonOfProblem(problem))]
  return errors.map((error) =>
    frontend(
      'invalid_request',
      `${error.location}${error.path ? `.${error.path}` : ''}`,
      error.message,
    ),
  )
}

function frontend(code: Finding['code'], path: string, message: string): Finding {
  return { side: 'frontend', code, path, message, severity: 'error' }
}

/** Characters of answer text remembered with their findings; past it all are forgotten. */
const MEMO_BUDGET_CHARS = 8 * 1024 * 1024

export type AnswerChecker = (
  operation: Operation,
  answer: ResponseUnderTest,
  request: Pick<RequestFindings, 'invalid' | 'unauthenticated'>,
) => Finding[]

/**
 * The backend's side: verify's checks of the answer (status documented, content type, schema,
 * headers, no 5xx), and a 2xx to a request that should have been refused. The same answer (the
 * same operation, status, content type and bytes: a list polled again) is checked once.
 *
 * @example
 * const checkAnswer = createAnswerChecker()
 * checkAnswer(operation, { status: 200, headers, text }, requestFindings)
 */
export function createAnswerChecker(): AnswerChecker {
  const known = new Map<string, Finding[]>()
  let chars = 0
  const checked = (operation: Operation, answer: ResponseUnderTest): Finding[] => {
    const key = `${operation.operationId} ${answer.status} ${answer.headers['content-type'] ?? ''}\n${answer.text}`
    const found = known.get(key)
    if (found) return found
    const findings = responseFindings(operation, answer)
    if (chars + key.length > MEMO_BUDGET_CHARS) {
      known.clear()
      chars = 0
    }
    known.set(key, findings)
    chars += key.length
    return findings
  }
  return (operation, answer, request) => [
    ...checked(operation, answer),
    ...acceptedFindings(answer.status, request),
  ]
}

function responseFindings(operation: Operation, answer: ResponseUnderTest): Finding[] {
  return checkResponse(operation, answer).issues.map(
    (issue): Finding => ({
      side: 'backend',
      code: issue.code,
      path: issue.path.length === 0 ? '' : formatPath(issue.path),
      message: issue.message,
      severity: issue.severity,
    }),
  )
}

function acceptedFindings(
  status: number,
  request: Pick<RequestFindings, 'invalid' | 'unauthenticated'>,
): Finding[] {
  if (status < 200 || status >= 300) return []
  const accepted: Finding[] = []
  if (request.invalid)
    accepted.push(
      backend(
        'accepted_invalid_input',
        `Answered ${status} to a request that breaks the contract (see the frontend's violation of it).`,
      ),
    )
  if (request.unauthenticated)
    accepted.push(
      backend(
        'ignored_auth',
        `Answered ${status} to a request without the credentials the operation requires.`,
      ),
    )
  return accepted
}

function backend(code: Finding['code'], message: string): Finding {
  return { side: 'backend', code, path: '', message, severity: 'error' }
}

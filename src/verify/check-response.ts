import type { Operation } from '../contract/types.ts'
import {
  checkBody,
  checkContentType,
  checkHeaders,
  checkJsonCharset,
  checkLatency,
  checkServerError,
  checkStatusDocumented,
  type CheckOptions,
  matchMediaType,
  type ResponseUnderTest,
} from './checks.ts'
import { combineChecks } from './issues.ts'
import { responseFor } from './operation-parts.ts'
import type { CheckResult } from './types.ts'

/**
 * Every check that applies to any response of an operation: no 5xx, a documented status, a
 * documented content type (JSON in UTF-8), a body that matches its schema, documented headers
 * present, and the latency budget. The runner and the `toMatchContract` matcher both call this one function.
 *
 * @example
 * const result = checkResponse(getOperation(contract, 'getOrder'), { status: 200, headers, text })
 * if (!result.ok) console.log(result.issues)
 */
export function checkResponse(
  operation: Operation,
  response: ResponseUnderTest,
  options: CheckOptions = {},
): CheckResult {
  const spec = responseFor(operation, response.status)
  const general = combineChecks(
    checkServerError(response, options),
    checkLatency(response, options.maxResponseMs),
  )
  // A 5xx is a server error whether or not it is documented: reported once, as that.
  if (!spec)
    return response.status >= 500
      ? general
      : combineChecks(general, checkStatusDocumented(operation, spec, response))
  // A HEAD answer has the headers of the GET and no body.
  if (operation.method === 'head')
    return combineChecks(general, checkHeaders(spec, response, options))
  const contentType = combineChecks(checkContentType(spec, response), checkJsonCharset(response))
  const media = matchMediaType(spec, response)
  const body = media ? checkBody(media, response, options) : { ok: true, issues: [] }
  return combineChecks(general, contentType, body, checkHeaders(spec, response, options))
}

import { RequestError } from '@hono/node-server'
import type { ProblemInit } from '../mock/problem.ts'

const HOST_DETAIL = 'The Host header is not a host name with an optional port.'
const TARGET_DETAIL =
  'The request target is not a path that starts with /; this server does not answer OPTIONS * for itself as a whole.'

/** `@hono/node-server`'s words for a request it cannot turn into a URL → what was wrong. */
const BY_MESSAGE: Record<string, string> = {
  'Backslash in request path':
    "The request's path holds a backslash, which a URL path may not; send it as %5C.",
  'Invalid host header': HOST_DETAIL,
  'Invalid absolute URL':
    'The request target is an absolute URL that does not parse, or whose path holds a backslash.',
}

/**
 * The problem for an error `@hono/node-server` meets before or while answering: a request it
 * cannot turn into a URL (its `RequestError`) is a 400 that says what was wrong; anything else is a
 * failure of the server's own (500).
 *
 * @example
 * adapterRefusal(new RequestError('Backslash in request path')).status // 400
 */
export function adapterRefusal(error: unknown): ProblemInit {
  if (error instanceof RequestError)
    return { kind: 'malformed-request', status: 400, detail: requestErrorDetail(error) }
  const message = error instanceof Error ? error.message : String(error)
  return { kind: 'internal', status: 500, detail: `The server failed on this request: ${message}` }
}

// "Invalid URL" with a cause: the URL parser refused the Host; without one the target was no path.
function requestErrorDetail(error: RequestError): string {
  if (error.message === 'Invalid URL')
    return error.cause === undefined ? TARGET_DETAIL : HOST_DETAIL
  return BY_MESSAGE[error.message] ?? `The request could not be read: ${error.message}.`
}

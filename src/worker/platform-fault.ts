import { bytesBeforeCut } from '../mock/faults/faulty-response.ts'
import { FAULT_HEADER } from '../mock/faults/kinds.ts'
import { problemResponse } from '../mock/problem.ts'

/**
 * A faulty answer as near as a Worker can give it: a Worker cannot reset or close its client's
 * connection, so `reset` and `empty` (and a `timeout` whose client is still there after ten
 * minutes) get the 520 Cloudflare answers for an origin that did so, and `truncated` sends the
 * first half of the body and ends it without `Content-Length` (a Worker's body that fails
 * midway makes the runtime log an exception and hold the client). Other answers pass unchanged.
 *
 * @example
 * return onWorkers(await app.fetch(request, env))
 */
export async function onWorkers(response: Response): Promise<Response> {
  const kind = response.headers.get(FAULT_HEADER)
  if (kind === 'reset' || kind === 'empty' || kind === 'timeout') {
    await response.body?.cancel().catch(() => {})
    return problemResponse({
      kind: 'injected-fault',
      status: 520,
      detail: `standin: a Worker cannot ${kind === 'reset' ? 'reset' : 'close'} a connection; 520 is what Cloudflare answers when an origin does (fault ${kind}).`,
      headers: { [FAULT_HEADER]: kind },
    })
  }
  if (kind !== 'truncated') return response
  const headers = new Headers(response.headers)
  headers.delete('content-length')
  return new Response(await bytesBeforeCut(response), { status: response.status, headers })
}

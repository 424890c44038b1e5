import type { ServerResponse } from 'node:http'
import { bytesBeforeCut } from '../mock/faults/faulty-response.ts'
import { FAULT_HEADER } from '../mock/faults/kinds.ts'

/**
 * Does to the connection what a faulty answer names in `Standin-Fault`, where a Response alone
 * cannot: `reset` sends a TCP reset, `empty` and `timeout` close the connection without a byte,
 * `truncated` sends the status, the headers (`Content-Length` of the whole body) and the body's
 * first half, then closes. Any other answer is returned to be written as usual; for a fault done
 * here the promise never settles, so the adapter writes nothing more.
 *
 * @example
 * const response = await onConnection(await app.fetch(request), outgoing)
 */
export async function onConnection(
  response: Response,
  outgoing: ServerResponse,
): Promise<Response> {
  const kind = response.headers.get(FAULT_HEADER)
  if (kind !== 'reset' && kind !== 'empty' && kind !== 'timeout' && kind !== 'truncated')
    return response
  const socket = outgoing.socket
  if (kind === 'truncated') {
    const sent = await bytesBeforeCut(response)
    outgoing.writeHead(response.status, nodeHeaders(response.headers))
    outgoing.write(sent, () => socket?.destroy())
  } else if (kind === 'reset') socket?.resetAndDestroy()
  else socket?.destroy()
  return new Promise<Response>(() => {})
}

function nodeHeaders(headers: Headers): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = Object.fromEntries(headers)
  const cookies = headers.getSetCookie()
  if (cookies.length > 0) record['set-cookie'] = cookies
  return record
}

import type { ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import { type ProblemInit, PROBLEM_MEDIA_TYPE, problemBody, statusTitle } from '../mock/problem.ts'

/** How long a refused connection may stay open for the client to read the answer and close it. */
const LINGER_MS = 1000

/** A problem as an HTTP message that ends its connection. */
interface ProblemMessage {
  status: number
  headers: Record<string, string>
  body: string
}

function problemMessage(init: ProblemInit): ProblemMessage {
  const body = JSON.stringify(problemBody(init))
  const headers = {
    ...init.headers,
    'Content-Type': PROBLEM_MEDIA_TYPE,
    'Content-Length': String(Buffer.byteLength(body)),
    Connection: 'close',
  }
  return { status: init.status, headers, body }
}

function rawMessage({ status, headers, body }: ProblemMessage): string {
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`)
  return [`HTTP/1.1 ${status} ${statusTitle(status)}`, ...lines, '', body].join('\r\n')
}

/**
 * Answers a request Node hands over before any fetch handler sees it (a failed `Expect`, a missing
 * Host) with an RFC 9457 problem, and closes the connection after it.
 *
 * @example
 * server.on('checkExpectation', (request, response) => writeProblem(response, refusal))
 */
export function writeProblem(response: ServerResponse, init: ProblemInit): void {
  const { status, headers, body } = problemMessage(init)
  response.writeHead(status, headers).end(body)
}

/**
 * Writes an RFC 9457 problem straight onto a socket that has no HTTP response to write through
 * (a request Node's parser refused, a CONNECT), then ends it. What the client still sends is read
 * and dropped, so closing does not reset the connection before the client has read the answer; a
 * client that never closes is cut off after a second.
 *
 * @example
 * server.on('connect', (_request, socket) => refuseConnection(socket, refusal))
 */
export function refuseConnection(socket: Duplex, init: ProblemInit): void {
  socket.on('error', () => socket.destroy())
  socket.end(rawMessage(problemMessage(init)))
  socket.resume()
  const linger = setTimeout(() => socket.destroy(), LINGER_MS)
  linger.unref()
  socket.once('close', () => clearTimeout(linger))
}

import {
  createServer,
  type IncomingMessage,
  maxHeaderSize,
  type Server,
  type ServerResponse,
} from 'node:http'
import type { Duplex } from 'node:stream'
import { getRequestListener, type Http2Bindings, type HttpBindings } from '@hono/node-server'
import { problemResponse } from '../mock/problem.ts'
import { adapterRefusal } from './adapter-refusal.ts'
import { onConnection } from './connection-fault.ts'
import {
  type ClientError,
  connectRefusal,
  expectationRefusal,
  missingHostRefusal,
  parserRefusal,
  upgradeRefusal,
} from './node-refusals.ts'
import { refuseConnection, writeProblem } from './write-problem.ts'

export interface NodeServerOptions {
  /** Answers every request that reaches it as a `Request`. */
  fetch: (request: Request) => Response | Promise<Response>
  /** The host of a request that names none (HTTP/1.0 without `Host`). */
  hostname: string
  /** The methods the server takes, for the `Allow` of its answer to CONNECT. */
  allowedMethods: () => readonly string[]
}

/**
 * A Node HTTP server for a fetch handler (through `@hono/node-server`) whose every refusal is an
 * RFC 9457 problem with the status Node or the adapter chose: a request Node's parser cannot read
 * (400, 431, …), an `Expect` other than 100-continue (417), an HTTP/1.1 request without Host
 * (400), one the adapter cannot turn into a URL (400), CONNECT (405) and a protocol upgrade such as
 * a WebSocket (501). Each bad request costs
 * only its own connection.
 *
 * @example
 * const server = createNodeServer({ fetch: app.fetch, hostname: '127.0.0.1', allowedMethods: () => ['GET', 'HEAD', 'OPTIONS'] })
 * server.listen(0, '127.0.0.1')
 */
export function createNodeServer(options: NodeServerOptions): Server {
  const answering = new WeakMap<Duplex, ServerResponse>()
  // This server is HTTP/1.1 only, so the adapter hands each request its ServerResponse.
  const fetch = async (request: Request, env: HttpBindings | Http2Bindings) =>
    onConnection(await options.fetch(request), env.outgoing as ServerResponse)
  const listener = getRequestListener(fetch, {
    hostname: options.hostname,
    errorHandler: (error) => problemResponse(adapterRefusal(error)),
  })
  // Node's own check answers a missing Host with an empty 400; this server answers it below.
  const server = createServer({ requireHostHeader: false }, (incoming, outgoing) => {
    answering.set(incoming.socket, outgoing)
    if (lacksHost(incoming)) return writeProblem(outgoing, missingHostRefusal())
    return listener(incoming, outgoing)
  })
  server.on(
    'clientError',
    createClientErrorHandler((socket) => answering.get(socket)),
  )
  server.on('checkExpectation', (request, response) =>
    writeProblem(response, expectationRefusal(request.headers.expect)),
  )
  server.on('connect', (_request, socket: Duplex) =>
    refuseConnection(socket, connectRefusal(options.allowedMethods())),
  )
  server.on('upgrade', (request: IncomingMessage, socket: Duplex) =>
    refuseConnection(socket, upgradeRefusal(request.headers.upgrade)),
  )
  return server
}

function lacksHost(incoming: IncomingMessage): boolean {
  return incoming.httpVersion === '1.1' && incoming.headers.host === undefined
}

/**
 * Answers what Node's parser refused, once per connection (the parser reports the rest of a
 * refused request again). Bytes that follow a whole request still being answered are most often
 * a body sent without a length (Node's own client does that for GET, DELETE and OPTIONS): that
 * request gets its answer and the connection closes after it, since a problem sent then would be
 * read as the answer to the client's next request. A refused request whose answer had begun to go
 * out can only be cut off.
 */
function createClientErrorHandler(
  answering: (socket: Duplex) => ServerResponse | undefined,
): (error: ClientError, socket: Duplex) => void {
  const refused = new WeakSet<Duplex>()
  return function answerClientError(error, socket) {
    if (refused.has(socket)) return
    refused.add(socket)
    const response = answering(socket)
    const refusal = () => parserRefusal(error, maxHeaderSize)
    if (error.code === 'ECONNRESET' || !socket.writable) socket.destroy()
    else if (!response || response.writableFinished) refuseConnection(socket, refusal())
    else if (response.req.complete) closeAfter(response, socket)
    else if (response.headersSent) socket.destroy()
    else refuseConnection(socket, refusal())
  }
}

function closeAfter(response: ServerResponse, socket: Duplex): void {
  if (response.headersSent) response.once('finish', () => socket.end())
  else response.setHeader('Connection', 'close')
}

import { connect, type Socket } from 'node:net'

/** One HTTP/1.1 answer read from a connection a test keeps open (see raw-http.ts for one-shot requests). */
export interface RawAnswer {
  status: number
  headers: Headers
  body: string
}

/** A client's own TCP connection to `url`, so a test decides which requests share it. */
export async function openConnection(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url)
  const socket = connect(Number(port), hostname)
  socket.on('error', () => {})
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve)
    socket.once('error', reject)
  })
  return socket
}

/**
 * Sends one request on the socket (`send` writes it) and reads its answer. Rejects when the server
 * closes the connection first or says nothing for `timeoutMs`.
 */
export function exchange(
  socket: Socket,
  send: (socket: Socket) => void,
  timeoutMs = 10_000,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0)
    const finish = (outcome: RawAnswer | Error) => {
      clearTimeout(timer)
      socket.off('data', onData)
      socket.off('close', onClose)
      outcome instanceof Error ? reject(outcome) : resolve(outcome)
    }
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk])
      const answer = parseAnswer(received)
      if (answer) finish(answer)
    }
    const onClose = () => finish(new Error('The server closed the connection before answering.'))
    const timer = setTimeout(
      () => finish(new Error(`No answer within ${timeoutMs} ms.`)),
      timeoutMs,
    )
    socket.on('data', onData)
    socket.once('close', onClose)
    send(socket)
  })
}

/** The answer in `bytes` once all of it arrived (by Content-Length or chunked framing). */
function parseAnswer(bytes: Buffer): RawAnswer | undefined {
  const headEnd = bytes.indexOf('\r\n\r\n')
  if (headEnd < 0) return undefined
  const [statusLine = '', ...fields] = bytes.subarray(0, headEnd).toString('latin1').split('\r\n')
  const headers = new Headers()
  for (const field of fields) {
    const colon = field.indexOf(':')
    headers.append(field.slice(0, colon).trim(), field.slice(colon + 1).trim())
  }
  const rest = bytes.subarray(headEnd + 4)
  const body = headers.get('transfer-encoding')?.includes('chunked')
    ? dechunk(rest)
    : fixedLength(rest, Number(headers.get('content-length') ?? 0))
  if (body === undefined) return undefined
  return { status: Number(statusLine.split(' ')[1]), headers, body: body.toString('utf8') }
}

function fixedLength(bytes: Buffer, length: number): Buffer | undefined {
  return bytes.length >= length ? bytes.subarray(0, length) : undefined
}

function dechunk(bytes: Buffer): Buffer | undefined {
  const chunks: Buffer[] = []
  let offset = 0
  for (;;) {
    const lineEnd = bytes.indexOf('\r\n', offset)
    if (lineEnd < 0) return undefined
    const size = Number.parseInt(bytes.subarray(offset, lineEnd).toString('latin1'), 16)
    if (size === 0) return bytes.length >= lineEnd + 4 ? Buffer.concat(chunks) : undefined
    if (bytes.length < lineEnd + 2 + size + 2) return undefined
    chunks.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size))
    offset = lineEnd + 2 + size + 2
  }
}

/** Writes a request with a body of `bytes` bytes sent with `Transfer-Encoding: chunked`. */
export function chunkedRequest(head: string, bytes: number, chunkBytes = 64 * 1024) {
  return (socket: Socket) => {
    socket.write(`${head}\r\nTransfer-Encoding: chunked\r\n\r\n`)
    const chunk = Buffer.alloc(chunkBytes, ' ')
    let sent = 0
    const pump = () => {
      while (sent < bytes) {
        sent += chunk.length
        const more = socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`)
        if (!more) return void socket.once('drain', pump)
      }
      socket.write('0\r\n\r\n')
    }
    pump()
  }
}

/** Writes a request with a body of known length (or none). */
export function plainRequest(head: string, body = '') {
  return (socket: Socket) =>
    socket.write(`${head}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`)
}

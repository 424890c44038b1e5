import { connect, type Socket } from 'node:net'

/** One HTTP/1.1 answer as it came over the wire. */
export interface RawAnswer {
  status: number
  /** Header names in lower case; a repeated header keeps its last value. */
  headers: Record<string, string>
  body: string
}

const ANSWER_TIMEOUT_MS = 5000

/**
 * Writes `request` byte for byte to the server at `url` over a plain TCP connection and reads
 * every answer until the server closes it (or `ANSWER_TIMEOUT_MS` passes): for requests no HTTP
 * client would send. Rejects, showing what did arrive, when the bytes are no complete answer.
 */
export function sendRaw(url: string, request: string | Buffer): Promise<RawAnswer[]> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    const socket = connect(Number(port), hostname)
    const timer = setTimeout(
      () => socket.destroy(new Error('no end within 5 s')),
      ANSWER_TIMEOUT_MS,
    )
    socket.on('data', (chunk) => chunks.push(chunk))
    // The server may stop reading an oversized request and reset: what arrived still counts.
    socket.on('error', () => {})
    socket.on('close', () => {
      clearTimeout(timer)
      const received = Buffer.concat(chunks)
      const answers = parseAnswers(received)
      if (answers) resolve(answers)
      else
        reject(
          new Error(
            `no complete HTTP answer in ${JSON.stringify(received.toString('latin1').slice(0, 300))}`,
          ),
        )
    })
    socket.write(request)
  })
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
      const parsed = parseAnswer(received)
      if (parsed) finish(parsed.answer)
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

/** The answers in `bytes`, in order; undefined when there are none or the last is cut off. */
function parseAnswers(bytes: Buffer): RawAnswer[] | undefined {
  const answers: RawAnswer[] = []
  let rest = bytes
  while (rest.length > 0) {
    const parsed = parseAnswer(rest)
    if (!parsed) return undefined
    answers.push(parsed.answer)
    rest = parsed.rest
  }
  return answers.length > 0 ? answers : undefined
}

/**
 * The first answer in `bytes` once all of it arrived (framed by Content-Length or chunked; none for
 * 204 and 304), and the bytes after it.
 */
function parseAnswer(bytes: Buffer): { answer: RawAnswer; rest: Buffer } | undefined {
  const headEnd = bytes.indexOf('\r\n\r\n')
  if (headEnd < 0) return undefined
  const [statusLine = '', ...lines] = bytes.subarray(0, headEnd).toString('latin1').split('\r\n')
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]
  if (status === undefined) return undefined
  const headers = Object.fromEntries(lines.map(headerEntry))
  const framed = frame(bytes.subarray(headEnd + 4), status, headers)
  if (!framed) return undefined
  const answer = { status: Number(status), headers, body: framed.body.toString('utf8') }
  return { answer, rest: framed.rest }
}

function frame(
  bytes: Buffer,
  status: string,
  headers: Record<string, string>,
): { body: Buffer; rest: Buffer } | undefined {
  if (status === '204' || status === '304') return { body: Buffer.alloc(0), rest: bytes }
  if (headers['transfer-encoding']?.includes('chunked')) return dechunk(bytes)
  const length = headers['content-length']
  if (length === undefined || bytes.length < Number(length)) return undefined
  return { body: bytes.subarray(0, Number(length)), rest: bytes.subarray(Number(length)) }
}

function dechunk(bytes: Buffer): { body: Buffer; rest: Buffer } | undefined {
  const chunks: Buffer[] = []
  let offset = 0
  for (;;) {
    const lineEnd = bytes.indexOf('\r\n', offset)
    if (lineEnd < 0) return undefined
    const size = Number.parseInt(bytes.subarray(offset, lineEnd).toString('latin1'), 16)
    if (size === 0)
      return bytes.length >= lineEnd + 4
        ? { body: Buffer.concat(chunks), rest: bytes.subarray(lineEnd + 4) }
        : undefined
    if (bytes.length < lineEnd + 2 + size + 2) return undefined
    chunks.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size))
    offset = lineEnd + 2 + size + 2
  }
}

function headerEntry(line: string): [string, string] {
  const colon = line.indexOf(':')
  return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]
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

import { connect } from 'node:net'

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
      const received = Buffer.concat(chunks).toString('latin1')
      const answers = parseAnswers(received)
      if (answers) resolve(answers)
      else reject(new Error(`no complete HTTP answer in ${JSON.stringify(received.slice(0, 300))}`))
    })
    socket.write(request)
  })
}

/** The answers in `text`, in order; undefined when it is empty or ends inside one. */
function parseAnswers(text: string): RawAnswer[] | undefined {
  const answers: RawAnswer[] = []
  let rest = text
  while (rest.length > 0) {
    const parsed = parseAnswer(rest)
    if (!parsed) return undefined
    answers.push(parsed.answer)
    rest = parsed.rest
  }
  return answers.length > 0 ? answers : undefined
}

function parseAnswer(text: string): { answer: RawAnswer; rest: string } | undefined {
  const end = text.indexOf('\r\n\r\n')
  if (end === -1) return undefined
  const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n')
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]
  if (status === undefined) return undefined
  const headers = Object.fromEntries(lines.map(headerEntry))
  const length = status === '204' || status === '304' ? '0' : headers['content-length']
  if (length === undefined) return undefined
  const bodyEnd = end + 4 + Number(length)
  if (text.length < bodyEnd) return undefined
  const body = Buffer.from(text.slice(end + 4, bodyEnd), 'latin1').toString('utf8')
  return { answer: { status: Number(status), headers, body }, rest: text.slice(bodyEnd) }
}

function headerEntry(line: string): [string, string] {
  const colon = line.indexOf(':')
  return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]
}

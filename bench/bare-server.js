// The physical limit: node:http answering each request with bytes it already holds in memory.
// Plain JavaScript, so it runs on node with no loader: node bench/bare-server.js ANSWERS.json PORT
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { pathToFileURL } from 'node:url'

/**
 * A node:http server that reads each request and writes the fixed answer for its method, URL and body;
 * anything else is a 404.
 *
 * @example
 * createBareServer([{ method: 'GET', url: '/products', requestBody: '', status: 200, contentType: 'application/json', body: 'W10=' }]).listen(4011)
 *
 * @param {readonly import('./bare-server.d.ts').BareAnswer[]} answers
 * @returns {import('node:http').Server}
 */
export function createBareServer(answers) {
  const table = new Map(
    answers.map((answer) => [
      keyOf(answer.method, answer.url, answer.requestBody),
      toReply(answer),
    ]),
  )
  const notFound = toReply({
    status: 404,
    contentType: 'application/json',
    body: Buffer.from('{}').toString('base64'),
  })
  return createServer((request, response) => {
    let received = ''
    request.setEncoding('utf8')
    request.on('data', (chunk) => {
      received += chunk
    })
    request.once('end', () => {
      const reply = table.get(keyOf(request.method, request.url, received)) ?? notFound
      response.writeHead(reply.status, reply.headers)
      response.end(reply.body)
    })
  })
}

/** @param {string | undefined} method @param {string | undefined} url @param {string} body */
function keyOf(method, url, body) {
  return `${method} ${url}\n${body}`
}

/** @param {{ status: number, contentType: string, body: string }} answer */
function toReply(answer) {
  const body = Buffer.from(answer.body, 'base64')
  return {
    status: answer.status,
    headers: { 'content-type': answer.contentType, 'content-length': body.length },
    body,
  }
}

const entry = process.argv[1]
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  const [file, port] = process.argv.slice(2)
  const server = createBareServer(JSON.parse(readFileSync(file ?? '', 'utf8'))).listen(
    Number(port),
    '127.0.0.1',
  )
  const close = () => {
    server.close(() => process.exit(0))
    server.closeAllConnections()
  }
  process.once('SIGTERM', close)
  process.once('SIGINT', close)
}

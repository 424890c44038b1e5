import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type MockServer, PROBLEM_BASE, serveMock } from 'standin'
import { type RawAnswer, sendRaw } from '../support/raw-http.ts'

/** A request to the mock, byte for byte; `Connection: close` so the server ends the exchange. */
function request(head: string, body = ''): string {
  return `${head.replaceAll('\n', '\r\n')}Connection: close\r\n\r\n${body}`
}

const problem = (kind: string, title: string, status: number, detail: string) => ({
  type: PROBLEM_BASE + kind,
  title,
  status,
  detail,
})
const badRequest = (detail: string) => problem('malformed-request', 'Bad Request', 400, detail)
const HOST_DETAIL = 'The Host header is not a host name with an optional port.'

const CASES: [string, string, ReturnType<typeof problem>][] = [
  [
    'a 64 KB header',
    request(`GET /products HTTP/1.1\nHost: localhost\nX-Big: ${'a'.repeat(64 * 1024)}\n`),
    problem(
      'headers-too-large',
      'Request Header Fields Too Large',
      431,
      "The request's headers are larger than the 16 KiB this server reads.",
    ),
  ],
  [
    'a 100 KB URL',
    request(`GET /products?q=${'a'.repeat(100 * 1024)} HTTP/1.1\nHost: localhost\n`),
    problem(
      'headers-too-large',
      'Request Header Fields Too Large',
      431,
      "The request's URL is longer than the 16 KiB this server reads for the URL and headers together.",
    ),
  ],
  [
    'a NUL byte in a header',
    request('GET /products HTTP/1.1\nHost: localhost\nX-Note: a\0b\n'),
    badRequest('A header value holds a control character, such as NUL, that no header may carry.'),
  ],
  [
    'a folded header (obs-fold)',
    request('GET /products HTTP/1.1\nHost: localhost\nX-Note: a\n  b\n'),
    badRequest('A header continues on a folded line (obs-fold), which HTTP/1.1 no longer allows.'),
  ],
  [
    'Transfer-Encoding with Content-Length',
    request(
      'POST /carts HTTP/1.1\nHost: localhost\nTransfer-Encoding: chunked\nContent-Length: 5\n',
      '0\r\n\r\n',
    ),
    badRequest(
      'The request has both Transfer-Encoding and Content-Length, which makes its length ambiguous.',
    ),
  ],
  [
    'a space in the path',
    request('GET /products list HTTP/1.1\nHost: localhost\n'),
    badRequest(
      'The request line has no HTTP version right after the target; a space in a path is sent as %20.',
    ),
  ],
  [
    'Expect: teapot',
    request('GET /products HTTP/1.1\nHost: localhost\nExpect: teapot\n'),
    problem(
      'expectation-failed',
      'Expectation Failed',
      417,
      'This server meets no expectation but 100-continue, and the request expects "teapot".',
    ),
  ],
  [
    'a Host with a space in it',
    request('GET /products HTTP/1.1\nHost: local host\n'),
    badRequest(HOST_DETAIL),
  ],
  [
    'a Host with a path in it',
    request('GET /products HTTP/1.1\nHost: localhost/admin?x=1\n'),
    badRequest(HOST_DETAIL),
  ],
  [
    'a backslash in the path',
    request('GET /products\\list HTTP/1.1\nHost: localhost\n'),
    badRequest("The request's path holds a backslash, which a URL path may not; send it as %5C."),
  ],
  [
    'OPTIONS *',
    request('OPTIONS * HTTP/1.1\nHost: localhost\n'),
    badRequest(
      'The request target is not a path that starts with /; this server does not answer OPTIONS * for itself as a whole.',
    ),
  ],
  [
    'an HTTP/1.1 request without Host',
    request('GET /products HTTP/1.1\n'),
    badRequest('The request has no Host header, which every HTTP/1.1 request carries.'),
  ],
]

describe('requests refused below the mock (by Node or the adapter) on standin serve', () => {
  let mock: MockServer
  beforeAll(async () => {
    mock = await serveMock({ port: 0, mocks: false, quiet: true })
  })
  afterAll(async () => {
    await mock?.close()
  })

  /** Asserts one answer, a problem+json that closes the connection. */
  function expectProblem(answers: RawAnswer[], expected: ReturnType<typeof problem>): void {
    expect(answers).toHaveLength(1)
    const [answer] = answers as [RawAnswer]
    expect(answer.status).toBe(expected.status)
    expect(answer.headers['content-type']).toBe('application/problem+json')
    expect(answer.headers.connection).toBe('close')
    expect(JSON.parse(answer.body)).toEqual(expected)
  }

  async function expectServing(): Promise<void> {
    const response = await fetch(`${mock.url}/products?pageSize=1`)
    expect(response.status).toBe(200)
    await response.arrayBuffer()
  }

  it.each(CASES)('answers %s with a problem, and keeps serving', async (_name, raw, expected) => {
    expectProblem(await sendRaw(mock.url, raw), expected)
    await expectServing()
  })

  it('answers CONNECT with a 405 problem whose Allow lists the methods the server takes', async () => {
    const answers = await sendRaw(
      mock.url,
      'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n',
    )
    expectProblem(
      answers,
      problem(
        'method-not-allowed',
        'Method Not Allowed',
        405,
        'This server is no proxy and does not take CONNECT; it takes GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS.',
      ),
    )
    expect(answers[0]?.headers.allow).toBe('GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS')
    await expectServing()
  })

  it('answers a WebSocket upgrade with a 501 problem saying where to connect, and keeps serving', async () => {
    const answers = await sendRaw(
      mock.url,
      'GET /products HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    )
    expectProblem(
      answers,
      problem(
        'protocol-upgrade',
        'Not Implemented',
        501,
        'This server does not switch protocols (Upgrade: websocket): connect a WebSocket to the backend itself, not through standin.',
      ),
    )
    await expectServing()
  })

  it('answers a malformed chunk in a body the mock is reading, and keeps serving', async () => {
    const head = 'POST /auth/login HTTP/1.1\nHost: localhost\nContent-Type: application/json\n'
    const answers = await sendRaw(
      mock.url,
      request(`${head}Transfer-Encoding: chunked\n`, '2\r\n{}\r\nzz\r\n'),
    )
    expectProblem(
      answers,
      badRequest('A chunk of the chunked body does not start with its size in hexadecimal.'),
    )
    await expectServing()
  })

  it('answers chunk extensions larger than Node reads with a 413 problem, and keeps serving', async () => {
    const head = 'POST /auth/login HTTP/1.1\nHost: localhost\nContent-Type: application/json\n'
    const extension = `;note=${'a'.repeat(20 * 1024)}`
    const answers = await sendRaw(
      mock.url,
      request(`${head}Transfer-Encoding: chunked\n`, `2${extension}\r\n{}\r\n0\r\n\r\n`),
    )
    expectProblem(
      answers,
      problem(
        'payload-too-large',
        'Content Too Large',
        413,
        'The chunk extensions of the body are larger than this server reads.',
      ),
    )
    await expectServing()
  })

  it('answers a request followed by bytes that are no request, then closes instead of answering those', async () => {
    const good = 'OPTIONS /products HTTP/1.1\r\nHost: localhost\r\n\r\n'
    const answers = await sendRaw(mock.url, `${good}{"unframed":"body"}`)
    expect(answers.map((answer) => [answer.status, answer.headers.connection])).toEqual([
      [204, 'close'],
    ])
    await expectServing()
  })

  it('still serves an HTTP/1.0 request without Host', async () => {
    const [answer] = await sendRaw(mock.url, 'GET /products?pageSize=1 HTTP/1.0\r\n\r\n')
    expect(answer?.status).toBe(200)
  })
})

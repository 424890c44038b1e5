import type { ProblemInit } from '../mock/problem.ts'

/** What Node hands to a server's `clientError` listener: a parse error of llhttp, or a timeout. */
export interface ClientError extends Error {
  code?: string
  /** llhttp's own words: `Invalid header value char`. */
  reason?: string
  /** The bytes the parser was reading when it gave up. */
  rawPacket?: Buffer
}

/** What the parser said (its `reason`) → what was wrong with the request, in one sentence. */
const BY_REASON: Record<string, string> = {
  'Invalid header value char':
    'A header value holds a control character, such as NUL, that no header may carry.',
  'Unexpected whitespace after header value':
    'A header continues on a folded line (obs-fold), which HTTP/1.1 no longer allows.',
  "Content-Length can't be present with Transfer-Encoding":
    'The request has both Transfer-Encoding and Content-Length, which makes its length ambiguous.',
  'Expected HTTP/, RTSP/ or ICE/':
    'The request line has no HTTP version right after the target; a space in a path is sent as %20.',
  'Expected CRLF after version': 'A line of the request does not end in CRLF.',
}

/** The parser's error code → the same, where its reason adds nothing. */
const BY_CODE: Record<string, string> = {
  HPE_INVALID_HEADER_TOKEN:
    'A header line has no colon, or its name holds a character header names may not (such as a space).',
  HPE_INVALID_METHOD: "The request's method is not an HTTP method name.",
  HPE_INVALID_URL: 'The request target holds a character a URL may not; send it percent-encoded.',
  HPE_INVALID_VERSION: 'The request line does not end in HTTP/1.1 or HTTP/1.0.',
  HPE_CR_EXPECTED: 'A line of the request does not end in CRLF.',
  HPE_LF_EXPECTED: 'A line of the request does not end in CRLF.',
  HPE_INVALID_CONTENT_LENGTH: 'The Content-Length header is not one whole number of bytes.',
  HPE_UNEXPECTED_CONTENT_LENGTH: 'The request has more than one Content-Length header.',
  HPE_INVALID_TRANSFER_ENCODING:
    'The Transfer-Encoding header does not end in chunked, so the body has no known end.',
  HPE_INVALID_CHUNK_SIZE:
    'A chunk of the chunked body does not start with its size in hexadecimal.',
  HPE_CLOSED_CONNECTION: 'The request came after one that asked to close the connection.',
  HPE_PAUSED_H2_UPGRADE: 'This server speaks HTTP/1.1 and does not take an HTTP/2 connection.',
}

/**
 * The problem that explains why Node's HTTP parser refused a request, with the status Node itself
 * would have answered: 431 for a request line and headers over `headerLimitBytes`, 413 for
 * oversized chunk extensions, 408 for a request that did not arrive in time, else 400.
 *
 * @example
 * parserRefusal(error, maxHeaderSize) // { kind: 'headers-too-large', status: 431, detail: "The request's headers are larger than the 16 KiB this server reads." }
 */
export function parserRefusal(error: ClientError, headerLimitBytes: number): ProblemInit {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        kind: 'headers-too-large',
        status: 431,
        detail: overflowDetail(error.rawPacket, headerLimitBytes),
      }
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return {
        kind: 'payload-too-large',
        status: 413,
        detail: 'The chunk extensions of the body are larger than this server reads.',
      }
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        kind: 'request-timeout',
        status: 408,
        detail: 'The request did not arrive in full within the time this server waits for one.',
      }
    default:
      return { kind: 'malformed-request', status: 400, detail: malformedDetail(error) }
  }
}

function malformedDetail(error: ClientError): string {
  const reason = error.reason ?? error.message.replace(/^Parse Error: /, '')
  return (
    BY_REASON[reason] ??
    BY_CODE[error.code ?? ''] ??
    `The request is not HTTP/1.1 this server can read (${reason}).`
  )
}

// Node reads the request line and the headers into one buffer: when its first line never ended,
// the URL filled it.
function overflowDetail(packet: Buffer | undefined, limitBytes: number): string {
  const limit = formatBytes(limitBytes)
  return isUnendedRequestLine(packet)
    ? `The request's URL is longer than the ${limit} this server reads for the URL and headers together.`
    : `The request's headers are larger than the ${limit} this server reads.`
}

function isUnendedRequestLine(packet: Buffer | undefined): boolean {
  if (!packet || packet.includes('\n')) return false
  return /^[A-Z]+ /.test(packet.subarray(0, 32).toString('latin1'))
}

function formatBytes(bytes: number): string {
  return bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`
}

/**
 * The 417 for an `Expect` other than `100-continue`, the only expectation Node meets.
 *
 * @example
 * expectationRefusal('teapot') // { kind: 'expectation-failed', status: 417, detail: 'This server meets no expectation but 100-continue, and the request expects "teapot".' }
 */
export function expectationRefusal(expect: string | undefined): ProblemInit {
  return {
    kind: 'expectation-failed',
    status: 417,
    detail: `This server meets no expectation but 100-continue, and the request expects ${JSON.stringify(expect ?? '')}.`,
  }
}

/**
 * The 400 for an HTTP/1.1 request without a Host header (RFC 9112 asks every server for it).
 *
 * @example
 * missingHostRefusal().status // 400
 */
export function missingHostRefusal(): ProblemInit {
  return {
    kind: 'malformed-request',
    status: 400,
    detail: 'The request has no Host header, which every HTTP/1.1 request carries.',
  }
}

/**
 * The 405 for CONNECT: the server is no proxy. `allow` lists the methods it does take.
 *
 * @example
 * connectRefusal(['GET', 'HEAD', 'OPTIONS']).headers // { Allow: 'GET, HEAD, OPTIONS' }
 */
export function connectRefusal(allow: readonly string[]): ProblemInit {
  const methods = allow.join(', ')
  return {
    kind: 'method-not-allowed',
    status: 405,
    detail: `This server is no proxy and does not take CONNECT; it takes ${methods}.`,
    headers: { Allow: methods },
  }
}

/**
 * A request to switch protocols (a WebSocket): neither the mock nor the proxy carries one, so it is
 * refused with 501, saying where to connect instead.
 *
 * @example
 * upgradeRefusal('websocket').status // 501
 */
export function upgradeRefusal(protocol: string | undefined): ProblemInit {
  return {
    kind: 'protocol-upgrade',
    status: 501,
    detail: `This server does not switch protocols (Upgrade: ${protocol ?? 'none named'}): connect a WebSocket to the backend itself, not through standin.`,
  }
}

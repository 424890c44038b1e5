import { describe, expect, it } from 'vitest'
import { type ClientError, parserRefusal } from '../../src/node/node-refusals.ts'

/** An error as Node's parser hands it to `clientError`. */
function parseError(code: string, reason: string, rawPacket?: string): ClientError {
  return Object.assign(new Error(`Parse Error: ${reason}`), {
    code,
    reason,
    ...(rawPacket === undefined ? {} : { rawPacket: Buffer.from(rawPacket) }),
  })
}

// The cases a test cannot provoke quickly over a socket; tests/e2e/malformed-requests.test.ts
// sends the others to a real server.
describe('the problem for what Node refused before the mock saw it', () => {
  it('answers a request that did not arrive in time with 408, as Node does', () => {
    const timeout = Object.assign(new Error('Request timeout'), {
      code: 'ERR_HTTP_REQUEST_TIMEOUT',
    })
    expect(parserRefusal(timeout, 16384)).toEqual({
      kind: 'request-timeout',
      status: 408,
      detail: 'The request did not arrive in full within the time this server waits for one.',
    })
  })

  it('names the header limit Node was started with', () => {
    const overflow = parseError(
      'HPE_HEADER_OVERFLOW',
      'Header overflow',
      'GET / HTTP/1.1\r\nX: aaa',
    )
    expect(parserRefusal(overflow, 32 * 1024).detail).toBe(
      "The request's headers are larger than the 32 KiB this server reads.",
    )
    expect(parserRefusal(overflow, 10_000).detail).toBe(
      "The request's headers are larger than the 10000 bytes this server reads.",
    )
  })

  it("quotes the parser's own words for an error it has no sentence for", () => {
    expect(parserRefusal(parseError('HPE_STRICT', 'Strict fail'), 16384)).toEqual({
      kind: 'malformed-request',
      status: 400,
      detail: 'The request is not HTTP/1.1 this server can read (Strict fail).',
    })
  })
})

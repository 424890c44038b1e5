/**
 * One request and its answer as the proxy saw them, bytes included: what `--record` writes to a HAR
 * file and what a replay answers from.
 */
export interface ProxyExchange {
  /** When the request arrived. */
  startedAt: Date
  /** From the request's arrival to the answer's headers. */
  durationMs: number
  /** The operation of the contract the request is, if any. */
  operationId: string | undefined
  /** Who answered: the backend, or the mock (an operation mocked, or the backend unreachable). */
  source: 'backend' | 'mock'
  request: RecordedMessage & { method: string; url: string }
  response: RecordedMessage & { status: number; statusText: string }
}

/** Headers in the order sent (names as sent), and the body's bytes (undefined for none). */
export interface RecordedMessage {
  headers: Array<[name: string, value: string]>
  body: Uint8Array | undefined
}

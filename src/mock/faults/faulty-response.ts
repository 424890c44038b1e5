import { FAULT_HEADER, type NetworkFault } from './kinds.ts'

/** How long a `timeout` holds its answer back when the client does not give up first. */
export const TIMEOUT_HOLD_MS = 600_000

// Bytes no JSON, XML or text parser takes: a NUL, bytes that are no UTF-8, a stray markup start.
const GARBLE = new Uint8Array([0x00, 0xff, 0xfe, 0x3c, 0x21, 0x7d, 0x00])

/**
 * The answer as the network fault leaves it, as far as a Response can carry it; `Standin-Fault`
 * names the fault, so a runtime that can do more (a TCP reset on Node, a network error in MSW)
 * does:
 * - `reset`, `empty`: the status and headers, then a body that fails before its first byte;
 * - `timeout`: nothing until the client gives up (or ten minutes), then as `empty`;
 * - `truncated`: `Content-Length` of the whole body, half of it, then the body fails;
 * - `malformed`: a whole, well-framed body that its media type cannot parse (half the answer, then
 *   bytes that are no text).
 * An answer without a body (204, 304) cannot be truncated or malformed: it is delivered `empty`.
 *
 * @example
 * await withNetworkFault(response, 'truncated', request.signal) // Content-Length: 412, 206 bytes, then an error
 */
export async function withNetworkFault(
  response: Response,
  kind: NetworkFault,
  signal: AbortSignal,
): Promise<Response> {
  if (kind === 'timeout') {
    await response.body?.cancel()
    await untilAbandoned(signal, TIMEOUT_HOLD_MS)
    return cutOff(response, kind, new Uint8Array(0))
  }
  if (kind === 'reset' || kind === 'empty' || response.body === null) {
    await response.body?.cancel()
    return cutOff(response, kind === 'reset' ? 'reset' : 'empty', new Uint8Array(0))
  }
  const bytes = new Uint8Array(await response.arrayBuffer())
  const half = bytes.subarray(0, Math.floor(bytes.length / 2))
  if (kind === 'truncated') return cutOff(response, kind, half, bytes.length)
  const headers = faultHeaders(response, kind)
  headers.delete('content-length')
  return new Response(concatAll([half, GARBLE]), { status: response.status, headers })
}

/** The answer's status and headers, then `sent`, then a failing body. */
function cutOff(
  response: Response,
  kind: NetworkFault,
  sent: Uint8Array,
  declaredLength?: number,
): Response {
  const headers = faultHeaders(response, kind)
  if (declaredLength === undefined) headers.delete('content-length')
  else headers.set('content-length', String(declaredLength))
  if (isNullBodyStatus(response.status))
    return new Response(null, { status: response.status, headers })
  // Erroring a stream drops what it still holds, so the cut comes at the read after `sent`.
  let pending = sent.length > 0
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pending) {
        pending = false
        controller.enqueue(sent)
        return
      }
      // As fetch reports a connection closed mid-body: a TypeError.
      controller.error(
        new TypeError('terminated', {
          cause: new Error(`standin: the answer was cut off (fault ${kind})`),
        }),
      )
    },
  })
  return new Response(body, { status: response.status, headers })
}

function faultHeaders(response: Response, kind: NetworkFault): Headers {
  const headers = new Headers(response.headers)
  headers.set(FAULT_HEADER, kind)
  return headers
}

function isNullBodyStatus(status: number): boolean {
  return status === 204 || status === 205 || status === 304
}

function concatAll(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const joined = new Uint8Array(parts.reduce((length, part) => length + part.length, 0))
  let offset = 0
  for (const part of parts) {
    joined.set(part, offset)
    offset += part.length
  }
  return joined
}

/** Resolves when the client gives up (the request's signal aborts) or after `ms`. */
function untilAbandoned(signal: AbortSignal, ms: number): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const timer = setTimeout(done, ms) as unknown as { unref?: () => void }
    // A held answer must not keep a Node process (a test run) alive on its own.
    timer.unref?.()
    signal.addEventListener('abort', done, { once: true })
    function done() {
      clearTimeout(timer as unknown as number)
      signal.removeEventListener('abort', done)
      resolve()
    }
  })
}

/** The bytes a cut-off body yields before it fails (all of a body that does not fail). */
export async function bytesBeforeCut(response: Response): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array[] = []
  const reader = response.body?.getReader()
  try {
    for (;;) {
      const read = await reader?.read()
      if (!read || read.done) break
      chunks.push(read.value)
    }
  } catch {
    // The cut: what came before it is what goes out.
  }
  return concatAll(chunks)
}

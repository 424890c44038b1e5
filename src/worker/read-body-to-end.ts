/**
 * The most of a request body the Worker reads past what the mock used: Cloudflare refuses larger
 * bodies (on its Free and Pro plans) before a Worker sees them.
 */
export const MAX_DISCARDED_BODY_BYTES = 100 * 1000 ** 2

/**
 * Answers with `handle`, after reading to its end whatever of the request body `handle` left: it
 * gets a copy of the request whose body it may read in part, cancel or ignore. workerd cannot reuse
 * a connection whose chunked body a Worker cancelled, and wrangler dev's proxy then answers the next
 * requests with 503 "Your worker restarted mid-request", or never (cloudflare/workerd#1741).
 *
 * @example
 * fetch: (request, env) => answerAfterBody(request, (copy) => app.fetch(copy, env))
 */
export async function answerAfterBody(
  request: Request,
  handle: (request: Request) => Response | Promise<Response>,
): Promise<Response> {
  if (!request.body) return handle(request)
  const source = request.body.getReader()
  try {
    return await handle(new Request(request, { body: detachedBody(source) }))
  } finally {
    await discardRest(source, MAX_DISCARDED_BODY_BYTES)
  }
}

/** A body that reads from `source`; cancelling it stops the reading and leaves `source` open. */
function detachedBody(source: ReadableStreamDefaultReader<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await source.read()
        if (next.done) controller.close()
        else controller.enqueue(next.value)
      },
    },
    { highWaterMark: 0 },
  )
}

async function discardRest(
  source: ReadableStreamDefaultReader<Uint8Array>,
  maxBytes: number,
): Promise<void> {
  let size = 0
  try {
    for (let next = await source.read(); !next.done; next = await source.read()) {
      size += next.value.byteLength
      if (size > maxBytes) return await source.cancel()
    }
  } catch {
    // The client went away: nothing is left to read.
  }
}

/**
 * What a client's `fetch` sees of a request, as one line: the error it throws (`fetch: TypeError
 * fetch failed (ECONNRESET)`), else the status and what reading the body gave (`200 JSON`,
 * `200 json(): SyntaxError`, `200 text(): TypeError terminated`). With `fault`, the answer's
 * `Standin-Fault` is added in brackets.
 *
 * @example
 * await outcomeOf(`${mock.url}/products`, { headers: { Prefer: 'fault=reset' } }) // 'fetch: TypeError fetch failed (ECONNRESET)'
 */
export async function outcomeOf(
  url: string,
  init: RequestInit = {},
  { fault = false }: { fault?: boolean } = {},
): Promise<string> {
  let response: Response
  try {
    response = await fetch(url, init)
  } catch (error) {
    return `fetch: ${describeError(error)}`
  }
  const named =
    fault && response.headers.has('standin-fault')
      ? ` (${response.headers.get('standin-fault')})`
      : ''
  let text: string
  try {
    text = await response.text()
  } catch (error) {
    return `${response.status} text(): ${describeError(error)}${named}`
  }
  try {
    JSON.parse(text)
    return `${response.status} JSON${named}`
  } catch (error) {
    // V8 words JSON's errors with the text around them: the name is what stays.
    return `${response.status} json(): ${(error as Error).name}${named}`
  }
}

function describeError(error: unknown): string {
  const { name, message, cause } = error as Error & { cause?: { code?: unknown } }
  return typeof cause?.code === 'string'
    ? `${name} ${message} (${cause.code})`
    : `${name} ${message}`
}

/**
 * The seconds a rate limiter's `Retry-After` can say when its next turn was `perTurn` seconds away
 * at `since` (a `Date.now()`): the turn comes nearer as time passes, so the exact number depends on
 * how long the requests took.
 */
export function retryAfterRange(perTurn: number, since: number): [number, number] {
  const elapsed = (Date.now() - since) / 1000
  return [Math.max(1, Math.floor(perTurn - elapsed)), perTurn]
}

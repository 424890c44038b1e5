/**
 * The response with its headers changed by `change`: in place, or on a copy when its headers cannot
 * change (a fetched Response, a docs asset). Changing them in place keeps a string body a string,
 * which Node sends in one write with a Content-Length; the copy's body is the same stream.
 *
 * @example
 * withChangedHeaders(response, (headers) => headers.set('X-Standin-Mock', 'stateless'))
 */
export function withChangedHeaders(
  response: Response,
  change: (headers: Headers) => void,
): Response {
  try {
    change(response.headers)
    return response
  } catch {
    // Immutable headers throw at the first change, so nothing was changed yet.
    const copy = new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers: new Headers(response.headers),
    })
    change(copy.headers)
    return copy
  }
}

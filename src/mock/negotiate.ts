interface MediaRange {
  type: string
  subtype: string
  q: number
}

/**
 * The offered media type that best fits an `Accept` header, or undefined when none is acceptable.
 * No or an unreadable `Accept` takes the first offer. `application/json` also accepts `+json` types
 * (`application/problem+json`), a little below an exact match.
 *
 * @example
 * chooseMediaType('text/html, application/json;q=0.9', ['application/json']) // 'application/json'
 */
export function chooseMediaType(
  accept: string | null,
  offered: readonly string[],
): string | undefined {
  // A bare word is unreadable unless it names an offer spelled the same way (a document's `xls`).
  const ranges = parseAccept(accept ?? '').filter(
    (range) => range.subtype !== '' || offered.some((type) => essence(type) === range.type),
  )
  if (ranges.length === 0) return offered[0]
  let best: { type: string; q: number } | undefined
  for (const type of offered) {
    const q = qualityOf(type, ranges)
    if (q > 0 && (!best || q > best.q)) best = { type, q }
  }
  return best?.type
}

/**
 * The ranges of an `Accept` header; a bare word (`xls`) has an empty subtype and matches only
 * itself.
 */
function parseAccept(accept: string): MediaRange[] {
  const ranges: MediaRange[] = []
  for (const part of accept.split(',')) {
    const [range = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase())
    const [type, subtype = ''] = range.split('/')
    if (!type || (range.includes('/') && !subtype)) continue
    const q = params
      .map((param) => /^q=([01](\.\d{0,3})?)$/.exec(param)?.[1])
      .find((value) => value !== undefined)
    ranges.push({ type, subtype, q: q === undefined ? 1 : Number(q) })
  }
  return ranges
}

/**
 * The q of the most specific range that matches; a `+json` type matched through `application/json`
 * loses a little.
 */
function qualityOf(offered: string, ranges: MediaRange[]): number {
  const [type = '', subtype = ''] = essence(offered).split('/')
  let best: { specificity: number; q: number } | undefined
  for (const range of ranges) {
    const specificity = matchSpecificity(type, subtype, range)
    if (specificity > 0 && (!best || specificity > best.specificity))
      best = { specificity, q: range.q }
  }
  if (!best) return 0
  return best.specificity === 2 ? best.q * 0.99 : best.q
}

/** `type/subtype` without parameters, lower-cased. */
function essence(mediaType: string): string {
  return mediaType.toLowerCase().split(';')[0]!.trim()
}

// 4 exact, 3 type/*, 2 application/json for a +json type, 1 */*, 0 no match.
function matchSpecificity(type: string, subtype: string, range: MediaRange): number {
  if (range.type === '*' && range.subtype === '*') return 1
  if (range.type !== type) return 0
  if (range.subtype === subtype) return 4
  if (range.subtype === '*') return 3
  if (range.subtype === 'json' && subtype.endsWith('+json')) return 2
  return 0
}

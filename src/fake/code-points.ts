// The sets of code points the regex generator draws characters from. Everything is judged against
// printable ASCII: a class generates its printable ASCII members where it has any (readable
// values), and a negated class is printable ASCII minus the members, so both are exact there.

export type Range = readonly [number, number]

export const PRINTABLE: Range[] = [[0x20, 0x7e]]

/**
 * Properties without ASCII members drawn from their familiar part rather than their first code
 * points.
 */
const FAMILIAR: Record<string, Range[]> = {
  Extended_Pictographic: [
    [0x1f600, 0x1f64f],
    [0x1f680, 0x1f6c5],
    [0x1f90c, 0x1f93a],
  ],
  Emoji_Presentation: [
    [0x1f600, 0x1f64f],
    [0x1f680, 0x1f6c5],
    [0x1f90c, 0x1f93a],
  ],
  Regional_Indicator: [[0x1f1e6, 0x1f1ff]],
}
/** How many code points stand for a property that has no printable ASCII member. */
const SAMPLE_SIZE = 8
const cache = new Map<string, { members: Range[]; ascii: Range[] }>()

/**
 * The code points `\p{name}` (or `\P{name}` when negated) generates, as the JavaScript engine reads
 * the name (`L`, `Letter`, `gc=Lu`, `Script=Greek`, `Emoji`); undefined for a name ECMA-262 does
 * not know.
 *
 * @example
 * propertyRanges('Nd', false) // [[0x30, 0x39]]
 */
export function propertyRanges(name: string, negated: boolean): Range[] | undefined {
  const property = propertyOf(name)
  if (!property) return undefined
  return negated ? complement(property.ascii) : property.members
}

function propertyOf(name: string): { members: Range[]; ascii: Range[] } | undefined {
  const cached = cache.get(name)
  if (cached) return cached
  const test = matcher(name)
  if (!test) return undefined
  const ascii = rangesWhere(test, 0x20, 0x7e, Infinity)
  const members =
    ascii.length > 0
      ? ascii
      : (FAMILIAR[name.replace(/^\w+=/, '')] ?? rangesWhere(test, 0x80, 0x10ffff, SAMPLE_SIZE))
  const property = { members, ascii }
  cache.set(name, property)
  return property
}

function matcher(name: string): ((char: string) => boolean) | undefined {
  try {
    const regex = new RegExp(`^\\p{${name}}$`, 'u')
    return (char) => regex.test(char)
  } catch {
    return undefined
  }
}

/** The code points from `low` to `high` that pass, as ranges, stopping after `limit` of them. */
function rangesWhere(
  test: (char: string) => boolean,
  low: number,
  high: number,
  limit: number,
): Range[] {
  const ranges: Array<[number, number]> = []
  let found = 0
  for (let code = low; code <= high && found < limit; code++) {
    if (!test(String.fromCodePoint(code))) continue
    const last = ranges[ranges.length - 1]
    if (last && last[1] === code - 1) last[1] = code
    else ranges.push([code, code])
    found++
  }
  return ranges
}

/** Printable ASCII minus the ranges: what `[^…]`, `\D`, `\W`, `\S` and `\P{…}` generate. */
export function complement(ranges: readonly Range[]): Range[] {
  let pieces: Range[] = PRINTABLE
  for (const [low, high] of ranges) {
    pieces = pieces.flatMap(([a, b]): Range[] => {
      if (high < a || low > b) return [[a, b]]
      const parts: Range[] = []
      if (low > a) parts.push([a, low - 1])
      if (high < b) parts.push([high + 1, b])
      return parts
    })
  }
  return pieces
}

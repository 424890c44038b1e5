import type { RecordedMessage } from './exchange.ts'

// Reading the parts of a recorded message: its cookies, its query, one header.

/** The name and value of each cookie in `a=1; b=2` (a Set-Cookie's attributes come after its first). */
export function cookiePairs(header: string): Array<[name: string, value: string]> {
  return header.split(';').flatMap((pair) => {
    const equals = pair.indexOf('=')
    return equals < 0 ? [] : [[pair.slice(0, equals).trim(), pair.slice(equals + 1).trim()]]
  }) as Array<[string, string]>
}

/** The decoded query parameters of a URL, in order. */
export function queryPairs(url: string): { name: string; value: string }[] {
  const query = URL.canParse(url) ? new URL(url).searchParams : new URLSearchParams()
  return [...query].map(([name, value]) => ({ name, value }))
}

/** The first value of a header, by name in any case. */
export function headerValue(headers: RecordedMessage['headers'], name: string): string | undefined {
  const lower = name.toLowerCase()
  return headers.find(([header]) => header.toLowerCase() === lower)?.[1]
}

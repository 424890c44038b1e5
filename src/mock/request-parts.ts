import { decodeText, defineField } from '../operation/text-fields.ts'

/**
 * `a=1; b=%20x` → { a: '1', b: ' x' }; the first of a repeated name wins, like browsers send them.
 */
export function readCookies(headers: Headers): Record<string, string> {
  const cookies: Record<string, string> = {}
  for (const pair of (headers.get('cookie') ?? '').split(';')) {
    const equals = pair.indexOf('=')
    if (equals <= 0) continue
    const name = pair.slice(0, equals).trim()
    if (name !== '' && !Object.hasOwn(cookies, name))
      defineField(cookies, name, decodeText(pair.slice(equals + 1).trim()))
  }
  return cookies
}

/**
 * The declared headers (case-insensitive) by their declared names; every header, lower-cased, when
 * none are declared.
 */
export function readHeaders(
  headers: Headers,
  declared: readonly string[] | undefined,
): Record<string, string> {
  const record: Record<string, string> = {}
  if (declared) {
    for (const name of declared) {
      const value = headers.get(name)
      if (value !== null) defineField(record, name, value)
    }
    return record
  }
  headers.forEach((value, name) => defineField(record, name, value))
  return record
}

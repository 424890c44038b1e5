import type { OutgoingRequest } from './transport.ts'

/**
 * A curl command that sends the same request. `shown` replaces header values (lower-case names)
 * with what may be printed: `Bearer ${TOKEN}` stays an environment reference the shell expands,
 * `***` marks a secret that has to be filled in.
 *
 * @example
 * toCurl('http://127.0.0.1:3000', { method: 'GET', path: '/me', headers: { Authorization: 'Bearer x' } }, { authorization: 'Bearer ${TOKEN}' })
 * // curl -sS -X GET 'http://127.0.0.1:3000/me' -H "Authorization: Bearer ${TOKEN}"
 */
export function toCurl(
  baseUrl: string,
  request: OutgoingRequest,
  shown: Record<string, string> = {},
): string {
  const parts = ['curl -sS', `-X ${request.method}`, singleQuote(baseUrl + request.path)]
  for (const [name, value] of Object.entries(request.headers)) {
    const display = shown[name.toLowerCase()] ?? value
    parts.push(
      `-H ${display.includes('${') ? doubleQuoteKeepingReferences(`${name}: ${display}`) : singleQuote(`${name}: ${display}`)}`,
    )
  }
  if (request.body !== undefined) parts.push(`--data-raw ${singleQuote(request.body)}`)
  return parts.join(' ')
}

function singleQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`
}

// Escapes what the shell would expand inside double quotes, except ${NAME} references.
function doubleQuoteKeepingReferences(text: string): string {
  const escaped = text
    .replace(/["\\`]/g, '\\$&')
    .replace(/\$(?!\{[A-Za-z_][A-Za-z0-9_]*\})/g, '\\$')
  return `"${escaped}"`
}

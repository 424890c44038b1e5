const MIN_SECRET_LENGTH = 4

/**
 * A copy of a JSON-like value with every occurrence of a secret replaced by `***`. The one place
 * reports are cleaned, so no reporter can leak a token.
 *
 * @example
 * redactSecrets({ curl: "-H 'Authorization: Bearer s3cret'" }, ['s3cret']) // { curl: "-H 'Authorization: Bearer ***'" }
 */
export function redactSecrets<T>(value: T, secrets: readonly string[]): T {
  const usable = [...new Set(secrets)]
    .filter((secret) => secret.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length)
  if (usable.length === 0) return value
  return walk(value, usable) as T
}

function walk(value: unknown, secrets: string[]): unknown {
  if (typeof value === 'string')
    return secrets.reduce((text, secret) => text.split(secret).join('***'), value)
  if (Array.isArray(value)) return value.map((item) => walk(item, secrets))
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, walk(item, secrets)]),
    )
  }
  return value
}

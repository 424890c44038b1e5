/** The media type of a Content-Type value, lower-cased and without parameters: `Application/JSON; charset=utf-8` → `application/json`. */
export function mediaTypeOf(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase()
}

/** `application/json` and every `+json` type (`application/problem+json`), with or without parameters. */
export function isJsonMediaType(type: string): boolean {
  const media = mediaTypeOf(type)
  return media === 'application/json' || /^application\/[^/]*\+json$/.test(media)
}

/**
 * A documented media type whose body travels as JSON: a JSON type, or a wildcard (`*​/*`, `application/*`)
 * that a schema describes, which both the mock and verify write and read as JSON.
 */
export function carriesJson(type: string): boolean {
  return isJsonMediaType(type) || mediaTypeOf(type).endsWith('/*')
}

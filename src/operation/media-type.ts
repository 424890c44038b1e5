/**
 * The media type of a Content-Type value, lower-cased and without parameters: `Application/JSON;
 * charset=utf-8` → `application/json`.
 */
export function mediaTypeOf(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase()
}

/**
 * The charset parameter of a Content-Type value, unquoted, as written: `application/json;
 * charset="UTF-8"` → `UTF-8`; undefined when there is none.
 */
export function charsetOf(contentType: string): string | undefined {
  return /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType)?.[1]
}

/**
 * Whether a charset label names UTF-8 (`utf-8`, `UTF8`, `unicode-1-1-utf-8`), as the Encoding
 * standard reads labels.
 */
export function isUtf8Charset(label: string): boolean {
  try {
    return new TextDecoder(label).encoding === 'utf-8'
  } catch {
    return false
  }
}

/**
 * `application/json` and every `+json` type (`application/problem+json`), with or without
 * parameters.
 */
export function isJsonMediaType(type: string): boolean {
  const media = mediaTypeOf(type)
  return media === 'application/json' || /^application\/[^/]*\+json$/.test(media)
}

/**
 * A documented media type whose body may travel as JSON: a JSON type, or a wildcard that JSON fits
 * (`*​/*`, `application/*`), which both the mock and verify write and read as JSON when the body is
 * no text.
 */
export function carriesJson(type: string): boolean {
  const media = mediaTypeOf(type)
  return isJsonMediaType(media) || media === '*/*' || media === 'application/*'
}

/** What a wildcard answers as, by its kind: an answer's Content-Type names one type. */
const CONCRETE: Record<string, string> = {
  image: 'image/png',
  audio: 'audio/mpeg',
  video: 'video/mp4',
  text: 'text/plain',
  font: 'font/woff2',
}

/**
 * The Content-Type to answer with for a documented media type: itself, or for a wildcard a type of
 * its kind (`audio/*` → `audio/mpeg`), JSON for an object or a list, and for text that fits
 * anything `application/octet-stream`.
 *
 * @example
 * concreteMediaType('*‍/*', { id: 1 }) // 'application/json'
 */
export function concreteMediaType(type: string, body: unknown): string {
  const media = mediaTypeOf(type)
  if (!media.includes('*')) return type
  const kind = media.split('/')[0] as string
  if (CONCRETE[kind]) return CONCRETE[kind]
  return typeof body === 'string' ? 'application/octet-stream' : 'application/json'
}

import { defineField } from '../operation/text-fields.ts'
import { isJsonMediaType } from '../operation/media-type.ts'
import { isXmlMediaType, readXml } from '../operation/xml-body.ts'

/**
 * How deeply a JSON body may nest: deeper than any real payload, shallow enough for any validator.
 */
export const MAX_JSON_DEPTH = 256

export type ReadResult =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; reason: 'too-large' | 'unreadable' }
export type DecodeResult = { ok: true; value: unknown } | { ok: false; message: string }

/**
 * Reads a request body, stopping as soon as it passes `maxBytes` (a declared Content-Length over
 * the cap is refused before reading).
 *
 * @example
 * const read = await readBody(request, 1024 * 1024)
 * if (!read.ok) // answer 413
 */
export async function readBody(request: Request, maxBytes: number): Promise<ReadResult> {
  const declared = request.headers.get('content-length')
  if (Number(declared ?? '0') > maxBytes) return { ok: false, reason: 'too-large' }
  try {
    if (declared !== null && /^\d+$/.test(declared))
      return capped(new Uint8Array(await request.arrayBuffer()), maxBytes)
    if (!request.body) return { ok: true, bytes: new Uint8Array(0) }
    return await readCapped(request.body.getReader(), maxBytes)
  } catch {
    return { ok: false, reason: 'unreadable' }
  }
}

// A body of declared length is read whole: on Node that reads the socket directly, without building
// a stream (HTTP framing ends it at the declared length, which is under the cap).
function capped(bytes: Uint8Array, maxBytes: number): ReadResult {
  return bytes.byteLength > maxBytes ? { ok: false, reason: 'too-large' } : { ok: true, bytes }
}

async function readCapped(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  maxBytes: number,
): Promise<ReadResult> {
  const chunks: Uint8Array[] = []
  let size = 0
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    size += next.value.byteLength
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined)
      return { ok: false, reason: 'too-large' }
    }
    chunks.push(next.value)
  }
  return { ok: true, bytes: concat(chunks, size) }
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

/**
 * Turns body bytes into the value a schema checks, by media type: JSON, form fields, or text.
 * Anything else is not inspected (undefined). Invalid UTF-8, bad JSON and too deep nesting are
 * messages.
 */
export async function decodeBody(
  bytes: Uint8Array,
  mediaType: string,
  contentType: string,
): Promise<DecodeResult> {
  if (mediaType === 'multipart/form-data') return decodeMultipart(bytes, contentType)
  const xml = isXmlMediaType(mediaType)
  if (
    !isJsonMediaType(mediaType) &&
    !xml &&
    !mediaType.startsWith('text/') &&
    mediaType !== 'application/x-www-form-urlencoded'
  ) {
    return { ok: true, value: undefined }
  }
  const text = decodeUtf8(bytes)
  if (text === undefined) return { ok: false, message: 'The body is not valid UTF-8.' }
  if (mediaType === 'application/x-www-form-urlencoded')
    return { ok: true, value: formToRecord(new URLSearchParams(text)) }
  if (xml) return readXml(text)
  if (!isJsonMediaType(mediaType)) return { ok: true, value: text }
  return parseJson(text)
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    return undefined
  }
}

function parseJson(text: string): DecodeResult {
  if (jsonDepth(text) > MAX_JSON_DEPTH)
    return { ok: false, message: `The JSON body nests deeper than ${MAX_JSON_DEPTH} levels.` }
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return { ok: false, message: `The body is not valid JSON: ${reason}.` }
  }
}

/** The deepest nesting of arrays and objects, counted outside strings. */
function jsonDepth(text: string): number {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (inString) {
      if (code === 92) i++
      else if (code === 34) inString = false
    } else if (code === 34) inString = true
    else if (code === 91 || code === 123) deepest = Math.max(deepest, ++depth)
    else if (code === 93 || code === 125) depth--
  }
  return deepest
}

function formToRecord(form: Iterable<[string, unknown]>): Record<string, unknown> {
  const record: Record<string, unknown> = {}
  for (const [key, value] of form) {
    const previous = Object.hasOwn(record, key) ? record[key] : undefined
    const next =
      previous === undefined
        ? value
        : Array.isArray(previous)
          ? [...previous, value]
          : [previous, value]
    defineField(record, key, next)
  }
  return record
}

async function decodeMultipart(bytes: Uint8Array, contentType: string): Promise<DecodeResult> {
  try {
    const form = await new Response(bytes as Uint8Array<ArrayBuffer>, {
      headers: { 'content-type': contentType },
    }).formData()
    const fields = [...form.entries()].map(([key, value]): [string, unknown] => [
      key,
      typeof value === 'string' ? value : value.name,
    ])
    return { ok: true, value: formToRecord(fields) }
  } catch {
    return { ok: false, message: 'The multipart body could not be read.' }
  }
}

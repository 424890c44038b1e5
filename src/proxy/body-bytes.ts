// A recorded body's bytes as text where they are UTF-8, else as base64: how a HAR file keeps them.

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
const encoder = new TextEncoder()
/** Bytes per String.fromCharCode call: large bodies would overflow the argument list. */
const CHUNK = 0x8000

/**
 * The bytes as text when they are UTF-8 that encodes back to exactly these bytes; undefined for
 * anything else (an image, a gzip stream, Latin-1 text).
 */
export function utf8TextOf(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes)
  } catch {
    return undefined
  }
}

export function utf8Bytes(text: string): Uint8Array {
  return encoder.encode(text)
}

export function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let start = 0; start < bytes.length; start += CHUNK)
    binary += String.fromCharCode(...bytes.subarray(start, start + CHUNK))
  return btoa(binary)
}

/** The bytes of base64 text; undefined when it is not base64. */
export function fromBase64(text: string): Uint8Array | undefined {
  try {
    const binary = atob(text.replace(/\s+/g, ''))
    return Uint8Array.from(binary, (char) => char.charCodeAt(0))
  } catch {
    return undefined
  }
}

import { isJsonMediaType } from '../operation/media-type.ts'
import { isXmlMediaType, writeXml } from '../operation/xml-body.ts'

/** The fixed multipart boundary: verify's requests are reproducible byte for byte. */
export const MULTIPART_BOUNDARY = 'standin-verify-boundary'

/**
 * A body value as the text of its media type, with the Content-Type to send: JSON for JSON types
 * (and wildcards), fields for `application/x-www-form-urlencoded` and `multipart/form-data` (arrays
 * repeat the field, objects go as JSON text), and the value itself for text and anything else.
 *
 * @example
 * encodeBody({ name: 'Rex', tag: ['a', 'b'] }, 'application/x-www-form-urlencoded')
 * // { contentType: 'application/x-www-form-urlencoded', text: 'name=Rex&tag=a&tag=b' }
 */
export function encodeBody(
  value: unknown,
  mediaType: string,
): { contentType: string; text: string } {
  const type = (mediaType.split(';')[0] ?? '').trim().toLowerCase()
  if (type.includes('*'))
    return { contentType: 'application/json', text: JSON.stringify(value) ?? '' }
  if (isJsonMediaType(type)) return { contentType: mediaType, text: JSON.stringify(value) ?? '' }
  if (isXmlMediaType(type) && typeof value === 'object' && value !== null)
    return { contentType: mediaType, text: writeXml(value) }
  if (type === 'application/x-www-form-urlencoded')
    return { contentType: mediaType, text: new URLSearchParams(formFields(value)).toString() }
  if (type === 'multipart/form-data')
    return {
      contentType: `multipart/form-data; boundary=${MULTIPART_BOUNDARY}`,
      text: multipart(formFields(value)),
    }
  return {
    contentType: mediaType,
    text: typeof value === 'string' ? value : (JSON.stringify(value) ?? ''),
  }
}

/**
 * The fields of a form body: one pair per scalar, one per array item; nested objects as JSON text.
 */
function formFields(value: unknown): Array<[string, string]> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return []
  const fields: Array<[string, string]> = []
  for (const [name, field] of Object.entries(value)) {
    for (const item of Array.isArray(field) ? field : [field]) {
      if (item !== undefined && item !== null)
        fields.push([name, typeof item === 'object' ? JSON.stringify(item) : String(item)])
    }
  }
  return fields
}

function multipart(fields: Array<[string, string]>): string {
  const parts = fields.map(
    ([name, text]) =>
      `--${MULTIPART_BOUNDARY}\r\nContent-Disposition: form-data; name="${name.replace(/"/g, '%22')}"\r\n\r\n${text}\r\n`,
  )
  return `${parts.join('')}--${MULTIPART_BOUNDARY}--\r\n`
}

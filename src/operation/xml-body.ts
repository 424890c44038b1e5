import { mediaTypeOf } from './media-type.ts'
import { defineField } from './text-fields.ts'

// Bodies documented as XML (`text/xml`, `application/xml`, `…+xml`) with an object schema, as the
// classic cloud-provider query APIs document their requests: the mock reads them and writes them,
// and verify writes and reads them the same way. An object's fields are elements, a list's items
// repeat the field's element, text is text; what the schema makes of the text (numbers, booleans)
// is read later, as for form fields.

const MAX_DEPTH = 256
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

export type XmlRead = { ok: true; value: unknown } | { ok: false; message: string }

/** `application/xml`, `text/xml` and every `+xml` type, with or without parameters. */
export function isXmlMediaType(type: string): boolean {
  const media = mediaTypeOf(type)
  return media === 'application/xml' || media === 'text/xml' || /^[a-z]+\/[^/]*\+xml$/.test(media)
}

/**
 * A value as an XML document under `root`: an object's fields as elements, a list as the field's
 * element repeated, everything else as its text.
 *
 * @example
 * writeXml({ UserName: 'ada', Tags: [{ Key: 'team' }] }) // '<?xml version="1.0" encoding="UTF-8"?><root><UserName>ada</UserName><Tags><Key>team</Key></Tags></root>'
 */
export function writeXml(value: unknown, root = 'root'): string {
  // A document has one root: a list's items go inside it, as `member` elements.
  return `<?xml version="1.0" encoding="UTF-8"?>${element(root, Array.isArray(value) ? { member: value } : value)}`
}

function element(name: string, value: unknown): string {
  // An empty list is an empty element, so that it reads back as a list with no items, not as no
  // field.
  if (Array.isArray(value))
    return value.length === 0 ? `<${name}/>` : value.map((item) => element(name, item)).join('')
  if (value === undefined) return ''
  if (value === null) return `<${name}/>`
  if (typeof value === 'object')
    return `<${name}>${Object.entries(value)
      .map(([key, field]) => element(key, field))
      .join('')}</${name}>`
  return `<${name}>${escapeText(String(value))}</${name}>`
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/**
 * The content of an XML document's root element as a value: an element with child elements is an
 * object (a name that repeats is a list), one with only text is its text, an empty one `''`.
 * Attributes, comments, processing instructions and namespace prefixes are left aside.
 *
 * @example
 * readXml('<CreateUser><UserName>ada</UserName><Path>/</Path></CreateUser>') // { ok: true, value: { UserName: 'ada', Path: '/' } }
 */
export function readXml(text: string): XmlRead {
  const reader = new XmlReader(text)
  try {
    reader.skipProlog()
    const root = reader.element(0)
    reader.skipMisc()
    if (!reader.done())
      return { ok: false, message: 'The XML body has content after its root element.' }
    return { ok: true, value: root.value }
  } catch (error) {
    return {
      ok: false,
      message: `The body is not well-formed XML: ${error instanceof Error ? error.message : String(error)}.`,
    }
  }
}

class XmlReader {
  #at = 0
  readonly #text: string

  constructor(text: string) {
    this.#text = text
  }

  done(): boolean {
    return this.#at >= this.#text.length
  }

  skipProlog(): void {
    this.skipMisc()
    while (this.#text.startsWith('<!DOCTYPE', this.#at)) {
      this.#skipPast('>')
      this.skipMisc()
    }
  }

  /** Whitespace, comments and processing instructions. */
  skipMisc(): void {
    for (;;) {
      while (/\s/.test(this.#text[this.#at] ?? '')) this.#at++
      if (this.#text.startsWith('<?', this.#at)) this.#skipPast('?>')
      else if (this.#text.startsWith('<!--', this.#at)) this.#skipPast('-->')
      else return
    }
  }

  /** One element and its content. */
  element(depth: number): { name: string; value: unknown } {
    if (depth > MAX_DEPTH) throw new Error(`it nests deeper than ${MAX_DEPTH} levels`)
    const open = /^<([A-Za-z_][\w.:-]*)([^>]*?)(\/?)>/.exec(
      this.#text.slice(this.#at, this.#at + 4096),
    )
    if (!open) throw new Error(`an element was expected at character ${this.#at}`)
    this.#at += open[0].length
    const name = localName(open[1] as string)
    if (open[3] === '/') return { name, value: '' }
    const value = this.#content(open[1] as string, depth)
    return { name, value }
  }

  #content(tag: string, depth: number): unknown {
    let text = ''
    const children: Array<{ name: string; value: unknown }> = []
    for (;;) {
      if (this.done()) throw new Error(`<${tag}> is not closed`)
      if (this.#text.startsWith(`</`, this.#at)) {
        this.#close(tag)
        return children.length > 0 ? objectOf(children) : text
      }
      if (this.#text.startsWith('<![CDATA[', this.#at)) text += this.#cdata()
      else if (this.#text.startsWith('<!--', this.#at) || this.#text.startsWith('<?', this.#at))
        this.skipMisc()
      else if (this.#text[this.#at] === '<') children.push(this.element(depth + 1))
      else text += this.#textUntilTag()
    }
  }

  #close(tag: string): void {
    const close = /^<\/([^\s>]+)\s*>/.exec(this.#text.slice(this.#at, this.#at + 1024))
    if (close?.[1] !== tag)
      throw new Error(`${close ? `</${close[1]}>` : 'a closing tag'} closes <${tag}>`)
    this.#at += close[0].length
  }

  #cdata(): string {
    const start = this.#at + '<![CDATA['.length
    const end = this.#text.indexOf(']]>', start)
    if (end < 0) throw new Error('a CDATA section is not closed')
    this.#at = end + 3
    return this.#text.slice(start, end)
  }

  #textUntilTag(): string {
    const end = this.#text.indexOf('<', this.#at)
    const raw = this.#text.slice(this.#at, end < 0 ? undefined : end)
    this.#at = end < 0 ? this.#text.length : end
    return decodeEntities(raw)
  }

  #skipPast(marker: string): void {
    const end = this.#text.indexOf(marker, this.#at)
    if (end < 0) throw new Error(`"${marker}" is missing`)
    this.#at = end + marker.length
  }
}

/** Children as an object; a name that repeats holds a list. */
function objectOf(children: Array<{ name: string; value: unknown }>): Record<string, unknown> {
  const object: Record<string, unknown> = {}
  for (const { name, value } of children) {
    const previous = Object.hasOwn(object, name) ? object[name] : undefined
    defineField(
      object,
      name,
      previous === undefined
        ? value
        : Array.isArray(previous)
          ? [...previous, value]
          : [previous, value],
    )
  }
  return object
}

/** `ns:UserName` → `UserName`. */
function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1)
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X'))
      return safeCodePoint(Number.parseInt(entity.slice(2), 16), whole)
    if (entity.startsWith('#')) return safeCodePoint(Number(entity.slice(1)), whole)
    return ENTITIES[entity] ?? whole
  })
}

function safeCodePoint(code: number, fallback: string): string {
  return Number.isInteger(code) && code >= 0 && code <= 0x10ffff
    ? String.fromCodePoint(code)
    : fallback
}

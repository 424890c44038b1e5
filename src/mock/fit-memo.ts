import { withUncheckedAt } from '../fake/index.ts'
import type { Schema } from '../operation/compile-operation.ts'
import { type FieldPath, valueAt } from '../operation/envelope.ts'

// Remembers that a value fits a schema, so an answer read again (a stored object, the same page of a
// session's list) is not validated again. Only successes are kept: a failure is rare, and its issues
// are worth computing each time.

const fittingObjects = new WeakMap<Schema, WeakSet<object>>()
// Per schema, so a text is looked up as it is (no key built from a copy of it).
const fittingTexts = new WeakMap<Schema, Set<string>>()
const textSets: Set<string>[] = []
/** UTF-16 code units of text kept; past it every remembered text is forgotten. */
const TEXT_BUDGET = 8 * 1024 * 1024
let textChars = 0

/**
 * Whether `value` fits `schema`, remembered per object: the store never changes an object in place
 * (a change stores a new one), so an object that fitted once still does.
 *
 * @example
 * if (fitsObject(itemSchema, stored)) return stored
 */
export function fitsObject(schema: Schema, value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return schema.safeParse(value).success
  const known = fittingObjects.get(schema)
  if (known?.has(value)) return true
  if (!schema.safeParse(value).success) return false
  rememberFits(schema, value)
  return true
}

/**
 * Remembers that `value` fits `schema`, as just checked (an object stored after its check), so
 * `fitsObject` does not check it again.
 */
export function rememberFits(schema: Schema, value: object): void {
  const known = fittingObjects.get(schema)
  if (known) known.add(value)
  else fittingObjects.set(schema, new WeakSet([value]))
}

/**
 * Whether the JSON `text` was seen to fit `schema` (parsing the same text gives the same value).
 *
 * @example
 * if (!knownFittingText(schema, text)) validate(JSON.parse(text))
 */
export function knownFittingText(schema: Schema, text: string): boolean {
  return fittingTexts.get(schema)?.has(text) === true
}

/** Remembers that `text`, parsed, fits `schema`. */
export function rememberFittingText(schema: Schema, text: string): void {
  if (text.length > TEXT_BUDGET / 16) return
  let texts = fittingTexts.get(schema)
  if (!texts) {
    texts = new Set()
    fittingTexts.set(schema, texts)
    textSets.push(texts)
  }
  if (texts.has(text)) return
  if (textChars + text.length > TEXT_BUDGET) {
    for (const set of textSets) set.clear()
    textChars = 0
  }
  texts.add(text)
  textChars += text.length
}

/**
 * Whether `body` fits `schema` where `innerFits` vouches for what sits at `path` in it: the value
 * there (`'value'`), or each element of the list there (`'elements'`). Then only the envelope
 * around it is checked (a page around stored objects, `{ "article": … }` around one), so a stored
 * object is not validated again on each read. Where `innerFits` does not vouch, or no envelope can
 * be cut out (a union on the way), the whole body is checked.
 *
 * @example
 * fitsAround(PageSchema, ['items'], 'elements', page, (item) => fitsObject(Product, item))
 */
export function fitsAround(
  schema: Schema,
  path: FieldPath,
  hole: 'value' | 'elements',
  body: unknown,
  innerFits: (value: unknown) => boolean,
): boolean {
  const inner = valueAt(body, path)
  const vouched =
    hole === 'value' ? innerFits(inner) : Array.isArray(inner) && inner.every(innerFits)
  const envelope = vouched ? envelopeOf(schema, path, hole) : undefined
  return (envelope ?? schema).safeParse(body).success
}

const envelopes = new WeakMap<Schema, Map<string, Schema | undefined>>()

function envelopeOf(schema: Schema, path: FieldPath, hole: 'value' | 'elements') {
  let known = envelopes.get(schema)
  if (!known) {
    known = new Map()
    envelopes.set(schema, known)
  }
  const key = `${hole} ${JSON.stringify(path)}`
  if (!known.has(key)) known.set(key, withUncheckedAt(schema, path, hole))
  return known.get(key)
}

import type { Schema } from '../operation/compile-operation.ts'

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
  if (known) known.add(value)
  else fittingObjects.set(schema, new WeakSet([value]))
  return true
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

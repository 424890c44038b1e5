// Identifiers for generated source: valid, readable and unique.

const RESERVED = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await z createRoute defineContract'.split(
    ' ',
  ),
)

function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
}

function capitalize(word: string): string {
  return word[0]!.toUpperCase() + word.slice(1)
}

/** `full-repository` → `FullRepository`; keeps names that are already PascalCase. */
export function schemaIdentifier(name: string): string {
  if (/^[A-Z][A-Za-z0-9]*$/.test(name)) return name
  const joined = words(name).map(capitalize).join('')
  return /^[A-Za-z]/.test(joined) ? joined : `Schema${joined}`
}

/** `repos/get-content` → `reposGetContent`. */
export function routeIdentifier(operationId: string): string {
  const parts = words(operationId)
  const joined = parts
    .map((word, index) => (index === 0 ? word[0]!.toLowerCase() + word.slice(1) : capitalize(word)))
    .join('')
  const identifier = /^[A-Za-z]/.test(joined) ? joined : `operation${capitalize(joined || 'Root')}`
  return RESERVED.has(identifier) ? `${identifier}Operation` : identifier
}

/** `Pet Store` → `pet-store`, for file names. */
export function fileName(tag: string): string {
  return (
    words(tag)
      .map((word) => word.toLowerCase())
      .join('-') || 'untagged'
  )
}

/** Hands out names, adding 2, 3, … to repeats. */
export class UniqueNames {
  readonly #taken = new Set<string>()

  constructor(taken: Iterable<string> = []) {
    for (const name of taken) this.#taken.add(name.toLowerCase())
  }

  take(wanted: string): string {
    let name = wanted
    for (let n = 2; this.#taken.has(name.toLowerCase()); n++) name = `${wanted}${n}`
    this.#taken.add(name.toLowerCase())
    return name
  }
}

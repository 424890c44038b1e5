/** Something in an OpenAPI document standin could not express exactly, and what it did instead. */
export interface ImportWarning {
  /** JSON pointer into the input document, e.g. `#/paths/~1pets/get/responses/200`. */
  pointer: string
  message: string
  /** What standin did instead. */
  action: string
}

/** Collects warnings once per pointer and message, so a schema used twice warns once. */
export class WarningLog {
  readonly list: ImportWarning[] = []
  readonly #seen = new Set<string>()

  add(pointer: string, message: string, action: string): void {
    const key = `${pointer}\n${message}`
    if (this.#seen.has(key)) return
    this.#seen.add(key)
    this.list.push({ pointer, message, action })
  }
}

/**
 * Warnings grouped by message, most frequent first: one line per kind of problem for a terminal.
 *
 * @example
 * const { warnings } = await fromOpenAPI('api.yaml')
 * for (const line of summarizeWarnings(warnings)) console.warn(line)
 */
export function summarizeWarnings(warnings: readonly ImportWarning[], limit = 10): string[] {
  const groups = new Map<string, ImportWarning[]>()
  for (const warning of warnings) {
    const key = `${warning.message} → ${warning.action}`
    groups.set(key, [...(groups.get(key) ?? []), warning])
  }
  const sorted = [...groups.entries()].sort((a, b) => b[1].length - a[1].length)
  const lines = sorted.slice(0, limit).map(([key, group]) => {
    const where =
      group.length === 1 ? group[0]!.pointer : `${group[0]!.pointer} and ${group.length - 1} more`
    return `${where}: ${key}`
  })
  if (sorted.length > limit) lines.push(`…and ${sorted.length - limit} more kinds of warning`)
  return lines
}

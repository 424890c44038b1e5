import type { Issue, IssuePath } from './types.ts'

interface Line {
  text: string
  path: IssuePath
}

const CONTEXT_LINES = 3
const SHORT_BODY_LINES = 40

/**
 * A JSON value pretty-printed with `← code: message` after each line an issue points at (a missing
 * field marks its parent object). Long bodies keep only the lines around the marks.
 *
 * @example
 * annotateJson({ price: '9' }, [{ code: 'schema_mismatch', path: ['price'], message: 'expected number', severity: 'error' }])
 * // {
 * //   "price": "9",   ← schema_mismatch: expected number
 * // }
 */
export function annotateJson(value: unknown, issues: readonly Issue[]): string {
  const lines: Line[] = []
  render(value, [], '', '', '', lines)
  const keys = new Set(lines.map((line) => key(line.path)))
  const marks = new Map<string, string[]>()
  for (const found of issues) {
    const at = key(deepestExisting(found.path, keys))
    marks.set(at, [...(marks.get(at) ?? []), `${found.code}: ${found.message}`])
  }
  const texts = lines.map((line) => {
    const mark = marks.get(key(line.path))
    return mark ? `${line.text}   ← ${mark.join('; ')}` : line.text
  })
  return texts.length <= SHORT_BODY_LINES ? texts.join('\n') : aroundMarks(texts, lines, marks)
}

function render(
  value: unknown,
  path: IssuePath,
  indent: string,
  label: string,
  comma: string,
  lines: Line[],
): void {
  const entries = Array.isArray(value)
    ? value.map((item, index) => [index, item] as const)
    : typeof value === 'object' && value !== null
      ? Object.entries(value)
      : undefined
  if (!entries || entries.length === 0) {
    lines.push({ text: `${indent}${label}${JSON.stringify(value) ?? 'undefined'}${comma}`, path })
    return
  }
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}']
  lines.push({ text: `${indent}${label}${open}`, path })
  entries.forEach(([name, item], index) => {
    const childLabel = typeof name === 'number' ? '' : `${JSON.stringify(name)}: `
    render(
      item,
      [...path, name],
      `${indent}  `,
      childLabel,
      index < entries.length - 1 ? ',' : '',
      lines,
    )
  })
  lines.push({ text: `${indent}${close}${comma}`, path: [...path, '#end'] })
}

function deepestExisting(path: IssuePath, keys: Set<string>): IssuePath {
  for (let length = path.length; length > 0; length--) {
    if (keys.has(key(path.slice(0, length)))) return path.slice(0, length)
  }
  return []
}

function aroundMarks(texts: string[], lines: Line[], marks: Map<string, string[]>): string {
  const keep = new Set<number>()
  lines.forEach((line, index) => {
    if (!marks.has(key(line.path))) return
    for (let near = index - CONTEXT_LINES; near <= index + CONTEXT_LINES; near++) keep.add(near)
  })
  const shown: string[] = []
  texts.forEach((text, index) => {
    if (keep.has(index)) shown.push(text)
    else if (shown.at(-1) !== '  …') shown.push('  …')
  })
  return shown.join('\n')
}

function key(path: IssuePath): string {
  return JSON.stringify(path)
}

import { complement, PRINTABLE, propertyRanges, type Range } from './code-points.ts'
import { next } from './random.ts'

// A generator for strings a regular expression matches, compiled once per pattern. Lookarounds and
// word boundaries are not enforced (the caller validates and retries); a feature it cannot read
// makes `compileRegex` return undefined. Given length bounds, it aims at a length within them: each
// part knows the lengths it can match, so the repeats are counted to fit rather than drawn and
// hoped for.

/** Appends a match; `target` is the length (UTF-16 code units) to aim at, or undefined for any. */
type Emit = (out: string[], captures: string[], spread: number, target: number | undefined) => void

/**
 * A piece of a pattern and the shortest and longest strings it matches (lookarounds and back
 * references count 0).
 */
interface Part {
  emit: Emit
  min: number
  max: number
}

/**
 * Makes a random match; `spread` widens unbounded repeats (`*`, `+`, `{n,}`), `length` bounds it.
 */
export type RegexGen = (spread: number, length?: readonly [number, number]) => string

const DIGIT: Range[] = [[0x30, 0x39]]
const WORD: Range[] = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
]
const SPACE: Range[] = [[0x20, 0x20]]
const NOTHING: Part = { emit: () => {}, min: 0, max: 0 }

class Unsupported extends Error {}

/**
 * A function that returns a random string matching `regex`, or undefined when the pattern uses what
 * it cannot read.
 *
 * @example
 * compileRegex(/^[a-z0-9]+$/)?.(4, [26, 26]) // 26 lowercase letters and digits
 */
export function compileRegex(regex: RegExp): RegexGen | undefined {
  try {
    const root = new Parser(
      regex.source,
      regex.flags.includes('u') || regex.flags.includes('v'),
    ).parseAll()
    return (spread, length) => {
      const out: string[] = []
      root.emit(
        out,
        [],
        spread,
        length === undefined ? undefined : targetLength(root, length, spread),
      )
      return out.join('')
    }
  } catch (error) {
    if (error instanceof Unsupported) return undefined
    throw error
  }
}

/**
 * A length both the pattern and the bounds allow, at most `spread` above the shortest; the shortest
 * when none is.
 */
function targetLength(root: Part, [min, max]: readonly [number, number], spread: number): number {
  const low = Math.max(min, root.min)
  const high = Math.min(max, root.max, low + spread)
  return high < low ? low : low + Math.floor(next() * (high - low + 1))
}

class Parser {
  private pos = 0
  private groups = 0

  constructor(
    private readonly source: string,
    private readonly unicode: boolean,
  ) {}

  parseAll(): Part {
    const part = this.alternation()
    if (this.pos < this.source.length) throw new Unsupported(`unexpected ${this.source[this.pos]}`)
    return part
  }

  private peek(): string | undefined {
    return this.source[this.pos]
  }

  private alternation(): Part {
    const options = [this.sequence()]
    while (this.peek() === '|') {
      this.pos++
      options.push(this.sequence())
    }
    if (options.length === 1) return options[0] as Part
    const emit: Emit = (out, captures, spread, target) => {
      const fitting =
        target === undefined
          ? options
          : options.filter((option) => option.min <= target && target <= option.max)
      const pool = fitting.length > 0 ? fitting : options
      ;(pool[Math.floor(next() * pool.length)] as Part).emit(out, captures, spread, target)
    }
    return {
      emit,
      min: Math.min(...options.map((option) => option.min)),
      max: Math.max(...options.map((option) => option.max)),
    }
  }

  private sequence(): Part {
    const items: Part[] = []
    while (this.pos < this.source.length && this.peek() !== '|' && this.peek() !== ')') {
      items.push(this.quantified(this.atom()))
    }
    const emit: Emit = (out, captures, spread, target) => {
      const lengths = target === undefined ? undefined : share(target, items)
      items.forEach((item, index) => item.emit(out, captures, spread, lengths?.[index]))
    }
    return {
      emit,
      min: sum(items.map((item) => item.min)),
      max: sum(items.map((item) => item.max)),
    }
  }

  private quantified(atom: Part): Part {
    const bounds = this.quantifier()
    if (!bounds) return atom
    if (this.peek() === '?' || this.peek() === '+') this.pos++ // lazy / possessive: same strings
    const [min, max] = bounds
    const emit: Emit = (out, captures, spread, target) => {
      if (target !== undefined) {
        for (const length of share(target, Array(repeats(atom, bounds, target)).fill(atom)))
          atom.emit(out, captures, spread, length)
        return
      }
      const upper = Number.isFinite(max) ? max : min + spread
      const count = min + Math.floor(next() * (upper - min + 1))
      for (let i = 0; i < count; i++) atom.emit(out, captures, spread, undefined)
    }
    return { emit, min: min * atom.min, max: atom.max === 0 ? 0 : max * atom.max }
  }

  private quantifier(): [number, number] | undefined {
    const char = this.peek()
    if (char === '*') return (this.pos++, [0, Infinity])
    if (char === '+') return (this.pos++, [1, Infinity])
    if (char === '?') return (this.pos++, [0, 1])
    if (char !== '{') return undefined
    const match = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.pos))
    if (!match) return undefined
    this.pos += match[0].length
    const min = Number(match[1])
    const max = match[2] === undefined ? min : match[3] === '' ? Infinity : Number(match[3])
    return [min, max]
  }

  private atom(): Part {
    const char = this.source[this.pos++] as string
    switch (char) {
      case '(':
        return this.group()
      case '[':
        return this.charClass()
      case '.':
        return chars(PRINTABLE)
      case '^':
      case '$':
        return NOTHING
      case '\\':
        return this.escapeAtom()
      default:
        return literal(this.readLiteral(char))
    }
  }

  private readLiteral(first: string): string {
    const code = first.codePointAt(0) as number
    if (this.unicode && code >= 0xd800 && code <= 0xdbff) {
      this.pos++
      return String.fromCodePoint(this.source.codePointAt(this.pos - 2) as number)
    }
    return first
  }

  private group(): Part {
    let capture = true
    let assertion = false
    if (this.peek() === '?') {
      const head = this.source.slice(this.pos, this.pos + 3)
      if (head.startsWith('?:')) (this.pos += 2), (capture = false)
      else if (/^\?<[=!]/.test(head)) (this.pos += 3), (assertion = true)
      else if (/^\?[=!]/.test(head)) (this.pos += 2), (assertion = true)
      else if (head.startsWith('?<')) this.pos = this.source.indexOf('>', this.pos) + 1
      else throw new Unsupported('group modifier')
    }
    const index = capture && !assertion ? ++this.groups : 0
    const body = this.alternation()
    if (this.source[this.pos++] !== ')') throw new Unsupported('unclosed group')
    if (assertion) return NOTHING
    if (index === 0) return body
    const emit: Emit = (out, captures, spread, target) => {
      const start = out.length
      body.emit(out, captures, spread, target)
      captures[index] = out.slice(start).join('')
    }
    return { ...body, emit }
  }

  private escapeAtom(): Part {
    const char = this.source[this.pos] as string
    if (char === 'b' || char === 'B') return (this.pos++, NOTHING)
    if (/[1-9]/.test(char)) {
      const match = /^\d+/.exec(this.source.slice(this.pos)) as RegExpExecArray
      this.pos += match[0].length
      const index = Number(match[0])
      return { ...NOTHING, emit: (out, captures) => void out.push(captures[index] ?? '') }
    }
    if (char === 'k' && this.source[this.pos + 1] === '<')
      throw new Unsupported('named back reference')
    const ranges = this.escapeRanges()
    return chars(ranges)
  }

  /** An escape (after the backslash) as code point ranges. */
  private escapeRanges(): Range[] {
    const char = this.source[this.pos++] as string
    const classes: Record<string, Range[]> = {
      d: DIGIT,
      w: WORD,
      s: SPACE,
      D: complement(DIGIT),
      W: complement(WORD),
      S: complement(SPACE),
    }
    const known = classes[char]
    if (known) return known
    // Without the u flag `\p{L}` is the letters p{L}, as the engine reads it.
    if ((char === 'p' || char === 'P') && this.unicode) return this.property(char === 'P')
    const code = this.escapeCode(char)
    return [[code, code]]
  }

  private escapeCode(char: string): number {
    const simple: Record<string, number> = { n: 10, t: 9, r: 13, v: 11, f: 12, '0': 0 }
    if (char in simple) return simple[char] as number
    if (char === 'x') return this.hex(2)
    if (char === 'u') {
      if (this.peek() === '{' && this.unicode) {
        const end = this.source.indexOf('}', this.pos)
        const code = parseInt(this.source.slice(this.pos + 1, end), 16)
        this.pos = end + 1
        return code
      }
      return this.hex(4)
    }
    if (char === 'c') return (this.source.charCodeAt(this.pos++) as number) % 32
    return char.codePointAt(0) as number
  }

  private hex(length: number): number {
    const text = this.source.slice(this.pos, this.pos + length)
    if (!/^[0-9a-fA-F]+$/.test(text) || text.length !== length)
      throw new Unsupported('bad hex escape')
    this.pos += length
    return parseInt(text, 16)
  }

  private property(negated: boolean): Range[] {
    const match = /^\{([^}]+)\}/.exec(this.source.slice(this.pos))
    if (!match) throw new Unsupported('bad property escape')
    this.pos += match[0].length
    const ranges = propertyRanges(match[1] as string, negated)
    if (!ranges) throw new Unsupported(`unicode property ${match[1]}`)
    return ranges
  }

  private charClass(): Part {
    const negated = this.peek() === '^'
    if (negated) this.pos++
    const ranges: Range[] = []
    while (this.pos < this.source.length && this.peek() !== ']') {
      const low = this.classAtom()
      if (
        this.peek() === '-' &&
        this.source[this.pos + 1] !== ']' &&
        low.length === 1 &&
        low[0]?.[0] === low[0]?.[1]
      ) {
        this.pos++
        const high = this.classAtom()
        ranges.push([(low[0] as Range)[0], (high[0] as Range)[1]])
      } else ranges.push(...low)
    }
    if (this.source[this.pos++] !== ']') throw new Unsupported('unclosed class')
    return chars(negated ? complement(ranges) : ranges)
  }

  private classAtom(): Range[] {
    const char = this.source[this.pos++] as string
    if (char !== '\\') {
      const code = this.readLiteral(char).codePointAt(0) as number
      return [[code, code]]
    }
    if (this.peek() === 'b') return (this.pos++, [[8, 8]])
    return this.escapeRanges()
  }
}

function literal(text: string): Part {
  return { emit: (out) => void out.push(text), min: text.length, max: text.length }
}

function chars(ranges: Range[]): Part {
  const usable = ranges.filter(([low, high]) => high >= low)
  const total = usable.reduce((sum, [low, high]) => sum + high - low + 1, 0)
  if (total === 0) throw new Unsupported('empty character class')
  const emit: Emit = (out) => {
    let index = Math.floor(next() * total)
    for (const [low, high] of usable) {
      const size = high - low + 1
      if (index < size) return void out.push(String.fromCodePoint(low + index))
      index -= size
    }
  }
  // A code point above U+FFFF is two UTF-16 code units, which is what a string's length counts.
  return {
    emit,
    min: usable.some(([low]) => low <= 0xffff) ? 1 : 2,
    max: usable.some(([, high]) => high > 0xffff) ? 2 : 1,
  }
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0)
}

/**
 * How many times to repeat `atom` so the repeats can add up to `target`; the nearest count when
 * none can.
 */
function repeats(atom: Part, [min, max]: [number, number], target: number): number {
  const low = Math.max(min, atom.max === 0 ? min : Math.ceil(target / atom.max))
  const high = Math.min(max, atom.min === 0 ? Math.max(low, target) : Math.floor(target / atom.min))
  if (high < low) return Math.min(low, max)
  return low + Math.floor(next() * (high - low + 1))
}

/** `total` split among the parts at random, each share within the part's own lengths. */
function share(total: number, parts: readonly Part[]): number[] {
  const widths = parts.map((part) => part.max - part.min)
  let unbounded = widths.filter((width) => width === Infinity).length
  let room = sum(widths.filter((width) => width !== Infinity))
  let rest = Math.max(0, total - sum(parts.map((part) => part.min)))
  return parts.map((part, index) => {
    const width = widths[index] as number
    if (width === Infinity) unbounded--
    else room -= width
    // What the later parts cannot take, this one must.
    const low = Math.min(width, Math.max(0, unbounded > 0 ? 0 : rest - room))
    const high = Math.min(width, rest)
    const extra = low + Math.floor(next() * (high - low + 1))
    rest -= extra
    return part.min + extra
  })
}

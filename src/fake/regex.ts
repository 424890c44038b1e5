import { complement, PRINTABLE, propertyRanges, type Range } from './code-points.ts'
import { next } from './random.ts'

// A generator for strings a regular expression matches, compiled once per pattern. Lookarounds and word
// boundaries are not enforced (the caller validates and retries); a feature it cannot read makes
// `compileRegex` return undefined.

type Emit = (out: string[], captures: string[], spread: number) => void

const DIGIT: Range[] = [[0x30, 0x39]]
const WORD: Range[] = [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]]
const SPACE: Range[] = [[0x20, 0x20]]

class Unsupported extends Error {}

/** A function that returns a random string matching `regex`; `spread` widens unbounded repeats (`*`, `+`, `{n,}`). */
export function compileRegex(regex: RegExp): ((spread: number) => string) | undefined {
  try {
    const parser = new Parser(regex.source, regex.flags.includes('u') || regex.flags.includes('v'))
    const emit = parser.parseAll()
    return (spread) => {
      const out: string[] = []
      emit(out, [], spread)
      return out.join('')
    }
  } catch (error) {
    if (error instanceof Unsupported) return undefined
    throw error
  }
}

class Parser {
  private pos = 0
  private groups = 0

  constructor(
    private readonly source: string,
    private readonly unicode: boolean,
  ) {}

  parseAll(): Emit {
    const emit = this.alternation()
    if (this.pos < this.source.length) throw new Unsupported(`unexpected ${this.source[this.pos]}`)
    return emit
  }

  private peek(): string | undefined {
    return this.source[this.pos]
  }

  private alternation(): Emit {
    const options = [this.sequence()]
    while (this.peek() === '|') {
      this.pos++
      options.push(this.sequence())
    }
    if (options.length === 1) return options[0] as Emit
    return (out, captures, spread) => (options[Math.floor(next() * options.length)] as Emit)(out, captures, spread)
  }

  private sequence(): Emit {
    const items: Emit[] = []
    while (this.pos < this.source.length && this.peek() !== '|' && this.peek() !== ')') {
      items.push(this.quantified(this.atom()))
    }
    return (out, captures, spread) => {
      for (const item of items) item(out, captures, spread)
    }
  }

  private quantified(atom: Emit): Emit {
    const bounds = this.quantifier()
    if (!bounds) return atom
    if (this.peek() === '?' || this.peek() === '+') this.pos++ // lazy / possessive: same strings
    const [min, max] = bounds
    return (out, captures, spread) => {
      const upper = Number.isFinite(max) ? max : min + spread
      const count = min + Math.floor(next() * (upper - min + 1))
      for (let i = 0; i < count; i++) atom(out, captures, spread)
    }
  }

  private quantifier(): [number, number] | undefined {
    const char = this.peek()
    if (char === '*') return this.pos++, [0, Infinity]
    if (char === '+') return this.pos++, [1, Infinity]
    if (char === '?') return this.pos++, [0, 1]
    if (char !== '{') return undefined
    const match = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.pos))
    if (!match) return undefined
    this.pos += match[0].length
    const min = Number(match[1])
    const max = match[2] === undefined ? min : match[3] === '' ? Infinity : Number(match[3])
    return [min, max]
  }

  private atom(): Emit {
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
        return nothing
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

  private group(): Emit {
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
    if (assertion) return nothing
    if (index === 0) return body
    return (out, captures, spread) => {
      const start = out.length
      body(out, captures, spread)
      captures[index] = out.slice(start).join('')
    }
  }

  private escapeAtom(): Emit {
    const char = this.source[this.pos] as string
    if (char === 'b' || char === 'B') return this.pos++, nothing
    if (/[1-9]/.test(char)) {
      const match = /^\d+/.exec(this.source.slice(this.pos)) as RegExpExecArray
      this.pos += match[0].length
      const index = Number(match[0])
      return (out, captures) => void out.push(captures[index] ?? '')
    }
    if (char === 'k' && this.source[this.pos + 1] === '<') throw new Unsupported('named back reference')
    const ranges = this.escapeRanges()
    return chars(ranges)
  }

  /** An escape (after the backslash) as code point ranges. */
  private escapeRanges(): Range[] {
    const char = this.source[this.pos++] as string
    const classes: Record<string, Range[]> = { d: DIGIT, w: WORD, s: SPACE, D: complement(DIGIT), W: complement(WORD), S: complement(SPACE) }
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
    if (!/^[0-9a-fA-F]+$/.test(text) || text.length !== length) throw new Unsupported('bad hex escape')
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

  private charClass(): Emit {
    const negated = this.peek() === '^'
    if (negated) this.pos++
    const ranges: Range[] = []
    while (this.pos < this.source.length && this.peek() !== ']') {
      const low = this.classAtom()
      if (this.peek() === '-' && this.source[this.pos + 1] !== ']' && low.length === 1 && low[0]?.[0] === low[0]?.[1]) {
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
    if (this.peek() === 'b') return this.pos++, [[8, 8]]
    return this.escapeRanges()
  }
}

function nothing(): void {}

function literal(text: string): Emit {
  return (out) => void out.push(text)
}

function chars(ranges: Range[]): Emit {
  const usable = ranges.filter(([low, high]) => high >= low)
  const total = usable.reduce((sum, [low, high]) => sum + high - low + 1, 0)
  if (total === 0) throw new Unsupported('empty character class')
  return (out) => {
    let index = Math.floor(next() * total)
    for (const [low, high] of usable) {
      const size = high - low + 1
      if (index < size) return void out.push(String.fromCodePoint(low + index))
      index -= size
    }
  }
}

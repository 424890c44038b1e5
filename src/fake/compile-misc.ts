import { StandinError } from '../contract/standin-error.ts'
import type { Compiler, Ctx, Gen, Node } from './compile.ts'
import { faker } from './faker.ts'
import { ruleFor } from './realism.ts'
import { compileRegex } from './regex.ts'
import { int, mix, next, reset } from './random.ts'
import { constraintsOf, internals, showPath, type Schema } from './schema-def.ts'
import { accepts } from './validate.ts'

export function constant(value: unknown): Compiler {
  return () => ({ gen: () => value, recursive: false })
}

/**
 * A schema without a value to generate: an error naming the path if a value is ever required of it.
 */
export function impossible(reason: string): Compiler {
  return (_schema, ctx) => {
    const message = `Cannot generate a value for ${showPath(ctx.path)}: ${reason}.`
    const gen: Gen = () => {
      throw new StandinError('FAKE_UNSUPPORTED', message)
    }
    return { gen, recursive: false, impossible: message }
  }
}

export function compileBoolean(): Node {
  return { gen: (seed) => (reset(seed), next() < 0.5), recursive: false }
}

/**
 * z.any() / z.unknown(): a short JSON value, realistic when the property name says what it holds.
 */
export function compileAny(_schema: Schema, ctx: Ctx): Node {
  const text = ruleFor(ctx.key, ctx.parent)?.text
  const gen: Gen = (seed) => {
    reset(seed)
    if (text) return text()
    const roll = next()
    if (roll < 0.4) return faker.lorem.words({ min: 1, max: 3 })
    if (roll < 0.6) return int(0, 1000)
    if (roll < 0.75) return next() < 0.5
    if (roll < 0.9) return { [faker.word.noun()]: faker.word.adjective() }
    return null
  }
  return { gen, recursive: false }
}

const SAMPLES: Array<() => unknown> = [
  () => faker.lorem.word(),
  () => int(0, 1000),
  () => Number((next() * 100).toFixed(2)),
  () => next() < 0.5,
  () => ({}),
  () => [],
  () => null,
  () => new Date(Date.UTC(2025, int(0, 11), int(1, 28))),
]

/**
 * z.custom() / z.instanceof() and bare transforms: only running them says what they accept. The
 * samples that pass for this schema (found once, at compile time) are the ones generated.
 */
export function compileCustom(schema: Schema, ctx: Ctx): Node {
  const passing = SAMPLES.filter((sample) =>
    [0, 1, 2, 3].some((i) => (reset(mix(0xc0ffee, i)), accepts(schema, sample()))),
  )
  if (passing.length === 0) {
    return impossible(
      'only its own check knows what it accepts and no sample value passed; attach one with .openapi({ example })',
    )(schema, ctx)
  }
  const gen: Gen = (seed) => {
    for (let attempt = 0; attempt < 20; attempt++) {
      reset(mix(seed, attempt))
      const value = (passing[attempt % passing.length] as () => unknown)()
      if (accepts(schema, value)) return value
    }
    throw new StandinError(
      'FAKE_UNSUPPORTED',
      `No sample value passed the custom check at ${showPath(ctx.path)}. Attach one with .openapi({ example }).`,
    )
  }
  return { gen, recursive: false }
}

export const compileTransform = compileCustom

/** z.templateLiteral(): zod derives a regex for it; generate from that and let zod confirm. */
export function compileTemplateLiteral(schema: Schema, ctx: Ctx): Node {
  const pattern = internals(schema).pattern
  const regex = pattern ? compileRegex(pattern) : undefined
  if (!regex) return impossible('its template cannot be turned into a pattern')(schema, ctx)
  const gen: Gen = (seed) => {
    for (let attempt = 0; attempt < 30; attempt++) {
      reset(mix(seed, attempt))
      const value = regex(attempt % 4)
      if (accepts(schema, value)) return value
    }
    throw new StandinError(
      'FAKE_UNSUPPORTED',
      `No string generated for the template literal at ${showPath(ctx.path)} passed it.`,
    )
  }
  return { gen, recursive: false }
}

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'application/pdf': 'pdf',
  'text/plain': 'txt',
  'application/json': 'json',
}

/**
 * z.file(): a small File (size and MIME type within the checks). Not JSON; for multipart bodies.
 */
export function compileFile(schema: Schema, ctx: Ctx): Node {
  if (typeof File === 'undefined') return impossible('this runtime has no File class')(schema, ctx)
  const c = constraintsOf(schema)
  const min = Number(c.minimum ?? 0)
  const max = Math.min(Number(c.maximum ?? 4096), Math.max(min, 4096))
  const gen: Gen = (seed) => {
    reset(seed)
    const type =
      c.mime && c.mime.length > 0 ? (c.mime[int(0, c.mime.length - 1)] as string) : 'text/plain'
    const size = int(min, Math.max(min, Math.min(max, min + 256)))
    const name = `${faker.system.fileName({ extensionCount: 0 })}.${EXTENSIONS[type] ?? 'bin'}`
    return new File(['x'.repeat(size)], name, { type })
  }
  return { gen, recursive: false }
}

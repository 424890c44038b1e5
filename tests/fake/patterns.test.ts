import { describe, expect, it } from 'vitest'
import { fake, z } from 'standin'
import { standinErrorOf } from '../support/standin-error.ts'

const SEEDS = Array.from({ length: 40 }, (_, seed) => seed)

/** Every value of the seeds parses with the schema. */
function allParse(schema: z.ZodType): boolean {
  return SEEDS.every((seed) => schema.safeParse(fake(schema, { seed })).success)
}

// AWS's tag keys and values (Resource Groups, EFS, Fault Injection Simulator and some hundred
// more).
const TagKey = z
  .string()
  .min(1)
  .max(128)
  .regex(/^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$/u)

describe('patterns with Unicode property escapes', () => {
  it('generate values an AWS tag key pattern matches', () => {
    expect(allParse(TagKey)).toBe(true)
    expect([1, 2, 3, 4].map((seed) => fake(TagKey, { seed }))).toMatchInlineSnapshot(`
      [
        "8yPy",
        "nu",
        "1",
        "S",
      ]
    `)
  })

  it('generate every property JavaScript knows, and its negation', () => {
    const patterns = [
      /^\p{S}+$/u,
      /^\P{C}+$/u,
      /^[^\p{P}]+$/u,
      /^\p{Script=Greek}{3}$/u,
      /^\p{Lo}{2}$/u,
      /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u,
      /^\p{gc=Lu}\p{Ll}+$/u,
    ]
    expect(patterns.filter((pattern) => !allParse(z.string().regex(pattern)))).toEqual([])
    expect(
      patterns.map((pattern) => fake(z.string().regex(pattern), { seed: 5 })),
    ).toMatchInlineSnapshot(`
      [
        "$\`^+$",
        ")fV/ ",
        "4jZ8 ",
        "ͰͶ͵",
        "ªǂ",
        "K7̆QA",
        "Yt",
      ]
    `)
  })

  it('read \\p{L} without the u flag as the letters p{L}, as JavaScript does', () => {
    // The case is \p{L} without the u flag, which TypeScript refuses in a regex literal.
    // biome-ignore lint/complexity/useRegexLiterals: see above
    expect(fake(z.string().regex(new RegExp('^\\p{L}\\d$')), { seed: 1 })).toMatchInlineSnapshot(
      `"p{L}8"`,
    )
  })
})

describe('patterns with length bounds', () => {
  it('count their repeats to fit the bounds', () => {
    const schemas = [
      z
        .string()
        .length(26)
        .regex(/[a-z0-9]+/),
      z
        .string()
        .min(20)
        .max(2048)
        .regex(/[\s\S]+/),
      z
        .string()
        .min(10)
        .max(32)
        .regex(/^[0-9-]+$/),
      z
        .string()
        .min(12)
        .max(14)
        .regex(/^\w+@\w+\.com$/),
    ]
    expect(schemas.filter((schema) => !allParse(schema))).toEqual([])
    expect(schemas.map((schema) => fake(schema, { seed: 2 }))).toMatchInlineSnapshot(`
      [
        "0botj6o0nmmgjtfga55wcikidg",
        "LdVkg$ES9uEeBA?0:R/1!r",
        "189472035768",
        "Yer@tJ3a.com",
      ]
    `)
  })
})

// No string the generator makes starts with `abc` (it does not enforce lookaheads) and has three
// letters.
const Code = z.string().regex(/^(?=abc)[a-z]{3}$/)

describe('a string no generated value meets', () => {
  it('is an error naming its path', () => {
    expect(standinErrorOf(() => fake(z.object({ code: Code })))).toEqual({
      code: 'FAKE_UNSUPPORTED',
      message:
        'Cannot generate a value for code: no generated string met its constraints (pattern /^(?=abc)[a-z]{3}$/); attach a valid value with .openapi({ example }).',
    })
  })

  it('is left out in best effort where the schema lets it be', () => {
    expect(
      fake(z.object({ id: z.literal(1), code: Code.optional() }), { bestEffort: true }),
    ).toEqual({ id: 1 })
  })

  it("is the string's example in best effort, also where examples are not used", () => {
    const schema = z.object({ code: Code.openapi({ example: 'abc' }) })
    expect(fake(schema, { examples: false, bestEffort: true, seed: 3 })).toEqual({ code: 'abc' })
  })

  it('is the closest string tried in best effort when it has no example', () => {
    const schema = z.object({
      code: Code,
      arn: z
        .string()
        .min(8)
        .max(4)
        .regex(/^arn:\w+$/),
    })
    expect(fake(schema, { bestEffort: true, seed: 3 })).toMatchInlineSnapshot(`
      {
        "arn": "arn:r",
        "code": "hsi",
      }
    `)
  })
})

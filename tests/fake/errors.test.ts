import { describe, expect, it } from 'vitest'
import { checkFakerHints, createRoute, defineContract, fake, z } from 'standin'
import contract from '../../contracts/index.ts'
import { standinErrorOf } from '../support/standin-error.ts'

function contractWith(schema: z.ZodType) {
  return defineContract({
    info: { title: 'Hints', version: '1.0.0' },
    routes: {
      listThings: createRoute({
        method: 'get',
        path: '/things',
        responses: { 200: { description: 'Things.', content: { 'application/json': { schema } } } },
      }),
    },
  })
}

describe('errors name the schema path', () => {
  it('an unsatisfiable refine fails with FAKE_REFINE_EXHAUSTED and the path', () => {
    const schema = z.object({
      order: z.object({ code: z.string().refine(() => false, 'never valid') }),
    })
    expect(standinErrorOf(() => fake(schema))).toEqual({
      code: 'FAKE_REFINE_EXHAUSTED',
      message:
        'No value generated for order.code passed its refinement in 50 tries (zod said: never valid). Attach a passing value with .openapi({ example }), or make the check easier to meet.',
    })
  })

  it('an object-level refine that never holds names the object', () => {
    const schema = z.object({
      range: z
        .object({ low: z.int().min(5).max(9), high: z.int().min(0).max(4) })
        .refine((r) => r.low < r.high, 'low must be below high'),
    })
    expect(standinErrorOf(() => fake(schema))).toMatchObject({
      code: 'FAKE_REFINE_EXHAUSTED',
      message: expect.stringContaining('for range passed its refinement'),
    })
  })

  it('a kind with no JSON value fails with FAKE_UNSUPPORTED and the path', () => {
    const schema = z.object({ items: z.array(z.object({ tag: z.symbol() })).min(1) })
    expect(standinErrorOf(() => fake(schema))).toEqual({
      code: 'FAKE_UNSUPPORTED',
      message: 'Cannot generate a value for items[].tag: z.symbol() has no JSON value.',
    })
  })

  it('contradictory bounds fail with FAKE_UNSUPPORTED and the path', () => {
    expect(standinErrorOf(() => fake(z.object({ a: z.string().min(5).max(2) })))).toEqual({
      code: 'FAKE_UNSUPPORTED',
      message:
        'Cannot generate a value for a: z.string() needs at least 5 and at most 2 characters.',
    })
    expect(
      standinErrorOf(() => fake(z.object({ n: z.number().min(1).max(1.5).multipleOf(2) }))),
    ).toEqual({
      code: 'FAKE_UNSUPPORTED',
      message:
        'Cannot generate a value for n: no number meets minimum 1, maximum 1.5, multipleOf 2.',
    })
  })

  it('a recursion with no way out fails instead of looping', () => {
    type Chain = { next: Chain }
    const Chain: z.ZodType<Chain> = z.lazy(() => z.object({ next: Chain }))
    expect(standinErrorOf(() => fake(Chain))).toMatchObject({
      code: 'FAKE_UNSUPPORTED',
      message: expect.stringContaining('never ends'),
    })
  })

  it('a value the schema cannot have is fine where the schema lets it be left out', () => {
    expect(fake(z.object({ ok: z.literal(1), gone: z.never().optional() }))).toEqual({ ok: 1 })
  })
})

describe('x-faker hints', () => {
  it('are all valid in the example contract', () => {
    expect(() => checkFakerHints(contract)).not.toThrow()
  })

  it('naming no faker method fail the contract check with the operation, the path and a suggestion', () => {
    const schema = z.object({
      items: z.array(z.object({ name: z.string().openapi({ 'x-faker': 'commerce.productNam' }) })),
    })
    expect(standinErrorOf(() => checkFakerHints(contractWith(schema)))).toEqual({
      code: 'FAKER_HINT_INVALID',
      message:
        'Invalid x-faker hint:\n  listThings: response 200 at items[].name: x-faker "commerce.productNam" names no faker method; did you mean "commerce.productName"?',
    })
  })

  it('whose arguments make faker throw fail the contract check', () => {
    const schema = z.object({
      n: z.int().openapi({ 'x-faker': { 'number.int': { min: 10, max: 1 } } }),
    })
    expect(standinErrorOf(() => checkFakerHints(contractWith(schema)))).toMatchObject({
      code: 'FAKER_HINT_INVALID',
      message: expect.stringContaining(
        'listThings: response 200 at n: x-faker "number.int" fails with its arguments [{"min":10,"max":1}]',
      ),
    })
  })

  it('of the wrong shape fail the contract check', () => {
    const schema = z.object({ n: z.string().openapi({ 'x-faker': 42 }) })
    expect(standinErrorOf(() => checkFakerHints(contractWith(schema))).message).toContain(
      'listThings: response 200 at n: x-faker hint 42 is neither "module.method" nor',
    )
  })

  it('naming no faker method also fail fake() itself, with the path', () => {
    expect(
      standinErrorOf(() =>
        fake(z.object({ title: z.string().openapi({ 'x-faker': 'nope.nothing' }) })),
      ),
    ).toEqual({
      code: 'FAKER_HINT_INVALID',
      message:
        'x-faker hint "nope.nothing" at title names no faker method. Use "module.method" as listed on fakerjs.dev, e.g. "commerce.productName".',
    })
  })
})

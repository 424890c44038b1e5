import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createMockApp, fake, fakeInvalid, type Operation } from 'standin'
import mocks from '../../mocks/index.ts'
import { readAnswer, shop } from '../mock/support.ts'

/** Sequences of requests the fuzz sends (STATE_FUZZ_RUNS=2000 for a long run). */
const RUNS = Number(process.env.STATE_FUZZ_RUNS ?? 150)
const token = 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl'

type Schema = Parameters<typeof fake>[0]

interface Step {
  operation: Operation
  /** Which id the session has seen to put in each path parameter (or a random value). */
  picks: Array<number | string>
  body: 'valid' | 'invalid' | 'junk'
  seed: number
  session: string
}

const step: fc.Arbitrary<Step> = fc.record({
  operation: fc.constantFrom(...shop.operations),
  picks: fc.array(
    fc.oneof(
      fc.nat({ max: 40 }),
      fc.uuid(),
      fc.constantFrom('1', '0', '__proto__', '%FF', '9007199254740993'),
    ),
    { minLength: 3, maxLength: 3 },
  ),
  body: fc.constantFrom('valid', 'valid', 'valid', 'invalid', 'junk'),
  seed: fc.integer(),
  session: fc.constantFrom('fuzz-a', 'fuzz-b', 'bad session!', ''),
})

function bodyOf(
  operation: Operation,
  kind: Step['body'],
  seed: number,
  seen: unknown[],
): string | undefined {
  const schema = (
    operation.route.request?.body?.content as Record<string, { schema: Schema }> | undefined
  )?.['application/json']?.schema
  if (!schema) return undefined
  if (kind === 'junk')
    return JSON.stringify({
      __proto__: { polluted: true },
      constructor: { prototype: 1 },
      items: 'x'.repeat(seed & 0xff),
    })
  if (kind === 'invalid') return JSON.stringify(fakeInvalid(schema, { seed })?.value ?? null)
  const value = fake(schema, { seed }) as Record<string, unknown>
  // Point references at objects the session has, so carts fill up and orders get placed.
  for (const key of ['productId', 'cartId'])
    if (key in value && seen.length > 0) value[key] = seen[Math.abs(seed) % seen.length]
  return JSON.stringify(value)
}

describe('a stateful mock under random requests', () => {
  it(`answers ${RUNS} random sequences of valid and broken requests with 2xx or 4xx, answers that fit the contract`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 25 }), async (steps) => {
        const app = createMockApp(shop, { mocks, stateful: { maxObjects: 50 }, maxDelayMs: 0 })
        const seen: unknown[] = []
        for (const { operation, picks, body, seed, session } of steps) {
          let index = 0
          const path = operation.path.replace(/\{[^}]+\}/g, () => {
            const pick = picks[index++] as number | string
            return encodeURIComponent(
              String(typeof pick === 'number' && seen.length > 0 ? seen[pick % seen.length] : pick),
            )
          })
          const headers: Record<string, string> = {
            Authorization: token,
            'Content-Type': 'application/json',
          }
          if (session !== '') headers['X-Standin-Session'] = session
          const method = operation.method.toUpperCase()
          const response = await app.request(path, {
            method,
            headers,
            body: method === 'GET' ? undefined : bodyOf(operation, body, seed, seen),
          })
          expect(response.status, `${method} ${path}`).toBeLessThan(500)
          const answer = await readAnswer(shop, method, path, response)
          for (const found of [
            answer.body?.id,
            ...(answer.body?.items ?? []).map((item: { id?: unknown }) => item?.id),
          ])
            if (found !== undefined) seen.push(found)
        }
      }),
      { numRuns: RUNS, seed: 7007 },
    )
  }, 120_000)
})

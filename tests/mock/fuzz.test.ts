import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fake, fakeInvalid } from 'standin'
import shopMocks from '../../mocks/index.ts'
import { mockOf, shop } from './support.ts'

/** How many random requests the fuzz sends (STANDIN_FUZZ_RUNS=20000 for a long run). */
const RUNS = Number(process.env.STANDIN_FUZZ_RUNS ?? 2000)

const { request } = mockOf(shop, { mocks: shopMocks, maxDelayMs: 0, maxBodyBytes: 64 * 1024 })
type Schema = Parameters<typeof fake>[0]

/** A path of the shop with its parameters filled from `values`, percent-encoded or raw. */
const shopPath = fc
  .tuple(
    fc.constantFrom(...shop.operations.map((op) => op.path)),
    fc.array(paramValue(), { minLength: 3, maxLength: 3 }),
    fc.boolean(),
  )
  .map(([template, values, encode]) => {
    let index = 0
    return template.replace(/\{[^}]+\}/g, () => {
      const value = values[index++] ?? ''
      return encode ? encodeURIComponent(value) : value.replace(/[/?#]/g, '')
    })
  })

function paramValue(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.uuid(),
    fc.string({ maxLength: 30 }),
    fc.constantFrom(
      '1e400',
      '-1',
      '0',
      '9007199254740993',
      '__proto__',
      'constructor',
      '%E0%A4%A',
      '%FF',
      '',
      'null',
    ),
    fc.nat({ max: 5000 }).map((n) => 'x'.repeat(n)),
  )
}

const path = fc.oneof(
  { weight: 6, arbitrary: shopPath },
  { weight: 1, arbitrary: fc.webPath().map((p) => p || '/') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '/',
      '/docs',
      '/openapi.json',
      '/openapi.yaml',
      '/docs/assets/nope.js',
      '//',
      '/products/',
      '/%',
      '/a'.repeat(2000),
    ),
  },
)

const query = fc.dictionary(
  fc.constantFrom(
    'page',
    'pageSize',
    'q',
    'status',
    'minPrice',
    'sort',
    'inStock',
    '__proto__',
    'constructor',
    'minRating',
    'api_key',
  ),
  fc.oneof(paramValue(), fc.integer().map(String), fc.double().map(String)),
  { maxKeys: 4 },
)

/**
 * Bodies: valid ones from the contract, broken ones, random JSON, bytes that are not UTF-8, deep
 * nesting, prototype keys.
 */
function bodyFor(path: string): fc.Arbitrary<string | Uint8Array | undefined> {
  const operation = shop.operations.find((op) =>
    new RegExp(`^${op.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path),
  )
  const schema = (
    operation?.route.request?.body?.content as Record<string, { schema: Schema }> | undefined
  )?.['application/json']?.schema
  const fromContract = schema
    ? [
        fc.integer().map((seed) => JSON.stringify(fake(schema, { seed }))),
        fc.integer().map((seed) => JSON.stringify(fakeInvalid(schema, { seed })?.value ?? null)),
      ]
    : []
  return fc.oneof(
    fc.constant(undefined),
    ...fromContract,
    fc.json({ depthSize: 'large' }),
    fc
      .jsonValue()
      .map((value) =>
        JSON.stringify({ __proto__: value, constructor: { prototype: value }, email: value }),
      ),
    fc.string({ maxLength: 200 }),
    fc
      .uint8Array({ maxLength: 200 })
      .map((bytes) => new Uint8Array([0x7b, 0x22, 0xc3, 0x28, ...bytes])),
    fc.nat({ max: 5000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
    fc.nat({ max: 3000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
    fc.constantFrom(
      '1e999',
      '-0',
      '"\\ud800"',
      '{"quantity": 1e309}',
      '{"amount": 123456789012345678901234567890}',
      'null',
      '{',
    ),
    fc.nat({ max: 100_000 }).map((n) => `"${'x'.repeat(n)}"`),
  )
}

const headers = fc.record(
  {
    authorization: fc.constantFrom(
      'Bearer abc.def',
      'Bearer',
      'Bearer a b',
      'Basic',
      'Basic !!!',
      'Digest x',
      '',
    ),
    'content-type': fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/problem+json',
      '',
    ),
    accept: fc.constantFrom(
      '*/*',
      'application/json',
      'text/html',
      'image/png',
      'application/*;q=0',
      'garbage;;;',
      '',
    ),
    prefer: fc.oneof(
      fc.constantFrom(
        'code=404',
        'code=200',
        'code=500',
        'code=418',
        'code=abc',
        'example=coffee-grinder',
        'example=nope',
        'dynamic=false',
        'dynamic=maybe',
        'seed=-5',
        'seed=1e9',
        'delay=100',
        'scenario=out-of-stock',
        'scenario=nope',
        'a="unterminated',
      ),
      fc.string({ maxLength: 40 }),
    ),
    origin: fc.constantFrom('http://localhost:5173', 'null', ''),
    cookie: fc.constantFrom('sid=1', '=;;=', '__proto__=x', ''),
    'x-long': fc.nat({ max: 20_000 }).map((n) => 'h'.repeat(n)),
  },
  { requiredKeys: [] },
)

const method = fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS')

const fuzzRequest = fc
  .tuple(method, path, query, headers)
  .chain(([m, p, q, h]) =>
    bodyFor(p).map((body) => ({ method: m, path: p, query: q, headers: h, body })),
  )

describe('robustness', () => {
  it(`answers ${RUNS} random and malformed requests with 2xx or 4xx, and keeps answering`, async () => {
    const statuses = new Map<number, number>()
    await fc.assert(
      fc.asyncProperty(fuzzRequest, async (input) => {
        const search = new URLSearchParams(Object.entries(input.query)).toString()
        const headersInit = Object.entries(input.headers).filter(
          ([, value]) => value !== '',
        ) as Array<[string, string]>
        const body = (input.method === 'GET' || input.method === 'HEAD' ? undefined : input.body) as
          | BodyInit
          | undefined
        const answer = await request(`${input.path}${search ? `?${search}` : ''}`, {
          method: input.method,
          headers: headersInit,
          body,
        })
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1)
        expect(
          answer.status,
          `${input.method} ${input.path} → ${answer.text.slice(0, 500)}`,
        ).toBeGreaterThanOrEqual(200)
        expect(answer.status).toBeLessThan(500)
      }),
      { numRuns: RUNS, seed: 20_260_101 },
    )
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect((await request('/categories')).status).toBe(200)
    // The fuzz reached every kind of answer, not just the first check.
    expect([...statuses.keys()].sort()).toEqual(
      expect.arrayContaining([200, 201, 204, 400, 401, 404, 405, 406, 413, 422]),
    )
  })
})

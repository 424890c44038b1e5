import { describe, expect, it } from 'vitest'
import {
  type Contract,
  createMockApp,
  createRoute,
  defineContract,
  exitCodeOf,
  fromOpenAPI,
  type Mocks,
  type VerifyReport,
  verify,
  z,
} from 'standin'
import shop from '../../contracts/index.ts'
import mocks from '../../mocks/index.ts'

// The two halves agree: what the mock of a contract serves, verify of the same contract accepts,
// stateless and stateful. Accepting a forged token is left out: a mock takes any well-formed one,
// by design.

const { contract: blog } = await fromOpenAPI(
  new URL('../../examples/blog-backend/openapi.yaml', import.meta.url).pathname,
)

const Product = z
  .object({ id: z.uuid(), name: z.string(), price: z.number().min(0.01) })
  .openapi('Product')
const readmeExample = defineContract({
  info: { title: 'Shop', version: '1.0.0' },
  securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } },
  routes: {
    getProduct: createRoute({
      method: 'get',
      path: '/products/{productId}',
      request: { params: z.object({ productId: z.uuid() }) },
      responses: {
        200: { description: 'The product', content: { 'application/json': { schema: Product } } },
      },
    }),
  },
})

async function verifyAgainstMock(
  contract: Contract,
  options: { stateful: boolean; mocks?: Mocks; headers?: Record<string, string> },
): Promise<VerifyReport> {
  const app = createMockApp(contract, {
    ...(options.mocks ? { mocks: options.mocks } : {}),
    ...(options.stateful ? { stateful: true } : {}),
  })
  return verify(contract, {
    target: app.fetch,
    examples: 2,
    headers: options.headers ?? {},
    excludeChecks: ['accepted_forged_credentials'],
  })
}

function errorsOf(report: VerifyReport): string[] {
  const cases = [
    ...report.operations.flatMap((op) => op.cases),
    ...report.sequences.flatMap((sequence) => sequence.steps),
  ]
  return cases.flatMap((found) =>
    found.issues
      .filter((issue) => issue.severity === 'error')
      .map((issue) => `${found.operationId} ${found.name}: ${issue.code}`),
  )
}

describe.each([false, true])(
  'verify against the mock of the same contract (stateful: %s)',
  (stateful) => {
    it('passes the example shop with its hand-written mocks, every operation and sequence', async () => {
      const report = await verifyAgainstMock(shop, { stateful, mocks })
      expect(errorsOf(report)).toEqual([])
      expect([exitCodeOf(report), report.totals.operations, report.totals.sequences]).toEqual([
        0, 26, 7,
      ])
    })

    it('passes the README’s example, warning only that the 400 it answers to a bad id is not documented', async () => {
      const report = await verifyAgainstMock(readmeExample, { stateful })
      expect(exitCodeOf(report)).toBe(0)
      const warnings = new Set(
        report.operations.flatMap((op) =>
          op.cases.flatMap((found) =>
            found.issues.map((issue) => `${issue.severity} ${issue.code}: ${issue.message}`),
          ),
        ),
      )
      expect([...warnings]).toEqual([
        'warning status_undocumented: Status 400 is not documented for getProduct; it documents 200. Document the 400 it answers.',
      ])
    })

    it('passes the blogging API: envelopes, slug and username keys, /api, its own error shape', async () => {
      const report = await verifyAgainstMock(blog, {
        stateful,
        headers: { Authorization: 'Token jwt.token.here' },
      })
      expect(errorsOf(report)).toEqual([])
      expect(exitCodeOf(report)).toBe(0)
    })
  },
)

describe('what verify learns of a standin mock', () => {
  it('keeps the one session a stateful mock started, so what it creates is there to read, change and delete', async () => {
    const report = await verifyAgainstMock(blog, {
      stateful: true,
      headers: { Authorization: 'Token jwt.token.here' },
    })
    const articles = report.sequences.find((sequence) => sequence.resource === 'articles')
    expect(articles?.steps.map((step) => `${step.name} → ${step.response?.status}`)).toEqual([
      'create → 201',
      'read after create → 200',
      'update → 200',
      'read after update → 200',
      'delete → 204',
      'read after delete → 404',
    ])
    expect(report.notes).toContain(
      'The target is a stateful standin mock: every request named the session its first answer started (X-Standin-Session: ***).',
    )
  })

  it('leaves out what a stateless mock cannot show, and says so', async () => {
    const report = await verifyAgainstMock(blog, {
      stateful: false,
      headers: { Authorization: 'Token jwt.token.here' },
    })
    expect(report.notes).toContain(
      'The target is a stateless standin mock, which remembers nothing: what creates, updates and deletes leave behind was not checked.',
    )
    const articles = report.sequences.find((sequence) => sequence.resource === 'articles')
    expect(articles?.steps.at(-1)).toMatchObject({
      name: 'read after delete',
      ok: true,
      response: { status: 200 },
    })
  })
})

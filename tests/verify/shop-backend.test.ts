import { beforeAll, describe, expect, it } from 'vitest'
import { exitCodeOf, formatConsoleReport, toJsonReport, verify } from 'standin'
import type { CaseResult, IssueCode, VerifyReport } from 'standin'
import shop from '../../contracts/index.ts'
import { createShopBackend, createStore, type ShopBug } from '../../examples/shop-backend/index.ts'

/** Where each failing request was, as `operationId: code` or `sequence name: code`. */
function failures(report: VerifyReport): string[] {
  const errors = (cases: CaseResult[], place: (found: CaseResult) => string) =>
    cases.flatMap((found) =>
      found.issues
        .filter((issue) => issue.severity === 'error')
        .map((issue) => `${place(found)}: ${issue.code}`),
    )
  return [
    ...new Set([
      ...report.operations.flatMap((op) => errors(op.cases, (found) => found.operationId)),
      ...report.sequences.flatMap((sequence) =>
        errors(sequence.steps, () => `sequence ${sequence.resource}`),
      ),
    ]),
  ].sort()
}

function failingCases(report: VerifyReport): CaseResult[] {
  return [
    ...report.operations.flatMap((op) => op.cases),
    ...report.sequences.flatMap((sequence) => sequence.steps),
  ].filter((found) => !found.ok)
}

describe('standin verify against the reference shop backend', () => {
  let clean: VerifyReport
  const store = createStore()
  beforeAll(async () => {
    clean = await verify(shop, { target: createShopBackend({ store }).fetch })
  })

  it('passes every operation and sequence of the backend that keeps the contract (exit code 0)', () => {
    expect(failures(clean), formatConsoleReport(clean)).toEqual([])
    expect({
      status: clean.status,
      exit: exitCodeOf(clean),
      operations: clean.totals.operations,
      sequences: clean.totals.sequences,
    }).toEqual({
      status: 'passed',
      exit: 0,
      operations: 26,
      sequences: 7,
    })
  })

  it('runs create → read → update → delete sequences through the created resource', () => {
    const successful = (resource: string) => {
      const steps = clean.sequences.find((sequence) => sequence.resource === resource)?.steps ?? []
      const created = steps.findIndex(
        (step) => step.kind === 'sequence' && step.response?.status === 201,
      )
      return steps
        .slice(created)
        .map((step) => `${step.name.replace(/ \(attempt \d+\)$/, '')} ${step.response?.status}`)
    }
    expect(successful('products')).toEqual([
      'create 201',
      'read after create 200',
      'update 200',
      'read after update 200',
      'delete 204',
      'read after delete 404',
    ])
    expect(successful('carts/items')).toEqual(['create 201', 'update 200', 'delete 204'])
    expect(successful('orders')).toEqual([
      'create 201',
      'read after create 200',
      'update 409',
      'delete 200',
    ])
    expect(successful('payments')).toEqual(['create 201', 'read after create 200'])
  })

  it('reads the created resource at the id the create answered with', () => {
    const steps = clean.sequences.find((sequence) => sequence.resource === 'products')?.steps ?? []
    const created = JSON.parse(
      steps.find((step) => step.response?.status === 201)?.response?.body ?? '{}',
    ) as { id: string }
    expect(
      steps.filter((step) => step.name.startsWith('read')).map((step) => step.request.url),
    ).toEqual([
      `http://localhost/products/${created.id}`,
      `http://localhost/products/${created.id}`,
      `http://localhost/products/${created.id}`,
    ])
  })

  it('never shows a token the backend issued, in any part of the report', () => {
    const tokens = [...store.sessions.keys()]
    const json = toJsonReport(clean)
    expect(tokens.length).toBeGreaterThanOrEqual(2)
    expect(tokens.filter((token) => json.includes(token))).toEqual([])
    expect(json).toContain('"accessToken\\":\\"***\\"')
  })

  it('tries a secured operation on a resource that exists, without credentials and with malformed ones', () => {
    const cases = clean.operations
      .find((op) => op.operationId === 'getOrder')
      ?.cases.map((found) => `${found.kind}: ${found.name} → ${found.response?.status}`)
    expect(cases).toEqual([
      'example: contract example → 404',
      'valid: faker-valid input #1 → 200',
      'boundary: path parameter orderId 2048 characters long → 400',
      'negative: path parameter orderId breaks the schema: not a valid uuid → 400',
      'auth: no credentials → 401',
      'auth: malformed credentials → 401',
      'auth: forged credentials (a token never issued) → 401',
    ])
  })

  const planted: [ShopBug, string, IssueCode][] = [
    ['wrong-field-type', 'getProduct', 'schema_mismatch'],
    ['missing-required-field', 'getCart', 'schema_mismatch'],
    ['undocumented-status', 'createCart', 'status_undocumented'],
    ['server-error-on-edge-input', 'listProducts', 'server_error'],
    ['ignores-auth', 'getOrder', 'ignored_auth'],
    ['create-not-readable', 'sequence carts', 'not_found_after_create'],
    ['delete-leaves-readable', 'sequence products', 'still_readable_after_delete'],
    ['accepts-invalid-body', 'updateCustomer', 'accepted_invalid_input'],
  ]

  it.each(planted)(
    'reports the planted bug %s at %s as %s, with exit code 1',
    async (bug, place, code) => {
      const report = await verify(shop, {
        target: createShopBackend({ bugs: [bug], logError: () => {} }).fetch,
      })
      expect(failures(report)).toContain(`${place}: ${code}`)
      expect(exitCodeOf(report)).toBe(1)
      for (const found of failingCases(report)) {
        expect(found.curl).toMatch(/^curl -sS -X [A-Z]+ 'http:\/\/localhost\//)
        expect(Number.isInteger(found.seed)).toBe(true)
      }
    },
  )

  it('names the field of the wrong type and the value found', async () => {
    const report = await verify(shop, {
      target: createShopBackend({ bugs: ['wrong-field-type'] }).fetch,
      include: ['getProduct'],
    })
    const example = report.operations[0]?.cases.find((found) => found.kind === 'example')
    expect(example?.issues).toEqual([
      {
        code: 'schema_mismatch',
        path: ['price'],
        message: 'Invalid input: expected number, received string (got "89.90").',
        severity: 'error',
      },
    ])
  })
})

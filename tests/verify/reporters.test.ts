import { describe, expect, it } from 'vitest'
import { createProgressPrinter, formatConsoleReport } from '../../src/verify/reporters/console-reporter.ts'
import { toJsonReport } from '../../src/verify/reporters/json-reporter.ts'
import { toJUnitXml } from '../../src/verify/reporters/junit-reporter.ts'
import type { CaseResult, OperationResult, VerifyReport } from '../../src/verify/types.ts'

function caseResult(overrides: Partial<CaseResult>): CaseResult {
  return {
    operationId: 'getProduct',
    kind: 'valid',
    name: 'faker-valid input #1',
    seed: 1234,
    ok: true,
    request: { method: 'GET', url: 'http://127.0.0.1:3000/products/p1', headers: { authorization: 'Bearer ${TOKEN}' } },
    response: { status: 200, headers: { 'content-type': 'application/json' }, body: '{}', durationMs: 12 },
    issues: [],
    curl: `curl -sS -X GET 'http://127.0.0.1:3000/products/p1' -H "authorization: Bearer \${TOKEN}"`,
    ...overrides,
  }
}

const passing: OperationResult = {
  operationId: 'listCategories',
  method: 'GET',
  path: '/categories',
  tags: ['products'],
  documented: ['200'],
  ok: true,
  cases: [caseResult({ operationId: 'listCategories', request: { method: 'GET', url: 'http://127.0.0.1:3000/categories', headers: {} } })],
}

const failing: OperationResult = {
  operationId: 'getProduct',
  method: 'GET',
  path: '/products/{productId}',
  tags: ['products'],
  documented: ['200', '404'],
  ok: false,
  cases: [
    caseResult({
      ok: false,
      issues: [
        { code: 'schema_mismatch', path: ['price'], message: 'Invalid input: expected number, received string (got "89.90").', severity: 'error' },
        { code: 'undeclared_field', path: ['debug'], message: 'This field is not declared in the schema.', severity: 'warning' },
      ],
    }),
    caseResult({ kind: 'negative', name: 'path parameter productId breaks the schema: not a UUID' }),
  ],
}

const report: VerifyReport = {
  target: 'http://127.0.0.1:3000',
  seed: 1,
  status: 'failed',
  durationMs: 1530,
  basePath: { used: '/', documented: '/' },
  operations: [passing, failing],
  sequences: [
    {
      resource: 'carts',
      ok: false,
      steps: [
        caseResult({ operationId: 'createCart', kind: 'sequence', name: 'create', request: { method: 'POST', url: 'http://127.0.0.1:3000/carts', headers: {} }, curl: "curl -sS -X POST 'http://127.0.0.1:3000/carts'" }),
        caseResult({
          operationId: 'getCart',
          kind: 'sequence',
          name: 'read after create',
          ok: false,
          request: { method: 'GET', url: 'http://127.0.0.1:3000/carts/c1', headers: {} },
          response: { status: 404, headers: {}, body: '', durationMs: 3 },
          issues: [{ code: 'not_found_after_create', path: [], message: 'GET /carts/{cartId} answered 404 right after the create succeeded.', severity: 'error' }],
          curl: "curl -sS -X GET 'http://127.0.0.1:3000/carts/c1'",
        }),
      ],
    },
  ],
  notes: ['Credentials: from the headers given (Authorization), shown as ${VAR} or ***.'],
  totals: { operations: 2, failedOperations: 1, sequences: 1, failedSequences: 1, requests: 5, errors: 2, warnings: 1 },
}

describe('toJUnitXml', () => {
  it('writes a test case per operation and sequence, with a failure that carries codes, seed and curl', () => {
    expect(toJUnitXml(report)).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="UTF-8"?>
      <testsuites name="standin verify" tests="3" failures="2" errors="0" time="1.530">
        <testsuite name="operations" tests="2" failures="1" errors="0" skipped="0" time="0.036">
          <properties><property name="target" value="http://127.0.0.1:3000"/><property name="seed" value="1"/></properties>
          <testcase classname="standin.products" name="listCategories (GET /categories)" time="0.012"/>
          <testcase classname="standin.products" name="getProduct (GET /products/{productId})" time="0.024">
            <failure type="schema_mismatch" message="schema_mismatch: Invalid input: expected number, received string (got &quot;89.90&quot;).">faker-valid input #1 [valid] GET http://127.0.0.1:3000/products/p1 → 200
        schema_mismatch at price: Invalid input: expected number, received string (got &quot;89.90&quot;).
        seed: 1234 (run with --seed 1)
        curl -sS -X GET &apos;http://127.0.0.1:3000/products/p1&apos; -H &quot;authorization: Bearer \${TOKEN}&quot;</failure>
          </testcase>
        </testsuite>
        <testsuite name="sequences" tests="1" failures="1" errors="0" skipped="0" time="0.015">
          <properties><property name="target" value="http://127.0.0.1:3000"/><property name="seed" value="1"/></properties>
          <testcase classname="standin.sequences" name="carts" time="0.015">
            <failure type="not_found_after_create" message="not_found_after_create: GET /carts/{cartId} answered 404 right after the create succeeded.">read after create [sequence] GET http://127.0.0.1:3000/carts/c1 → 404
        not_found_after_create: GET /carts/{cartId} answered 404 right after the create succeeded.
        seed: 1234 (run with --seed 1)
        curl -sS -X GET &apos;http://127.0.0.1:3000/carts/c1&apos;</failure>
          </testcase>
        </testsuite>
      </testsuites>
      "
    `)
  })

  it('adds an error test case when the run could not complete', () => {
    const broken: VerifyReport = { ...report, status: 'error', error: { code: 'unreachable', message: 'http://127.0.0.1:9 did not answer: Could not connect.' }, operations: [], sequences: [] }
    const xml = toJUnitXml(broken)
    expect(xml).toContain('<testsuites name="standin verify" tests="1" failures="0" errors="1" time="1.530">')
    expect(xml).toContain('<error type="unreachable" message="http://127.0.0.1:9 did not answer: Could not connect."/>')
  })
})

describe('formatConsoleReport', () => {
  it('lists failures with seed and curl, then warnings, the summary tables, notes and the verdict', () => {
    expect(formatConsoleReport(report)).toMatchInlineSnapshot(`
      "Failures (2)

      ✗ getProduct: faker-valid input #1 [valid] GET http://127.0.0.1:3000/products/p1 → 200
          schema_mismatch at price: Invalid input: expected number, received string (got "89.90").
          seed: 1234 (run with --seed 1)
          curl -sS -X GET 'http://127.0.0.1:3000/products/p1' -H "authorization: Bearer \${TOKEN}"

      ✗ getCart: read after create [sequence] GET http://127.0.0.1:3000/carts/c1 → 404
          not_found_after_create: GET /carts/{cartId} answered 404 right after the create succeeded.
          seed: 1234 (run with --seed 1)
          curl -sS -X GET 'http://127.0.0.1:3000/carts/c1'

      Warnings (errors with --strict)
        getProduct: undeclared_field at debug: This field is not declared in the schema.

      Operation       Method  Path                   Requests  Result  Codes
      listCategories  GET     /categories            1         passed
      getProduct      GET     /products/{productId}  2         FAILED  schema_mismatch

      Sequence  Requests  Result  Codes
      carts     2         FAILED  not_found_after_create

      note: Credentials: from the headers given (Authorization), shown as \${VAR} or ***.

      Failed: 2 of 3 operations and sequences broke the contract (2 errors, 1 warning); 2 operations, 1 sequence, 5 requests in 1.5 s. Exit code 1.
      "
    `)
  })

  it('says the run passed with exit code 0 when nothing failed', () => {
    const passed: VerifyReport = { ...report, status: 'passed', operations: [passing], sequences: [], notes: [], totals: { ...report.totals, operations: 1, failedOperations: 0, sequences: 0, failedSequences: 0, errors: 0, warnings: 0 } }
    expect(formatConsoleReport(passed).trimEnd().split('\n').at(-1)).toBe('Passed: 1 operation, 0 sequences, 5 requests in 1.5 s; 0 warnings. Exit code 0.')
  })
})

describe('createProgressPrinter', () => {
  it('prints a line per operation when the output is not a terminal', () => {
    let text = ''
    const print = createProgressPrinter({ write: (chunk) => (text += chunk) })
    print({ type: 'start', target: 'http://127.0.0.1:3000', operations: 2, seed: 1 })
    print({ type: 'operation', index: 0, total: 2, result: passing })
    print({ type: 'operation', index: 1, total: 2, result: failing })
    print({ type: 'sequence', index: 0, total: 1, result: report.sequences[0] as VerifyReport['sequences'][number] })
    expect(text).toMatchInlineSnapshot(`
      "Verifying http://127.0.0.1:3000 against 2 operations (seed 1)
        ✓ listCategories         GET /categories                            1 request
        ✗ getProduct             GET /products/{productId}                  1 of 2 requests failed: schema_mismatch
        ✗ sequence carts         not_found_after_create
      "
    `)
  })

  it('rewrites one line with a bar on a terminal', () => {
    let text = ''
    const print = createProgressPrinter({ write: (chunk) => (text += chunk), tty: true })
    print({ type: 'operation', index: 0, total: 2, result: passing })
    expect(text).toBe('\r\x1b[K[############............] 1/2 listCategories')
  })
})

describe('toJsonReport', () => {
  it('writes the report as JSON with a format marker', () => {
    const parsed = JSON.parse(toJsonReport(report)) as Record<string, unknown>
    expect(parsed.format).toBe('standin.verify-report/1')
    expect({ ...parsed, format: undefined }).toEqual({ ...report, format: undefined })
  })
})

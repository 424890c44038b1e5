import { describe, expect, it } from 'vitest'
import {
  createProgressPrinter,
  formatConsoleReport,
} from '../../src/verify/reporters/console-reporter.ts'
import { toJsonReport } from '../../src/verify/reporters/json-reporter.ts'
import { toHtmlReport } from '../../src/verify/reporters/html-reporter.ts'
import { toJUnitXml } from '../../src/verify/reporters/junit-reporter.ts'
import type {
  CaseResult,
  Issue,
  IssueCode,
  IssuePath,
  OperationResult,
  VerifyReport,
} from '../../src/verify/types.ts'

function caseResult(overrides: Partial<CaseResult>): CaseResult {
  return {
    operationId: 'getProduct',
    kind: 'valid',
    name: 'faker-valid input #1',
    seed: 1234,
    ok: true,
    request: {
      method: 'GET',
      url: 'http://127.0.0.1:3000/products/p1',
      headers: { authorization: 'Bearer ${TOKEN}' },
    },
    response: {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: '{}',
      durationMs: 12,
    },
    issues: [],
    curl: `curl -sS -X GET 'http://127.0.0.1:3000/products/p1' -H "authorization: Bearer \${TOKEN}"`,
    ...overrides,
  }
}

function error(code: IssueCode, message: string, path: IssuePath = []): Issue {
  return { code, path, message, severity: 'error' }
}

function warn(code: IssueCode, message: string, path: IssuePath = []): Issue {
  return { code, path, message, severity: 'warning' }
}

/** A request to `operationId` answered with `status`; failed when an issue is an error. */
function answered(
  operationId: string,
  status: number,
  issues: Issue[] = [],
  overrides: Partial<CaseResult> = {},
): CaseResult {
  const url = `http://127.0.0.1:3000/${operationId}`
  return caseResult({
    operationId,
    ok: !issues.some((issue) => issue.severity === 'error'),
    request: { method: 'GET', url, headers: {} },
    response: { status, headers: {}, body: '', durationMs: 1 },
    issues,
    curl: `curl -sS -X GET '${url}'`,
    ...overrides,
  })
}

function operation(
  operationId: string,
  cases: CaseResult[],
  documented = ['200'],
): OperationResult {
  return {
    operationId,
    method: 'GET',
    path: `/${operationId}`,
    tags: [],
    documented,
    ok: cases.every((found) => found.ok),
    cases,
  }
}

function reportOf(
  operations: OperationResult[],
  overrides: Partial<VerifyReport> = {},
): VerifyReport {
  return { ...report, operations, sequences: [], notes: [], ...overrides }
}

/** The section of a console report that starts with `start`. */
function sectionOf(text: string, start: string): string {
  return text.split('\n\n').find((section) => section.startsWith(start)) ?? ''
}

function sectionsOf(page: string): string[] {
  return [...page.matchAll(/<h2>(.*?)<\/h2>/g)].map((match) => match[1] ?? '')
}

function causeOf(page: string): string {
  return /<div class="cause error">[\s\S]*?<\/div>/.exec(page)?.[0] ?? ''
}

function coverageOf(page: string): string {
  return /<table>[\s\S]*?<\/table>/.exec(page)?.[0] ?? ''
}

const passing: OperationResult = {
  operationId: 'listCategories',
  method: 'GET',
  path: '/categories',
  tags: ['products'],
  documented: ['200'],
  ok: true,
  cases: [
    caseResult({
      operationId: 'listCategories',
      request: { method: 'GET', url: 'http://127.0.0.1:3000/categories', headers: {} },
    }),
  ],
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
        {
          code: 'schema_mismatch',
          path: ['price'],
          message: 'Invalid input: expected number, received string (got "89.90").',
          severity: 'error',
        },
        {
          code: 'undeclared_field',
          path: ['debug'],
          message: 'This field is not declared in the schema.',
          severity: 'warning',
        },
      ],
    }),
    caseResult({
      kind: 'negative',
      name: 'path parameter productId breaks the schema: not a UUID',
    }),
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
        caseResult({
          operationId: 'createCart',
          kind: 'sequence',
          name: 'create',
          request: { method: 'POST', url: 'http://127.0.0.1:3000/carts', headers: {} },
          curl: "curl -sS -X POST 'http://127.0.0.1:3000/carts'",
        }),
        caseResult({
          operationId: 'getCart',
          kind: 'sequence',
          name: 'read after create',
          ok: false,
          request: { method: 'GET', url: 'http://127.0.0.1:3000/carts/c1', headers: {} },
          response: { status: 404, headers: {}, body: '', durationMs: 3 },
          issues: [
            {
              code: 'not_found_after_create',
              path: [],
              message: 'GET /carts/{cartId} answered 404 right after the create succeeded.',
              severity: 'error',
            },
          ],
          curl: "curl -sS -X GET 'http://127.0.0.1:3000/carts/c1'",
        }),
      ],
    },
  ],
  notes: ['Credentials: from the headers given (Authorization), shown as ${VAR} or ***.'],
  totals: {
    operations: 2,
    failedOperations: 1,
    sequences: 1,
    failedSequences: 1,
    requests: 5,
    errors: 2,
    warnings: 1,
    notRun: 0,
  },
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
    const broken: VerifyReport = {
      ...report,
      status: 'error',
      error: {
        code: 'unreachable',
        message: 'http://127.0.0.1:9 did not answer: Could not connect.',
      },
      operations: [],
      sequences: [],
    }
    const xml = toJUnitXml(broken)
    expect(xml).toContain(
      '<testsuites name="standin verify" tests="1" failures="0" errors="1" time="1.530">',
    )
    expect(xml).toContain(
      '<error type="unreachable" message="http://127.0.0.1:9 did not answer: Could not connect."/>',
    )
  })
})

describe('formatConsoleReport', () => {
  it('lists the failures and warnings by cause, then coverage, sequences, notes and the verdict', () => {
    expect(formatConsoleReport(report)).toMatchInlineSnapshot(`
      "Failures: 2 causes in 2 requests
      ✗ getProduct: schema_mismatch at price ×1 — Invalid input: expected number, received string (got "89.90").
          valid: faker-valid input #1 — GET http://127.0.0.1:3000/products/p1 → 200 (seed 1234; run with --seed 1)
          curl -sS -X GET 'http://127.0.0.1:3000/products/p1' -H "authorization: Bearer \${TOKEN}"
      ✗ sequence carts: not_found_after_create ×1 — GET /carts/{cartId} answered 404 right after the create succeeded.
          sequence: read after create — GET http://127.0.0.1:3000/carts/c1 → 404 (seed 1234; run with --seed 1)
          curl -sS -X GET 'http://127.0.0.1:3000/carts/c1'

      Warnings: 1 cause in 1 request (undeclared fields fail the run with --strict)
      ! getProduct: undeclared_field at debug ×1 — This field is not declared in the schema.

      Operation       Method  Path                   Statuses (! undocumented)  2xx
      listCategories  GET     /categories            200                        yes
      getProduct      GET     /products/{productId}  200                        yes
      2 of 2 operations reached with a 2xx.

      Sequence  Requests  Result  Codes
      carts     2         FAILED  not_found_after_create

      note: Credentials: from the headers given (Authorization), shown as \${VAR} or ***.

      Failed: 2 of 3 operations and sequences broke the contract (2 errors, 1 warning); 2 operations, 1 sequence, 5 requests in 1.5 s. Exit code 1.
      "
    `)
  })

  it('says the run passed with exit code 0 when nothing failed', () => {
    const passed: VerifyReport = {
      ...report,
      status: 'passed',
      operations: [passing],
      sequences: [],
      notes: [],
      totals: {
        ...report.totals,
        operations: 1,
        failedOperations: 0,
        sequences: 0,
        failedSequences: 0,
        errors: 0,
        warnings: 0,
      },
    }
    expect(formatConsoleReport(passed).trimEnd().split('\n').at(-1)).toBe(
      'Passed: 1 operation, 0 sequences, 5 requests in 1.5 s; 0 warnings. Exit code 0.',
    )
  })

  it('prints a cause once with how many requests showed it and the first of them, whatever the array position', () => {
    const nullDescription = (index: number): Issue =>
      error('schema_mismatch', `Invalid input: expected string, received null (item ${index}).`, [
        'articles',
        index,
        'description',
      ])
    const listed = Array.from({ length: 38 }, (_, index) =>
      answered('listArticles', 200, [nullDescription(index), nullDescription(index + 1)], {
        name: `faker-valid input #${index + 1}`,
        seed: 1001 + index,
      }),
    )
    const crashed = [1, 2].map((n) =>
      answered(
        'listArticles',
        500,
        [
          error('server_error', 'The server failed with 500.'),
          error(
            'status_undocumented',
            'Status 500 is not documented for listArticles; it documents 200.',
          ),
        ],
        { name: `boundary #${n}` },
      ),
    )
    const refused = answered(
      'listArticles',
      400,
      [
        error(
          'status_undocumented',
          'Status 400 is not documented for listArticles; it documents 200.',
        ),
      ],
      { kind: 'negative', name: 'limit above 100' },
    )
    const steps = [
      answered('listArticles', 200, [nullDescription(3)], {
        kind: 'sequence',
        name: 'list after create',
      }),
      answered(
        'getArticle',
        404,
        [
          error(
            'not_found_after_create',
            'GET /articles/{slug} answered 404 right after the create succeeded.',
          ),
        ],
        { kind: 'sequence', name: 'read after create' },
      ),
    ]
    const grouped = reportOf([operation('listArticles', [...listed, ...crashed, refused])], {
      sequences: [{ resource: 'articles', ok: false, steps }],
    })
    expect(sectionOf(formatConsoleReport(grouped), 'Failures')).toMatchInlineSnapshot(`
      "Failures: 5 causes in 43 requests
      ✗ listArticles: schema_mismatch at articles[*].description ×39 — Invalid input: expected string, received null (item 0).
          valid: faker-valid input #1 — GET http://127.0.0.1:3000/listArticles → 200 (seed 1001; run with --seed 1)
          curl -sS -X GET 'http://127.0.0.1:3000/listArticles'
      ✗ listArticles: server_error ×2 — The server failed with 500.
          valid: boundary #1 — GET http://127.0.0.1:3000/listArticles → 500 (seed 1234; run with --seed 1)
          curl -sS -X GET 'http://127.0.0.1:3000/listArticles'
      ✗ listArticles: status_undocumented ×2 — Status 500 is not documented for listArticles; it documents 200.
          valid: boundary #1 — GET http://127.0.0.1:3000/listArticles → 500 (seed 1234; run with --seed 1)
          curl -sS -X GET 'http://127.0.0.1:3000/listArticles'
      ✗ listArticles: status_undocumented ×1 — Status 400 is not documented for listArticles; it documents 200.
          negative: limit above 100 — GET http://127.0.0.1:3000/listArticles → 400 (seed 1234; run with --seed 1)
          curl -sS -X GET 'http://127.0.0.1:3000/listArticles'
      ✗ sequence articles: not_found_after_create ×1 — GET /articles/{slug} answered 404 right after the create succeeded.
          sequence: read after create — GET http://127.0.0.1:3000/getArticle → 404 (seed 1234; run with --seed 1)
          curl -sS -X GET 'http://127.0.0.1:3000/getArticle'"
    `)
  })

  it('counts a finding that reads the same in several operations as one cause naming them, a 500 once per operation', () => {
    const nullDescription = error(
      'schema_mismatch',
      'Invalid input: expected string, received null (got null).',
      ['article', 'description'],
    )
    const forged = (status: number) =>
      error(
        'accepted_forged_credentials',
        `Answered ${status} to credentials that were never issued (well-formed, but forged).`,
      )
    const crashed = error('server_error', 'The server failed with 500.')
    const names = ['getArticle', 'updateArticle', 'favoriteArticle', 'unfavoriteArticle']
    const operations = names.map((name, index) =>
      operation(name, [
        answered(name, 200, [nullDescription, forged(index === 0 ? 200 : 201)]),
        answered(name, 500, [crashed]),
      ]),
    )
    const lines = sectionOf(formatConsoleReport(reportOf(operations)), 'Failures')
      .split('\n')
      .filter((line) => line.startsWith('✗'))
    expect(lines).toEqual([
      '✗ getArticle, updateArticle and 2 more: schema_mismatch at article.description ×4 — Invalid input: expected string, received null (got null).',
      '✗ getArticle, updateArticle and 2 more: accepted_forged_credentials ×4 — Answered 200 to credentials that were never issued (well-formed, but forged).',
      '✗ getArticle: server_error ×1 — The server failed with 500.',
      '✗ updateArticle: server_error ×1 — The server failed with 500.',
      '✗ favoriteArticle: server_error ×1 — The server failed with 500.',
      '✗ unfavoriteArticle: server_error ×1 — The server failed with 500.',
    ])
  })

  it('gives causes their request and curl while the report fits a screen, the rest one line each', () => {
    const operations = Array.from({ length: 20 }, (_, index) => {
      const issues =
        index < 15 ? [error('schema_mismatch', `Field ${index} is wrong.`, [`field${index}`])] : []
      return operation(`operation${index}`, [answered(`operation${index}`, 200, issues)])
    })
    const lines = formatConsoleReport(
      reportOf(operations, { notes: ['Credentials: none needed.'] }),
    )
      .trimEnd()
      .split('\n')
    expect({
      lines: lines.length,
      detailed: lines.filter((line) => line.startsWith('    curl')).length,
    }).toEqual({ lines: 50, detailed: 3 })
    expect([lines[0], lines[10], lines[22]]).toEqual([
      'Failures: 15 causes in 15 requests',
      '✗ operation3: schema_mismatch at field3 ×1 — Field 3 is wrong.',
      '  the first request and curl of every cause: --html FILE or --json FILE',
    ])
    expect(lines.at(-1)).toMatch(/^Failed: /)
  })

  it('groups warnings the same way and shows at most 20 of them', () => {
    const cases = Array.from({ length: 25 }, (_, index) =>
      answered('getProduct', 200, [
        warn('undeclared_field', 'This field is not declared in the schema.', [`extra${index}`]),
        warn('undeclared_field', 'This field is not declared in the schema.', ['debug']),
      ]),
    )
    const section = sectionOf(
      formatConsoleReport(reportOf([operation('getProduct', cases)])),
      'Warnings',
    ).split('\n')
    expect([section.length, ...section.slice(0, 3), ...section.slice(-2)]).toEqual([
      22,
      'Warnings: 26 causes in 25 requests (undeclared fields fail the run with --strict)',
      '! getProduct: undeclared_field at extra0 ×1 — This field is not declared in the schema.',
      '! getProduct: undeclared_field at debug ×25 — This field is not declared in the schema.',
      '! getProduct: undeclared_field at extra18 ×1 — This field is not declared in the schema.',
      '  … and 6 more (see --json)',
    ])
  })

  it('shows the statuses each operation answered and why those without a 2xx were never reached', () => {
    const operations = [
      operation('listTags', [answered('listTags', 200)]),
      operation(
        'listArticles',
        [answered('listArticles', 200), answered('listArticles', 500)],
        ['200', '4XX'],
      ),
      operation('followUser', [answered('followUser', 401), answered('followUser', 401)]),
      operation('updateUser', [answered('updateUser', 401), answered('updateUser', 403)]),
      operation('unfollowUser', [answered('unfollowUser', 401)]),
      operation(
        'deleteComment',
        [
          answered('deleteComment', 404),
          answered('deleteComment', 404),
          answered('deleteComment', 400, [], { kind: 'negative' }),
        ],
        ['204', '404'],
      ),
      operation(
        'createArticle',
        [answered('createArticle', 422), answered('createArticle', 400)],
        ['201', 'default'],
      ),
      operation('getFeed', [answered('getFeed', 422), answered('getFeed', 500)]),
      operation('getProfile', [
        caseResult({ operationId: 'getProfile', ok: false, response: undefined }),
      ]),
      operation('deleteUser', []),
    ]
    expect(
      sectionOf(formatConsoleReport(reportOf(operations)), 'Operation'),
    ).toMatchInlineSnapshot(`
      "Operation      Method  Path            Statuses (! undocumented)  2xx
      listTags       GET     /listTags       200                        yes
      listArticles   GET     /listArticles   200 500!                   yes
      followUser     GET     /followUser     401!                       no
      updateUser     GET     /updateUser     401! 403!                  no
      unfollowUser   GET     /unfollowUser   401!                       no
      deleteComment  GET     /deleteComment  400! 404                   no
      createArticle  GET     /createArticle  400 422                    no
      getFeed        GET     /getFeed        422! 500!                  no
      getProfile     GET     /getProfile     -                          no
      deleteUser     GET     /deleteUser     -                          no
      2 of 10 operations reached with a 2xx; never reached: followUser, unfollowUser (credentials refused: every request was answered 401), updateUser (credentials refused: every request was answered 401 or 403), deleteComment (nothing found at the values tried: every valid request was answered 404), createArticle (refused as invalid: every request was answered 400 or 422), getFeed (server errors: requests were answered 422, 500), getProfile (no request was answered), deleteUser (not run)"
    `)
  })

  it('asks whether the base path is right when every request was answered 404', () => {
    const notFound = ['listTags', 'getTag', 'listArticles'].map((id) =>
      operation(id, [answered(id, 404), answered(id, 404)]),
    )
    const hint = (overrides: Partial<VerifyReport>) =>
      formatConsoleReport(reportOf(notFound, overrides)).trimEnd().split('\n').at(-3)
    expect(hint({ basePath: { used: '/v2', documented: '/api' } })).toBe(
      "Every request was answered 404: is the base path right? Requests went under /v2; the contract's server says /api.",
    )
    expect(hint({ basePath: { used: '/api', documented: '/api' } })).toBe(
      "Every request was answered 404: is the base path right? Requests went under /api, as the contract's server says; if the backend serves the API elsewhere, pass --base-path PATH or put the path in --target.",
    )
  })

  it('asks about the base path when nearly every request was answered 404, and not otherwise', () => {
    const ofStatuses = (statuses: number[]) =>
      ['listTags', 'getTag', 'listArticles'].map((id, index) =>
        operation(
          id,
          statuses.filter((_, n) => n % 3 === index).map((status) => answered(id, status)),
        ),
      )
    const text = (statuses: number[]) =>
      formatConsoleReport(
        reportOf(ofStatuses(statuses), { basePath: { used: '/', documented: '/api' } }),
      )
    expect(
      text([...Array(9).fill(404), 200])
        .trimEnd()
        .split('\n')
        .at(-3),
    ).toBe(
      "9 of 10 requests were answered 404: is the base path right? Requests went under /; the contract's server says /api.",
    )
    expect(text([...Array(8).fill(404), 200, 200])).not.toContain('base path')
    const twoOperations = reportOf(ofStatuses([404, 404, 404, 404]).slice(0, 2), {
      basePath: { used: '/', documented: '/api' },
    })
    expect(formatConsoleReport(twoOperations)).not.toContain('base path')
  })
})

describe('toHtmlReport', () => {
  const scripted = answered(
    'getProduct',
    200,
    [error('schema_mismatch', 'Expected a number, got "<script>".', ['price'])],
    {
      request: {
        method: 'GET',
        url: 'http://127.0.0.1:3000/products/p1?q=<b>',
        headers: { authorization: 'Bearer ***' },
      },
      response: {
        status: 200,
        headers: { 'content-type': 'text/html' },
        body: '<script>alert("x")</script>',
        durationMs: 4,
      },
    },
  )
  const page = toHtmlReport(
    reportOf([operation('getProduct', [scripted, answered('getProduct', 404)], ['200']), passing], {
      sequences: report.sequences,
      notes: report.notes,
    }),
  )

  it('is one page with its style inline and nothing to fetch or run', () => {
    expect(
      page.startsWith('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">'),
    ).toBe(true)
    expect(page.match(/<(script|link|img|iframe)\b|\b(src|href)=/g)).toBeNull()
    expect(page).toContain('<style>')
  })

  it('escapes every value from the backend', () => {
    expect(page).toContain(
      '200 (4 ms)\ncontent-type: text/html\n\n&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</pre>',
    )
    expect(page).toContain('GET http://127.0.0.1:3000/products/p1?q=&lt;b&gt; → 200')
    expect(page).toContain('Expected a number, got &quot;&lt;script&gt;&quot;.')
  })

  it('shows the verdict, the causes, the coverage matrix and every request in details', () => {
    expect(page).toContain(
      '<p class="verdict failed">Failed: 2 of 3 operations and sequences broke the contract (2 errors, 1 warning); 2 operations, 1 sequence, 5 requests in 1.5 s. Exit code 1.</p>',
    )
    expect(sectionsOf(page)).toEqual([
      'Failures: 2 causes in 2 requests',
      'Coverage',
      'Notes',
      'Requests',
    ])
    expect(causeOf(page)).toMatchInlineSnapshot(`
      "<div class="cause error">
      <p><strong>getProduct</strong> <code>schema_mismatch at price</code> <span class="count">×1</span></p>
      <p>Expected a number, got &quot;&lt;script&gt;&quot;.</p>
      <p>First: valid: faker-valid input #1 — <code>GET http://127.0.0.1:3000/products/p1?q=&lt;b&gt; → 200</code>, seed 1234 (run with --seed 1)</p>
      <pre>curl -sS -X GET &#39;http://127.0.0.1:3000/getProduct&#39;</pre>
      <details><summary>Its request and response</summary>
      <h4>Request</h4>
      <pre>GET http://127.0.0.1:3000/products/p1?q=&lt;b&gt;
      authorization: Bearer ***</pre>
      <h4>Response</h4>
      <pre>200 (4 ms)
      content-type: text/html

      &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</pre>
      <h4>Issues</h4>
      <ul class="issues"><li class="error"><code>schema_mismatch</code> at price: Expected a number, got &quot;&lt;script&gt;&quot;.</li></ul>
      </details>
      </div>"
    `)
    expect(coverageOf(page)).toMatchInlineSnapshot(`
      "<table>
      <thead><tr><th>Operation</th><th>Request</th><th>200</th><th>404</th><th>2xx</th><th>Why not</th></tr></thead>
      <tbody>
      <tr><td>getProduct</td><td><code>GET /getProduct</code></td><td class="status">1</td><td class="status undocumented" title="not documented">1!</td><td>yes</td><td></td></tr>
      <tr><td>listCategories</td><td><code>GET /categories</code></td><td class="status">1</td><td></td><td>yes</td><td></td></tr>
      </tbody>
      </table>"
    `)
    // One per operation and sequence, one per request, one per cause.
    expect(page.match(/<details>|<details class="failed">/g)?.length).toBe(10)
  })
})

describe('createProgressPrinter', () => {
  it('prints a line per operation when the output is not a terminal', () => {
    let text = ''
    const print = createProgressPrinter({ write: (chunk) => (text += chunk) })
    print({ type: 'start', target: 'http://127.0.0.1:3000', operations: 2, seed: 1 })
    print({ type: 'operation', index: 0, total: 2, result: passing })
    print({ type: 'operation', index: 1, total: 2, result: failing })
    print({
      type: 'sequence',
      index: 0,
      total: 1,
      result: report.sequences[0] as VerifyReport['sequences'][number],
    })
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

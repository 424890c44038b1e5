import { beforeAll, describe, expect, it } from 'vitest'
import { exitCodeOf, formatConsoleReport, fromOpenAPI, verify } from 'standin'
import type { CaseResult, VerifyReport } from 'standin'
import {
  type BlogBug,
  createBlogBackend,
  createStore,
  JAKE,
} from '../../examples/blog-backend/index.ts'
import { passwordMatches } from '../../examples/blog-backend/store.ts'

// verify against a backend nobody wrote for it: a blogging API keyed by slugs and usernames, bodies
// in envelopes, `Authorization: Token …`, errors as { errors: { body: [...] } }, served under /api.
// Each planted bug alone must be found with the right code; the clean backend passes with no
// warning.

const { contract: blog } = await fromOpenAPI(
  new URL('../../examples/blog-backend/openapi.yaml', import.meta.url).pathname,
)

function allCases(report: VerifyReport): CaseResult[] {
  return [
    ...report.operations.flatMap((op) => op.cases),
    ...report.sequences.flatMap((sequence) => sequence.steps),
  ]
}

/** Where each error was, as `operationId: code`, once each. */
function failures(report: VerifyReport): string[] {
  return [
    ...new Set(
      allCases(report).flatMap((found) =>
        found.issues
          .filter((issue) => issue.severity === 'error')
          .map((issue) => `${found.operationId}: ${issue.code}`),
      ),
    ),
  ].sort()
}

/** The cases of one operation as `kind: name → status`. */
function casesOf(report: VerifyReport, operationId: string, kind?: string): string[] {
  const op = report.operations.find((candidate) => candidate.operationId === operationId)
  return (op?.cases ?? [])
    .filter((found) => kind === undefined || found.kind === kind)
    .map((found) => `${found.kind}: ${found.name} → ${found.response?.status}`)
}

describe('standin verify against the blog backend, a contract and a backend written elsewhere', () => {
  let clean: VerifyReport
  const store = createStore()
  beforeAll(async () => {
    clean = await verify(blog, { target: createBlogBackend({ store }).fetch })
  })

  it('passes the backend that keeps its description, with exit code 0 and not one warning', () => {
    expect(failures(clean), formatConsoleReport(clean)).toEqual([])
    expect({
      status: clean.status,
      exit: exitCodeOf(clean),
      warnings: clean.totals.warnings,
      operations: clean.totals.operations,
    }).toEqual({ status: 'passed', exit: 0, warnings: 0, operations: 19 })
  })

  it('logs in with the login example, finds the token in the user envelope and sends it as Authorization: Token', () => {
    expect(clean.notes).toContain(
      'Credentials: logged in with the contract example of Login (POST /users/login); the token is shown as ***.',
    )
    const read = clean.operations
      .find((op) => op.operationId === 'GetCurrentUser')
      ?.cases.find((found) => found.kind === 'valid')
    expect([read?.request.headers.Authorization, read?.response?.status]).toEqual([
      'Token ***',
      200,
    ])
  })

  it('reaches every operation with a 2xx, slugs and usernames flowing from the answers that carry them', () => {
    const unreached = clean.operations
      .filter(
        (op) =>
          !op.cases.some(
            (found) => (found.response?.status ?? 0) >= 200 && (found.response?.status ?? 0) < 300,
          ),
      )
      .map((op) => op.operationId)
    expect(unreached).toEqual([])
  })

  it('leaves the account it logs in with usable: updates of /user send back its email and username', () => {
    const jake = store.users.get(JAKE.username)
    expect([jake?.email, jake !== undefined && passwordMatches(jake, JAKE.password)]).toEqual([
      JAKE.email,
      true,
    ])
    const updates =
      clean.operations
        .find((op) => op.operationId === 'UpdateCurrentUser')
        ?.cases.filter((found) => found.kind !== 'auth' && found.kind !== 'negative') ?? []
    const sent = updates.map(
      (found) => JSON.parse(found.request.body ?? '{}') as { user: Record<string, unknown> },
    )
    expect(
      sent.every((body) => body.user.email === undefined || body.user.email === JAKE.email),
    ).toBe(true)
    expect(
      sent.every(
        (body) => body.user.username === undefined || body.user.username === JAKE.username,
      ),
    ).toBe(true)
  })

  it('sends the list with required parameters only, so the items there get checked', () => {
    const [baseline] =
      clean.operations
        .find((op) => op.operationId === 'GetArticles')
        ?.cases.filter((found) => found.kind === 'baseline') ?? []
    expect(baseline?.request.url).toBe('http://localhost/api/articles')
    expect([
      baseline?.response?.status,
      baseline?.response?.body.startsWith('{"articles":[{"slug":'),
    ]).toEqual([200, true])
  })

  it('sends an empty object where every field is optional, and a body with every field', () => {
    const bodies =
      clean.operations
        .find((op) => op.operationId === 'UpdateCurrentUser')
        ?.cases.filter((found) => found.kind === 'minimal' || found.kind === 'maximal') ?? []
    expect(bodies.map((found) => [found.name, found.response?.status])).toEqual([
      ['only the required fields (an empty object where every field is optional)', 200],
      ['every field', 200],
    ])
    expect(JSON.parse(bodies[0]?.request.body ?? '')).toEqual({ user: {} })
    expect(
      Object.keys((JSON.parse(bodies[1]?.request.body ?? '{}') as { user: object }).user).sort(),
    ).toEqual(['bio', 'email', 'image', 'password', 'username'])
  })

  it('tries parameters at and past their bounds: the limit refused past 100, an offset past int64 answered', () => {
    const boundaries = casesOf(clean, 'GetArticlesFeed', 'boundary')
    expect(boundaries).toEqual([
      'boundary: query parameter limit at its minimum 1 → 200',
      'boundary: query parameter limit just below its minimum (0) → 422',
      'boundary: query parameter limit at its maximum 100 → 200',
      'boundary: query parameter limit just above its maximum (101) → 422',
      'boundary: query parameter limit minus one → 422',
      'boundary: query parameter limit beyond int64 (99999999999999999999) → 422',
      'boundary: query parameter offset at its minimum 0 → 200',
      'boundary: query parameter offset just below its minimum (-1) → 422',
      'boundary: query parameter offset beyond int64 (99999999999999999999) → 200',
    ])
  })

  it('sends body fields 2048 characters long and in unicode, leaving the credentials of the account alone', () => {
    expect(casesOf(clean, 'CreateArticle', 'boundary')).toEqual([
      'boundary: body field article.title 2048 characters long → 201',
      'boundary: body field article.description 2048 characters long → 201',
      'boundary: body field article.body 2048 characters long → 201',
      'boundary: body field article.title in unicode (Zoë Ångström 🦄 名前) → 201',
    ])
    expect(casesOf(clean, 'UpdateCurrentUser', 'boundary')).toEqual([
      'boundary: body field user.image 2048 characters long → 200',
      'boundary: body field user.image in unicode (Zoë Ångström 🦄 名前) → 200',
    ])
  })

  it('sends text and a fraction where an integer path parameter belongs', () => {
    expect(casesOf(clean, 'DeleteArticleComment', 'type-confusion')).toEqual([
      'type-confusion: path parameter id as text where an integer is expected ("standin") → 404',
      'type-confusion: path parameter id as a fraction where an integer is expected (1.5) → 404',
    ])
  })

  it('sends a state-changing request twice, and a create with the title another create used', () => {
    expect(casesOf(clean, 'FollowUserByUsername', 'repeat')).toEqual([
      'repeat: the same request again (faker-valid input #1) → 200',
    ])
    expect([
      ...casesOf(clean, 'CreateArticle', 'repeat'),
      ...casesOf(clean, 'CreateArticle', 'reuse'),
    ]).toEqual([
      'repeat: the same request again (faker-valid input #1) → 201',
      'reuse: values an earlier request used (title) → 201',
    ])
  })

  it('forges the JSON Web Token it was given: a tampered signature and alg none, both refused', () => {
    expect(casesOf(clean, 'GetCurrentUser', 'auth')).toEqual([
      'auth: no credentials → 401',
      'auth: malformed credentials → 401',
      'auth: forged credentials (a token with a tampered signature) → 401',
      'auth: forged credentials (a token signed with alg: none) → 401',
    ])
  })

  it('tries credentials where they are optional: without them is anonymous, bad ones must not crash', () => {
    expect(casesOf(clean, 'GetProfileByUsername', 'auth')).toEqual([
      'auth: no credentials → 200',
      'auth: malformed credentials → 200',
      'auth: forged credentials (a token with a tampered signature) → 200',
      'auth: forged credentials (a token signed with alg: none) → 200',
    ])
  })

  it("takes a forged token answered like the real user's, where credentials are optional, for accepted", async () => {
    const report = await verify(blog, {
      target: createBlogBackend({ bugs: ['forged-token-accepted'] }).fetch,
      seed: 1,
    })
    const read = report.operations.find((op) => op.operationId === 'GetArticle')?.cases ?? []
    const answers = read
      .filter((found) => found.kind === 'auth' || found.name === 'faker-valid input #1')
      .map((found) =>
        `${found.name} → ${found.response?.status} ${found.issues.map((i) => i.code).join(',')}`.trim(),
      )
    expect(answers).toEqual([
      'faker-valid input #1 → 200',
      'no credentials → 200',
      'malformed credentials → 200',
      'forged credentials (a token with a tampered signature) → 200 accepted_forged_credentials',
      'forged credentials (a token signed with alg: none) → 200 accepted_forged_credentials',
    ])
  })

  it("tries to delete someone else's comment, found by listing the comments of someone else's article", () => {
    expect(casesOf(clean, 'DeleteArticleComment', 'foreign')).toEqual([
      "foreign: someone else's record (slug notes-on-writing, id 2) → 404",
    ])
  })

  const planted: [BlogBug, string[]][] = [
    ['repeat-follow-500', ['FollowUserByUsername: server_error']],
    ['duplicate-article-500', ['CreateArticle: server_error']],
    ['empty-update-500', ['UpdateCurrentUser: server_error']],
    ['huge-offset-500', ['GetArticles: server_error', 'GetArticlesFeed: server_error']],
    [
      'bad-token-optional-500',
      [
        'GetArticle: server_error',
        'GetArticleComments: server_error',
        'GetArticles: server_error',
        'GetProfileByUsername: server_error',
      ],
    ],
    ['text-id-500', ['DeleteArticleComment: server_error']],
    [
      'null-string',
      [
        'CreateArticle',
        'CreateArticleFavorite',
        'DeleteArticleFavorite',
        'GetArticle',
        'GetArticles',
        'UpdateArticle',
      ].map((id) => `${id}: schema_mismatch`),
    ],
    ['created-200', ['CreateArticle: status_undocumented']],
    ['error-missing-field', ['CreateArticle: schema_mismatch', 'UpdateArticle: schema_mismatch']],
    ['undocumented-400-text', ['CreateArticleComment: status_undocumented']],
    ['undocumented-403-text', ['DeleteArticleComment: status_undocumented']],
    ['undocumented-404-text', ['GetArticles: status_undocumented']],
    ['no-content-type-204', ['DeleteArticle: content_type_mismatch']],
    [
      'forged-token-accepted',
      [
        'CreateArticle',
        'CreateArticleComment',
        'CreateArticleFavorite',
        'DeleteArticleFavorite',
        'FollowUserByUsername',
        'GetArticle',
        'GetArticlesFeed',
        'GetCurrentUser',
        'UnfollowUserByUsername',
        'UpdateArticle',
        'UpdateCurrentUser',
      ].map((id) => `${id}: accepted_forged_credentials`),
    ],
    ['list-boolean-text', ['GetArticles: schema_mismatch']],
  ]

  it.each(planted)(
    'finds the planted bug %s, alone, as exactly %j with exit code 1',
    async (bug, expected) => {
      const report = await verify(blog, {
        target: createBlogBackend({ bugs: [bug], logError: () => {} }).fetch,
      })
      expect(failures(report)).toEqual(expected)
      expect([exitCodeOf(report), report.totals.warnings]).toEqual([1, 0])
    },
  )

  it('reports every planted bug at once as one cause each, the whole report in one screen', async () => {
    const report = await verify(blog, {
      target: createBlogBackend({ bugs: planted.map(([bug]) => bug), logError: () => {} }).fetch,
    })
    const text = formatConsoleReport(report)
    const causes = text
      .split('\n')
      .filter((line) => line.startsWith('✗ '))
      .map((line) => line.slice(2, line.indexOf(' ×')))
    expect(causes).toEqual([
      'GetCurrentUser, UpdateCurrentUser and 7 more: accepted_forged_credentials',
      'UpdateCurrentUser: server_error',
      'GetProfileByUsername: server_error',
      'FollowUserByUsername: server_error',
      'GetArticlesFeed: server_error',
      'GetArticles: schema_mismatch at articles[*].description',
      'GetArticles: schema_mismatch at articles[*].favorited',
      'GetArticles: status_undocumented',
      'GetArticles: server_error',
      'CreateArticle: status_undocumented',
      'CreateArticle: server_error',
      'CreateArticle and UpdateArticle: schema_mismatch at errors.body',
      'GetArticle, UpdateArticle and 2 more: schema_mismatch at article.description',
      'GetArticle: server_error',
      'DeleteArticle: content_type_mismatch at header content-type',
      'GetArticleComments: server_error',
      'CreateArticleComment: status_undocumented',
      'DeleteArticleComment: server_error',
      'DeleteArticleComment: status_undocumented',
    ])
    expect(text.split('\n').length).toBeLessThan(60)
    expect(text).not.toMatch(/… and \d+ more/)
  })

  it('names the field a planted bug breaks: a null description, a boolean as text in every list item', async () => {
    const report = await verify(blog, {
      target: createBlogBackend({ bugs: ['null-string', 'list-boolean-text'] }).fetch,
      include: ['GetArticles'],
    })
    const paths = new Set(
      allCases(report).flatMap((found) =>
        found.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
      ),
    )
    expect([...paths].filter((path) => path.startsWith('articles.0.'))).toEqual([
      'articles.0.description: Invalid input: expected string, received null (got null).',
      'articles.0.favorited: Invalid input: expected boolean, received string (got "yes").',
    ])
  })
})

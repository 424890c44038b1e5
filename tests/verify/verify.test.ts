import { createServer, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { Hono } from 'hono'
import { afterEach, describe, expect, it } from 'vitest'
import {
  createMockApp,
  createRoute,
  defineContract,
  exitCodeOf,
  isStandinError,
  toJsonReport,
  verify,
  z,
} from 'standin'
import type { VerifyOptions } from 'standin'
import shop from '../../contracts/index.ts'
import { createShopBackend } from '../../examples/shop-backend/index.ts'
import { closedPort, closeTcpServers, tcpServer } from '../support/tcp-server.ts'

const Note = z.object({
  id: z.string(),
  text: z.string().min(1).max(40),
  stars: z.int().min(0).max(5),
})
const NewNote = Note.omit({ id: true })

/** A small contract: a list, a create and a secured read. */
const notes = defineContract({
  info: { title: 'Notes', version: '1.0.0' },
  securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } },
  routes: {
    listNotes: createRoute({
      method: 'get',
      path: '/notes',
      tags: ['notes'],
      responses: {
        200: {
          description: 'All notes.',
          content: { 'application/json': { schema: z.array(Note) } },
        },
      },
    }),
    createNote: createRoute({
      method: 'post',
      path: '/notes',
      tags: ['notes'],
      request: { body: { required: true, content: { 'application/json': { schema: NewNote } } } },
      responses: {
        201: { description: 'Created.', content: { 'application/json': { schema: Note } } },
        422: { description: 'Invalid.' },
      },
    }),
    getNote: createRoute({
      method: 'get',
      path: '/notes/{noteId}',
      tags: ['private'],
      security: [{ bearerAuth: [] }],
      request: { params: z.object({ noteId: z.string() }) },
      responses: {
        200: { description: 'The note.', content: { 'application/json': { schema: Note } } },
        401: { description: 'No token.' },
        404: { description: 'No note.' },
      },
    }),
  },
})

/** The notes API, keeping its contract; the token is `tok-${TOKEN}`. */
function notesApp(token = 'secret-token-1') {
  const store = new Map<string, z.infer<typeof Note>>()
  const app = new Hono()
  app.get('/notes', (c) => c.json([...store.values()]))
  app.post('/notes', async (c) => {
    const parsed = NewNote.safeParse(await c.req.json().catch(() => undefined))
    if (!parsed.success) return c.body(null, 422)
    const note = { id: `n${store.size + 1}`, ...parsed.data }
    store.set(note.id, note)
    return c.json(note, 201)
  })
  app.get('/notes/:noteId', (c) => {
    if (c.req.header('authorization') !== `Bearer ${token}`) return c.body(null, 401)
    const note = store.get(c.req.param('noteId'))
    return note ? c.json(note) : c.body(null, 404)
  })
  return app
}

const httpServers: Server[] = []

afterEach(async () => {
  await closeTcpServers()
  for (const server of httpServers.splice(0)) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

/** A node:http server that answers every other request with an empty 404 and never the others. */
async function answeringEveryOther(): Promise<string> {
  let requests = 0
  const server = createServer((_request, response) => {
    if (requests++ % 2 === 0) response.writeHead(404).end()
  })
  httpServers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

/** The same, as an in-process fetch handler. */
function handlerAnsweringEveryOther(): (request: Request) => Promise<Response> {
  let requests = 0
  return () =>
    requests++ % 2 === 0
      ? Promise.resolve(new Response(null, { status: 404 }))
      : new Promise(() => {})
}

async function usageError(options: Partial<VerifyOptions>): Promise<string | undefined> {
  try {
    await verify(notes, { target: notesApp().fetch, ...options })
    return undefined
  } catch (error) {
    return isStandinError(error) ? `${error.code}: ${error.message}` : String(error)
  }
}

describe('verify', () => {
  it('passes an API that keeps its contract, with a sequence through the created note', async () => {
    const report = await verify(notes, {
      target: notesApp().fetch,
      headers: { Authorization: 'Bearer ${NOTES_TOKEN}' },
      env: { NOTES_TOKEN: 'secret-token-1' },
    })
    expect({ status: report.status, exit: exitCodeOf(report) }).toEqual({
      status: 'passed',
      exit: 0,
    })
    expect(
      report.sequences.map((sequence) => ({
        resource: sequence.resource,
        steps: sequence.steps.map((step) => `${step.name} → ${step.response?.status}`),
      })),
    ).toEqual([{ resource: 'notes', steps: ['create → 201', 'read after create → 200'] }])
  })

  it('sends the same requests for the same seed, and other ones for another seed', async () => {
    const requests = async (seed: number) => {
      const report = await verify(notes, {
        target: notesApp().fetch,
        seed,
        include: ['createNote'],
      })
      return report.operations[0]?.cases.map((found) => found.request.body)
    }
    const first = await requests(7)
    expect(await requests(7)).toEqual(first)
    expect(await requests(8)).not.toEqual(first)
  })

  it('shows ${VAR} headers as references in curl and never prints the value', async () => {
    const report = await verify(notes, {
      target: notesApp().fetch,
      include: ['getNote'],
      headers: { Authorization: 'Bearer ${NOTES_TOKEN}' },
      env: { NOTES_TOKEN: 'secret-token-1' },
    })
    const valid = report.operations[0]?.cases.find((found) => found.kind === 'valid')
    expect(valid?.curl).toMatch(/ -H "Authorization: Bearer \$\{NOTES_TOKEN\}"$/)
    expect(valid?.request.headers.Authorization).toBe('Bearer ${NOTES_TOKEN}')
    expect(toJsonReport(report)).not.toContain('secret-token-1')
  })

  it('reports secured operations that answer without credentials as ignored_auth, and to forged ones as accepted_forged_credentials', async () => {
    const open = notesApp()
    const app = new Hono()
    app.get('/notes/:noteId', (c) => c.json({ id: c.req.param('noteId'), text: 'open', stars: 1 }))
    app.route('/', open)
    const report = await verify(notes, { target: app.fetch, include: ['getNote'] })
    const auth = report.operations[0]?.cases
      .filter((found) => found.kind === 'auth')
      .map((found) => found.issues.map((issue) => issue.message))
    expect(auth).toEqual([
      ['Expected 401 or 403 with no credentials, got 200.'],
      ['Expected 401 or 403 with malformed credentials, got 200.'],
      ['Answered 200 to credentials that were never issued (well-formed, but forged).'],
    ])
    expect(exitCodeOf(report)).toBe(1)
  })

  it('sends malformed credentials that the mock refuses, and forged ones it takes, which --exclude-checks leaves out', async () => {
    const app = createMockApp(notes)
    const report = await verify(notes, {
      target: app.fetch,
      include: ['getNote'],
      headers: { Authorization: 'Bearer real-token' },
    })
    const auth = report.operations[0]?.cases.filter((found) => found.kind === 'auth')
    expect(
      auth?.map((found) => [
        found.name,
        found.request.headers.Authorization,
        found.response?.status,
        found.issues.map((issue) => issue.code),
      ]),
    ).toEqual([
      ['no credentials', undefined, 401, []],
      ['malformed credentials', 'Basic standin-malformed', 401, []],
      // A forgery of the given token (each letter moved one on), shown masked: it would give the
      // token away.
      [
        'forged credentials (a token never issued)',
        'Bearer ***',
        200,
        ['accepted_forged_credentials'],
      ],
    ])
    const excluded = await verify(notes, {
      target: app.fetch,
      include: ['getNote'],
      headers: { Authorization: 'Bearer real-token' },
      excludeChecks: ['accepted_forged_credentials'],
    })
    expect(exitCodeOf(excluded)).toBe(0)
  })

  it('refuses a check code it does not know, listing the codes', async () => {
    const failure = await verify(notes, {
      target: createMockApp(notes).fetch,
      checks: ['schema_mismath' as never],
    }).catch((error: unknown) => error)
    expect(String((failure as Error).message)).toMatch(
      /^"schema_mismath" is no check of verify\. Checks: status_undocumented, content_type_mismatch, /,
    )
  })

  it('reports an API that accepts a body breaking the schema as accepted_invalid_input', async () => {
    const app = new Hono()
    app.post('/notes', (c) => c.json({ id: 'n1', text: 'kept', stars: 3 }, 201))
    const report = await verify(notes, { target: app.fetch, include: ['createNote'] })
    const negative = report.operations[0]?.cases.filter((found) => found.kind === 'negative')
    expect(negative?.map((found) => found.issues.map((issue) => issue.code))).toEqual(
      negative?.map(() => ['accepted_invalid_input']),
    )
    expect(negative?.at(-1)?.name).toBe('body is not valid JSON')
  })

  it('logs in with the contract example when no credentials are given, and redacts the token', async () => {
    const report = await verify(shop, {
      target: createShopBackend().fetch,
      include: ['getCurrentCustomer'],
    })
    expect(report.notes).toEqual([
      'Credentials: logged in with the contract example of login (POST /auth/login); the token is shown as ***.',
    ])
    const valid = report.operations[0]?.cases.find((found) => found.kind === 'valid')
    expect(valid?.response?.status).toBe(200)
    expect(valid?.curl).toMatch(/ -H 'Authorization: Bearer \*\*\*'$/)
  })

  it.each([
    [
      { target: 'ftp://example.com' },
      'USAGE: --target must be an http:// or https:// URL, got "ftp://example.com".',
    ],
    [
      { include: ['nope'] },
      'USAGE: "nope" is neither an operationId nor a tag of the contract. Operations: listNotes, createNote, getNote.',
    ],
    [
      { include: ['notes'], exclude: ['notes'] },
      'USAGE: The --include/--exclude options leave no operation to verify.',
    ],
    [{ examples: -1 }, 'USAGE: examples must be an integer from 0 to 1000, got -1.'],
    [{ maxDurationMs: 0 }, 'USAGE: maxDurationMs must be an integer from 1 to 86400000, got 0.'],
    [
      { headers: { Authorization: 'Bearer ${NOT_SET_ANYWHERE}' }, env: {} },
      'USAGE: Header Authorization uses ${NOT_SET_ANYWHERE}, but NOT_SET_ANYWHERE is not set. Export it first, e.g. NOT_SET_ANYWHERE=… standin verify.',
    ],
  ])('refuses options that cannot work: %j', async (options, message) => {
    expect(await usageError(options as Partial<VerifyOptions>)).toBe(message)
  })

  it('selects operations by tag and operationId', async () => {
    const report = await verify(notes, {
      target: notesApp().fetch,
      include: ['notes'],
      exclude: ['listNotes'],
    })
    expect(report.operations.map((op) => op.operationId)).toEqual(['createNote'])
  })

  it('stops at once with status error (exit code 2) when nothing listens at the target', async () => {
    const target = await closedPort()
    const report = await verify(notes, { target })
    expect({
      status: report.status,
      exit: exitCodeOf(report),
      code: report.error?.code,
      requests: report.totals.requests,
    }).toEqual({ status: 'error', exit: 2, code: 'unreachable', requests: 1 })
  })

  it.each([
    ['a node:http server', answeringEveryOther],
    ['an in-process fetch handler', async () => handlerAnsweringEveryOther()],
  ])(
    'stops at maxDurationMs against %s that answers every other request: abandons the request in flight, lists what it did not run, exit code 2',
    async (_what, target) => {
      const limit = 400
      const report = await verify(notes, { target: await target(), maxDurationMs: limit })
      const notRun = 'not run: the run reached its time limit'
      expect({
        status: report.status,
        exit: exitCodeOf(report),
        error: report.error,
        operations: report.operations.map((op) => [op.operationId, op.cases.length, op.skipped]),
        abandoned: report.operations[1]?.cases[1]?.issues.map(({ code, message }) => ({
          code,
          message,
        })),
        sequences: report.sequences.map((sequence) => [
          sequence.resource,
          sequence.steps.length,
          sequence.skipped,
        ]),
        totals: { requests: report.totals.requests, notRun: report.totals.notRun },
      }).toEqual({
        status: 'error',
        exit: 2,
        error: {
          code: 'max_duration',
          message: 'the run reached its time limit (--max-duration 400ms) and stopped',
        },
        operations: [
          ['listNotes', 0, notRun],
          ['createNote', 2, undefined],
          ['getNote', 0, notRun],
        ],
        abandoned: [
          {
            code: 'timeout',
            message: 'Abandoned: the run reached its time limit before an answer came.',
          },
        ],
        sequences: [['notes', 0, notRun]],
        totals: { requests: 2, notRun: 3 },
      })
      expect(report.durationMs).toBeGreaterThanOrEqual(limit)
      expect(report.durationMs).toBeLessThan(limit + 1000)
    },
  )

  it.each([
    ['hangs', () => {}, 'timeout'],
    ['resets every connection', (socket: Socket) => socket.resetAndDestroy(), 'connection_reset'],
    ['answers garbage', (socket: Socket) => socket.end('garbage\r\n\r\n'), 'invalid_response'],
  ] as const)('ends the run with status error when the target %s', async (_what, behave, code) => {
    const report = await verify(notes, { target: await tcpServer(behave), timeoutMs: 100 })
    expect({
      status: report.status,
      exit: exitCodeOf(report),
      code: report.error?.code,
      requests: report.totals.requests,
    }).toEqual({ status: 'error', exit: 2, code, requests: 3 })
    const run = report.operations.find((op) => op.cases.length > 0)
    expect(run?.cases[0]?.issues[0]?.code).toBe(code)
    expect(report.totals.notRun).toBe(3)
  })
})

import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { fromOpenAPIDocument, verify } from 'standin'
import type { VerifyReport } from 'standin'

// The account a run acts as must still work when the run is over, unless the user says the run may
// be destructive: a contract with a login and the caller's own record at /me, served by a small
// backend that keeps one account.

const ADA = { email: 'ada@example.com', password: 'correct horse', name: 'Ada' }

const account = {
  type: 'object',
  required: ['email', 'name'],
  properties: {
    email: { type: 'string', format: 'email' },
    name: { type: 'string', maxLength: 40 },
  },
}

const document = {
  openapi: '3.0.3',
  info: { title: 'accounts', version: '1' },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    schemas: { Account: account },
  },
  paths: {
    '/login': {
      post: {
        operationId: 'logIn',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['email', 'password'],
                properties: { email: { type: 'string' }, password: { type: 'string' } },
              },
              example: { email: ADA.email, password: ADA.password },
            },
          },
        },
        responses: {
          '200': {
            description: 'in',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['token'],
                  properties: { token: { type: 'string' } },
                },
              },
            },
          },
          '401': { description: 'wrong email or password' },
        },
      },
    },
    '/me': {
      get: {
        operationId: 'getMe',
        security: [{ bearer: [] }],
        responses: {
          '200': {
            description: 'me',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Account' } } },
          },
          '401': { description: 'no' },
        },
      },
      patch: {
        operationId: 'updateMe',
        security: [{ bearer: [] }],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  email: { type: 'string', format: 'email' },
                  name: { type: 'string', maxLength: 40 },
                  password: { type: 'string', minLength: 8 },
                },
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'me',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Account' } } },
          },
          '400': { description: 'invalid' },
          '401': { description: 'no' },
        },
      },
      delete: {
        operationId: 'deleteMe',
        security: [{ bearer: [] }],
        responses: { '204': { description: 'gone' }, '401': { description: 'no' } },
      },
    },
  },
}

const { contract } = fromOpenAPIDocument(document)

/** One account, one token, the way small backends do it. */
function accountsBackend() {
  const state = { account: { ...ADA } as typeof ADA | undefined, token: 'tok-1' }
  const app = new Hono()
  const signedIn = (header: string | undefined) =>
    state.account !== undefined && header === `Bearer ${state.token}`
  app.post('/login', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { email?: unknown; password?: unknown }
    if (typeof body.email !== 'string' || typeof body.password !== 'string')
      return c.body(null, 401)
    if (
      !state.account ||
      body.email !== state.account.email ||
      body.password !== state.account.password
    )
      return c.body(null, 401)
    return c.json({ token: state.token })
  })
  app.get('/me', (c) =>
    signedIn(c.req.header('authorization')) && state.account
      ? c.json({ email: state.account.email, name: state.account.name })
      : c.body(null, 401),
  )
  app.patch('/me', async (c) => {
    if (!signedIn(c.req.header('authorization')) || !state.account) return c.body(null, 401)
    const body = (await c.req.json().catch(() => undefined)) as Record<string, unknown> | undefined
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return c.body(null, 400)
    const { email, name, password } = body
    if (
      (email !== undefined &&
        (typeof email !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))) ||
      (name !== undefined && (typeof name !== 'string' || name.length > 40))
    )
      return c.body(null, 400)
    if (password !== undefined && (typeof password !== 'string' || password.length < 8))
      return c.body(null, 400)
    state.account = {
      email: email ?? state.account.email,
      name: name ?? state.account.name,
      password: password ?? state.account.password,
    }
    return c.json({ email: state.account.email, name: state.account.name })
  })
  app.delete('/me', (c) => {
    if (!signedIn(c.req.header('authorization'))) return c.body(null, 401)
    state.account = undefined
    return c.body(null, 204)
  })
  return { app, state }
}

function statusesOf(report: VerifyReport, operationId: string): number[] {
  const op = report.operations.find((candidate) => candidate.operationId === operationId)
  return [
    ...new Set(
      (op?.cases ?? [])
        .filter((found) => found.kind !== 'auth')
        .map((found) => found.response?.status ?? 0),
    ),
  ].sort()
}

describe('verify and the account it acts as', () => {
  it('keeps the email and password it logged in with, and leaves the delete of the account out with a note', async () => {
    const { app, state } = accountsBackend()
    const report = await verify(contract, { target: app.fetch })
    const deleteMe = report.operations.find((op) => op.operationId === 'deleteMe')
    expect({ skipped: deleteMe?.skipped, cases: deleteMe?.cases.length }).toEqual({
      skipped: 'not run: it would delete the account the run acts as (--destructive runs it).',
      cases: 0,
    })
    expect([state.account?.email, state.account?.password]).toEqual([ADA.email, ADA.password])
    expect({
      status: report.status,
      updateMe: statusesOf(report, 'updateMe').includes(200),
    }).toEqual({ status: 'passed', updateMe: true })
  })

  it('changes the account and deletes it when the run may be destructive', async () => {
    const { app, state } = accountsBackend()
    const report = await verify(contract, { target: app.fetch, destructive: true })
    const sentEmails = report.operations
      .find((op) => op.operationId === 'updateMe')
      ?.cases.filter((found) => found.kind !== 'negative')
      .map((found) => (JSON.parse(found.request.body ?? '{}') as { email?: string }).email)
      .filter((email) => email !== undefined)
    expect(sentEmails?.some((email) => email !== ADA.email)).toBe(true)
    expect(statusesOf(report, 'deleteMe')).toContain(204)
    expect(state.account).toBeUndefined()
  })
})

import { expect } from 'vitest'
import { type Contract, createMockApp, type MockOptions, type Operation } from 'standin'
import shop from '../../contracts/index.ts'

export { shop }

/** A response read whole: its JSON body parsed when it has one. */
export interface Answer {
  status: number
  headers: Headers
  text: string
  body: any
}

type SafeParser = {
  safeParse(value: unknown): {
    success: boolean
    error?: { issues: Array<{ path: PropertyKey[]; message: string }> }
  }
}
type MediaObject = { schema?: SafeParser }
type ResponseObject = { content?: Record<string, MediaObject> }

/**
 * Reads a response and checks it against the contract: a JSON body of any status must parse with
 * the schema the contract documents for that operation, status and content type (an error in the
 * contract's own shape included); a problem+json body must be RFC 9457 with the response's status.
 * Paths are read under the contract's base path. Every test of the mock reads its responses through
 * this.
 */
export async function readAnswer(
  contract: Contract,
  method: string,
  url: string,
  response: Response,
  headers?: HeadersInit,
): Promise<Answer> {
  const text = await response.text()
  const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim()
  const body = /json/.test(type) && text !== '' ? JSON.parse(text) : text
  const answer = { status: response.status, headers: response.headers, text, body }
  const sent = { method, url, headers: new Headers(headers) }
  if (method === 'HEAD') expect(text).toBe('')
  else if (
    type === 'application/problem+json' &&
    !documentsSchema(contract, sent, answer.status, type)
  )
    expectProblemShape(answer)
  else if (/json/.test(type)) expectConforming(contract, sent, answer, type)
  return answer
}

/** What the oracle reads of a request: the operation it was for follows from these. */
interface Sent {
  method: string
  url: string
  headers: Headers
}

function expectProblemShape(answer: Answer): void {
  expect(answer.body).toMatchObject({
    type: expect.any(String),
    title: expect.any(String),
    status: answer.status,
  })
}

function documentedSchema(
  contract: Contract,
  sent: Sent,
  status: number,
  type: string,
): SafeParser | undefined {
  const operation = findOperation(contract, sent)
  const responses = (operation?.route.responses ?? {}) as Record<string, ResponseObject>
  const documented =
    responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default
  return documented?.content?.[type]?.schema
}

function documentsSchema(contract: Contract, sent: Sent, status: number, type: string): boolean {
  return documentedSchema(contract, sent, status, type) !== undefined
}

/** The path within the contract's base path (the path of its first server URL). */
function apiPath(contract: Contract, pathname: string): string {
  const server = contract.servers?.[0]?.url
  const base = server ? new URL(server, 'http://mock').pathname.replace(/\/+$/, '') : ''
  return base !== '' && pathname.startsWith(base) ? pathname.slice(base.length) || '/' : pathname
}

function expectConforming(contract: Contract, sent: Sent, answer: Answer, type: string): void {
  const operation = findOperation(contract, sent)
  if (!operation) return // docs pages: /openapi.json and friends
  const schema = documentedSchema(contract, sent, answer.status, type)
  expect(
    schema,
    `${operation.operationId} documents no ${type} schema for ${answer.status}`,
  ).toBeDefined()
  const result = schema!.safeParse(answer.body)
  const issues =
    result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? []
  expect(
    issues,
    `${sent.method} ${sent.url} → ${answer.status} breaks ${operation.operationId}'s response schema`,
  ).toEqual([])
}

/**
 * The operation a request is for: method and path, and the discriminators it carries (the most that
 * hold).
 */
function findOperation(contract: Contract, sent: Sent) {
  const wanted = sent.method === 'HEAD' ? 'get' : sent.method.toLowerCase()
  const [path = '', ...query] = sent.url.split('#')[0]!.split('?')
  const pathname = apiPath(contract, path)
  const search = new URLSearchParams(query.join('?'))
  const carried = (op: Operation) =>
    (op.discriminators ?? []).every((d) => {
      const values =
        d.in === 'header'
          ? [sent.headers.get(d.name)].filter((value) => value !== null)
          : search.getAll(d.name)
      return d.value === undefined ? values.length > 0 : values.includes(d.value)
    })
  const candidates = contract.operations
    .filter(
      (op) =>
        op.method === wanted &&
        new RegExp(`^${op.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(pathname) &&
        carried(op),
    )
    .sort(
      (a, b) =>
        a.pathParams.length - b.pathParams.length ||
        (b.discriminators?.length ?? 0) - (a.discriminators?.length ?? 0),
    )
  return candidates[0]
}

export type Request = (path: string, init?: RequestInit) => Promise<Answer>

/**
 * A mock of `contract` (the shop by default) and a `request` that reads every answer through
 * `readAnswer`, so no test sees a 2xx body that breaks the contract.
 */
export function mockOf(
  contract: Contract = shop,
  options: MockOptions = {},
): { app: ReturnType<typeof createMockApp>; request: Request } {
  const app = createMockApp(contract, options)
  const request: Request = async (path, init = {}) =>
    readAnswer(contract, init.method ?? 'GET', path, await app.request(path, init), init.headers)
  return { app, request }
}

/** Headers of a logged-in JSON request. */
export const authed = {
  Authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl',
  'Content-Type': 'application/json',
}

/** A JSON request init. */
export function json(
  method: string,
  body: unknown,
  headers: Record<string, string> = authed,
): RequestInit {
  return { method, headers, body: typeof body === 'string' ? body : JSON.stringify(body) }
}

import { expect } from 'vitest'
import { type Contract, createMockApp, type MockOptions } from 'standin'
import shop from '../../contracts/index.ts'

export { shop }

/** A response read whole: its JSON body parsed when it has one. */
export interface Answer {
  status: number
  headers: Headers
  text: string
  body: any
}

type SafeParser = { safeParse(value: unknown): { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } } }
type MediaObject = { schema?: SafeParser }
type ResponseObject = { content?: Record<string, MediaObject> }

/**
 * Reads a response and checks it against the contract: a 2xx JSON body must parse with the schema the
 * contract documents for that operation, status and content type; a problem+json body must be RFC 9457
 * with the response's status. Every test of the mock reads its responses through this.
 */
export async function readAnswer(contract: Contract, method: string, url: string, response: Response): Promise<Answer> {
  const text = await response.text()
  const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim()
  const body = /json/.test(type) && text !== '' ? JSON.parse(text) : text
  const answer = { status: response.status, headers: response.headers, text, body }
  if (method === 'HEAD') expect(text).toBe('')
  else if (type === 'application/problem+json') expectProblemShape(answer)
  else if (response.status >= 200 && response.status < 300 && /json/.test(type)) {
    expectConforming(contract, method, url, answer, type)
  }
  return answer
}

function expectProblemShape(answer: Answer): void {
  expect(answer.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status: answer.status })
}

function expectConforming(contract: Contract, method: string, url: string, answer: Answer, type: string): void {
  const operation = findOperation(contract, method, new URL(url, 'http://mock').pathname)
  if (!operation) return // docs pages: /openapi.json and friends
  const responses = operation.route.responses as Record<string, ResponseObject>
  const documented = responses[String(answer.status)] ?? responses[`${String(answer.status)[0]}XX`] ?? responses.default
  const schema = documented?.content?.[type]?.schema
  expect(schema, `${operation.operationId} documents no ${type} schema for ${answer.status}`).toBeDefined()
  const result = schema!.safeParse(answer.body)
  const issues = result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? []
  expect(issues, `${method} ${url} → ${answer.status} breaks ${operation.operationId}'s response schema`).toEqual([])
}

function findOperation(contract: Contract, method: string, pathname: string) {
  const wanted = method === 'HEAD' ? 'get' : method.toLowerCase()
  const candidates = contract.operations
    .filter((op) => op.method === wanted && new RegExp(`^${op.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(pathname))
    .sort((a, b) => a.pathParams.length - b.pathParams.length)
  return candidates[0]
}

export type Request = (path: string, init?: RequestInit) => Promise<Answer>

/**
 * A mock of `contract` (the shop by default) and a `request` that reads every answer through
 * `readAnswer`, so no test sees a 2xx body that breaks the contract.
 */
export function mockOf(contract: Contract = shop, options: MockOptions = {}): { app: ReturnType<typeof createMockApp>; request: Request } {
  const app = createMockApp(contract, options)
  const request: Request = async (path, init = {}) => readAnswer(contract, init.method ?? 'GET', path, await app.request(path, init))
  return { app, request }
}

/** Headers of a logged-in JSON request. */
export const authed = { Authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl', 'Content-Type': 'application/json' }

/** A JSON request init. */
export function json(method: string, body: unknown, headers: Record<string, string> = authed): RequestInit {
  return { method, headers, body: typeof body === 'string' ? body : JSON.stringify(body) }
}

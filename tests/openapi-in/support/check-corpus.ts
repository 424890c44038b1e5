import { readFileSync } from 'node:fs'
import { fromOpenAPI, type Contract } from 'standin'
import { createMockApp } from '../../../src/mock/index.ts'
import { verify } from '../../../src/verify/index.ts'
import { OriginalSchemas } from './original-schemas.ts'

export interface DocumentResult {
  file: string
  operations: number
  passed: number
  failures: Array<{ operationId: string; reason: string }>
}

/**
 * Loads a document, serves its mock, sends every operation valid requests (verify's generator) and
 * checks each 2xx JSON answer against the original document with ajv.
 */
export async function checkCorpusDocument(file: string, options: { sample?: number } = {}): Promise<DocumentResult> {
  const original = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
  const { contract } = await fromOpenAPI(file)
  const include = options.sample === undefined ? undefined : sampleOf(contract.operations.map((op) => op.operationId), options.sample)
  const app = createMockApp(contract, { docs: false })
  const bodies = new Map<string, { status: number; type: string; text: string }>()
  const routing = routingHeaders(contract)
  const target = async (sent: Request) => {
    const key = answerKey(sent.method, sent.url, await sent.clone().text(), routing.map((name) => sent.headers.get(name)))
    const request = await withCredentials(sent, contract)
    const response = await app.fetch(request)
    const text = await response.clone().text()
    bodies.set(key, { status: response.status, type: response.headers.get('content-type') ?? '', text })
    return response
  }
  const report = await verify(contract, { target, examples: 1, seed: 1, timeoutMs: 5000, ...(include ? { include } : {}) })
  const schemas = String(original.swagger) === '2.0' ? undefined : new OriginalSchemas(original)
  const failures: DocumentResult['failures'] = []
  for (const result of report.operations) {
    const reason = checkOperation(result, contract.operations.find((op) => op.operationId === result.operationId)!, bodies, routing, schemas)
    if (reason) failures.push({ operationId: result.operationId, reason })
  }
  const checked = report.operations.length
  return { file, operations: checked, passed: checked - failures.length, failures }
}

/** At most `size` operationIds spread evenly over the document, the same ones every run. */
function sampleOf(operationIds: string[], size: number): string[] {
  if (operationIds.length <= size) return operationIds
  const step = operationIds.length / size
  return Array.from({ length: size }, (_, index) => operationIds[Math.floor(index * step)]!)
}

/** Well-formed credentials for every scheme the contract declares (the mock checks shape, not secrets). */
async function withCredentials(request: Request, contract: Contract): Promise<Request> {
  const url = new URL(request.url)
  const headers = new Headers(request.headers)
  const cookies: string[] = []
  const schemes = Object.values(contract.securitySchemes ?? {})
  const basicOnly = schemes.every((scheme) => scheme.type === 'http' && scheme.scheme.toLowerCase() === 'basic')
  if (schemes.length > 0 && !headers.has('authorization')) headers.set('authorization', basicOnly ? `Basic ${btoa('user:secret')}` : 'Bearer token123')
  for (const scheme of schemes) {
    if (scheme.type !== 'apiKey') continue
    if (scheme.in === 'header' && !headers.has(scheme.name)) headers.set(scheme.name, 'key123')
    if (scheme.in === 'query' && !url.searchParams.has(scheme.name)) url.searchParams.set(scheme.name, 'key123')
    if (scheme.in === 'cookie') cookies.push(`${scheme.name}=key123`)
  }
  if (cookies.length > 0) headers.set('cookie', [headers.get('cookie'), ...cookies].filter(Boolean).join('; '))
  const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer()
  return new Request(url, { method: request.method, headers, body })
}

type Report = Awaited<ReturnType<typeof verify>>
type Op = Awaited<ReturnType<typeof fromOpenAPI>>['contract']['operations'][number]

/** Headers that pick one of several operations on a method and path (`X-Amz-Target`), lowercase. */
function routingHeaders(contract: Contract): string[] {
  const names = contract.operations.flatMap((op) => (op.discriminators ?? []).filter((d) => d.in === 'header').map((d) => d.name.toLowerCase()))
  return [...new Set(names)]
}

/** What tells one recorded request from another: method, URL, body and the values of the routing headers. */
function answerKey(method: string, url: string, body: string, routing: Array<string | null | undefined>): string {
  return [`${method} ${url} ${body}`, ...routing.map((value) => value ?? '')].join('\n')
}

function headerOf(headers: Record<string, string>, name: string): string | undefined {
  return Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1]
}

function checkOperation(result: Report['operations'][number], op: Op, bodies: Map<string, { status: number; type: string; text: string }>, routing: string[], schemas?: OriginalSchemas): string | undefined {
  const cases = result.cases.filter((c) => c.kind === 'example' || c.kind === 'valid')
  if (cases.length === 0) return 'no valid request was generated'
  for (const c of cases) {
    const key = answerKey(c.request.method, c.request.url, c.request.body ?? '', routing.map((name) => headerOf(c.request.headers, name)))
    const answer = recordedAnswer(bodies, key)
    if (!answer) return 'no answer recorded'
    if (answer.status < 200 || answer.status > 299) return `a valid request got ${answer.status}: ${answer.text.slice(0, 400)}`
    const mediaType = answer.type.split(';')[0]!.trim()
    if (!schemas || !/json/.test(mediaType) || answer.text === '') continue
    const pointer = schemas.responseSchema(String(op.route.path), op.method, answer.status, mediaType)
    if (!pointer) continue
    const problem = schemas.validate(pointer, JSON.parse(answer.text))
    if (problem) return `answer ${answer.status} does not match the original schema: ${problem}`
  }
  return undefined
}

/** The answer to a request as the report shows it: secrets met in earlier responses are `***` there. */
function recordedAnswer<T>(bodies: Map<string, T>, key: string): T | undefined {
  if (bodies.has(key) || !key.includes('***')) return bodies.get(key)
  const pattern = new RegExp(`^${key.split('***').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^]*?')}$`)
  const match = [...bodies.keys()].find((candidate) => pattern.test(candidate))
  return match === undefined ? undefined : bodies.get(match)
}

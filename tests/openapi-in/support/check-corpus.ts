import { readFileSync } from 'node:fs'
import { parse as parseYaml } from 'yaml'
import { type Contract, createMockApp, fromOpenAPI, type VerifyReport, verify } from 'standin'
import { OriginalSchemas } from './original-schemas.ts'

export interface DocumentResult {
  file: string
  operations: number
  passed: number
  failures: Array<{ operationId: string; reason: string }>
}

export interface CorpusOptions {
  /** At most this many operations, spread over the document; all when left out. */
  sample?: number
  seed?: number
  /** Check against a stateful mock (verify keeps one session) instead of a stateless one. */
  stateful?: boolean
}

/**
 * The mock and verify agree on a real-world document: verify, given well-formed credentials, runs
 * every (sampled) operation against the mock of the same document and finds nothing wrong
 * (accepting a forged token is left out: a mock takes any well-formed one, by design); and every
 * 2xx JSON answer to a valid request also validates against the ORIGINAL document with ajv,
 * independently of standin's zod.
 */
export async function checkCorpusDocument(
  file: string,
  options: CorpusOptions = {},
): Promise<DocumentResult> {
  const original = parseYaml(readFileSync(file, 'utf8')) as Record<string, unknown>
  const { contract } = await fromOpenAPI(file)
  const include =
    options.sample === undefined
      ? undefined
      : sampleOf(
          contract.operations.map((op) => op.operationId),
          options.sample,
        )
  const app = createMockApp(contract, {
    docs: false,
    ...(options.stateful ? { stateful: true } : {}),
  })
  const bodies = new Map<string, { status: number; type: string; text: string }>()
  const routing = routingHeaders(contract)
  // The whole body of the first success to each request (the report cuts bodies at 4 KiB).
  const target = async (sent: Request) => {
    const key = answerKey(
      sent.method,
      sent.url,
      await sent.clone().text(),
      routing.map((name) => sent.headers.get(name)),
    )
    const response = await app.fetch(sent)
    if (response.status < 300 && !bodies.has(key))
      bodies.set(key, {
        status: response.status,
        type: response.headers.get('content-type') ?? '',
        text: await response.clone().text(),
      })
    return response
  }
  const report = await verify(contract, {
    target,
    examples: 1,
    seed: options.seed ?? 1,
    timeoutMs: 5000,
    ...credentialsFor(contract),
    excludeChecks: ['accepted_forged_credentials'],
    ...(include ? { include } : {}),
  })
  const schemas = String(original.swagger) === '2.0' ? undefined : new OriginalSchemas(original)
  const failures: DocumentResult['failures'] = []
  for (const result of report.operations) {
    const operation = contract.operations.find((op) => op.operationId === result.operationId)!
    const reason =
      verifyFailure(report, result.operationId) ??
      checkOperation(result, operation, bodies, routing, schemas, options.stateful === true)
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

/**
 * Well-formed credentials for every scheme the contract declares, as a user gives them to verify.
 */
function credentialsFor(contract: Contract): {
  headers: Record<string, string>
  query: Record<string, string>
} {
  const headers: Record<string, string> = {}
  const query: Record<string, string> = {}
  const cookies: string[] = []
  const schemes = Object.values(contract.securitySchemes ?? {})
  const basicOnly = schemes.every(
    (scheme) =>
      scheme.type !== 'apiKey' && scheme.type === 'http' && scheme.scheme.toLowerCase() === 'basic',
  )
  const http = schemes.some((scheme) => scheme.type !== 'apiKey')
  for (const scheme of schemes) {
    // An API key in the Authorization header is any text there: the bearer token of the http
    // schemes fills it.
    if (
      scheme.type === 'apiKey' &&
      scheme.in === 'header' &&
      !(http && scheme.name.toLowerCase() === 'authorization')
    )
      headers[scheme.name] ??= 'key123'
    else if (scheme.type === 'apiKey' && scheme.in === 'query') query[scheme.name] = 'key123'
    else if (scheme.type === 'apiKey') cookies.push(`${scheme.name}=key123`)
  }
  // One Authorization header serves every http scheme: a bearer token unless basic is all there is.
  if (http) headers.Authorization = basicOnly ? `Basic ${btoa('user:secret')}` : 'Bearer token123'
  if (cookies.length > 0) headers.Cookie = cookies.join('; ')
  return { headers, query }
}

/** The first contract violation verify found on an operation, its sequences included. */
function verifyFailure(report: VerifyReport, operationId: string): string | undefined {
  const cases = [
    ...report.operations.filter((op) => op.operationId === operationId).flatMap((op) => op.cases),
    ...report.sequences
      .flatMap((sequence) => sequence.steps)
      .filter((step) => step.operationId === operationId),
  ]
  for (const found of cases) {
    const error = found.issues.find((issue) => issue.severity === 'error')
    if (error)
      return `verify: ${error.code} in "${found.name}" (${found.request.method} ${found.request.url} → ${found.response?.status ?? 'no answer'}): ${error.message.slice(0, 300)}`
  }
  return undefined
}

type Op = Awaited<ReturnType<typeof fromOpenAPI>>['contract']['operations'][number]

/** Headers that pick one of several operations on a method and path (`X-Amz-Target`), lowercase. */
function routingHeaders(contract: Contract): string[] {
  const names = contract.operations.flatMap((op) =>
    (op.discriminators ?? []).filter((d) => d.in === 'header').map((d) => d.name.toLowerCase()),
  )
  return [...new Set(names)]
}

/**
 * What tells one recorded request from another: method, URL, body and the values of the routing
 * headers.
 */
function answerKey(
  method: string,
  url: string,
  body: string,
  routing: Array<string | null | undefined>,
): string {
  return [`${method} ${url} ${body}`, ...routing.map((value) => value ?? '')].join('\n')
}

function headerOf(headers: Record<string, string>, name: string): string | undefined {
  return Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1]
}

/**
 * Valid requests get a 2xx whose JSON the original document accepts. A stateful mock answers 404
 * for a key its session does not have, as a real backend does: verify has judged that answer
 * already.
 */
function checkOperation(
  result: VerifyReport['operations'][number],
  op: Op,
  bodies: Map<string, { status: number; type: string; text: string }>,
  routing: string[],
  schemas: OriginalSchemas | undefined,
  stateful: boolean,
): string | undefined {
  const cases = result.cases.filter((c) => c.kind === 'example' || c.kind === 'valid')
  if (cases.length === 0) return 'no valid request was generated'
  for (const c of cases) {
    const status = c.response?.status ?? 0
    if (stateful && status === 404) continue
    if (status < 200 || status > 299)
      return `a valid request got ${status}: ${c.response?.body.slice(0, 400) ?? ''}`
    const key = answerKey(
      c.request.method,
      c.request.url,
      c.request.body ?? '',
      routing.map((name) => headerOf(c.request.headers, name)),
    )
    const answer = recordedAnswer(bodies, key)
    if (!answer) return 'no answer recorded'
    const mediaType = answer.type.split(';')[0]!.trim()
    if (!schemas || !/json/.test(mediaType) || answer.text === '') continue
    const pointer = schemas.responseSchema(
      String(op.route.path),
      op.method,
      answer.status,
      mediaType,
    )
    if (!pointer) continue
    const problem = schemas.validate(pointer, JSON.parse(answer.text))
    if (problem) return `answer ${answer.status} does not match the original schema: ${problem}`
  }
  return undefined
}

/** The answer to a request as the report shows it: secrets are `***` there. */
function recordedAnswer<T>(bodies: Map<string, T>, key: string): T | undefined {
  if (bodies.has(key) || !key.includes('***')) return bodies.get(key)
  const pattern = new RegExp(
    `^${key
      .split('***')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^]*?')}$`,
  )
  const match = [...bodies.keys()].find((candidate) => pattern.test(candidate))
  return match === undefined ? undefined : bodies.get(match)
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { documentedStatuses, fake, fakeInvalid, type Operation, type z } from 'standin'
import shop from '../../contracts/index.ts'
import { type MockTarget, nodeTarget, workerTarget } from './targets.ts'

const VARIANTS_PER_OPERATION = Number(process.env.PARITY_VARIANTS ?? 8)
const bearer = 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl'

interface SampleRequest {
  label: string
  path: string
  init: RequestInit
}

type Schema = z.ZodType

function partOf(operation: Operation, part: 'params' | 'query'): Schema | undefined {
  return operation.route.request?.[part] as Schema | undefined
}

function jsonBodyOf(operation: Operation): Schema | undefined {
  const content = operation.route.request?.body?.content as
    | Record<string, { schema?: Schema }>
    | undefined
  return content?.['application/json']?.schema
}

function pathFor(operation: Operation, seed: number): string {
  const schema = partOf(operation, 'params')
  const params = (schema ? fake(schema, { seed }) : {}) as Record<string, unknown>
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(String(params[name])),
  )
  const query = partOf(operation, 'query')
  if (!query) return path
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(fake(query, { seed }) as Record<string, unknown>)) {
    for (const item of Array.isArray(value) ? value : [value])
      if (item !== undefined) search.append(key, String(item))
  }
  return search.size > 0 ? `${path}?${search}` : path
}

/** Variant 0 plain, then seeds, static data, each documented error status, an invalid body. */
function preferFor(operation: Operation, variant: number): string | undefined {
  const errors = documentedStatuses(operation).filter((status) => /^[45]\d\d$/.test(status))
  const choices = [
    undefined,
    'seed=7',
    'dynamic=false',
    `seed=${variant * 31}`,
    ...errors.map((status) => `code=${status}`),
  ]
  return choices[variant % choices.length]
}

function sampleFor(operation: Operation, variant: number): SampleRequest {
  const seed = variant + 1
  const headers: Record<string, string> = {}
  if (operation.security.length > 0) headers.Authorization = bearer
  const prefer = preferFor(operation, variant)
  if (prefer) headers.Prefer = prefer
  const bodySchema = jsonBodyOf(operation)
  let body: string | undefined
  if (bodySchema) {
    headers['Content-Type'] = 'application/json'
    const invalid =
      variant === VARIANTS_PER_OPERATION - 1 ? fakeInvalid(bodySchema, { seed }) : undefined
    body = JSON.stringify(invalid ? invalid.value : fake(bodySchema, { seed }))
  }
  const method = operation.method.toUpperCase()
  const path = pathFor(operation, seed)
  return {
    label: `${method} ${path} ${prefer ?? ''}`.trim(),
    path,
    init: { method, headers, body },
  }
}

function sample(): SampleRequest[] {
  return shop.operations.flatMap((operation) =>
    Array.from({ length: VARIANTS_PER_OPERATION }, (_, variant) => sampleFor(operation, variant)),
  )
}

async function answer(target: MockTarget, request: SampleRequest): Promise<string> {
  const response = await target.fetch(request.path, request.init)
  return `${response.status} ${response.headers.get('content-type')}\n${await response.text()}`
}

describe('the Worker and the Node mock, for the same seed', () => {
  let node: MockTarget
  let worker: MockTarget
  beforeAll(async () => {
    ;[node, worker] = await Promise.all([nodeTarget(), workerTarget()])
  }, 120_000)
  afterAll(async () => {
    await Promise.all([node?.close(), worker?.close()])
  })

  it('answer a sample of requests across every operation byte for byte alike', async () => {
    const requests = sample()
    expect(requests.length).toBeGreaterThanOrEqual(200)
    const differences: string[] = []
    const statuses = new Set<number>()
    for (const request of requests) {
      const [fromNode, fromWorker] = await Promise.all([
        answer(node, request),
        answer(worker, request),
      ])
      statuses.add(Number(fromNode.slice(0, 3)))
      if (fromNode !== fromWorker)
        differences.push(
          `${request.label}\n  node:   ${fromNode.slice(0, 200)}\n  worker: ${fromWorker.slice(0, 200)}`,
        )
    }
    expect(differences).toEqual([])
    // The sample reaches success, validation, auth and error paths alike.
    expect([...statuses].sort()).toEqual(
      expect.arrayContaining([200, 201, 204, 400, 401, 404, 409, 422]),
    )
  }, 120_000)
})

import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isStandinError, type MockServer, serveMock } from 'standin'
import { makeTempDir, repoRoot } from '../support/temp-dir.ts'

const spec = join(repoRoot, 'tests/fixtures/openapi/pets-3.0.yaml')

describe('standin serve --spec (an OpenAPI document instead of a contract file)', () => {
  let mock: MockServer
  const errors: string[] = []
  beforeAll(async () => {
    mock = await serveMock({
      spec,
      port: 0,
      quiet: true,
      log: () => {},
      error: (line) => errors.push(line),
    })
  })
  afterAll(() => mock?.close())

  it('answers the operations of the document with data that fits it, under the path of its server URL', async () => {
    expect(mock.apiUrl).toBe(`${mock.url}/v1`)
    const response = await fetch(`${mock.apiUrl}/pets?limit=3`, {
      headers: { Authorization: 'Bearer token' },
    })
    expect(response.status).toBe(200)
    const pets = (await response.json()) as unknown[]
    expect(Array.isArray(pets)).toBe(true)
  })

  it('keeps the security of the document', async () => {
    expect((await fetch(`${mock.apiUrl}/pets`)).status).toBe(401)
  })

  it('says at start-up which collections a stateful mock cannot keep, and why', async () => {
    const document = JSON.stringify({
      openapi: '3.1.0',
      info: { title: 'Readings', version: '1' },
      paths: {
        '/readings': {
          get: {
            responses: {
              200: {
                description: 'All.',
                content: {
                  'application/json': {
                    schema: { type: 'array', items: { $ref: '#/components/schemas/Reading' } },
                  },
                },
              },
            },
          },
          post: {
            requestBody: {
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Reading' } } },
            },
            responses: {
              201: {
                description: 'Kept.',
                content: {
                  'application/json': { schema: { $ref: '#/components/schemas/Reading' } },
                },
              },
            },
          },
        },
      },
      components: {
        schemas: {
          Reading: {
            type: 'object',
            required: ['celsius'],
            properties: {
              celsius: { type: 'number' },
              at: { type: 'string', format: 'date-time' },
            },
          },
        },
      },
    })
    const { dir, cleanup } = makeTempDir({ 'readings.json': document })
    const lines: string[] = []
    const stateful = await serveMock({
      spec: join(dir, 'readings.json'),
      port: 0,
      quiet: true,
      stateful: true,
      log: (line) => lines.push(line),
    })
    await stateful.close()
    cleanup()
    expect(lines.slice(1)).toEqual([
      'Not remembered: /readings: its objects have none of the fields id, readingId, reading_id, uuid, key, slug, username, handle, code, name to find them by; state the key with x-standin-resource: { collection: "/readings", key: "…" }.',
    ])
  })

  it('refuses --contract and --spec together', async () => {
    const failure = await serveMock({ spec, contract: 'contracts/index.ts', port: 0 }).catch(
      (error: unknown) => error,
    )
    expect(isStandinError(failure) && failure.message).toBe(
      'Pass either --contract FILE or --spec FILE|URL, not both.',
    )
  })
})

import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isStandinError, type MockServer, serveMock } from 'standin'
import { repoRoot } from '../support/temp-dir.ts'

const spec = join(repoRoot, 'tests/fixtures/openapi/pets-3.0.yaml')

describe('standin serve --spec (an OpenAPI document instead of a contract file)', () => {
  let mock: MockServer
  const errors: string[] = []
  beforeAll(async () => {
    mock = await serveMock({ spec, port: 0, quiet: true, log: () => {}, error: (line) => errors.push(line) })
  })
  afterAll(() => mock?.close())

  it('answers the operations of the document with data that fits it, under the path of its server URL', async () => {
    expect(mock.apiUrl).toBe(`${mock.url}/v1`)
    const response = await fetch(`${mock.apiUrl}/pets?limit=3`, { headers: { Authorization: 'Bearer token' } })
    expect(response.status).toBe(200)
    const pets = (await response.json()) as unknown[]
    expect(Array.isArray(pets)).toBe(true)
  })

  it('keeps the security of the document', async () => {
    expect((await fetch(`${mock.apiUrl}/pets`)).status).toBe(401)
  })

  it('refuses --contract and --spec together', async () => {
    const failure = await serveMock({ spec, contract: 'contracts/index.ts', port: 0 }).catch((error: unknown) => error)
    expect(isStandinError(failure) && failure.message).toBe('Pass either --contract FILE or --spec FILE|URL, not both.')
  })
})

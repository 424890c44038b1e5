import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fromOpenAPI, toOpenAPI } from 'standin'
import { repoRoot } from '../support/temp-dir.ts'

const root = join(repoRoot, 'node_modules/@readme/oas-examples')
const files = ['2.0', '3.0', '3.1'].flatMap((version) =>
  readdirSync(join(root, version, 'json'))
    .filter((name) => name.endsWith('.json'))
    .map((name) => `${version}/json/${name}`),
)

describe('the @readme/oas-examples documents', () => {
  it.each(files)('%s loads and prints back as OpenAPI', async (file) => {
    const { contract } = await fromOpenAPI(join(root, file))
    const document = toOpenAPI(contract)
    expect(contract.operations.length).toBe(
      Object.values(document.paths).flatMap((item) => Object.keys(item)).length,
    )
  })
})

import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../support/run-cli.ts'
import { makeTempDir } from '../support/temp-dir.ts'

const out = makeTempDir()
afterAll(out.cleanup)

describe('standin with existing OpenAPI documents', () => {
  it('prints the OpenAPI of a --spec document (a round trip)', async () => {
    const result = await runCli(['openapi', '--spec', 'tests/fixtures/openapi/shapes-3.1.json'])
    expect(result.code).toBe(0)
    const document = JSON.parse(result.stdout) as { paths: Record<string, unknown> }
    expect(Object.keys(document.paths)).toEqual(['/shapes/{shapeId}', '/drawings'])
    expect(result.stderr).toBe('')
  })

  it('exits 2 with one line for a file that is not OpenAPI', async () => {
    expect(await runCli(['openapi', '--spec', 'tests/fixtures/openapi/not-openapi.yaml'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'standin: tests/fixtures/openapi/not-openapi.yaml is not an OpenAPI 3.x or Swagger 2.0 document: it has no "openapi" or "swagger" field.\n',
    })
  })

  it('refuses --contract and --spec together', async () => {
    const result = await runCli(['openapi', '--spec', 'a.yaml', '--contract', 'b.ts'])
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'standin: Pass either --contract FILE or --spec FILE|URL, not both.\n',
    })
  })

  it('imports a document into contract files, and refuses to overwrite them', async () => {
    const dir = join(out.dir, 'contracts')
    const first = await runCli(['import', 'tests/fixtures/openapi/pets-3.0.yaml', '--out', dir])
    expect(first).toEqual({
      code: 0,
      stdout: '',
      stderr: `Wrote 4 files (4 operations) to ${dir}. Serve them with: standin serve --contract ${join(dir, 'index.ts')}\n`,
    })
    expect(readdirSync(dir).sort()).toEqual(['index.ts', 'pets.ts', 'schemas.ts', 'untagged.ts'])
    const again = await runCli(['import', 'tests/fixtures/openapi/pets-3.0.yaml', '--out', dir])
    expect(again.code).toBe(2)
    expect(again.stderr).toBe(
      `standin: ${dir} already has files. Pass an empty or new folder with --out, or --force to overwrite.\n`,
    )
  })
})

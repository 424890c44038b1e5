import { afterEach, describe, expect, it } from 'vitest'
import { isStandinError, loadContract } from 'standin'
import { makeTempDir, repoRoot, standinEntry } from '../support/temp-dir.ts'

const cleanups: Array<() => void> = []
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()))

function temp(files: Record<string, string>): string {
  const { dir, cleanup } = makeTempDir(files)
  cleanups.push(cleanup)
  return dir
}

async function loadError(file: string, cwd: string): Promise<{ code: string; message: string }> {
  try {
    await loadContract(file, { cwd })
  } catch (error) {
    if (isStandinError(error)) return { code: error.code, message: error.message }
    throw error
  }
  throw new Error('expected loadContract to fail')
}

const validContract = `
import { createRoute, defineContract, z } from '${standinEntry}'
import { Pet } from './pet.ts'
export const contract = defineContract({
  info: { title: 'Pets', version: '1' },
  routes: { listPets: createRoute({ method: 'get', path: '/pets', responses: { 200: { description: 'ok', content: { 'application/json': { schema: z.array(Pet) } } } } }) },
})
`
const petFile = `import { z } from '${standinEntry}'\nexport const Pet = z.object({ name: z.string() })\n`

describe('loadContract', () => {
  it('loads contracts/index.ts from the working directory by default', async () => {
    const contract = await loadContract(undefined, { cwd: repoRoot })
    expect(contract.info.title).toBe('Standin Shop API')
  })

  it('accepts a named export and reports every local file the contract imports', async () => {
    const dir = temp({
      'package.json': '{ "type": "module" }',
      'api.ts': validContract,
      'pet.ts': petFile,
    })
    const imported: string[] = []
    const contract = await loadContract('api.ts', {
      cwd: dir,
      onImport: (file) => imported.push(file),
    })
    expect(contract.operations.map((op) => op.operationId)).toEqual(['listPets'])
    expect(
      imported
        .filter((file) => file.startsWith(dir))
        .map((file) => file.slice(dir.length + 1))
        .sort(),
    ).toEqual(['api.ts', 'pet.ts'])
  })

  it('finds the default export in a CommonJS package (what npm init writes)', async () => {
    const defaultExport = validContract.replace('export const contract =', 'export default')
    const dir = temp({
      'package.json': '{ "type": "commonjs" }',
      'api.ts': defaultExport,
      'pet.ts': petFile,
    })
    const contract = await loadContract('api.ts', { cwd: dir })
    expect(contract.operations.map((op) => op.operationId)).toEqual(['listPets'])
  })

  it('sees an edit on the next load (each load is a fresh module graph)', async () => {
    const dir = temp({ 'api.ts': validContract, 'pet.ts': petFile })
    await loadContract('api.ts', { cwd: dir })
    const { writeFileSync } = await import('node:fs')
    writeFileSync(`${dir}/api.ts`, validContract.replace("'/pets'", "'/animals'"))
    const reloaded = await loadContract('api.ts', { cwd: dir })
    expect(reloaded.operations[0]?.path).toBe('/animals')
  })

  it('says there is no file, and how to point at one', async () => {
    expect(await loadError('nope.ts', temp({}))).toEqual({
      code: 'CONTRACT_NOT_FOUND',
      message: 'No contract file at nope.ts. Create it, or pass --contract FILE.',
    })
  })

  it('names the file, line and column of a syntax error, and what the compiler expected', async () => {
    expect(
      await loadError('broken.ts', temp({ 'broken.ts': 'export default {\n  oops: ,\n}\n' })),
    ).toEqual({
      code: 'CONTRACT_LOAD_FAILED',
      message: 'broken.ts:2:9: Unexpected ","',
    })
  })

  it('says the file exports no contract and suggests the fix', async () => {
    expect(await loadError('empty.ts', temp({ 'empty.ts': 'export const answer = 42\n' }))).toEqual(
      {
        code: 'CONTRACT_NOT_FOUND',
        message:
          'empty.ts exports no contract. Did you forget `export default defineContract(...)`?',
      },
    )
  })

  it('passes on the problems defineContract found', async () => {
    const dir = temp({
      'api.ts': validContract.replace("path: '/pets'", "path: '/pets/{petId}'"),
      'pet.ts': petFile,
    })
    expect(await loadError('api.ts', dir)).toEqual({
      code: 'CONTRACT_INVALID',
      message:
        'Invalid contract "Pets":\n  listPets: path parameter {petId} in /pets/{petId} is missing from request.params',
    })
  })
})

import { mkdirSync, readFileSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../support/run-cli.ts'
import { makeTempDir, repoRoot } from '../support/temp-dir.ts'

const version = (
  JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }
).version
const fixtures = makeTempDir({
  'broken.ts': 'export default {\n  oops: ,\n}\n',
  'empty.ts': 'export const answer = 42\n',
})
afterAll(fixtures.cleanup)

describe('standin (the command line)', () => {
  it('lists the sub-commands with --help', async () => {
    const result = await runCli(['--help'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^Usage: standin <command> \[options\]$/m)
    expect(result.stdout).toMatch(/^ {2}openapi +Print the OpenAPI document of a contract\.$/m)
  })

  it.each(['--version', '-v'])('prints the package version with %s', async (flag) => {
    expect(await runCli([flag])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' })
  })

  it('prints the shop contract as valid OpenAPI 3.1 YAML with at least 15 operations', async () => {
    const result = await runCli(['openapi', '--format', 'yaml'])
    expect(result.code).toBe(0)
    const document = parse(result.stdout) as {
      openapi: string
      paths: Record<string, Record<string, unknown>>
    }
    expect(document.openapi).toBe('3.1.0')
    const operations = Object.values(document.paths).flatMap((item) => Object.keys(item))
    expect(operations.length).toBeGreaterThanOrEqual(15)
  })

  it('writes the document to --out, choosing YAML from the extension', async () => {
    const out = join(fixtures.dir, 'shop.yaml')
    const result = await runCli(['openapi', '--out', out, '--openapi', '3.0'])
    expect(result).toEqual({
      code: 0,
      stdout: '',
      stderr: `Wrote OpenAPI 3.0 (26 operations) to ${out}\n`,
    })
    expect((parse(readFileSync(out, 'utf8')) as { openapi: string }).openapi).toBe('3.0.3')
  })

  it('takes -c for --contract and -o for --out', async () => {
    const out = join(fixtures.dir, 'short.json')
    const result = await runCli(['openapi', '-c', 'contracts/index.ts', '-o', out])
    expect(result).toEqual({
      code: 0,
      stdout: '',
      stderr: `Wrote OpenAPI 3.1 (26 operations) to ${out}\n`,
    })
    expect((JSON.parse(readFileSync(out, 'utf8')) as { openapi: string }).openapi).toBe('3.1.0')
  })

  it("puts each --server in the document's servers, instead of the contract's", async () => {
    const result = await runCli([
      'openapi',
      '--server',
      'https://shop-mock.example.workers.dev',
      '--server',
      'http://127.0.0.1:4010/api',
    ])
    expect(result.code).toBe(0)
    expect((JSON.parse(result.stdout) as { servers: unknown }).servers).toEqual([
      { url: 'https://shop-mock.example.workers.dev' },
      { url: 'http://127.0.0.1:4010/api' },
    ])
  })

  it.each([
    [
      ['openapi', '--server', 'shop.example.com'],
      'standin: --server must be an http(s) URL such as https://api.example.com, got "shop.example.com".',
    ],
    [
      ['openapi', '--server', 'ftp://shop.example.com'],
      'standin: --server must be an http(s) URL such as https://api.example.com, got "ftp://shop.example.com".',
    ],
    [
      ['openapi', '--contract', 'nope.ts'],
      'standin: No contract file at nope.ts. Create it, or pass --contract FILE.',
    ],
    [
      ['openapi', '--contract', join(fixtures.dir, 'empty.ts')],
      /^standin: .*empty\.ts exports no contract\. Did you forget `export default defineContract\(\.\.\.\)`\?$/,
    ],
    [
      ['openapi', '--contract', join(fixtures.dir, 'broken.ts')],
      `standin: ${join(fixtures.dir, 'broken.ts')}:2:9: Unexpected ","`,
    ],
    [
      ['openapi', '--bogus'],
      "standin: Unknown option '--bogus'. Run `standin openapi --help` for usage.",
    ],
    [['openapi', '--format', 'xml'], 'standin: --format must be one of json, yaml, got "xml".'],
    [
      ['frobnicate'],
      'standin: unknown command "frobnicate". Run `standin --help` for the list of commands.',
    ],
  ])('answers %j with one line on stderr and exit code 2', async (args, message) => {
    const result = await runCli(args)
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    const lines = result.stderr.trimEnd().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(
      typeof message === 'string' ? new RegExp(`^${escape(message)}$`) : message,
    )
  })

  it('prints the stack trace only with --debug', async () => {
    const result = await runCli(['openapi', '--contract', 'nope.ts', '--debug'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^StandinError: No contract file at nope\.ts/)
    expect(result.stderr).toMatch(/\n {4}at /)
  })
})

describe('standin, on a contract that does not load', () => {
  const route = (schema: string) =>
    `createRoute({ method: 'get', path: '/pets', responses: { 200: { description: 'ok', content: { 'application/json': { schema: ${schema} } } } } })`
  const project = makeTempDir({
    'package.json': '{ "type": "module" }',
    'contracts/index.ts': `import { createRoute, defineContract, z } from 'standin'
import { Pet } from './pet.ts'

export default defineContract({
  info: { title: 'Pets', version: '1' },
  routes: { listPets: ${route('z.array(Pet)')} },
})
`,
    'contracts/pet.ts': `import { z } from 'standin'

export const Pet = z.object({
  name: z.string(,
})
`,
    'contracts/unclosed.ts': `import { createRoute, defineContract, z } from 'standin'

export default defineContract({
  info: { title: 'Pets', version: '1' },
  routes: { listPets: ${route('z.array(z.string() {')} },
})
`,
    'contracts/other-zod.ts': `import { createRoute, defineContract } from 'standin'
import { z } from 'zod'

const Pet = z.object({ name: z.string() }).openapi('Pet')

export default defineContract({ info: { title: 'Pets', version: '1' }, routes: { listPets: ${route('Pet')} } })
`,
    'contracts/zod3.ts': `import { createRoute, defineContract } from 'standin'
import { z } from 'zod/v3'

export default defineContract({ info: { title: 'Pets', version: '1' }, routes: { listPets: ${route('z.array(z.string())')} } })
`,
  })
  // A user's project: standin and zod installed side by side.
  mkdirSync(join(project.dir, 'node_modules'))
  symlinkSync(repoRoot, join(project.dir, 'node_modules/standin'))
  symlinkSync(join(repoRoot, 'node_modules/zod'), join(project.dir, 'node_modules/zod'))
  afterAll(project.cleanup)

  const otherZod =
    "standin: contracts/other-zod.ts:4:44: z.object(...).openapi is not a function: this schema was made with another copy of zod; make schemas with the z that standin exports: import { z } from 'standin'."

  it.each([
    [
      ['openapi', '--contract', 'contracts/unclosed.ts'],
      'standin: contracts/unclosed.ts:5:166: Expected ")" but found "{"\n',
    ],
    [
      ['serve', '--port', '0', '--contract', 'contracts/unclosed.ts'],
      'standin: contracts/unclosed.ts:5:166: Expected ")" but found "{"\n',
    ],
    [
      ['openapi', '--contract', 'contracts/index.ts'],
      'standin: contracts/pet.ts:4:18: Unexpected ","\n',
    ],
    [['serve', '--port', '0'], 'standin: contracts/pet.ts:4:18: Unexpected ","\n'],
    [['openapi', '--contract', 'contracts/other-zod.ts'], `${otherZod}\n`],
    [['serve', '--port', '0', '--contract', 'contracts/other-zod.ts'], `${otherZod}\n`],
  ])(
    'answers %j with the file, line, column and what is wrong, and exit code 2',
    async (args, stderr) => {
      expect(await runCli(args, { cwd: project.dir })).toEqual({ code: 2, stdout: '', stderr })
    },
  )

  it('names the operation whose schema was made with zod 3 rather than the z standin exports', async () => {
    expect(
      await runCli(['openapi', '--contract', 'contracts/zod3.ts'], { cwd: project.dir }),
    ).toEqual({
      code: 2,
      stdout: '',
      stderr: `standin: Invalid contract "Pets":
  listPets: the 200 response body (application/json) is not a zod 4 schema; make schemas with the z that standin exports: import { z } from 'standin'
`,
    })
  })
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../support/run-cli.ts'
import { makeTempDir, repoRoot } from '../support/temp-dir.ts'

const ITEM = `import { z } from 'standin'

export const Item = z.object({
  id: z.string(),
  name: z.string().max(80),
  price: z.number(),
})
`

const CONTRACT = `import { createRoute, defineContract, z } from 'standin'
import { Item } from './item.ts'

export default defineContract({
  info: { title: 'Items', version: '1' },
  routes: {
    getItem: createRoute({
      method: 'get',
      path: '/items/{id}',
      request: { params: z.object({ id: z.string() }) },
      responses: {
        200: { description: 'An item', content: { 'application/json': { schema: Item } } },
      },
    }),
  },
})
`

/** A project in git: the contract and the schema file it imports, committed once. */
// An ES module project, as npm init -y with "type": "module" writes it: its files import the
// standin the command loaded, whatever else is in node_modules/standin at the time.
const project = makeTempDir({
  'package.json': JSON.stringify({ name: 'items', private: true, type: 'module' }),
  'contracts/index.ts': CONTRACT,
  'contracts/item.ts': ITEM,
})
afterAll(project.cleanup)

function git(...args: string[]): void {
  execFileSync('git', args, { cwd: project.dir, stdio: 'ignore' })
}

const diff = (...args: string[]) => runCli(['diff', ...args], { cwd: project.dir })

beforeAll(() => {
  // standin installed as a user has it (node_modules is not committed).
  mkdirSync(join(project.dir, 'node_modules'))
  symlinkSync(repoRoot, join(project.dir, 'node_modules/standin'))
  writeFileSync(join(project.dir, '.gitignore'), 'node_modules\ndiff.xml\n')
  git('init', '-q', '-b', 'main')
  git('-c', 'user.email=a@b.c', '-c', 'user.name=A', 'add', '.')
  git('-c', 'user.email=a@b.c', '-c', 'user.name=A', 'commit', '-q', '-m', 'items')
  // The working copy drops price from the imported schema and lets names grow longer.
  writeFileSync(
    join(project.dir, 'contracts/item.ts'),
    ITEM.replace('  price: z.number(),\n', '').replace('max(80)', 'max(200)'),
  )
})

describe('standin diff', () => {
  it('compares a contract at a git revision (with the files it imported then) with the working copy', async () => {
    const result = await diff('git:main:contracts/index.ts', 'contracts/index.ts')
    expect([result.code, result.stderr]).toEqual([1, ''])
    expect(
      result.stdout,
    ).toBe(`standin diff git:main:contracts/index.ts → contracts/index.ts: 2 breaking (2 for clients), 0 potentially breaking, 0 compatible

GET /items/{id} (getItem)
  ✗ breaking for clients: \`price\` is no longer in the 200 answer (application/json); clients that read it break.
      response-required-property-removed · base #/paths/~1items~1{id}/get/responses/200/content/application~1json/schema/properties/price
  ✗ breaking for clients: \`name\` in the 200 answer (application/json): maxLength 80 → 200; clients may get values they did not expect.
      response-maxLength-loosened · base #/paths/~1items~1{id}/get/responses/200/content/application~1json/schema/properties/name → head #/paths/~1items~1{id}/get/responses/200/content/application~1json/schema/properties/name
`)
  })

  it('writes a pull-request comment, JSON and JUnit', async () => {
    const junit = join(project.dir, 'diff.xml')
    const markdown = await diff(
      'git:main:contracts/index.ts',
      'contracts/index.ts',
      '--format',
      'markdown',
      '--junit',
      junit,
    )
    expect(markdown.stdout.split('\n').slice(0, 7)).toEqual([
      '### standin diff: 2 breaking (2 for clients), 0 potentially breaking, 0 compatible',
      '',
      '`git:main:contracts/index.ts` → `contracts/index.ts`',
      '',
      '| | operation | change | where |',
      '| --- | --- | --- | --- |',
      '| breaking for clients | `GET /items/{id}` | `price` is no longer in the 200 answer (application/json); clients that read it break. | `response-required-property-removed` · base #/paths/~1items~1{id}/get/responses/200/content/application~1json/schema/properties/price |',
    ])
    expect(readFileSync(junit, 'utf8')).toContain(
      '<testcase classname="standin.diff" name="GET /items/{id} (getItem)">\n      <failure message="2 changes break it">',
    )
    const json = await diff('git:main:contracts/index.ts', 'contracts/index.ts', '--format', 'json')
    const report = JSON.parse(json.stdout) as { counts: unknown; changes: Array<{ rule: string }> }
    expect(report.counts).toEqual({
      breaking: 2,
      breakingClients: 2,
      breakingServer: 0,
      potentiallyBreaking: 0,
      compatible: 0,
    })
    expect(report.changes.map((change) => change.rule)).toEqual([
      'response-required-property-removed',
      'response-maxLength-loosened',
    ])
  })

  it('exits 0 for a contract and its own OpenAPI document, served over http', async () => {
    const printed = await runCli(['openapi', '--contract', 'contracts/index.ts'], {
      cwd: project.dir,
    })
    expect([printed.code, printed.stderr]).toEqual([0, ''])
    const server: Server = createServer((_request, response) => {
      response.setHeader('content-type', 'application/json')
      response.end(printed.stdout)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/openapi.json`
      const result = await diff(url, 'contracts/index.ts')
      expect([result.code, result.stdout, result.stderr]).toEqual([
        0,
        `standin diff ${url} → contracts/index.ts: no changes\n`,
        '',
      ])
    } finally {
      server.close()
    }
  })

  it.each([
    [
      ['contracts/index.ts'],
      'standin: Pass two sides: standin diff BASE HEAD (e.g. standin diff git:main:contracts/index.ts contracts/index.ts).',
    ],
    [
      ['git:nope:contracts/index.ts', 'contracts/index.ts'],
      `standin: git:nope:contracts/index.ts: git knows no revision "nope" in ${project.dir}.`,
    ],
    [
      ['git:main:contracts/gone.ts', 'contracts/index.ts'],
      'standin: contracts/gone.ts does not exist at main',
    ],
    [
      ['git:main', 'contracts/index.ts'],
      'standin: "git:main" is no git side: write git:REF:PATH, e.g. git:main:contracts/index.ts.',
    ],
    [
      ['contracts/index.ts', 'contracts/index.ts', '--format', 'html'],
      'standin: --format must be one of console, markdown, json',
    ],
  ])('%j: one line, exit 2', async (args, message) => {
    const result = await diff(...args)
    expect(result.code).toBe(2)
    expect(result.stderr.split('\n')[0]).toContain(message)
  })
})

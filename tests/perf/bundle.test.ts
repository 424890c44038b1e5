import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { bundleKey, ensureBundle, loadBundledCli } from '../../bin/bundle.js'
import { makeTempDir, repoRoot } from '../support/temp-dir.ts'

// A package shaped like standin: src/index.ts is the library, src/cli/main.ts the command.
const fixture = makeTempDir({
  'package.json': JSON.stringify({ name: 'fixture', version: '1.0.0', type: 'module' }),
  'src/index.ts': `export { instance } from './instance.ts'\nexport const greeting: string = 'hello'\n`,
  'src/instance.ts': `export const instance = { created: Math.random() }\n`,
  'src/cli/main.ts': `import { instance } from '../instance.ts'\nexport async function main(_argv: string[]): Promise<unknown> {\n  return instance\n}\n`,
  // A user's file, loaded the way contracts load: through tsx, in a module graph of its own.
  'user/contract.ts': `import { instance, greeting } from 'standin'\nexport { instance, greeting }\n`,
})
afterAll(fixture.cleanup)

const root = fixture.dir
const cacheOf = (dir: string) => join(dir, 'node_modules', '.cache', 'standin')

function touch(file: string, seconds: number): void {
  utimesSync(join(root, file), seconds, seconds)
}

describe('the bundle of standin’s own sources', () => {
  it('is built once into node_modules/.cache/standin and reused while the sources stay the same', async () => {
    const first = await ensureBundle(root)
    const again = await ensureBundle(root)
    expect(first.built).toBe(true)
    expect(again).toEqual({ dir: first.dir, built: false })
    expect(first.dir.startsWith(cacheOf(root))).toBe(true)
    expect(
      ['cli.js', 'index.js', 'standin.js'].every((file) => existsSync(join(first.dir, file))),
    ).toBe(true)
  })

  it('gets a new key, and is built again, when a source file changes', async () => {
    const before = bundleKey(root)
    touch('src/instance.ts', 1_700_000_000)
    const after = bundleKey(root)
    expect(after).not.toBe(before)
    const rebuilt = await ensureBundle(root)
    expect(rebuilt.built).toBe(true)
    expect(rebuilt.dir.endsWith(after)).toBe(true)
  })

  it('gets a new key when a file is added or package.json changes', () => {
    const before = bundleKey(root)
    writeFileSync(join(root, 'src', 'extra.ts'), 'export {}\n')
    const added = bundleKey(root)
    touch('package.json', 1_700_000_100)
    expect(new Set([before, added, bundleKey(root)]).size).toBe(3)
  })

  it('keeps the three newest builds and removes older ones', async () => {
    for (let i = 0; i < 4; i++) {
      touch('src/index.ts', 1_700_001_000 + i)
      await ensureBundle(root)
    }
    expect(readdirSync(cacheOf(root)).filter((name) => !name.includes('.tmp-'))).toHaveLength(3)
  })

  it('re-exports every export of the library in its facade for the user’s files', async () => {
    const { dir } = await ensureBundle(root)
    const facade = readFileSync(join(dir, 'standin.js'), 'utf8')
    expect(facade.match(/^ {2}\w+,$/gm)).toEqual(['  greeting,', '  instance,'])
  })

  it('gives the command and the user’s files one copy of the library', async () => {
    await ensureBundle(root)
    const script = join(root, 'check-instance.mjs')
    writeFileSync(
      script,
      `import { loadBundledCli } from ${JSON.stringify(pathToFileURL(join(repoRoot, 'bin', 'bundle.js')).href)}
import { tsImport } from ${JSON.stringify(pathToFileURL(join(repoRoot, 'node_modules', 'tsx', 'dist', 'esm', 'api', 'index.mjs')).href)}
const cli = await loadBundledCli(${JSON.stringify(root)}, { preload: true })
const user = await tsImport(${JSON.stringify(pathToFileURL(join(root, 'user', 'contract.ts')).href)}, import.meta.url)
const library = await globalThis[Symbol.for('standin.library')]()
const fromCli = await cli.main([])
console.log(JSON.stringify({ greeting: user.greeting, userSeesLibrary: user.instance === library.instance, cliSeesLibrary: fromCli === library.instance }))
`,
    )
    const output = execFileSync(process.execPath, [script], { cwd: root, encoding: 'utf8' })
    expect(JSON.parse(output)).toEqual({
      greeting: 'hello',
      userSeesLibrary: true,
      cliSeesLibrary: true,
    })
  })
})

describe('loadBundledCli', () => {
  it('gives up on a damaged bundle, so that the command runs from its sources', async () => {
    const damaged = makeTempDir({
      'package.json': '{"type":"module"}',
      'src/index.ts': 'export const a = 1\n',
      'src/cli/main.ts': 'export async function main() { return 0 }\n',
    })
    try {
      const { dir } = await ensureBundle(damaged.dir)
      rmSync(join(dir, 'cli.js'))
      expect(await loadBundledCli(damaged.dir, { preload: true })).toBeUndefined()
    } finally {
      damaged.cleanup()
    }
  })
})

describe('bin/standin.js', () => {
  it("resolves 'standin' in the user's contract to the loaded bundle, not to the TypeScript sources", () => {
    const project = makeTempDir({
      'package.json': JSON.stringify({ name: 'user', private: true, type: 'module' }),
      'contract.ts': `import { createRoute, defineContract, z } from 'standin'
process.stderr.write(\`standin resolves to \${import.meta.resolve('standin')}\\n\`)
export default defineContract({
  info: { title: 'One', version: '1.0.0' },
  routes: { ping: createRoute({ method: 'get', path: '/ping', responses: { 200: { description: 'Pong', content: { 'application/json': { schema: z.object({ ok: z.boolean() }) } } } } }) },
})
`,
    })
    try {
      const run = spawnSync(
        process.execPath,
        [
          join(repoRoot, 'bin', 'standin.js'),
          'openapi',
          '--contract',
          'contract.ts',
          '--format',
          'json',
        ],
        {
          cwd: project.dir,
          encoding: 'utf8',
        },
      )
      expect(run.status).toBe(0)
      expect(Object.keys((JSON.parse(run.stdout) as { paths: object }).paths)).toEqual(['/ping'])
      const cache = pathToFileURL(cacheOf(repoRoot)).href
      // tsx gives each graph its own instance of the small facade; the facade hands on the one
      // library.
      expect(run.stderr).toMatch(
        new RegExp(
          `^standin resolves to ${cache}/[0-9a-f]{16}/standin\\.js(\\?tsx-namespace=[\\w-]+)?$`,
          'm',
        ),
      )
    } finally {
      project.cleanup()
    }
  })
})

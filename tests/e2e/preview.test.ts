import { spawn } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import type { BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import shop from '../../contracts/index.ts'
import shopMocks from '../../mocks/index.ts'
import { createMockApp } from '../../src/index.ts'
import { previewApiPath, type RunningPreview, startPreview } from '../../src/node/preview.ts'
import { canRunBrowser, launchBrowser } from '../support/browser.ts'
import { runCli } from '../support/run-cli.ts'
import { standinErrorOf } from '../support/standin-error.ts'
import { makeTempDir, repoRoot } from '../support/temp-dir.ts'

const SEED = 7

// A built frontend: its script lists the names of the first three products, then marks the page done.
const FRONTEND = {
  'index.html':
    '<!doctype html><html><head><title>Shop</title></head><body><ul id="names"></ul><script src="/app.js"></script></body></html>',
  'app.js': `fetch('/api/products?pageSize=3')
  .then((response) => response.json())
  .then((page) => {
    for (const product of page.items) {
      const item = document.createElement('li')
      item.textContent = product.name
      document.getElementById('names').append(item)
    }
    document.body.dataset.state = 'done'
  })`,
}

/** The names the library's mock lists first for the seed (the shop's mocks fix a stateful session's products). */
async function namesFromTheMock(stateful = false): Promise<string[]> {
  const mock = createMockApp(shop, { seed: SEED, basePath: '/api', mocks: shopMocks, stateful })
  const page = (await (await mock.request('/api/products?pageSize=3')).json()) as {
    items: { name: string }[]
  }
  return page.items.map((product) => product.name)
}

async function namesOnThePage(browser: BrowserContext, url: string): Promise<string[]> {
  const page = await browser.newPage()
  await page.goto(url)
  await page.locator('body[data-state="done"]').waitFor()
  const names = await page.locator('#names li').allInnerTexts()
  await page.close()
  return names
}

describe('standin preview --dev: a built frontend and the mock on one origin in workerd', () => {
  const site = makeTempDir(FRONTEND)
  let preview: RunningPreview
  let stateful: RunningPreview
  beforeAll(async () => {
    const options = { staticDir: site.dir, port: 0, seed: SEED, cwd: repoRoot }
    ;[preview, stateful] = await Promise.all([
      startPreview(options),
      startPreview({ ...options, stateful: true }),
    ])
  }, 60_000)
  afterAll(async () => {
    await Promise.all([preview?.dispose(), stateful?.dispose()])
    site.cleanup()
  })

  it('serves the mock under /api, the shop contract naming no base path', () => {
    expect(preview.apiUrl).toBe(`${preview.url}/api`)
  })

  it('answers a deep link without a file with index.html (single-page-app fallback)', async () => {
    const response = await fetch(`${preview.url}/orders/42`)
    expect(response.status).toBe(200)
    expect(await response.text()).toBe(FRONTEND['index.html'])
  })

  it('serves the frontend files as they are', async () => {
    expect(await (await fetch(`${preview.url}/app.js`)).text()).toBe(FRONTEND['app.js'])
  })

  it('answers an unknown API path with the mock 404 problem, not index.html', async () => {
    const response = await fetch(`${preview.url}/api/nope`)
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
  })

  it('answers the API with the data the library mock gives for the seed', async () => {
    const page = (await (await fetch(`${preview.url}/api/products?pageSize=3`)).json()) as {
      items: { name: string }[]
    }
    expect(page.items.map((product) => product.name)).toEqual(await namesFromTheMock())
  })

  describe.runIf(canRunBrowser)('in a real browser', () => {
    let browser: BrowserContext
    let closeBrowser: (() => Promise<void>) | undefined
    beforeAll(async () => {
      ;({ browser, close: closeBrowser } = await launchBrowser())
    }, 60_000)
    afterAll(() => closeBrowser?.())

    it('shows exactly the product names the mock gives for the seed', async () => {
      expect(await namesOnThePage(browser, preview.url)).toEqual(await namesFromTheMock())
    })

    it('with --stateful, shows the names a session of the mock starts with', async () => {
      expect(await namesOnThePage(browser, stateful.url)).toEqual(await namesFromTheMock(true))
    })

    it('with --stateful, remembers a product created from the page in its session, and only there', async () => {
      const page = await browser.newPage()
      await page.goto(`${stateful.url}/products/new`)
      const id = await page.evaluate(createProductFromPage)
      await page.reload()
      const status = (path: string) => page.evaluate(async (url) => (await fetch(url)).status, path)
      expect(await status(`/api/products/${id}`)).toBe(200)
      const { browser: other, close } = await launchBrowser()
      try {
        const fresh = await other.newPage()
        await fresh.goto(stateful.url)
        expect(
          await fresh.evaluate(async (url) => (await fetch(url)).status, `/api/products/${id}`),
        ).toBe(404)
      } finally {
        await close()
      }
    }, 60_000)
  })
})

/** Runs in the page: posts a copy of the first product under a new SKU, returns the new id. */
async function createProductFromPage(): Promise<string> {
  const list = (await (await fetch('/api/products?pageSize=1')).json()) as {
    items: Record<string, unknown>[]
  }
  const {
    id: _id,
    rating: _r,
    reviewCount: _c,
    createdAt: _a,
    updatedAt: _u,
    ...fields
  } = list.items[0] ?? {}
  const response = await fetch('/api/products', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer preview-token' },
    body: JSON.stringify({ ...fields, sku: 'PRV-000042', name: 'Preview Lamp' }),
  })
  if (response.status !== 201)
    throw new Error(`POST /api/products answered ${response.status}: ${await response.text()}`)
  return ((await response.json()) as { id: string }).id
}

// A contract whose server URL gives the mock its path: /v1.
const PETS = `import { createRoute, defineContract, z } from 'standin'
export default defineContract({
  info: { title: 'Pets', version: '1' },
  servers: [{ url: 'https://pets.example.com/v1' }],
  routes: { getPet: createRoute({ method: 'get', path: '/pet', responses: { 200: { description: 'ok', content: { 'application/json': { schema: z.object({ name: z.literal('Rex') }) } } } } }) },
})
`

function builtInto(dir: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(FRONTEND).map(([file, text]) => [`${dir}/${file}`, text]),
  )
}

describe('standin preview on the command line', () => {
  it("prints one line with the URL, serves the mock under the contract's base path, and stops on SIGTERM leaving no files behind", async () => {
    const site = makeTempDir({
      ...builtInto('dist'),
      'package.json': '{ "type": "module" }',
      'api.ts': PETS,
    })
    const tmp = makeTempDir()
    const child = spawn(
      process.execPath,
      [
        join(repoRoot, 'bin/standin.js'),
        'preview',
        '--static',
        'dist',
        '--dev',
        '-p',
        '0',
        '-c',
        'api.ts',
      ],
      {
        cwd: site.dir,
        env: { ...process.env, NO_COLOR: '1', TMPDIR: tmp.dir },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = ''
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString()
          if (out.includes('\n')) resolve(out.split('\n')[0] ?? '')
        })
        child.on('close', (code) => reject(new Error(`exited with ${code}`)))
      })
      expect(line).toMatch(/^Preview of dist on (http:\/\/127\.0\.0\.1:\d+) · mock on \1\/v1$/)
      const url = /on (http:\S+)/.exec(line)?.[1]
      expect(await (await fetch(`${url}/v1/pet`)).json()).toEqual({ name: 'Rex' })
      expect(await (await fetch(`${url}/pets/rex`)).text()).toBe(FRONTEND['index.html'])
    } finally {
      const exited = new Promise((resolve) => child.on('close', resolve))
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
      // The Worker's entry, config and sessions go with it.
      expect(readdirSync(tmp.dir).filter((name) => name.startsWith('standin-preview-'))).toEqual([])
      site.cleanup()
      tmp.cleanup()
    }
  }, 60_000)

  it.each([
    [
      'a missing folder',
      ['--static', '/nonexistent/dist', '--dev'],
      'No folder at /nonexistent/dist.',
    ],
    ['--deploy', ['--static', '.', '--deploy'], 'preview --deploy is not available yet.'],
  ])('refuses %s with one line and exit 2', async (_, args, message) => {
    const result = await runCli(['preview', ...args])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(message)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('refuses a port in use at once, with exit 2', async () => {
    const site = makeTempDir(FRONTEND)
    const busy = createServer()
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve))
    const port = (busy.address() as { port: number }).port
    try {
      const result = await runCli(['preview', '--static', site.dir, '--dev', '-p', String(port)])
      expect([result.code, result.stderr.trim()]).toEqual([
        2,
        `standin: Port ${port} on 127.0.0.1 is in use. Stop the other server or pass --port N.`,
      ])
    } finally {
      busy.close()
      site.cleanup()
    }
  })

  it('refuses a folder without index.html, and an empty one', async () => {
    const empty = makeTempDir()
    const noIndex = makeTempDir({ 'app.js': '' })
    try {
      const results = await Promise.all([
        runCli(['preview', '--static', empty.dir, '--dev']),
        runCli(['preview', '--static', noIndex.dir, '--dev']),
      ])
      expect(results.map((result) => [result.code, result.stderr.trim()])).toEqual([
        [
          2,
          `standin: ${empty.dir} is empty. Build your frontend first, then pass its output folder.`,
        ],
        [
          2,
          `standin: ${noIndex.dir} has no index.html. Pass the folder your frontend's build writes.`,
        ],
      ])
    } finally {
      empty.cleanup()
      noIndex.cleanup()
    }
  })
})

describe('the API path of a preview', () => {
  it.each([
    [undefined, '/', '/api'],
    [undefined, '/v1', '/v1'],
    ['mock/', '/v1', '/mock'],
  ])('is %s asked, with the contract under %s: %s', (asked, contractPath, expected) => {
    expect(previewApiPath(asked, contractPath)).toBe(expected)
  })

  it('is never the root, which the frontend has', () => {
    expect(standinErrorOf(() => previewApiPath('/', '/api'))).toEqual({
      code: 'USAGE',
      message: '--api-path must not be "/": the frontend has the root. Pass a path such as /api.',
    })
  })
})

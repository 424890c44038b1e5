import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { createRequire } from 'node:module'
import { build } from 'esbuild'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ServeProcess, startServe } from '../mock/serve-process.ts'
import { canRunBrowser, launchBrowser } from '../support/browser.ts'
import { repoRoot } from '../support/temp-dir.ts'

const SEED = 23
// No such host: only MSW's Service Worker can answer it.
const API = 'https://api.shop.example.test'
const PRODUCT = '0d9a2c4e-6f1b-4a3c-8e5d-7b9f1a2c3d4e'
const TOKEN = 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl'
const REQUESTS: Array<[string, string, RequestInit]> = [
  ['a product asked as missing', `/products/${PRODUCT}`, { headers: { Prefer: 'code=404' } }],
  ['a list asked with an invalid page size', '/products?pageSize=abc', {}],
  [
    'a new cart',
    '/carts',
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' },
  ],
  ['the orders of a logged-in customer', '/orders', { headers: { authorization: TOKEN } }],
]

interface Answer {
  status: number
  contentType: string | null
  /** The body's bytes, one character each (latin1): equal strings are equal bytes. */
  body: string
}

describe.runIf(canRunBrowser)('standin/msw in Chromium, in MSW’s Service Worker', () => {
  let mock: ServeProcess
  let site: Server
  let browser: BrowserContext
  let closeBrowser: (() => Promise<void>) | undefined
  let page: Page

  beforeAll(async () => {
    let pageUrl: string
    ;[mock, [site, pageUrl], { browser, close: closeBrowser }] = await Promise.all([
      startServe(['--seed', String(SEED), '--quiet']),
      serveSite(),
      launchBrowser(),
    ])
    page = await browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(`${pageUrl}/?seed=${SEED}&api=${encodeURIComponent(API)}`)
    await page.waitForFunction(() => document.body.dataset.state !== undefined)
    const state = await page.evaluate(() => document.body.dataset.state)
    expect(state, errors.join('\n')).toBe('ready')
  })

  afterAll(async () => {
    await closeBrowser?.()
    site?.close()
    await mock?.stop()
  })

  it('renders the products standin serve sends for the same seed', async () => {
    const served = (await (await fetch(`${mock.url}/products?pageSize=3`)).json()) as {
      items: { name: string }[]
    }
    const names = served.items.map((item) => item.name)
    expect(names).toHaveLength(3)
    expect(await page.locator('#products li').allTextContents()).toEqual(names)
  })

  it.each(REQUESTS)(
    'answers %s with the status and bytes of standin serve',
    async (_name, path, init) => {
      const inBrowser = await page.evaluate(fetchInPage, { url: `${API}${path}`, init })
      const served = await fetch(`${mock.url}${path}`, init)
      expect(toAnswer(inBrowser)).toEqual({
        status: served.status,
        contentType: served.headers.get('content-type'),
        body: Buffer.from(await served.arrayBuffer()).toString('latin1'),
      })
    },
  )
})

/** Runs in the page: a fetch the Service Worker answers, its body as byte values. */
async function fetchInPage({ url, init }: { url: string; init: RequestInit }) {
  const response = await fetch(url, init)
  const bytes = Array.from(new Uint8Array(await response.arrayBuffer()))
  return { status: response.status, contentType: response.headers.get('content-type'), bytes }
}

function toAnswer(answer: Awaited<ReturnType<typeof fetchInPage>>): Answer {
  const { bytes, ...rest } = answer
  return { ...rest, body: Buffer.from(bytes).toString('latin1') }
}

/**
 * The test page on a node:http server on 127.0.0.1: its HTML, its script bundled by esbuild for
 * the browser, and MSW's worker script. Returns the page's origin.
 */
async function serveSite(): Promise<[Server, string]> {
  const files = await siteFiles()
  const server = createServer((request, response) => {
    const file = files[new URL(request.url ?? '/', 'http://localhost').pathname]
    if (!file) return response.writeHead(404).end()
    response.writeHead(200, { 'content-type': file.type }).end(file.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  return [server, `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`]
}

async function siteFiles(): Promise<Record<string, { type: string; body: string | Uint8Array }>> {
  const folder = `${repoRoot}tests/e2e/msw-frontend`
  const bundle = await build({
    entryPoints: [`${folder}/main.ts`],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
    // As the published package resolves for a browser: `standin` is its runtime-neutral API.
    alias: {
      standin: `${repoRoot}src/universal.ts`,
      'standin/msw': `${repoRoot}src/msw/index.ts`,
    },
  })
  const js = 'text/javascript; charset=utf-8'
  return {
    '/': { type: 'text/html; charset=utf-8', body: readFileSync(`${folder}/index.html`) },
    '/main.js': { type: js, body: bundle.outputFiles[0]!.contents },
    '/mockServiceWorker.js': {
      type: js,
      body: readFileSync(createRequire(import.meta.url).resolve('msw/mockServiceWorker.js')),
    },
  }
}

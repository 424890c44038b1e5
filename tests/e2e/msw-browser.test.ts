import type { Server } from 'node:http'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ServeProcess, startServe } from '../mock/serve-process.ts'
import { canRunBrowser, launchBrowser } from '../support/browser.ts'
import { mswSiteFiles, serveFiles } from '../support/static-site.ts'

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
    ;[mock, { server: site, url: pageUrl }, { browser, close: closeBrowser }] = await Promise.all([
      startServe(['--seed', String(SEED), '--quiet']),
      mswSiteFiles().then(serveFiles),
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

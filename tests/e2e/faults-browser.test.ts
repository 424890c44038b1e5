import type { Server } from 'node:http'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ServeProcess, startServe } from '../mock/serve-process.ts'
import { canRunBrowser, launchBrowser } from '../support/browser.ts'
import { mswSiteFiles, serveFiles } from '../support/static-site.ts'

const SEED = 5
// No such host: only MSW's Service Worker can answer it.
const API = 'https://api.shop.example.test'
const PATH = '/products?pageSize=2'
// Another URL: a second GET of the held URL would wait behind it in Chromium's HTTP cache (20 s).
const OTHER_PATH = '/products?pageSize=1'
// What standin appends to half the answer for `malformed` (00 ff fe 3c 21 7d 00), as UTF-8 text.
const GARBLE = Buffer.from([0x00, 0xff, 0xfe, 0x3c, 0x21, 0x7d, 0x00])
const FAILED_TO_FETCH = { name: 'TypeError', message: 'Failed to fetch' }
const STATUS_TITLES: Array<[number, string]> = [
  [429, 'Too Many Requests'],
  [500, 'Internal Server Error'],
  [502, 'Bad Gateway'],
  [503, 'Service Unavailable'],
  [504, 'Gateway Timeout'],
]

/** Where a page's requests go, and how the test knows the mock let a held request go. */
interface Target {
  name: string
  page(): Page
  api(): string
  released?(): Promise<void>
}

describe.runIf(canRunBrowser)('Prefer: fault= as a page in Chromium sees it', () => {
  let mock: ServeProcess
  let sites: Server[] = []
  let browser: BrowserContext
  let closeBrowser: (() => Promise<void>) | undefined
  let frontend: Page
  let mswPage: Page
  /** The bytes of the answer the faults are done to, as standin serve sends it unharmed. */
  let served: Buffer

  beforeAll(async () => {
    let mswSite: { url: string; server: Server }
    let frontendSite: { url: string; server: Server }
    ;[mock, mswSite, frontendSite, { browser, close: closeBrowser }] = await Promise.all([
      startServe(['--seed', String(SEED)]),
      mswSiteFiles().then(serveFiles),
      serveFiles({
        '/': { type: 'text/html; charset=utf-8', body: '<!doctype html><title>Shop</title>' },
      }),
      launchBrowser(),
    ])
    sites = [mswSite.server, frontendSite.server]
    served = Buffer.from(await (await fetch(`${mock.url}${PATH}`)).arrayBuffer())
    // The frontend that calls standin serve is a page of its own origin, like a dev server: the MSW
    // page's Service Worker would fetch its requests itself. Cross-origin, the Prefer header makes
    // Chromium send a CORS preflight first, which standin answers.
    ;[frontend, mswPage] = [await browser.newPage(), await browser.newPage()]
    await frontend.goto(frontendSite.url)
    await mswPage.goto(`${mswSite.url}/?seed=${SEED}&api=${encodeURIComponent(API)}`)
    await mswPage.waitForFunction(() => document.body.dataset.state !== undefined)
    expect(await mswPage.evaluate(() => document.body.dataset.state)).toBe('ready')
  })

  afterAll(async () => {
    await closeBrowser?.()
    for (const site of sites) site.close()
    await mock?.stop()
  })

  const targets: Target[] = [
    {
      name: 'standin serve',
      page: () => frontend,
      api: () => mock.url,
      // Its request log has the held request's line once the connection closed.
      released: () => mock.waitFor((out) => out.includes('(fault timeout)')),
    },
    // MSW 2 does not tell a handler that the page gave up: the held answer stays pending there.
    { name: 'standin/msw in MSW’s Service Worker', page: () => mswPage, api: () => API },
  ]

  describe.each(targets)('from $name', (target) => {
    const see = (kind: string, headers: string[] = []) =>
      target.page().evaluate(seeFault, { url: `${target.api()}${PATH}`, kind, headers })

    it.each(['reset', 'empty'])(
      '%s: fetch rejects with TypeError: Failed to fetch',
      async (kind) => {
        expect(await see(kind)).toEqual({ rejected: FAILED_TO_FETCH })
      },
    )

    it('truncated: the status and headers arrive, reading the body rejects with a TypeError', async () => {
      expect(await see('truncated', ['content-length', 'standin-fault'])).toEqual({
        status: 200,
        headers: { 'content-length': String(served.length), 'standin-fault': 'truncated' },
        text: { rejected: FAILED_TO_FETCH },
        json: { rejected: FAILED_TO_FETCH },
      })
    })

    it('malformed: a whole body, half the answer then bytes no parser takes; json() throws a SyntaxError', async () => {
      const half = served.subarray(0, Math.floor(served.length / 2))
      expect(await see('malformed', ['content-type', 'standin-fault'])).toEqual({
        status: 200,
        headers: { 'content-type': 'application/json', 'standin-fault': 'malformed' },
        text: { value: Buffer.concat([half, GARBLE]).toString('utf8') },
        json: {
          rejected: {
            name: 'SyntaxError',
            message: expect.stringMatching(/^Failed to execute 'json' on 'Response': /),
          },
        },
      })
    })

    it.each(STATUS_TITLES)('%i: that status with a problem+json body', async (status, title) => {
      const kind = status === 429 ? 'rate-limited' : 'injected-fault'
      const problem = {
        type: `https://standin.dev/problems/${kind}`,
        title,
        status,
        detail: `standin answered ${status} instead of listProducts, as asked (Prefer: fault=${status}).`,
      }
      const headers = ['content-type', 'preference-applied', 'retry-after', 'standin-fault']
      expect(await see(String(status), headers)).toEqual({
        status,
        headers: {
          'content-type': 'application/problem+json',
          'preference-applied': `fault=${status}`,
          'retry-after': status === 429 || status === 503 ? '1' : null,
          'standin-fault': null,
        },
        text: { value: JSON.stringify(problem) },
        json: { value: problem },
      })
    })

    it('timeout: no answer while another request comes back, then AbortError when the page aborts', async () => {
      const seen = await target.page().evaluate(seeTimeout, {
        url: `${target.api()}${PATH}`,
        other: `${target.api()}${OTHER_PATH}`,
      })
      expect(seen).toEqual({
        pendingWhenAnotherCameBack: true,
        rejected: { name: 'AbortError', message: 'signal is aborted without reason' },
      })
      await target.released?.()
    })
  })
})

type Read = { value: unknown } | { rejected: { name: string; message: string } }

/**
 * Runs in the page: fetches `url` with `Prefer: fault=KIND` and tells what the page saw: the
 * rejection, or the status, the headers asked for, and what `text()` and `json()` made of the body.
 */
async function seeFault({ url, kind, headers }: { url: string; kind: string; headers: string[] }) {
  const rejected = (error: Error) => ({ rejected: { name: error.name, message: error.message } })
  let response: Response
  try {
    response = await fetch(url, { headers: { Prefer: `fault=${kind}` } })
  } catch (error) {
    return rejected(error as Error)
  }
  const copy = response.clone()
  const text: Read = await response.text().then((value) => ({ value }), rejected)
  const json: Read = await copy.json().then((value) => ({ value }), rejected)
  const named = Object.fromEntries(headers.map((name) => [name, response.headers.get(name)]))
  return { status: response.status, headers: named, text, json }
}

/**
 * Runs in the page: asks `url` for `Prefer: fault=timeout`, fetches `other` meanwhile, and when that
 * came back aborts the first; tells whether it was still pending then, and how it failed.
 */
async function seeTimeout({ url, other }: { url: string; other: string }) {
  const controller = new AbortController()
  let settled = false
  const held = fetch(url, { headers: { Prefer: 'fault=timeout' }, signal: controller.signal })
  const done = () => (settled = true)
  held.then(done, done)
  await (await fetch(other)).arrayBuffer()
  const pendingWhenAnotherCameBack = !settled
  controller.abort()
  const outcome = await held.then(
    (response) => ({ status: response.status }),
    (error: Error) => ({ rejected: { name: error.name, message: error.message } }),
  )
  return { pendingWhenAnotherCameBack, ...outcome }
}

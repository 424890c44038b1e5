import type { BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canRunBrowser, launchBrowser, tryItOut } from '../support/browser.ts'
import { type RunningWorker, startWorker } from '../support/worker.ts'

const TOKEN = 'preview-7f3a9c2e'

describe('a private preview on Workers (STANDIN_ACCESS_TOKEN set)', () => {
  let worker: RunningWorker
  beforeAll(async () => {
    worker = await startWorker({ STANDIN_ACCESS_TOKEN: TOKEN })
  }, 120_000)
  afterAll(() => worker?.dispose())

  it('answers a request without the token with a 401 problem', async () => {
    const response = await worker.fetch('/products')
    expect(response.status).toBe(401)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="standin preview"')
    expect(await response.json()).toEqual({
      type: 'https://standin.dev/problems/unauthorized',
      title: 'Unauthorized',
      status: 401,
      detail:
        'This preview is private. Send the access token as "Authorization: Bearer TOKEN" or open the link with ?access_token=TOKEN.',
    })
  })

  it('rejects a wrong token, one character off', async () => {
    const response = await worker.fetch('/products', {
      headers: { Authorization: `Bearer ${TOKEN.slice(0, -1)}x` },
    })
    expect(response.status).toBe(401)
    expect(((await response.json()) as { detail: string }).detail).toBe(
      'The access token is not valid for this preview.',
    )
  })

  it.each([
    ['an Authorization header', '/products?pageSize=1', { Authorization: `Bearer ${TOKEN}` }],
    [
      'an X-Standin-Access-Token header',
      '/products?pageSize=1',
      { 'X-Standin-Access-Token': TOKEN },
    ],
    ['a link with ?access_token=', `/products?pageSize=1&access_token=${TOKEN}`, {}],
  ])('lets a request with the token in %s through', async (_, path, headers) => {
    const response = await worker.fetch(path, { headers })
    expect(response.status).toBe(200)
    expect(((await response.json()) as { items: unknown[] }).items).toHaveLength(1)
  })

  it('answers a CORS preflight without the token', async () => {
    const response = await worker.fetch('/products', {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:5173',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization',
      },
    })
    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
  })

  it('carries the link token on from the docs page to its assets and the OpenAPI document', async () => {
    const page = await (await worker.fetch(`/docs?access_token=${TOKEN}`)).text()
    expect(page).toContain(`src="/docs/assets/swagger-ui-bundle.js?access_token=${TOKEN}"`)
    expect(page).toContain(`"url":"/openapi.json?access_token=${TOKEN}"`)
    expect((await worker.fetch(`/docs/assets/swagger-ui.css?access_token=${TOKEN}`)).status).toBe(
      200,
    )
  })

  describe.runIf(canRunBrowser)('in a real browser', () => {
    let browser: BrowserContext
    let closeBrowser: (() => Promise<void>) | undefined
    beforeAll(async () => {
      ;({ browser, close: closeBrowser } = await launchBrowser())
    })
    afterAll(() => closeBrowser?.())

    it('opens the shared docs link and gets a 200 from "try it"', async () => {
      const page = await browser.newPage()
      const refused: string[] = []
      page.on('response', (response) => {
        if (response.status() === 401) refused.push(response.url())
      })
      await page.goto(`${worker.url}/docs?access_token=${TOKEN}`)
      await page.locator('.opblock').first().waitFor()
      expect(await page.locator('.opblock').count()).toBe(26)
      expect((await tryItOut(page, 'operations-products-listCategories')).status).toBe('200')
      expect(refused).toEqual([])
    })
  })
})

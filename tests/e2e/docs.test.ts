import type { BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ServeProcess, startServe } from '../mock/serve-process.ts'
import { canRunBrowser, launchBrowser, tryItOut } from '../support/browser.ts'

describe.runIf(canRunBrowser)('the /docs page in a real browser', () => {
  let mock: ServeProcess
  let browser: BrowserContext
  let closeBrowser: (() => Promise<void>) | undefined

  beforeAll(async () => {
    mock = await startServe([])
    ;({ browser, close: closeBrowser } = await launchBrowser())
  })

  afterAll(async () => {
    await closeBrowser?.()
    await mock?.stop()
  })

  it('lists every operation and sends a "try it" request to the mock, showing its 200 answer', async () => {
    const page = await browser.newPage()
    const outside: string[] = []
    page.on('request', (request) => {
      if (!request.url().startsWith(mock.url)) outside.push(request.url())
    })
    await page.goto(`${mock.url}/docs`)
    await page.locator('.opblock').first().waitFor()
    expect(await page.locator('.opblock').count()).toBe(26)
    expect(await page.locator('.opblock-summary-path').allInnerTexts()).toContain(
      '/products/{productId}',
    )

    const answer = await tryItOut(page, 'operations-products-listCategories')
    expect(answer.status).toBe('200')
    expect(answer.description).toContain('"children"')

    await mock.waitFor((out) => /^GET \/categories 200 \d+ms$/m.test(out))
    expect(outside).toEqual([])
  })
})

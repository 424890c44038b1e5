import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrowserContext, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ServeProcess, startServe } from '../mock/serve-process.ts'

const CHROMIUM = '/usr/bin/chromium'

// Debian's chromium, offline: no first-run, sync, update or other background traffic.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

describe.runIf(existsSync(CHROMIUM) || process.env.CI)('the /docs page in a real browser', () => {
  let mock: ServeProcess
  let browser: BrowserContext
  const profile = mkdtempSync(join(tmpdir(), 'standin-chromium-'))

  beforeAll(async () => {
    mock = await startServe([])
    // A fresh profile (--user-data-dir) for every run.
    browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS })
  })

  afterAll(async () => {
    await browser?.close()
    await mock?.stop()
    rmSync(profile, { recursive: true, force: true })
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
    expect(await page.locator('.opblock-summary-path').allInnerTexts()).toContain('/products/{productId}')

    const operation = page.locator('#operations-products-listCategories')
    await operation.locator('.opblock-summary').click()
    await operation.getByRole('button', { name: 'Try it out' }).click()
    await operation.getByRole('button', { name: 'Execute' }).click()
    const status = operation.locator('.live-responses-table .response .response-col_status')
    await status.first().waitFor()
    expect((await status.first().innerText()).trim()).toBe('200')
    expect(await operation.locator('.live-responses-table .response .response-col_description').first().innerText()).toContain('"children"')

    await mock.waitFor((out) => /^GET \/categories 200 \d+ms$/m.test(out))
    expect(outside).toEqual([])
  })
})

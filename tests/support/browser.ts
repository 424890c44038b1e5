import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrowserContext, chromium, type Page } from 'playwright-core'

/** Debian's chromium: installed by .ci/run, never downloaded. */
export const CHROMIUM = '/usr/bin/chromium'

/** True where browser tests can run: chromium is installed, or CI (where its absence must fail loudly). */
export const canRunBrowser = existsSync(CHROMIUM) || Boolean(process.env.CI)

// Offline: no first-run, sync, update or other background traffic.
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

/** A headless chromium with a fresh profile; `close` also removes the profile. */
export async function launchBrowser(): Promise<{ browser: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'standin-chromium-'))
  const browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS })
  return {
    browser,
    close: async () => {
      await browser.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

/** In a Swagger UI page: opens an operation, presses "Try it out" and "Execute", and returns the live answer. */
export async function tryItOut(page: Page, operationDomId: string): Promise<{ status: string; description: string }> {
  const operation = page.locator(`#${operationDomId}`)
  await operation.locator('.opblock-summary').click()
  await operation.getByRole('button', { name: 'Try it out' }).click()
  await operation.getByRole('button', { name: 'Execute' }).click()
  const response = operation.locator('.live-responses-table .response')
  await response.locator('.response-col_status').first().waitFor()
  return {
    status: (await response.locator('.response-col_status').first().innerText()).trim(),
    description: await response.locator('.response-col_description').first().innerText(),
  }
}

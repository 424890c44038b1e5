import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrowserContext, chromium } from 'playwright-core'

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

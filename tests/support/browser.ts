import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { canUnpackChromium, unpackBundledChromium } from './bundled-chromium.ts'

/**
 * Which chromium the browser tests drive: `STANDIN_BROWSER=system` (a `chromium` on PATH),
 * `STANDIN_BROWSER=bundled` (the one the `@sparticuz/chromium` devDependency ships), or by default
 * the system one where there is one and the bundled one otherwise.
 */
export type BrowserChoice = 'system' | 'bundled'

/** The system chromium on PATH, if any. */
export function findSystemChromium(path: string = process.env.PATH ?? ''): string | undefined {
  return path
    .split(delimiter)
    .filter((dir) => dir !== '')
    .map((dir) => join(dir, 'chromium'))
    .find(isExecutable)
}

export function chooseBrowser(env: NodeJS.ProcessEnv = process.env): BrowserChoice {
  const asked = env.STANDIN_BROWSER
  if (asked === 'system' || asked === 'bundled') return asked
  if (asked !== undefined && asked !== '') {
    throw new Error(`STANDIN_BROWSER must be "system" or "bundled", got "${asked}".`)
  }
  return findSystemChromium(env.PATH) ? 'system' : 'bundled'
}

/**
 * True where browser tests can run: a chromium is at hand, or CI (where its absence must fail
 * loudly).
 */
export const canRunBrowser =
  findSystemChromium() !== undefined || canUnpackChromium || Boolean(process.env.CI)

// Offline: no first-run, sync, update or other background traffic.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** How to launch the chosen chromium: its executable, and the environment it needs. */
export interface BrowserLaunch {
  executablePath: string
  env: Record<string, string>
}

/** The chosen chromium, unpacking the bundled one on first use. */
export async function browserLaunch(
  choice: BrowserChoice = chooseBrowser(),
): Promise<BrowserLaunch> {
  if (choice === 'bundled') {
    const bundled = await unpackBundledChromium()
    return {
      executablePath: bundled.executablePath,
      env: { ...processEnv(), FONTCONFIG_FILE: bundled.fontconfigFile },
    }
  }
  const system = findSystemChromium()
  if (!system) throw new Error('STANDIN_BROWSER=system, but there is no chromium on PATH.')
  return { executablePath: system, env: processEnv() }
}

/** A headless chromium with a fresh profile; `close` also removes the profile. */
export async function launchBrowser(): Promise<{
  browser: BrowserContext
  close: () => Promise<void>
}> {
  const { executablePath, env } = await browserLaunch()
  const profile = mkdtempSync(join(tmpdir(), 'standin-chromium-'))
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath,
    env,
    args: CHROMIUM_ARGS,
  })
  return {
    browser,
    close: async () => {
      await browser.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

function processEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  )
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/**
 * In a Swagger UI page: opens an operation, presses "Try it out" and "Execute", and returns the
 * live answer.
 */
export async function tryItOut(
  page: Page,
  operationDomId: string,
): Promise<{ status: string; description: string }> {
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

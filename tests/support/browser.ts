import {
  accessSync,
  constants,
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs'
import { randomUUID } from 'node:crypto'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { createBrotliDecompress } from 'node:zlib'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { repoRoot } from './temp-dir.ts'

/**
 * Which chromium the browser tests drive: `STANDIN_BROWSER=system` (a `chromium` on PATH),
 * `STANDIN_BROWSER=bundled` (the one the `@sparticuz/chromium` devDependency ships), or by default the
 * system one where there is one and the bundled one otherwise.
 */
export type BrowserChoice = 'system' | 'bundled'

// Beside, not inside, node_modules/.cache/standin: the command prunes old bundles from there.
const BROWSER_CACHE = join(repoRoot, 'node_modules/.cache/standin-chromium')
const BUNDLED_PLATFORM = process.platform === 'linux' && process.arch === 'x64'

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

/** True where browser tests can run: a chromium is at hand, or CI (where its absence must fail loudly). */
export const canRunBrowser = findSystemChromium() !== undefined || BUNDLED_PLATFORM || Boolean(process.env.CI)

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

/** The chromium executable the tests launch, unpacking the bundled one on first use. */
export async function browserExecutable(choice: BrowserChoice = chooseBrowser()): Promise<string> {
  if (choice === 'bundled') return unpackBundledChromium()
  const system = findSystemChromium()
  if (!system) throw new Error('STANDIN_BROWSER=system, but there is no chromium on PATH.')
  return system
}

/** A headless chromium with a fresh profile; `close` also removes the profile. */
export async function launchBrowser(): Promise<{ browser: BrowserContext; close: () => Promise<void> }> {
  const executablePath = await browserExecutable()
  const profile = mkdtempSync(join(tmpdir(), 'standin-chromium-'))
  const browser = await chromium.launchPersistentContext(profile, { executablePath, args: CHROMIUM_ARGS })
  return {
    browser,
    close: async () => {
      await browser.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

/**
 * The `@sparticuz/chromium` binary, brotli-compressed in the package, unpacked once per version into
 * node_modules/.cache/standin-chromium. Each process writes its own partial file and renames it into
 * place, so test files launching at once never see a half-written binary (the package's own unpacker
 * writes to a shared /tmp/chromium in place).
 */
export async function unpackBundledChromium(cacheDir: string = BROWSER_CACHE): Promise<string> {
  if (!BUNDLED_PLATFORM) throw new Error('@sparticuz/chromium ships a linux-x64 chromium only; install chromium on PATH.')
  const { version, compressed } = bundledChromiumPackage()
  const target = join(cacheDir, `chromium-${version}`, 'chromium')
  if (existsSync(target)) return target
  mkdirSync(dirname(target), { recursive: true })
  const partial = `${target}.${randomUUID()}.partial`
  try {
    await pipeline(createReadStream(compressed), createBrotliDecompress(), createWriteStream(partial, { mode: 0o755 }))
    renameSync(partial, target)
  } finally {
    rmSync(partial, { force: true })
  }
  return target
}

function bundledChromiumPackage(): { version: string; compressed: string } {
  const entry = createRequire(import.meta.url).resolve('@sparticuz/chromium')
  const root = join(dirname(entry), '..')
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
  return { version, compressed: join(root, 'bin/chromium.br') }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK)
    return true
  } catch {
    return false
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

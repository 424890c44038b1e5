import { readdirSync, statSync } from 'node:fs'
import { chromium } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { CHROMIUM_ARGS, chooseBrowser, findSystemChromium, unpackBundledChromium } from '../support/browser.ts'
import { makeTempDir } from '../support/temp-dir.ts'

const path = makeTempDir({ 'bin/chromium': '' })
afterAll(path.cleanup)

describe('the chromium the browser tests drive', () => {
  it('is the one STANDIN_BROWSER names, whatever is on PATH', () => {
    expect(chooseBrowser({ STANDIN_BROWSER: 'bundled', PATH: '/usr/bin' })).toBe('bundled')
    expect(chooseBrowser({ STANDIN_BROWSER: 'system', PATH: '' })).toBe('system')
  })

  it('is the bundled one when no chromium is on PATH', () => {
    expect(findSystemChromium(path.dir)).toBeUndefined()
    expect(chooseBrowser({ PATH: path.dir })).toBe('bundled')
  })

  it('refuses a STANDIN_BROWSER it does not know', () => {
    expect(() => chooseBrowser({ STANDIN_BROWSER: 'firefox' })).toThrow(
      'STANDIN_BROWSER must be "system" or "bundled", got "firefox".',
    )
  })
})

describe.runIf(process.platform === 'linux' && process.arch === 'x64')('the bundled chromium', () => {
  const cache = makeTempDir()
  afterAll(cache.cleanup)

  it('leaves one complete binary when two launches unpack it at the same time', async () => {
    const [first, second] = await Promise.all([unpackBundledChromium(cache.dir), unpackBundledChromium(cache.dir)])
    expect(second).toBe(first)
    const [versionDir] = readdirSync(cache.dir)
    expect(readdirSync(`${cache.dir}/${versionDir}`)).toEqual(['chromium'])
    expect(statSync(first as string).mode & 0o111).not.toBe(0)
    const browser = await chromium.launch({ executablePath: first, args: CHROMIUM_ARGS })
    expect(browser.version()).toMatch(/^\d+\.\d+\.\d+\.\d+$/)
    await browser.close()
  })
})

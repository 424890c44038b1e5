import { readdirSync } from 'node:fs'
import { chromium, type Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { CHROMIUM_ARGS, chooseBrowser, findSystemChromium } from '../support/browser.ts'
import { canUnpackChromium, unpackBundledChromium } from '../support/bundled-chromium.ts'
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

describe.runIf(canUnpackChromium)('the bundled chromium', () => {
  const cache = makeTempDir()
  afterAll(cache.cleanup)

  it('unpacks into one complete folder when two launches ask at the same time, and renders text in its own fonts', async () => {
    const [first, second] = await Promise.all([
      unpackBundledChromium(cache.dir),
      unpackBundledChromium(cache.dir),
    ])
    expect(second).toEqual(first)
    expect(readdirSync(cache.dir)).toEqual(['chromium-153.0.0'])
    const fonts = { FONTCONFIG_FILE: first.fontconfigFile }
    const browser = await chromium.launch({
      executablePath: first.executablePath,
      args: CHROMIUM_ARGS,
      env: fonts,
    })
    const page = await browser.newPage()
    await page.setContent('<p style="font-family: sans-serif">Docs</p>')
    expect(await platformFonts(page, 'p')).toEqual([{ familyName: 'Open Sans', glyphCount: 4 }])
    await browser.close()
  })
})

/** The fonts chromium drew an element's text with (DevTools' "Rendered Fonts"). */
async function platformFonts(
  page: Page,
  selector: string,
): Promise<Array<{ familyName: string; glyphCount: number }>> {
  const devtools = await page.context().newCDPSession(page)
  const { root } = await devtools.send('DOM.getDocument')
  const { nodeId } = await devtools.send('DOM.querySelector', { nodeId: root.nodeId, selector })
  await devtools.send('CSS.enable')
  const { fonts } = await devtools.send('CSS.getPlatformFontsForNode', { nodeId })
  return fonts.map(({ familyName, glyphCount }) => ({ familyName, glyphCount }))
}

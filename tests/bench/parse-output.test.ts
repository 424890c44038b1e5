import { describe, expect, it } from 'vitest'
import { parseWranglerUpload, wranglerFailure } from '../../bench/bundle.ts'
import { parseProcStatus } from '../../bench/server-process.ts'

describe('parseWranglerUpload', () => {
  it('reads the total and gzipped size from wrangler deploy --dry-run, colours and all', () => {
    const output =
      'Your Worker has access to the following bindings:\n\u001b[2mTotal Upload: 1383.45 KiB / gzip: 306.12 KiB\u001b[22m\n--dry-run: exiting now.'
    expect(parseWranglerUpload(output)).toEqual({
      kind: 'measured',
      totalKiB: 1383.45,
      gzipKiB: 306.12,
    })
  })

  it('gives undefined when wrangler printed no size', () => {
    expect(parseWranglerUpload('✘ [ERROR] Could not resolve "src/worker.ts"')).toBeUndefined()
  })
})

describe('wranglerFailure', () => {
  it('names the first bundling error and how many followed', () => {
    const output = [
      '\u001b[31m✘ \u001b[41;31m[\u001b[41;97mERROR\u001b[41;31m]\u001b[0m \u001b[1mCould not resolve "fs"\u001b[0m',
      '    The package "fs" wasn\'t found on the file system but is built into node.',
      '✘ [ERROR] Could not resolve "os"',
      '🪵  Logs were written to "/root/.config/.wrangler/logs/wrangler.log"',
    ].join('\n')
    expect(wranglerFailure(output)).toBe(
      'wrangler: [ERROR] Could not resolve "fs" (and 1 more errors)',
    )
  })
})

describe('parseProcStatus', () => {
  it('reads resident and peak memory in MiB', () => {
    const status = 'Name:\tnode\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\nThreads:\t11\n'
    expect(parseProcStatus(status)).toEqual({ rssMiB: 100, peakMiB: 200 })
  })

  it('gives undefined for a process without memory figures', () => {
    expect(parseProcStatus('Name:\tkthreadd\nState:\tS (sleeping)\n')).toBeUndefined()
  })
})

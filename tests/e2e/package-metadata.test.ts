import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot } from '../support/temp-dir.ts'

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Record<
  string,
  unknown
>

describe('what the package tells npm about itself', () => {
  it('names the repository, its home page, where to report bugs and what to search it by', () => {
    expect(manifest.repository).toEqual({
      type: 'git',
      url: 'git+https://github.com/standin-dev/standin.git',
    })
    expect(manifest.homepage).toBe('https://github.com/standin-dev/standin#readme')
    expect(manifest.bugs).toEqual({ url: 'https://github.com/standin-dev/standin/issues' })
    expect(manifest.keywords).toEqual([
      'openapi',
      'mock',
      'mock-server',
      'contract-testing',
      'api',
      'zod',
      'hono',
      'cloudflare-workers',
      'prism',
      'typescript',
    ])
  })

  // That the tarball carries LICENSE is checked where the package is packed once:
  // tests/e2e/package.test.ts.
  it('is MIT licensed, with the license text beside it', () => {
    expect(manifest.license).toBe('MIT')
    const license = readFileSync(join(repoRoot, 'LICENSE'), 'utf8')
    expect(license.split('\n').slice(0, 3)).toEqual([
      'MIT License',
      '',
      'Copyright (c) 2026 the standin authors',
    ])
  })
})

import { execFileSync } from 'node:child_process'
import { afterAll, describe, expect, it } from 'vitest'
import { makeTempDir, repoRoot } from '../support/temp-dir.ts'

/** What Cloudflare would receive, gzipped: the budget a deploy must stay under. */
const BUDGET_KIB = 400

const out = makeTempDir()
afterAll(out.cleanup)

function dryRunDeploy(): string {
  return execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', out.dir], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

describe('the Worker bundle', () => {
  it(`stays under ${BUDGET_KIB} KiB gzipped`, () => {
    const output = dryRunDeploy()
    const match = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(output)
    expect(match, output).not.toBeNull()
    const gzipKiB = Number(match?.[2])
    expect(gzipKiB).toBeGreaterThan(50)
    expect(gzipKiB).toBeLessThanOrEqual(BUDGET_KIB)
  }, 120_000)
})

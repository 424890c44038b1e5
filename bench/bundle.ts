import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** The Workers bundle as `wrangler deploy --dry-run` reports it, or why it was not measured. */
export type BundleResult =
  | { kind: 'measured'; totalKiB: number; gzipKiB: number }
  | { kind: 'not-available'; reason: string }
  | { kind: 'failed'; reason: string }

/**
 * Bundles the Worker without an account (`wrangler deploy --dry-run --outdir TMP`) and reads the
 * sizes.
 *
 * @example
 * const bundle = await measureWorkerBundle(repoRoot) // { kind: 'measured', totalKiB: 1383.2, gzipKiB: 306.1 }
 */
export async function measureWorkerBundle(root: string): Promise<BundleResult> {
  const missing = ['src/worker.ts', 'wrangler.toml'].filter((file) => !existsSync(join(root, file)))
  if (missing.length > 0)
    return { kind: 'not-available', reason: `not available yet (${missing.join(' and ')} missing)` }
  const outdir = mkdtempSync(join(tmpdir(), 'standin-bench-worker-'))
  try {
    const wrangler = join(root, 'node_modules', 'wrangler', 'bin', 'wrangler.js')
    const { stdout, stderr } = await run(
      process.execPath,
      [wrangler, 'deploy', '--dry-run', '--outdir', outdir],
      {
        cwd: root,
        timeout: 180_000,
        env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' },
      },
    )
    return (
      parseWranglerUpload(`${stdout}\n${stderr}`) ?? {
        kind: 'failed',
        reason: 'wrangler printed no "Total Upload" line',
      }
    )
  } catch (error) {
    const text = `${(error as { stdout?: string }).stdout ?? ''}\n${(error as { stderr?: string }).stderr ?? ''}`
    return {
      kind: 'failed',
      reason: wranglerFailure(text) ?? (error instanceof Error ? error.message : String(error)),
    }
  } finally {
    rmSync(outdir, { recursive: true, force: true })
  }
}

/** Reads `Total Upload: 1383.45 KiB / gzip: 306.12 KiB` out of wrangler's output. */
export function parseWranglerUpload(text: string): BundleResult | undefined {
  const match = /Total Upload:\s*([\d.]+)\s*KiB\s*\/\s*gzip:\s*([\d.]+)\s*KiB/.exec(
    stripColours(text),
  )
  if (!match) return undefined
  return { kind: 'measured', totalKiB: Number(match[1]), gzipKiB: Number(match[2]) }
}

/** wrangler's first `[ERROR]` line (and how many more there were), else its last line. */
export function wranglerFailure(text: string): string | undefined {
  const lines = stripColours(text)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
  const errors = lines.filter((line) => line.includes('[ERROR]'))
  const first = errors[0]?.replace(/^✘\s*/, '')
  if (first)
    return errors.length > 1
      ? `wrangler: ${first} (and ${errors.length - 1} more errors)`
      : `wrangler: ${first}`
  return lines.at(-1)
}

/** wrangler colours its output when it thinks it writes to a terminal. */
function stripColours(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, '')
}

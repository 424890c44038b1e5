import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** What bench/fake.ts (fake data objects per second) printed, or why it did not run. */
export type FakeThroughput =
  | { kind: 'ran'; output: string }
  | { kind: 'not-available'; reason: string }
  | { kind: 'failed'; reason: string }

/**
 * Runs the fake-data benchmark in its own process (it owns its method and output) and keeps what it
 * printed.
 *
 * @example
 * const fake = await runFakeThroughput(repoRoot) // { kind: 'ran', output: 'Product: 41,200 objects/s …' }
 */
export async function runFakeThroughput(root: string): Promise<FakeThroughput> {
  const script = join(root, 'bench', 'fake.ts')
  if (!existsSync(script))
    return { kind: 'not-available', reason: 'not available yet (bench/fake.ts missing)' }
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', script], {
      cwd: root,
      timeout: 180_000,
    })
    return { kind: 'ran', output: stdout.trim() }
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim()
    return {
      kind: 'failed',
      reason:
        (stderr || (error instanceof Error ? error.message : String(error))).split('\n')[0] ?? '',
    }
  }
}

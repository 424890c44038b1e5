import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Absolute path of the repository root. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url))

/** The library entry as an absolute path, for files written outside the repository. */
export const standinEntry = join(repoRoot, 'src/index.ts')

/** A fresh temporary directory with the given files; remove it with the returned cleanup. */
export function makeTempDir(files: Record<string, string> = {}): {
  dir: string
  cleanup: () => void
} {
  const dir = mkdtempSync(join(tmpdir(), 'standin-test-'))
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true })
    writeFileSync(join(dir, name), content)
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

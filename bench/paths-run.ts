// Only the paths step: `node --import tsx bench/paths-run.ts [id…]` (ids from bench/paths.ts, all
// when none). Prints one line per path with its ratio to bare node:http and its verdict; writes
// nothing. BENCH_DURATION, BENCH_WARMUP, BENCH_CONNECTIONS and BENCH_SEED apply.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readBenchConfig } from './config.ts'
import { currentLoad } from './machine.ts'
import { measurePaths, PATH_WORKLOADS, type PathId } from './paths.ts'

const log = (line: string) => process.stderr.write(`${line}\n`)
const known = new Set<string>(PATH_WORKLOADS.map((workload) => workload.id))
const asked = process.argv.slice(2)
const unknown = asked.filter((id) => !known.has(id))
if (unknown.length > 0) {
  log(`unknown path ids: ${unknown.join(', ')}; known: ${[...known].join(', ')}`)
  process.exit(2)
}
const config = readBenchConfig()
const workDir = mkdtempSync(join(tmpdir(), 'standin-paths-'))
log(`paths step: 1-minute load average ${currentLoad()}`)
try {
  await measurePaths(config, workDir, log, asked.length > 0 ? (asked as PathId[]) : undefined)
} finally {
  rmSync(workDir, { recursive: true, force: true })
}

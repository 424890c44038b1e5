// Only the paths step: `node --import tsx bench/paths-run.ts [id…]` (ids from bench/paths.ts, all
// when none). Prints one line per path with its ratio to bare node:http and its verdict; writes
// nothing. A path that misses its goals is profiled and its top functions printed (BENCH_PROFILE=never
// skips it, =always profiles every path). BENCH_DURATION, BENCH_WARMUP, BENCH_CONNECTIONS and
// BENCH_SEED apply.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readBenchConfig } from './config.ts'
import { currentLoad } from './machine.ts'
import { measurePaths, PATH_WORKLOADS, type PathId, profilePath, shortfallOf } from './paths.ts'

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
  const rows = await measurePaths(
    config,
    workDir,
    log,
    asked.length > 0 ? (asked as PathId[]) : undefined,
  )
  if (config.profile !== 'never')
    for (const row of rows) {
      const reason = config.profile === 'always' ? 'on request' : shortfallOf(row)
      if (reason === undefined) continue
      const report = await profilePath(row.workload, reason, config, workDir)
      log(`profile of ${row.workload.id} (${reason}):`)
      for (const entry of report.summary?.functions.slice(0, 8) ?? [])
        log(`  ${entry.percent}%  ${entry.name}  ${entry.location}`)
      if (report.failure) log(`  no profile: ${report.failure}`)
    }
} finally {
  rmSync(workDir, { recursive: true, force: true })
}

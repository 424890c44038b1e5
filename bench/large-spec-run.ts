// Only the large-document step of `npm run bench`: `node --import tsx bench/large-spec-run.ts`.
// Prints the BENCHMARKS.md section and the target verdict; writes nothing. BENCH_STARTUP_RUNS sets
// the starts.
import { readBenchConfig } from './config.ts'
import { measureLargeSpec } from './large-spec.ts'
import { largeSpecSection } from './report.ts'
import { largeSpecTarget } from './targets.ts'

const log = (line: string) => process.stderr.write(`${line}\n`)
const result = await measureLargeSpec(readBenchConfig().startupRuns, log)
const target = largeSpecTarget(result)
const verdict =
  target.pass === undefined ? 'not measured' : target.pass ? 'PASS' : `MISS (${target.shortfall})`
process.stdout.write(
  `${largeSpecSection(result, undefined).join('\n')}\n${verdict}  ${target.label}: ${target.measured}, goal ${target.goal}\n`,
)

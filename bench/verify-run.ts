// Only the verify step of `npm run bench`: `node --import tsx bench/verify-run.ts`. Prints the
// BENCHMARKS.md section, the README line and the target verdict; writes nothing. BENCH_VERIFY_RUNS
// sets the runs.
import { readBenchConfig } from './config.ts'
import { currentLoad } from './machine.ts'
import { verifySection, verifySummary } from './report.ts'
import { verifyTarget } from './targets.ts'
import { measureVerify } from './verify-backends.ts'

const log = (line: string) => process.stderr.write(`${line}\n`)
const { verifyRuns } = readBenchConfig()
log(`verify step: 1-minute load average ${currentLoad()}`)
const backends = await measureVerify(verifyRuns, log)
const target = verifyTarget(backends)
const verdict =
  target.pass === undefined ? 'not measured' : target.pass ? 'PASS' : `MISS (${target.shortfall})`
const text = [...verifySection(backends, verifyRuns), ...verifySummary(backends, verifyRuns)].join(
  '\n',
)
process.stdout.write(
  `${text}\n${verdict}  ${target.label}: ${target.measured}, goal ${target.goal}\n`,
)

// `npm run bench:soak`: the soak of bench/soak.ts with its report on stderr; writes nothing. Not part
// of `npm run bench` (five minutes by default). SOAK_SECONDS, SOAK_SESSIONS, SOAK_CONNECTIONS,
// SOAK_BIG_SHARE, SOAK_MAX_STATE_BYTES, SOAK_PROFILE, BENCH_SEED and BENCH_PORTS apply.
import { currentLoad } from './machine.ts'
import { readSoakOptions, runSoak } from './soak.ts'
import { describeSoak } from './soak-report.ts'

const log = (line: string) => process.stderr.write(`${line}\n`)

process.once('SIGINT', () => process.exit(130))
process.once('SIGTERM', () => process.exit(143))
const options = readSoakOptions()
log(`soak: 1-minute load average ${currentLoad()}`)
const result = await runSoak(options, log)
log('')
for (const line of describeSoak(result)) log(line)
log(`soak: 1-minute load average ${currentLoad()} at the end`)

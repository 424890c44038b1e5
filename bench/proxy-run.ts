// Only the proxy step: `node --import tsx bench/proxy-run.ts`. Prints one line per workload with the
// proxy's p50 latency as a ratio to the backend's own; writes nothing. BENCH_DURATION, BENCH_WARMUP
// and BENCH_CONNECTIONS apply.
import { readBenchConfig } from './config.ts'
import { currentLoad } from './machine.ts'
import { measureProxyOverhead } from './proxy-overhead.ts'

const log = (line: string) => process.stderr.write(`${line}\n`)
log(`proxy step: 1-minute load average ${currentLoad()}`)
await measureProxyOverhead(readBenchConfig(), log)

// `npm run bench`: standin against bare node:http (the physical limit) and Stoplight Prism, in one
// run, then `standin verify` against the reference backends. Writes BENCHMARKS.md and the summary
// block of README.md. Settings: see bench/config.ts (BENCH_*).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { measureWorkerBundle } from './bundle.ts'
import { type BenchConfig, formatBenchCommand, readBenchConfig } from './config.ts'
import { runFakeThroughput } from './fake-throughput.ts'
import { type LargeSpecResult, measureLargeSpec } from './large-spec.ts'
import { currentLoad, describeMachine, packageVersion } from './machine.ts'
import { type Contender, measureStartup, measureWorkloads } from './measure.ts'
import { buildNotes } from './notes.ts'
import {
  measurePaths,
  type PathMeasurement,
  pathsTable,
  profilePath,
  STORED_PRODUCTS,
  shortfallOf,
} from './paths.ts'
import { installPrism, type PrismInstall, prismSpec } from './prism.ts'
import {
  measureProxyOverhead,
  PROXY_CONNECTIONS,
  PROXY_RATE,
  type ProxyMeasurement,
  proxyTable,
} from './proxy-overhead.ts'
import { profileStandin, type ProfileTopic } from './profile-run.ts'
import { renderBenchmarks, renderReadmeSummary, replaceBetweenMarkers } from './report.ts'
import type { BenchResults, ProfileReport, ServerInfo } from './results.ts'
import {
  findUncachedFlag,
  probeStandinServe,
  repoRoot,
  standinSpec,
  writeOpenAPI,
} from './specs.ts'
import { evaluateTargets, type TargetResult } from './targets.ts'
import { measureVerify } from './verify-backends.ts'
import { WORKLOADS } from './workloads.ts'

const log = (line: string) => process.stderr.write(`${line}\n`)

/** What is there to compare before anything is measured. */
interface Lineup {
  contenders: Contender[]
  missing: ServerInfo[]
  uncachedFlag?: string
  prism?: PrismInstall
}

async function main(): Promise<void> {
  const config = readBenchConfig()
  const workDir = mkdtempSync(join(tmpdir(), 'standin-bench-'))
  let keepWorkDir = false
  try {
    const results = await measureEverything(config, workDir)
    log(
      'paths: stateful reads, never-cached answers and creates (bench/paths-run.ts runs it alone)',
    )
    const paths = await measurePaths(config, workDir, log)
    log('proxy: standin proxy in front of the reference backend (bench/proxy-run.ts runs it alone)')
    const proxy = await measureProxyOverhead(config, log)
    const targets = evaluateTargets(results)
    results.profiles = [
      ...(await runProfiles(config, targets, workDir)),
      ...(await runPathProfiles(config, paths, workDir)),
    ]
    keepWorkDir = results.profiles.some((profile) => profile.summary)
    results.bundle = await measureWorkerBundle(repoRoot)
    results.fake = await runFakeThroughput(repoRoot)
    results.machine.loadAverage.end = currentLoad()
    if (results.bundle.kind === 'measured')
      results.versions.wrangler = packageVersion(join(repoRoot, 'node_modules', 'wrangler')) ?? '?'
    writeReports(results, targets, config, paths, proxy)
    printTargets(targets)
    if (keepWorkDir) log(`CPU profiles kept in ${workDir}`)
  } finally {
    if (!keepWorkDir) rmSync(workDir, { recursive: true, force: true })
  }
}

async function measureEverything(config: BenchConfig, workDir: string): Promise<BenchResults> {
  const machine = describeMachine()
  log(
    `standin benchmark: ${machine.cpu}, ${machine.cores} cores, load average ${machine.loadAverage.start}`,
  )
  const lineup = await prepareLineup(config, workDir)
  const timed = lineup.contenders.filter((contender) => contender.id !== 'standin-uncached')
  const startup = await measureStartup(timed, config.startupRuns, log)
  const phase = await measureWorkloads(lineup.contenders, workDir, config, log)
  const largeSpec = await measureLargeDocument(config, lineup)
  const verify = await measureVerify(config.verifyRuns, log)
  const results: BenchResults = {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    command: formatBenchCommand(config),
    config,
    machine,
    versions: versionsOf(lineup.prism),
    servers: [...phase.servers, ...lineup.missing],
    measurements: phase.measurements,
    startup,
    bundle: { kind: 'not-available', reason: 'not measured yet' },
    fake: { kind: 'not-available', reason: 'not run yet' },
    largeSpec,
    verify,
    profiles: [],
    notes: [],
  }
  results.notes = buildNotes(results, {
    bodySource: phase.bodySource,
    uncachedFlag: lineup.uncachedFlag,
    standinRuns: lineup.contenders.some((c) => c.id === 'standin'),
  })
  return results
}

/** `standin serve --spec` on GitHub's REST API description, when `standin serve` exists at all. */
async function measureLargeDocument(config: BenchConfig, lineup: Lineup): Promise<LargeSpecResult> {
  const standin = lineup.missing.find((server) => server.id === 'standin')
  if (standin)
    return {
      kind: 'not-available',
      reason: `standin serve is not measured (${standin.missing ?? ''})`,
    }
  return measureLargeSpec(config.startupRuns, log)
}

async function prepareLineup(config: BenchConfig, workDir: string): Promise<Lineup> {
  const lineup: Lineup = { contenders: [], missing: [] }
  const standin = await probeStandinServe()
  if (standin.ok) {
    lineup.contenders.push({ id: 'standin', spec: standinSpec({ seed: config.seed }) })
    lineup.uncachedFlag = findUncachedFlag(standin.help)
    if (lineup.uncachedFlag) {
      const spec = standinSpec({
        seed: config.seed,
        label: `standin ${lineup.uncachedFlag}`,
        serveFlags: [lineup.uncachedFlag],
      })
      lineup.contenders.push({ id: 'standin-uncached', spec })
    }
  } else {
    lineup.missing.push({ id: 'standin', label: 'standin serve', missing: standin.reason })
  }
  await addPrism(lineup, config, workDir)
  return lineup
}

async function addPrism(lineup: Lineup, config: BenchConfig, workDir: string): Promise<void> {
  try {
    log(
      `installing @stoplight/prism-cli@${config.prismVersion} outside the repository (reused when already there)`,
    )
    lineup.prism = await installPrism(config.prismVersion)
    const openapi = join(workDir, 'openapi.json')
    await writeOpenAPI(openapi)
    lineup.contenders.push({ id: 'prism', spec: prismSpec(lineup.prism, openapi, config.seed) })
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''
    lineup.missing.push({ id: 'prism', label: `Prism ${config.prismVersion}`, missing: reason })
  }
}

async function runProfiles(
  config: BenchConfig,
  targets: TargetResult[],
  workDir: string,
): Promise<ProfileReport[]> {
  const reports: ProfileReport[] = []
  for (const { topic, reason } of profileTopics(config, targets)) {
    log(`profiling standin: ${topic}`)
    const report = await profileStandin(topic, reason, {
      seed: config.seed,
      dir: workDir,
      load: config,
    }).catch(
      (error: unknown): ProfileReport => ({
        workload: topic,
        reason,
        failure: error instanceof Error ? error.message.split('\n')[0] : String(error),
      }),
    )
    reports.push(report)
  }
  return reports
}

/** Profiles each path that missed its goals (every path with BENCH_PROFILE=always). */
async function runPathProfiles(
  config: BenchConfig,
  paths: readonly PathMeasurement[],
  workDir: string,
): Promise<ProfileReport[]> {
  if (config.profile === 'never') return []
  const reports: ProfileReport[] = []
  for (const row of paths) {
    const reason =
      config.profile === 'always' ? 'Profiled on request (BENCH_PROFILE=always).' : shortfallOf(row)
    if (reason === undefined) continue
    log(`profiling standin: ${row.workload.id}`)
    reports.push(
      await profilePath(row.workload, reason, config, workDir).catch(
        (error: unknown): ProfileReport => ({
          workload: row.workload.id,
          title: row.workload.title,
          reason,
          failure: error instanceof Error ? error.message.split('\n')[0] : String(error),
        }),
      ),
    )
  }
  return reports
}

/**
 * Profile what missed (memory aside: a CPU profile does not explain it), or everything on request.
 */
function profileTopics(
  config: BenchConfig,
  targets: TargetResult[],
): { topic: ProfileTopic; reason: string }[] {
  if (config.profile === 'never' || targets.length === 0) return []
  const topics: ProfileTopic[] = [...WORKLOADS.map((workload) => workload.id), 'startup']
  if (config.profile === 'always')
    return topics.map((topic) => ({ topic, reason: 'Profiled on request (BENCH_PROFILE=always).' }))
  return topics.flatMap((topic) => {
    const missed = targets.filter((target) => target.topic === topic && target.pass === false)
    if (missed.length === 0) return []
    return [
      {
        topic,
        reason: `Missed: ${missed.map((target) => `${target.label} (${target.shortfall})`).join('; ')}.`,
      },
    ]
  })
}

function versionsOf(prism: PrismInstall | undefined): Record<string, string> {
  const versions: Record<string, string> = {
    node: process.versions.node,
    standin: packageVersion(repoRoot) ?? '?',
    autocannon: packageVersion(join(repoRoot, 'node_modules', 'autocannon')) ?? '?',
  }
  if (prism) versions['@stoplight/prism-cli'] = prism.version
  return versions
}

function writeReports(
  results: BenchResults,
  targets: TargetResult[],
  config: BenchConfig,
  paths: readonly PathMeasurement[],
  proxy: readonly ProxyMeasurement[],
): void {
  const table = pathsTable(paths).join('\n')
  const proxySection = `\n## standin proxy in front of a backend\n\nThe reference shop backend alone, and \`standin proxy\` in front of it (every answer checked against the contract), loaded with the same requests in this run: p50 latency at a fixed ${PROXY_RATE} req/s over ${PROXY_CONNECTIONS} connections (the time the proxy adds, not a queue), and each server's req/s at full load (\`node --import tsx bench/proxy-run.ts\` runs this step alone).\n\n${proxyTable(proxy).join('\n')}\n`
  const pathsSection = `\n## The paths a mock serves\n\nRatios to bare node:http sending the same bytes, measured in this run (\`npm run bench:paths\` runs this step alone). \`--stateful\` is what \`npm start\` runs: one session stores ${STORED_PRODUCTS} products, then the load reads them with that session's header.\n\n${table}\n`
  writeFileSync(
    join(repoRoot, 'BENCHMARKS.md'),
    `${renderBenchmarks(results, targets).trimEnd()}\n${pathsSection}${proxySection}`,
  )
  log('wrote BENCHMARKS.md')
  if (!config.updateReadme) return
  const readmeFile = join(repoRoot, 'README.md')
  const updated = replaceBetweenMarkers(
    readFileSync(readmeFile, 'utf8'),
    `Paths (\`npm start\` is \`--stateful\`), as ratios to bare node:http in the same run:\n\n${table}\n\n\`standin proxy\` in front of the reference backend, as ratios to the backend alone in the same run:\n\n${proxyTable(proxy).join('\n')}\n\nThe same URL again and again (the response cache):\n\n${renderReadmeSummary(results, targets)}`,
  )
  if (updated === undefined)
    log('README.md has no bench:summary markers; its summary was not updated')
  else writeFileSync(readmeFile, updated)
}

function printTargets(targets: TargetResult[]): void {
  for (const target of targets) {
    const verdict =
      target.pass === undefined
        ? 'not measured'
        : target.pass
          ? 'PASS'
          : `MISS (${target.shortfall})`
    log(
      `${verdict.padEnd(5)}  ${target.label}: ${target.measured} ${target.detail ? `(${target.detail}) ` : ''}goal ${target.goal}`,
    )
  }
}

process.once('SIGINT', () => process.exit(130))
process.once('SIGTERM', () => process.exit(143))
await main()

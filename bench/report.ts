import type { BundleResult } from './bundle.ts'
import type { ProfileRow } from './cpu-profile.ts'
import type { FakeThroughput } from './fake-throughput.ts'
import type { LargeSpecResult } from './large-spec.ts'
import { type LoadResult, REQUEST_TIMEOUT_SECONDS } from './load.ts'
import {
  type BenchResults,
  findMeasurement,
  type Measurement,
  median,
  type ProfileReport,
  type ServerId,
} from './results.ts'
import { formatCount, formatFigure, formatRatio, type TargetResult } from './targets.ts'
import { bugsLabel, type VerifiedBackend, verifyFigures } from './verify-figures.ts'
import { WORKLOADS, type Workload } from './workloads.ts'

const SERVER_ORDER: ServerId[] = ['bare', 'standin', 'standin-uncached', 'prism']

/** Where the README's summary goes; the lines between the markers are replaced, nothing else. */
export const README_MARKERS = {
  start: '<!-- bench:summary:start -->',
  end: '<!-- bench:summary:end -->',
}

/**
 * BENCHMARKS.md: the setup, the targets, every figure of the run, and what the profiler found.
 *
 * @example
 * writeFileSync('BENCHMARKS.md', renderBenchmarks(results, evaluateTargets(results)))
 */
export function renderBenchmarks(results: BenchResults, targets: TargetResult[]): string {
  return [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` on ${results.date}. Every comparison is a ratio between servers measured in the same run, on the same machine, one after the other for each workload.`,
    '',
    ...setupSection(results),
    ...targetsSection(targets),
    ...workloadsSection(results),
    ...startupSection(results),
    ...largeSpecSection(
      results.largeSpec,
      results.servers.find((server) => server.id === 'standin')?.rssAtStartMiB,
    ),
    ...verifySection(results.verify, results.config.verifyRuns),
    ...bundleSection(results.bundle),
    ...fakeSection(results.fake),
    ...results.profiles.flatMap(profileSection),
    ...notesSection(results.notes),
  ].join('\n')
}

/**
 * The README's summary: one row per workload and the headline figures.
 *
 * @example
 * replaceBetweenMarkers(readme, renderReadmeSummary(results, targets))
 */
export function renderReadmeSummary(results: BenchResults, targets: TargetResult[]): string {
  const met = targets.filter((target) => target.pass === true).length
  const uncached = results.measurements.some((entry) => entry.server === 'standin-uncached')
  const rows = WORKLOADS.map((workload) => [
    ...summaryRow(results, workload),
    ...(uncached ? uncachedCells(results, workload) : []),
  ])
  const columns = [
    'workload',
    'standin req/s',
    '× bare node:http',
    '× Prism',
    'p99',
    ...(uncached ? ['uncached req/s', 'uncached × bare'] : []),
  ]
  const startup = median(results.startup.find((entry) => entry.server === 'standin')?.runsMs ?? [])
  const rss = Math.max(
    0,
    ...results.measurements
      .filter((entry) => entry.server === 'standin')
      .map((entry) => entry.memory?.rssMiB ?? 0),
  )
  const headline = [
    startup === undefined ? undefined : `start-up ${Math.round(startup)} ms`,
    rss > 0 ? `RSS up to ${Math.round(rss)} MiB` : undefined,
    results.bundle.kind === 'measured'
      ? `Workers bundle ${Math.round(results.bundle.gzipKiB)} KiB gzipped`
      : undefined,
  ].filter((part) => part !== undefined)
  return [
    `${results.date.slice(0, 10)}, ${results.machine.cores} cores (${results.machine.cpu}), ${results.config.connections} connections, Node ${results.versions.node}:`,
    '',
    table(columns, rows),
    '',
    ...(uncached
      ? [
          'The uncached columns are `standin serve --no-cache`: every answer generated, validated and rendered anew.',
          '',
        ]
      : []),
    ...verifySummary(results.verify, results.config.verifyRuns),
    `${[
      ...headline,
      targets.length > 0
        ? `${met} of ${targets.length} targets met`
        : 'targets not judged (standin not measured)',
    ].join('; ')}.`,
  ].join('\n')
}

/** Replaces what lies between the README markers; undefined when the markers are missing. */
export function replaceBetweenMarkers(text: string, block: string): string | undefined {
  const start = text.indexOf(README_MARKERS.start)
  const end = text.indexOf(README_MARKERS.end)
  if (start < 0 || end < start) return undefined
  return `${text.slice(0, start + README_MARKERS.start.length)}\n${block}\n${text.slice(end)}`
}

function summaryRow(results: BenchResults, workload: Workload): string[] {
  const standin = findMeasurement(results, 'standin', workload.id)
  if (!standin) return [workload.title, 'not measured', '', '', '']
  return [
    workload.title,
    formatCount(standin.load.requestsPerSecond),
    ratioTo(results, standin, 'bare'),
    ratioTo(results, standin, 'prism'),
    latencyText(standin.load, standin.load.p99Ms),
  ]
}

function uncachedCells(results: BenchResults, workload: Workload): string[] {
  const uncached = findMeasurement(results, 'standin-uncached', workload.id)
  return uncached
    ? [formatCount(uncached.load.requestsPerSecond), ratioTo(results, uncached, 'bare')]
    : ['not measured', '']
}

function ratioTo(results: BenchResults, measurement: Measurement, server: ServerId): string {
  const other = findMeasurement(results, server, measurement.workload)
  return other ? ratioText(measurement.load.requestsPerSecond, other.load.requestsPerSecond) : 'n/a'
}

/** standin's throughput over another's; a server that answered nothing is beaten without bound. */
function ratioText(standin: number, other: number): string {
  if (other > 0) return formatRatio(standin / other)
  return standin > 0 ? '∞ ×' : 'n/a'
}

/** Latency of a run, or a dash when nothing was answered. */
function latencyText(load: LoadResult, ms: number): string {
  return load.responses === 0 ? '–' : `${formatFigure(ms)} ms`
}

function setupSection(results: BenchResults): string[] {
  const { machine, config, versions } = results
  const load =
    machine.loadAverage.end === undefined
      ? `${machine.loadAverage.start}`
      : `${machine.loadAverage.start} → ${machine.loadAverage.end}`
  const servers = results.servers.map(
    (server) => `  - ${server.label}${server.missing ? `: not measured (${server.missing})` : ''}`,
  )
  return [
    '## Setup',
    '',
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB memory, ${machine.os}; 1-minute load average ${load}.`,
    `- Versions: ${Object.entries(versions)
      .map(([name, version]) => `${name} ${version}`)
      .join(', ')}.`,
    `- Command: \`${results.command}\``,
    `- Load: autocannon from the same machine to 127.0.0.1, ${config.connections} connections, ${config.warmupSeconds} s warm-up then ${config.durationSeconds} s measured, per workload per server; a request without an answer after ${REQUEST_TIMEOUT_SECONDS} s counts as an error. Between runs the script waits until the server is idle. Each server is started by the script and stopped after its runs; RSS is read from /proc/PID/status right after each run.`,
    '- Servers:',
    ...servers,
    '',
  ]
}

function targetsSection(targets: TargetResult[]): string[] {
  if (targets.length === 0)
    return ['## Targets', '', 'Not judged: standin was not measured in this run.', '']
  const rows = targets.map((target) => [
    target.label,
    target.goal,
    [target.measured, target.detail && `(${target.detail})`].filter(Boolean).join(' '),
    verdict(target),
  ])
  return ['## Targets', '', table(['target', 'goal', 'measured', 'result'], rows), '']
}

function verdict(target: TargetResult): string {
  if (target.pass === undefined) return 'not measured'
  return target.pass ? '**PASS**' : `**MISS**: ${target.shortfall ?? ''}`
}

function workloadsSection(results: BenchResults): string[] {
  const lines = ['## Throughput, latency, memory', '']
  for (const workload of WORKLOADS) {
    const request = `${workload.method} ${workload.path}${workload.body ? ` with a ${Buffer.byteLength(workload.body)}-byte JSON body` : ''}`
    const rows = SERVER_ORDER.flatMap((server) => workloadRow(results, workload, server))
    lines.push(`### ${workload.title}`, '', `\`${request}\`, expecting ${workload.expected}.`, '')
    lines.push(
      table(
        ['server', 'req/s', 'p50', 'p99', 'RSS after', 'body bytes', 'standin × this', 'statuses'],
        rows,
      ),
      '',
    )
  }
  return lines
}

function workloadRow(results: BenchResults, workload: Workload, server: ServerId): string[][] {
  const measurement = findMeasurement(results, server, workload.id)
  const label = results.servers.find((entry) => entry.id === server)?.label
  if (!measurement || !label) return []
  const { load, memory } = measurement
  const standin = findMeasurement(results, 'standin', workload.id)
  const ratio =
    standin && !server.startsWith('standin')
      ? ratioText(standin.load.requestsPerSecond, load.requestsPerSecond)
      : ''
  return [
    [
      label,
      formatCount(load.requestsPerSecond),
      latencyText(load, load.p50Ms),
      latencyText(load, load.p99Ms),
      memory ? `${formatFigure(memory.rssMiB)} MiB` : 'n/a',
      measurement.responseBytes === undefined ? 'n/a' : formatCount(measurement.responseBytes),
      ratio,
      formatStatuses(load),
    ],
  ]
}

function formatStatuses(load: LoadResult): string {
  const counts = Object.entries(load.statuses).map(
    ([status, count]) => `${status}: ${formatCount(count)}`,
  )
  const unanswered =
    load.errors > 0
      ? `no answer: ${formatCount(load.errors)} (${formatCount(load.timeouts)} timed out)`
      : ''
  const unexpected = load.unexpected > 0 ? `**${formatCount(load.unexpected)} unexpected**` : ''
  return [...counts, unanswered, unexpected].filter(Boolean).join(', ')
}

function startupSection(results: BenchResults): string[] {
  const rows = results.startup.map((entry) => {
    const server = results.servers.find((candidate) => candidate.id === entry.server)
    const runs = entry.runsMs.map((ms) => String(Math.round(ms))).join(', ')
    const rss =
      server?.rssAtStartMiB === undefined ? 'n/a' : `${formatFigure(server.rssAtStartMiB)} MiB`
    return [server?.label ?? entry.server, `${Math.round(median(entry.runsMs) ?? 0)} ms`, runs, rss]
  })
  if (rows.length === 0) return []
  const how =
    'Spawn of the process to the first 200 answer to `GET /products/{id}`, polled every 5 ms; RSS right after that first answer, before any load.'
  return [
    '## Start-up',
    '',
    how,
    '',
    table(['server', 'median', 'runs (ms)', 'RSS at start'], rows),
    '',
  ]
}

/**
 * The large-document step: every start of `standin serve --spec` on GitHub's REST API description,
 * its median, and the example contract's RSS at start for scale.
 *
 * @example
 * largeSpecSection({ kind: 'not-available', reason: 'no document' }, undefined).join('\n')
 */
export function largeSpecSection(
  largeSpec: LargeSpecResult,
  exampleRssMiB: number | undefined,
): string[] {
  const head = ['## Large OpenAPI document: GitHub REST API', '']
  if (largeSpec.kind !== 'measured')
    return [
      ...head,
      `${largeSpec.kind === 'failed' ? 'Failed' : 'Not measured'}: ${largeSpec.reason}.`,
      '',
    ]
  const rows = largeSpec.runs.map((run, index) => [
    String(index + 1),
    `${formatCount(run.ms)} ms`,
    run.rssMiB === undefined ? 'n/a' : `${formatFigure(run.rssMiB)} MiB`,
  ])
  const medianMs = median(largeSpec.runs.map((run) => run.ms))
  const medianRss = median(
    largeSpec.runs.flatMap((run) => (run.rssMiB === undefined ? [] : [run.rssMiB])),
  )
  const how = `\`standin serve --spec FILE\` on ${largeSpec.document}, ${formatCount(largeSpec.operations)} operations: spawn of the process to the first 200 answer to \`${largeSpec.probe}\`, polled every 5 ms; RSS read from /proc/PID/status right after that answer.`
  const figures = [
    medianMs === undefined ? undefined : `median **${formatCount(medianMs)} ms**`,
    medianRss === undefined ? undefined : `RSS **${formatFigure(medianRss)} MiB**`,
    exampleRssMiB === undefined
      ? undefined
      : `against ${formatFigure(exampleRssMiB)} MiB for the example contract at start`,
  ].filter((part) => part !== undefined)
  const summary = figures.length === 0 ? [] : [`${figures.join(', ')}.`, '']
  return [
    ...head,
    how,
    '',
    ...summary,
    table(['start', 'spawn → first 200', 'RSS after the first answer'], rows),
    '',
  ]
}

/**
 * The verify step: per reference backend, clean and with every planted bug, verify's median wall
 * time beside as many plain fetches to the same backend, and what the run reported.
 *
 * @example
 * verifySection(await measureVerify(3, console.error), 3).join('\n')
 */
export function verifySection(backends: readonly VerifiedBackend[], runs: number): string[] {
  const head = ['## verify against the reference backends', '']
  if (backends.length === 0) return [...head, 'Not measured.', '']
  const how = [
    '`verify(contract, { target })`, called from the bench process, against each reference backend served over HTTP on 127.0.0.1 by a process of its own (`examples/*/serve.ts`):',
    'the shop of `contracts/` and the blog of `examples/blog-backend/openapi.yaml` (under `/api`), clean and with every planted bug at once, each run on a freshly started backend.',
    `Baseline: right after each run, as many plain sequential \`fetch\` requests to a cheap route of the same backend process. Medians of ${runs} runs;`,
    '*verify ÷ fetch* is verify’s wall time over that of plain fetches for the same number of requests: verify’s own work per request, plus the backend’s on routes heavier than the baseline’s.',
  ].join(' ')
  const rows = backends.flatMap(verifyRow)
  const failures = backends
    .filter((entry) => entry.failure)
    .map(
      (entry) =>
        `- ${entry.backend}, ${bugsLabel(entry.bugs)}: failed after ${entry.runs.length} of ${runs} runs: ${entry.failure}.`,
    )
  const columns = [
    'backend',
    'planted bugs',
    'verify',
    'requests',
    'verify req/s',
    'plain fetch',
    'verify ÷ fetch',
    'exit code',
    'report lines',
    'runs (ms)',
  ]
  return [
    ...head,
    how,
    '',
    ...(rows.length > 0 ? [table(columns, rows), ''] : []),
    ...(failures.length > 0 ? [...failures, ''] : []),
  ]
}

function verifyRow(entry: VerifiedBackend): string[][] {
  const figures = verifyFigures(entry)
  if (!figures) return []
  return [
    [
      entry.backend,
      entry.bugs === 0 ? 'none' : `all ${entry.bugs}`,
      `${formatCount(figures.verifyMs)} ms`,
      figures.requests,
      formatCount(figures.requestsPerSecond),
      `${formatCount(figures.fetchMs)} ms (\`${entry.baseline}\`)`,
      figures.ratio === undefined ? 'n/a' : formatRatio(figures.ratio),
      figures.exitCodes,
      figures.reportLines,
      entry.runs.map((run) => formatCount(run.verifyMs)).join(', '),
    ],
  ]
}

/**
 * The README's verify line: each backend's median wall time, requests and ratio to plain fetch.
 *
 * @example
 * verifySummary(results.verify, 3) // ['`standin verify` over HTTP (median of 3; …): shop (clean) 1,500 ms for 310 requests, 3.75 ×; …', '']
 */
export function verifySummary(backends: readonly VerifiedBackend[], runs: number): string[] {
  const parts = backends.flatMap((entry) => {
    const figures = verifyFigures(entry)
    if (!figures) return []
    return [
      `${entry.backend} (${bugsLabel(entry.bugs)}) ${formatCount(figures.verifyMs)} ms for ${figures.requests} requests, ${figures.ratio === undefined ? 'n/a' : formatRatio(figures.ratio)}`,
    ]
  })
  if (parts.length === 0) return []
  return [
    `\`standin verify\` over HTTP (median of ${runs}; × is its wall time over as many plain fetches): ${parts.join('; ')}.`,
    '',
  ]
}

function bundleSection(bundle: BundleResult): string[] {
  const text =
    bundle.kind === 'measured'
      ? `\`wrangler deploy --dry-run\`: **${formatFigure(bundle.totalKiB)} KiB, ${formatFigure(bundle.gzipKiB)} KiB gzipped**.`
      : `${bundle.kind === 'failed' ? 'Failed' : 'Not measured'}: ${bundle.reason}.`
  return ['## Workers bundle', '', text, '']
}

function fakeSection(fake: FakeThroughput): string[] {
  const body =
    fake.kind === 'ran'
      ? ['```', fake.output, '```']
      : [`${fake.kind === 'failed' ? 'Failed' : 'Not measured'}: ${fake.reason}.`]
  return ['## Fake data throughput (`bench/fake.ts`)', '', ...body, '']
}

function profileSection(profile: ProfileReport): string[] {
  const workload =
    profile.title ?? WORKLOADS.find((entry) => entry.id === profile.workload)?.title ?? 'start-up'
  const how =
    profile.workload === 'startup' ? 'from spawn to the first 200' : 'under the same load as above'
  const head = [
    `## Profile: standin, ${workload}`,
    '',
    `${profile.reason} Measured with \`node --cpu-prof\`, ${how}.`,
    '',
  ]
  if (!profile.summary) return [...head, `No profile: ${profile.failure ?? 'unknown reason'}.`, '']
  const { summary } = profile
  const rows = (entries: ProfileRow[]) =>
    entries.map((row) => [
      row.name,
      row.location,
      `${formatFigure(row.selfMs)} ms`,
      `${row.percent}%`,
    ])
  return [
    ...head,
    `Busy (non-idle) time sampled on the main thread: ${formatCount(summary.busyMs)} ms${otherThreads(profile.otherThreadsBusyMs)}.`,
    '',
    'Self time by package or source folder:',
    '',
    table(['module', '', 'self', 'share'], rows(summary.modules)),
    '',
    'Top functions by self time:',
    '',
    table(['function', 'where', 'self', 'share'], rows(summary.functions)),
    '',
  ]
}

function otherThreads(busyMs: number | undefined): string {
  return busyMs !== undefined && busyMs >= 10
    ? `; other threads (such as the tsx module loader's) were busy for ${formatCount(busyMs)} ms in the same window`
    : ''
}

function notesSection(notes: string[]): string[] {
  return notes.length === 0 ? [] : ['## Notes', '', ...notes.map((note) => `- ${note}`), '']
}

function table(headers: string[], rows: string[][]): string {
  const line = (cells: string[]) =>
    `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n')
}

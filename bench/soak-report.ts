// The soak's verdicts and printed report; the figures come from bench/soak.ts.
import {
  type KindFigures,
  P99_GOAL_MS,
  RSS_FLAT_TOLERANCE,
  SHUTDOWN_GOAL_MS,
  type SoakResult,
  type SoakSample,
} from './soak.ts'
import { BIG_MESSAGE_BYTES, REQUEST_KINDS } from './soak-traffic.ts'

/** One goal of the soak, judged. */
export interface SoakVerdict {
  met: boolean
  label: string
  detail: string
}

const MiB = 1024 ** 2

/**
 * The goals of the soak: no 5xx, RSS flat once the sessions fill --max-state-bytes, p99, the state
 * endpoint, a SIGTERM exit within 2 s, and a restart that lists what the sessions had.
 *
 * @example
 * soakVerdicts(result).filter((verdict) => !verdict.met)
 */
export function soakVerdicts(result: SoakResult): SoakVerdict[] {
  return [
    serverErrorVerdict(result),
    rssFlatVerdict(result),
    p99Verdict(result),
    stateEndpointVerdict(result),
    shutdownVerdict(result),
    reloadVerdict(result),
    nothingLostVerdict(result),
  ]
}

/**
 * The whole report, line by line: settings, the samples, latency and statuses by request kind, then
 * the verdicts.
 *
 * @example
 * process.stderr.write(`${describeSoak(result).join('\n')}\n`)
 */
export function describeSoak(result: SoakResult): string[] {
  return [
    ...settingLines(result),
    '',
    ...samplesTable(result.samples),
    '',
    ...kindsTable(result),
    '',
    ...statusLines(result),
    '',
    ...latencyLines(result),
    ...memoryLines(result),
    ...stateFileLines(result),
    ...serverOutput(result),
    ...profileLines(result),
    '',
    ...soakVerdicts(result).map(
      (verdict) => `${verdict.met ? 'MET   ' : 'MISSED'} ${verdict.label}: ${verdict.detail}`,
    ),
  ]
}

/** Mean RSS of the samples in the middle and in the last third of the run. */
export function rssByThird(
  samples: readonly SoakSample[],
  seconds: number,
): { middleMiB: number; lastMiB: number } {
  const within = (from: number, to: number) =>
    samples.filter((sample) => sample.atSeconds > from && sample.atSeconds <= to)
  return {
    middleMiB: meanRss(within(seconds / 3, (2 * seconds) / 3)),
    lastMiB: meanRss(within((2 * seconds) / 3, seconds)),
  }
}

function meanRss(samples: readonly SoakSample[]): number {
  if (samples.length === 0) return Number.NaN
  return samples.reduce((sum, sample) => sum + sample.rssMiB, 0) / samples.length
}

function settingLines(result: SoakResult): string[] {
  const { options } = result
  const big = `${formatShare(options.bigShare)} of creates with a ~1 MB body`
  return [
    `soak: ${options.seconds} s, ${options.sessions} sessions, ${options.connections} connections, ${big}, seed ${options.seed}`,
    `server: ${result.command}`,
    `start-up ${Math.round(result.startupMs)} ms (empty state file); RSS before load ${result.baselineRssMiB.toFixed(1)} MiB`,
  ]
}

function samplesTable(samples: readonly SoakSample[]): string[] {
  const header = ['time', 'RSS MiB', 'stored MiB', 'state file MiB', 'req/s', 'answers MiB/s']
  const rows = samples.map((sample) => [
    `${sample.atSeconds} s`,
    sample.rssMiB.toFixed(0),
    sample.storedMiB.toFixed(1),
    sample.stateFileMiB.toFixed(1),
    String(Math.round(sample.requestsPerSecond)),
    sample.answeredMiBPerSecond.toFixed(1),
    sample.p50Ms.toFixed(1),
    sample.p99Ms.toFixed(1),
    String(sample.notSuccessful),
    sample.saving,
  ])
  return [
    ...table([...header, 'p50 ms', 'p99 ms', 'not 2xx', 'saving'], rows),
    'stored: JSON of the products the sessions hold, as the answers said',
  ]
}

function kindsTable(result: SoakResult): string[] {
  const rows = REQUEST_KINDS.map((kind) => {
    const figures = result.kinds[kind]
    return [
      kind,
      String(figures.requests),
      figures.p50Ms.toFixed(1),
      figures.p99Ms.toFixed(1),
      figures.maxMs.toFixed(0),
      formatStatuses(figures.statuses),
    ]
  })
  return table(['request', 'count', 'p50 ms', 'p99 ms', 'max ms', 'statuses'], rows)
}

function statusLines(result: SoakResult): string[] {
  const statuses = statusTotals(Object.values(result.kinds))
  const count = (test: (status: number) => boolean) =>
    Object.entries(statuses)
      .filter(([status]) => test(Number(status)))
      .reduce((sum, [, n]) => sum + n, 0)
  const serverErrors = count((status) => status >= 500)
  const noAnswer = count((status) => status === 0)
  const otherClientErrors = count(
    (status) => status >= 400 && status < 500 && status !== 404 && status !== 413,
  )
  const lines = [`requests by status: ${formatStatuses(statuses)}`]
  if (serverErrors > 0) lines.push(`!!! ${serverErrors} answers with a 5xx status: a failure`)
  if (noAnswer > 0) lines.push(`!!! ${noAnswer} requests got no answer (socket error or timeout)`)
  return [
    ...lines,
    `413, an object over a session's share of --max-state-bytes (refused as documented): ${count((status) => status === 413)}`,
    `404, an id the session created and the mock forgot under its limits: ${count((status) => status === 404)}`,
    `other 4xx: ${otherClientErrors}`,
  ]
}

function latencyLines(result: SoakResult): string[] {
  const big = `${Math.round(BIG_MESSAGE_BYTES / 1024)} KiB`
  return [
    `p99 over the run: ${result.overallP99Ms.toFixed(1)} ms for all requests;`,
    `  ${result.small.p99Ms.toFixed(1)} ms for the ${result.small.requests} whose body and answer were both under ${big},`,
    `  ${result.big.p99Ms.toFixed(1)} ms for the ${result.big.requests} that sent or got more`,
    `  (the big-body creates alone: ${result.kinds['create-big'].p99Ms.toFixed(1)} ms)`,
  ]
}

function stateFileLines(result: SoakResult): string[] {
  const last = result.samples.at(-1)?.stateFileMiB ?? 0
  const afterExit = result.stateFileMiBAfterExit
  return [
    `state file: ${last.toFixed(1)} MiB at the last sample, ${afterExit.toFixed(1)} MiB after the exit`,
    '  (the difference: saves still pending when the load ended, or a rewrite of the log)',
  ]
}

function serverOutput(result: SoakResult): string[] {
  const lines: string[] = []
  if (result.saidDuringLoad)
    lines.push(`the server printed during the load:\n${result.saidDuringLoad}`)
  if (result.shutdown.said)
    lines.push(`the server printed while stopping:\n${result.shutdown.said}`)
  return lines
}

function statusTotals(kinds: readonly KindFigures[]): Record<string, number> {
  const totals: Record<string, number> = {}
  for (const figures of kinds)
    for (const [status, n] of Object.entries(figures.statuses))
      totals[status] = (totals[status] ?? 0) + n
  return totals
}

function serverErrorVerdict(result: SoakResult): SoakVerdict {
  const statuses = statusTotals(Object.values(result.kinds))
  const failed = Object.entries(statuses).filter(([status]) => isFailure(Number(status)))
  const detail = failed.map(([status, n]) => `${formatStatus(status)} × ${n}`).join(', ')
  return {
    met: failed.length === 0,
    label: 'no 5xx and no request without an answer',
    detail: detail || 'none',
  }
}

/** A 5xx, or no answer at all (status 0). */
function isFailure(status: number): boolean {
  return status === 0 || status >= 500
}

function rssFlatVerdict(result: SoakResult): SoakVerdict {
  const { middleMiB, lastMiB } = rssByThird(result.samples, result.options.seconds)
  const growth = lastMiB / middleMiB - 1
  const thirds = `mean of the last third ${lastMiB.toFixed(0)} MiB vs middle third ${middleMiB.toFixed(0)} MiB`
  const stored = Math.max(0, ...result.samples.map((sample) => sample.storedMiB))
  const belowLimit =
    stored * MiB < result.options.maxStateBytes &&
    !('404' in statusTotals(Object.values(result.kinds)))
      ? '; the sessions never reached --max-state-bytes, so RSS grew with what they held'
      : ''
  return {
    met: growth <= RSS_FLAT_TOLERANCE,
    label: 'RSS flat',
    detail: `${thirds} (${formatPercent(growth)}; at most +${RSS_FLAT_TOLERANCE * 100}%)${belowLimit}`,
  }
}

/**
 * The peak RSS against the byte limit: a figure, not a verdict. The store keeps its JSON within
 * --max-state-bytes (tests/state prove it); what V8 holds on top (objects larger than their JSON,
 * answers in flight, the heap it grows before collecting) shows here.
 */
function memoryLines(result: SoakResult): string[] {
  const limitMiB = result.options.maxStateBytes / MiB
  const aboveMiB = result.peakRssMiB - result.baselineRssMiB
  return [
    `memory: peak RSS ${result.peakRssMiB.toFixed(0)} MiB (VmHWM), ${aboveMiB.toFixed(0)} MiB above the RSS before load = ${(aboveMiB / limitMiB).toFixed(1)} × --max-state-bytes (${limitMiB.toFixed(0)} MiB)`,
  ]
}

function p99Verdict(result: SoakResult): SoakVerdict {
  const small = `${result.small.p99Ms.toFixed(1)} ms with small bodies both ways`
  const big = `${result.big.p99Ms.toFixed(1)} ms with a big one`
  return {
    met: result.overallP99Ms <= P99_GOAL_MS,
    label: `p99 ≤ ${P99_GOAL_MS} ms`,
    detail: `${result.overallP99Ms.toFixed(1)} ms over all requests (${small}, ${big})`,
  }
}

function stateEndpointVerdict(result: SoakResult): SoakVerdict {
  const check = result.stateEndpoint
  return {
    met: check.status === 200 && check.savingOk,
    label: 'GET /__standin/state answers 200 with "saving": {"ok": true}',
    detail: `status ${check.status}, saving ${JSON.stringify(check.saving)} (session ${check.session}, ${check.objects} objects)`,
  }
}

function shutdownVerdict(result: SoakResult): SoakVerdict {
  const { shutdown } = result
  const ended = shutdown.forced
    ? 'did not exit and was killed'
    : `exited with ${shutdown.code ?? shutdown.signal}`
  return {
    met: !shutdown.forced && shutdown.code === 0 && shutdown.ms <= SHUTDOWN_GOAL_MS,
    label: `SIGTERM ends it with 0 within ${SHUTDOWN_GOAL_MS / 1000} s`,
    detail: `${ended} after ${Math.round(shutdown.ms)} ms`,
  }
}

function reloadVerdict(result: SoakResult): SoakVerdict {
  const check = result.reload
  const met = check.statusBefore === 200 && check.statusAfter === 200 && check.sameList
  const list = check.sameList ? 'the same ids in the same order' : 'NOT the same list'
  const listed = `${check.listedAfter} products (${check.listedBefore} before the SIGTERM, ${list})`
  return {
    met,
    label: 'a restart on the same state file lists what the last used session had',
    detail: `${check.session}: GET /products ${check.statusAfter}, ${listed}; start-up with the file ${Math.round(check.startupMs)} ms`,
  }
}

function nothingLostVerdict(result: SoakResult): SoakVerdict {
  const check = result.reload
  const forgotten = statusTotals(Object.values(result.kinds))['404'] ?? 0
  const caveat =
    forgotten > 0 ? `; ${forgotten} 404s during the run: a forgotten id counts too` : ''
  const listed = `${check.rememberedListed} of the ${check.remembered} ids the sessions remember`
  const missing = `${check.sessionsMissingIds} of ${check.sessions} sessions miss some`
  const unchanged = `${check.sessionsUnchanged} of ${check.sessions} sessions list after the restart exactly what they listed before the SIGTERM`
  return {
    met: check.sessionsUnchanged === check.sessions,
    label: 'every session keeps its products across SIGTERM and restart',
    detail: `${unchanged}; ${listed} are listed (what the limits let go, unnoticed by the client, counts as missing there); ${missing}${caveat}`,
  }
}

function table(header: readonly string[], rows: readonly string[][]): string[] {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  )
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)]
}

function formatStatuses(statuses: Record<string, number>): string {
  const entries = Object.entries(statuses).sort(([a], [b]) => Number(a) - Number(b))
  return entries.map(([status, n]) => `${formatStatus(status)}: ${n}`).join(', ') || '-'
}

function formatStatus(status: string): string {
  return status === '0' ? 'no answer' : status
}

function formatShare(share: number): string {
  return `${Number((share * 100).toFixed(2))}%`
}

function formatPercent(change: number): string {
  return `${change >= 0 ? '+' : ''}${(change * 100).toFixed(1)}%`
}

/** The busiest functions of the server's main thread over the load, with SOAK_PROFILE=1. */
function profileLines(result: SoakResult): string[] {
  const { profile } = result
  if (!profile) return []
  if (!profile.summary) return ['', `no profile: ${profile.failure ?? 'none was written'}`]
  return [
    '',
    'busiest functions of the server under the load (self time, main thread):',
    ...profile.summary.functions
      .slice(0, 12)
      .map((entry) => `  ${entry.percent}%  ${entry.name}  ${entry.location}`),
  ]
}

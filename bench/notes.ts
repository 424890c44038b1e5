import { type BenchResults, findMeasurement, type ServerId } from './results.ts'
import { REQUEST_TIMEOUT_SECONDS } from './load.ts'
import { formatCount } from './targets.ts'
import { WORKLOADS } from './workloads.ts'

export interface NoteContext {
  /** Whose answers the bare server replays. */
  bodySource: ServerId | undefined
  /** The `serve` flag that turns a response cache off, when standin has one. */
  uncachedFlag: string | undefined
  standinRuns: boolean
}

/**
 * The facts a reader needs to read the figures right, each derived from what this run saw.
 *
 * @example
 * buildNotes(results, { bodySource: 'standin', uncachedFlag: undefined, standinRuns: true })
 */
export function buildNotes(results: BenchResults, context: NoteContext): string[] {
  return [
    bodyNote(context.bodySource),
    ...sizeNotes(results),
    cacheNote(context),
    ...statusNotes(results),
    ...fewAnswersNotes(results),
    `The load generator runs on the same ${results.machine.cores}-core machine as the server under test, so the bare server's figure is the limit of this setup rather than of node:http.`,
    loadNote(results),
  ].filter((note): note is string => note !== undefined)
}

function bodyNote(source: ServerId | undefined): string | undefined {
  if (source === 'standin') {
    return 'The bare node:http server answers each workload with the exact status, content type and body standin gave for it (fetched once before the runs), so both send the same bytes.'
  }
  if (source === 'prism')
    return '`standin serve` is not available yet, so the bare server replays Prism’s answers: this run validates the harness only.'
  return undefined
}

function sizeNotes(results: BenchResults): string[] {
  return WORKLOADS.flatMap((workload) => {
    const standin = findMeasurement(results, 'standin', workload.id)?.responseBytes
    const prism = findMeasurement(results, 'prism', workload.id)?.responseBytes
    if (
      standin === undefined ||
      prism === undefined ||
      Math.max(standin, prism) < 1.5 * Math.min(standin, prism)
    )
      return []
    const why =
      workload.id === 'list'
        ? ' (in dynamic mode Prism fills the array to a random length up to the schema’s maxItems and does not apply pageSize)'
        : ''
    return [
      `Prism answered “${workload.title}” with ${formatCount(prism)} bytes against standin’s ${formatCount(standin)}${why}.`,
    ]
  })
}

function cacheNote(context: NoteContext): string | undefined {
  if (!context.standinRuns) return undefined
  if (context.uncachedFlag) {
    return `standin caches: the \`standin\` rows send the bytes of an answer rendered once for an equal request (generated answers and 4xx problems; hand-written handlers run every time), which is legitimate because its answers are deterministic. The \`standin ${context.uncachedFlag}\` rows are standin with its response cache turned off: the uncached figure.`
  }
  return '`standin serve --help` lists no option to turn a response cache off (no `--no-cache`), so no separate uncached figure is reported.'
}

function statusNotes(results: BenchResults): string[] {
  return results.measurements
    .filter((entry) => entry.load.unexpected > 0)
    .map((entry) => {
      const label =
        results.servers.find((server) => server.id === entry.server)?.label ?? entry.server
      const workload = WORKLOADS.find((candidate) => candidate.id === entry.workload)
      const { statuses, errors, timeouts } = entry.load
      const answers = Object.entries(statuses).map(
        ([status, count]) => `${status} × ${formatCount(count)}`,
      )
      const got = [
        ...answers,
        errors > 0
          ? `${formatCount(errors)} without an answer (${formatCount(timeouts)} timed out after ${REQUEST_TIMEOUT_SECONDS} s)`
          : '',
      ]
      return `${label} gave ${formatCount(entry.load.unexpected)} unexpected answers or errors on “${workload?.title}” in ${entry.durationSeconds} s (expected ${workload?.expected}; got ${got.filter(Boolean).join(', ')}).`
    })
}

function fewAnswersNotes(results: BenchResults): string[] {
  const { connections, durationSeconds } = results.config
  return results.measurements.flatMap((entry) => {
    const label =
      results.servers.find((server) => server.id === entry.server)?.label ?? entry.server
    const workload = WORKLOADS.find((candidate) => candidate.id === entry.workload)?.title
    const notes: string[] = []
    if (entry.durationSeconds > durationSeconds) {
      notes.push(
        `${label} answered fewer than 2 requests per connection of “${workload}” in ${durationSeconds} s, so its figures for it come from a ${entry.durationSeconds} s run.`,
      )
    }
    if (entry.load.responses === 0) {
      notes.push(
        `${label} answered no request of “${workload}” in ${entry.durationSeconds} s at ${connections} connections, so it has no latency figures for it.`,
      )
    } else if (entry.load.responses < 2 * connections) {
      notes.push(
        `${label} answered only ${formatCount(entry.load.responses)} requests of “${workload}” in ${entry.durationSeconds} s at ${connections} connections: requests still waiting when the run ended are not in its latency figures, so its p50 and p99 understate the wait.`,
      )
    }
    return notes
  })
}

function loadNote(results: BenchResults): string | undefined {
  const load = results.machine.loadAverage.start
  if (load < results.machine.cores * 0.25) return undefined
  return `The machine was not idle when the run started (1-minute load average ${load}): absolute figures are lower and noisier than on a quiet machine; the ratios between servers are the comparable part.`
}

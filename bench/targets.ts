import type { LargeSpecResult } from './large-spec.ts'
import { type BenchResults, findMeasurement, isMeasured, median, type ServerId } from './results.ts'
import { bugsLabel, type VerifiedBackend } from './verify-figures.ts'
import { WORKLOADS, type WorkloadId } from './workloads.ts'

/** One target of the benchmark issue, judged on figures from the same run. */
export interface TargetResult {
  /**
   * What the target is about: a workload's throughput or latency, memory, start-up, the large
   * OpenAPI document, or verify.
   */
  topic: WorkloadId | 'rss' | 'startup' | 'large-spec' | 'verify'
  label: string
  /** The goal as a ratio or a limit: `≥ 0.5 × bare node:http`, `≤ 20 ms`. */
  goal: string
  /** The figure set against the goal: `0.62 ×`, `7 ms (0.35 × limit)`. */
  measured: string
  /** The raw figures behind a ratio: `12,400 vs 20,000 req/s`. */
  detail: string
  /** undefined when the run could not measure it. */
  pass: boolean | undefined
  /** How far a miss is from the goal: `16% short`, `40% over`. */
  shortfall?: string
}

const SHARE_OF_BARE: Partial<Record<WorkloadId, number>> = { list: 0.5, single: 0.6 }
const TIMES_PRISM = 10
const P99_LIMIT_MS = 20
const RSS_LIMIT_MIB = 150
const STARTUP_LIMIT_MS = 500
const LARGE_SPEC_LIMIT_MS = 5_000
const VERIFY_LIMIT_SECONDS = 30

/**
 * Judges standin's figures against the targets; every comparison uses servers measured in
 * this run.
 *
 * @example
 * evaluateTargets(results).filter((target) => target.pass === false)
 */
export function evaluateTargets(results: BenchResults): TargetResult[] {
  if (!isMeasured(results, 'standin')) return []
  return [
    ...throughputTargets(results),
    ...latencyTargets(results),
    rssTarget(results),
    startupTarget(results),
    largeSpecTarget(results.largeSpec),
    verifyTarget(results.verify),
  ]
}

function throughputTargets(results: BenchResults): TargetResult[] {
  const targets: TargetResult[] = []
  for (const workload of WORKLOADS) {
    const rate = (server: ServerId) =>
      findMeasurement(results, server, workload.id)?.load.requestsPerSecond
    const standin = rate('standin')
    const share = SHARE_OF_BARE[workload.id]
    if (share !== undefined) {
      const target = atLeast(
        workload.id,
        `${workload.title}: throughput vs bare node:http`,
        share,
        'bare node:http',
        standin,
        rate('bare'),
      )
      targets.push(withUncached(target, rate('standin-uncached'), rate('bare')))
    }
    const target = atLeast(
      workload.id,
      `${workload.title}: throughput vs Prism`,
      TIMES_PRISM,
      'Prism',
      standin,
      rate('prism'),
    )
    targets.push(withUncached(target, rate('standin-uncached'), rate('prism')))
  }
  return targets
}

/** The same ratio for standin with its response cache off, when the run measured it. */
function withUncached(
  target: TargetResult,
  uncached: number | undefined,
  base: number | undefined,
): TargetResult {
  if (uncached === undefined || base === undefined || base <= 0 || target.pass === undefined)
    return target
  return {
    ...target,
    detail: `${target.detail}; uncached ${formatRatio(uncached / base)}, ${formatCount(uncached)} req/s`,
  }
}

function latencyTargets(results: BenchResults): TargetResult[] {
  const label = (title: string) => `${title}: p99 at ${results.config.connections} connections`
  return WORKLOADS.map((workload) =>
    atMost(
      workload.id,
      label(workload.title),
      P99_LIMIT_MS,
      'ms',
      findMeasurement(results, 'standin', workload.id)?.load.p99Ms,
    ),
  )
}

function rssTarget(results: BenchResults): TargetResult {
  const rss = results.measurements
    .filter((entry) => entry.server === 'standin')
    .map((entry) => entry.memory?.rssMiB ?? Number.NaN)
  const worst = rss.length === 0 || rss.some(Number.isNaN) ? undefined : Math.max(...rss)
  return atMost('rss', 'RSS after a run (largest of the workloads)', RSS_LIMIT_MIB, 'MiB', worst)
}

function startupTarget(results: BenchResults): TargetResult {
  const runs = results.startup.find((entry) => entry.server === 'standin')?.runsMs ?? []
  return atMost(
    'startup',
    `start-up, spawn to first 200 (median of ${runs.length})`,
    STARTUP_LIMIT_MS,
    'ms',
    median(runs),
  )
}

/**
 * GitHub's REST API description served by `standin serve --spec`: spawn to its first 200, within 5
 * s.
 *
 * @example
 * largeSpecTarget({ kind: 'not-available', reason: 'no document' }).pass // undefined
 */
export function largeSpecTarget(largeSpec: LargeSpecResult): TargetResult {
  const runs = largeSpec.kind === 'measured' ? largeSpec.runs.map((run) => run.ms) : []
  const label =
    largeSpec.kind === 'measured'
      ? `GitHub REST API document (${formatCount(largeSpec.operations)} operations), spawn to first 200 of ${largeSpec.probe} (median of ${runs.length})`
      : 'GitHub REST API document, spawn to first 200'
  return atMost('large-spec', label, LARGE_SPEC_LIMIT_MS, 'ms', median(runs))
}

/**
 * `verify` against the blog backend with every planted bug, over HTTP: its report within 30 s.
 *
 * @example
 * verifyTarget([]).pass // undefined
 */
export function verifyTarget(backends: readonly VerifiedBackend[]): TargetResult {
  const blog = backends.find((entry) => entry.backend === 'blog' && entry.bugs > 0)
  const runs = blog?.runs.map((run) => run.verifyMs / 1000) ?? []
  const label = `verify, blog backend with ${blog ? bugsLabel(blog.bugs) : 'every bug'} planted, over HTTP (median of ${runs.length})`
  return atMost('verify', label, VERIFY_LIMIT_SECONDS, 's', median(runs))
}

type Topic = TargetResult['topic']

function atLeast(
  topic: Topic,
  label: string,
  goal: number,
  baseline: string,
  value: number | undefined,
  base: number | undefined,
): TargetResult {
  const target: TargetResult = {
    topic,
    label,
    goal: `≥ ${goal} × ${baseline}`,
    measured: 'not measured',
    detail: '',
    pass: undefined,
  }
  if (value === undefined || base === undefined) return target
  if (base <= 0)
    return {
      ...target,
      measured: '∞ ×',
      detail: `${formatCount(value)} vs 0 req/s: ${baseline} answered nothing in the run`,
      pass: value > 0,
    }
  const ratio = value / base
  const pass = ratio >= goal
  const detail = `${formatCount(value)} vs ${formatCount(base)} req/s`
  const shortfall = pass
    ? undefined
    : `${Math.round((1 - ratio / goal) * 100)}% short (needs ${formatRatio(goal / ratio)} the throughput)`
  return {
    ...target,
    measured: `${formatRatio(ratio)}`,
    detail,
    pass,
    ...(shortfall ? { shortfall } : {}),
  }
}

function atMost(
  topic: Topic,
  label: string,
  limit: number,
  unit: string,
  value: number | undefined,
): TargetResult {
  const target: TargetResult = {
    topic,
    label,
    goal: `≤ ${limit} ${unit}`,
    measured: 'not measured',
    detail: '',
    pass: undefined,
  }
  if (value === undefined) return target
  const pass = value <= limit
  const shortfall = pass ? undefined : `${Math.round((value / limit - 1) * 100)}% over`
  return {
    ...target,
    measured: `${formatFigure(value)} ${unit}`,
    detail: `${formatRatio(value / limit)} the limit`,
    pass,
    ...(shortfall ? { shortfall } : {}),
  }
}

/** `0.62 ×`, `14.3 ×`, `212 ×`. */
export function formatRatio(ratio: number): string {
  if (ratio >= 100) return `${Math.round(ratio)} ×`
  if (ratio >= 10) return `${ratio.toFixed(1)} ×`
  return `${ratio.toFixed(2)} ×`
}

/** `20,412`. */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US')
}

/** Whole numbers above 10, one decimal below. */
export function formatFigure(value: number): string {
  return value >= 10 ? String(Math.round(value)) : String(Math.round(value * 10) / 10)
}

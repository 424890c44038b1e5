import { median } from './results.ts'

/**
 * One `verify` run against a freshly started backend, then the plain fetches sent to the same
 * process.
 */
export interface VerifyRun {
  /** Wall time of `verify(contract, { target })`, from the call to its report. */
  verifyMs: number
  /** `report.totals.requests`. */
  requests: number
  exitCode: 0 | 1 | 2
  /** Lines of `formatConsoleReport(report)`. */
  reportLines: number
  /** Wall time of as many plain sequential `fetch` requests to the backend's baseline route. */
  fetchMs: number
}

/** The runs of `verify` against one reference backend with one set of planted bugs. */
export interface VerifiedBackend {
  backend: 'shop' | 'blog'
  /** How many bugs were planted, all at once; 0 for the backend that keeps its contract. */
  bugs: number
  /** The cheap route the plain fetches go to: `GET /categories`. */
  baseline: string
  runs: VerifyRun[]
  /** Why there are fewer runs than asked for, when there are. */
  failure?: string
}

/** The medians of a backend's runs, and what follows from them. */
export interface VerifyFigures {
  verifyMs: number
  fetchMs: number
  /** Requests per run: `412`, or `410–414` when the runs differ. */
  requests: string
  /** `verify` requests per second, at the median requests and wall time. */
  requestsPerSecond: number
  /**
   * Median verify time over median plain-fetch time for the same number of requests; undefined when
   * nothing was sent.
   */
  ratio: number | undefined
  exitCodes: string
  reportLines: string
}

/**
 * The medians of a backend's runs; undefined when it has none.
 *
 * @example
 * verifyFigures(blogWithBugs)?.ratio // 6.2
 */
export function verifyFigures(entry: VerifiedBackend): VerifyFigures | undefined {
  const verifyMs = median(entry.runs.map((run) => run.verifyMs))
  const fetchMs = median(entry.runs.map((run) => run.fetchMs))
  const requests = median(entry.runs.map((run) => run.requests))
  if (verifyMs === undefined || fetchMs === undefined || requests === undefined) return undefined
  return {
    verifyMs,
    fetchMs,
    requests: spread(entry.runs.map((run) => run.requests)),
    requestsPerSecond: verifyMs > 0 ? (requests * 1000) / verifyMs : 0,
    ratio: requests > 0 && fetchMs > 0 ? verifyMs / fetchMs : undefined,
    exitCodes: spread(entry.runs.map((run) => run.exitCode)),
    reportLines: spread(entry.runs.map((run) => run.reportLines)),
  }
}

/** `clean` or `15 bugs`. */
export function bugsLabel(bugs: number): string {
  if (bugs === 0) return 'clean'
  return bugs === 1 ? '1 bug' : `${bugs} bugs`
}

/** `412` when every run agrees, `410–414` when they do not. */
function spread(values: readonly number[]): string {
  const low = Math.min(...values)
  const high = Math.max(...values)
  return low === high
    ? low.toLocaleString('en-US')
    : `${low.toLocaleString('en-US')}–${high.toLocaleString('en-US')}`
}

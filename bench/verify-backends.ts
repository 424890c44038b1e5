import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import shop from '../contracts/index.ts'
import { BLOG_BUGS } from '../examples/blog-backend/index.ts'
import { SHOP_BUGS } from '../examples/shop-backend/index.ts'
import {
  type Contract,
  exitCodeOf,
  formatConsoleReport,
  fromOpenAPI,
  verify,
} from '../src/index.ts'
import type { Log } from './measure.ts'
import { type Probe, type RunningServer, type ServerSpec, startServer } from './server-process.ts'
import { repoRoot } from './specs.ts'
import type { VerifiedBackend, VerifyRun } from './verify-figures.ts'

/** A reference backend `verify` is proven against, and how the bench serves it. */
interface ReferenceBackend {
  id: VerifiedBackend['backend']
  /** Its `serve.ts`, which takes `--port` and `--bug NAME`. */
  serveScript: string
  bugs: readonly string[]
  /** A cheap public route: the plain-fetch baseline, and the request that tells it is up. */
  baseline: Probe
  contract: () => Promise<Contract>
}

const BACKENDS: ReferenceBackend[] = [
  {
    id: 'shop',
    serveScript: join('examples', 'shop-backend', 'serve.ts'),
    bugs: SHOP_BUGS,
    baseline: { method: 'GET', path: '/categories', headers: {} },
    contract: async () => shop,
  },
  {
    id: 'blog',
    serveScript: join('examples', 'blog-backend', 'serve.ts'),
    bugs: BLOG_BUGS,
    baseline: { method: 'GET', path: '/api/tags', headers: {} },
    contract: async () =>
      (await fromOpenAPI(join(repoRoot, 'examples', 'blog-backend', 'openapi.yaml'))).contract,
  },
]

const START_TIMEOUT_MS = 60_000

/**
 * Serves each reference backend over HTTP on 127.0.0.1 in a process of its own, clean and with
 * every planted bug at once, and times `verify` against it `runs` times, each time on a freshly
 * started backend.
 *
 * @example
 * const backends = await measureVerify(3, console.error)
 */
export async function measureVerify(runs: number, log: Log): Promise<VerifiedBackend[]> {
  const measured: VerifiedBackend[] = []
  for (const backend of BACKENDS) {
    const contract = await backend.contract()
    for (const bugs of [[], backend.bugs])
      measured.push(await measureBackend(backend, bugs, contract, runs, log))
  }
  return measured
}

async function measureBackend(
  backend: ReferenceBackend,
  bugs: readonly string[],
  contract: Contract,
  runs: number,
  log: Log,
): Promise<VerifiedBackend> {
  const entry: VerifiedBackend = {
    backend: backend.id,
    bugs: bugs.length,
    baseline: `${backend.baseline.method} ${backend.baseline.path}`,
    runs: [],
  }
  const spec = backendSpec(backend, bugs)
  for (let run = 0; run < runs; run++) {
    const result = await runOnce(spec, backend.baseline, contract).catch(
      (error: unknown) => error as Error,
    )
    if (result instanceof Error) {
      entry.failure = result.message.split('\n')[0] ?? 'unknown reason'
      log(`verify · ${spec.label}: failed: ${entry.failure}`)
      return entry
    }
    entry.runs.push(result)
    log(
      `verify · ${spec.label}: ${Math.round(result.verifyMs)} ms for ${result.requests} requests (plain fetch ${Math.round(result.fetchMs)} ms), exit ${result.exitCode}`,
    )
  }
  return entry
}

/** `serve.ts` of a backend, as its header comment tells a user to start it. */
function backendSpec(backend: ReferenceBackend, bugs: readonly string[]): ServerSpec {
  return {
    label: `${backend.id} backend${bugs.length > 0 ? ` with ${bugs.length} bugs` : ''}`,
    command: process.execPath,
    args: (port) => [
      '--import',
      'tsx',
      join(repoRoot, backend.serveScript),
      '--port',
      String(port),
      ...bugs.flatMap((bug) => ['--bug', bug]),
    ],
    cwd: repoRoot,
  }
}

async function runOnce(spec: ServerSpec, baseline: Probe, contract: Contract): Promise<VerifyRun> {
  const server = await startServer(spec, baseline, START_TIMEOUT_MS)
  try {
    return await timeVerify(server, baseline, contract)
  } finally {
    await server.stop()
  }
}

async function timeVerify(
  server: RunningServer,
  baseline: Probe,
  contract: Contract,
): Promise<VerifyRun> {
  const started = performance.now()
  const report = await verify(contract, { target: server.baseUrl })
  const verifyMs = performance.now() - started
  const requests = report.totals.requests
  const fetchMs = await timePlainFetches(`${server.baseUrl}${baseline.path}`, requests)
  return {
    verifyMs,
    requests,
    exitCode: exitCodeOf(report),
    reportLines: formatConsoleReport(report).split('\n').length,
    fetchMs,
  }
}

/**
 * `count` plain GETs, one after the other, each body read to its end: what the transport alone
 * costs.
 */
async function timePlainFetches(url: string, count: number): Promise<number> {
  const started = performance.now()
  for (let sent = 0; sent < count; sent++) {
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) })
    await response.arrayBuffer()
    if (response.status !== 200)
      throw new Error(`GET ${url} answered ${response.status} in the plain-fetch baseline`)
  }
  return performance.now() - started
}

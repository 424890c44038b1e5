import { existsSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { packageVersion } from './machine.ts'
import type { Log } from './measure.ts'
import { type Probe, readMemory, type ServerSpec, startServer } from './server-process.ts'
import { repoRoot } from './specs.ts'

/** GitHub's REST API description, as published on npm by `@octokit/openapi`. */
export const GITHUB_DOCUMENT = join(
  repoRoot,
  'node_modules',
  '@octokit',
  'openapi',
  'generated',
  'api.github.com.json',
)

/**
 * A GET of that document with no required parameter and no security: the first answer asked for.
 */
export const GITHUB_PROBE: Probe = { method: 'GET', path: '/meta', headers: {} }

/**
 * A start of `standin serve --spec` on the large document: spawn → first 200, and RSS right after
 * it.
 */
export interface LargeSpecRun {
  ms: number
  rssMiB?: number
}

/** What the large-document step found: timed starts, or why there are none. */
export type LargeSpecResult =
  | { kind: 'measured'; document: string; operations: number; probe: string; runs: LargeSpecRun[] }
  | { kind: 'not-available' | 'failed'; reason: string }

const START_TIMEOUT_MS = 60_000

/**
 * Starts `standin serve --spec` on GitHub's REST API description `runs` times and times spawn →
 * first 200 of `GET /meta`, reading RSS after that first answer. Expected failures come back as
 * values.
 *
 * @example
 * const result = await measureLargeSpec(3, console.error)
 * if (result.kind === 'measured') console.log(result.runs.map((run) => run.ms))
 */
export async function measureLargeSpec(
  runs: number,
  log: Log,
  document = GITHUB_DOCUMENT,
): Promise<LargeSpecResult> {
  if (!existsSync(document))
    return {
      kind: 'not-available',
      reason: `${document} is missing (devDependency @octokit/openapi)`,
    }
  const operations = countOperations(JSON.parse(readFileSync(document, 'utf8')))
  const version = packageVersion(join(repoRoot, 'node_modules', '@octokit', 'openapi')) ?? '?'
  const timed: LargeSpecRun[] = []
  for (let run = 0; run < runs; run++) {
    const server = await startServer(
      largeSpecServer(document),
      GITHUB_PROBE,
      START_TIMEOUT_MS,
    ).catch((error: unknown) => error as Error)
    if (server instanceof Error) {
      const reason = server.message.split('\n')[0] ?? 'unknown reason'
      log(`large document · standin serve --spec: failed: ${reason}`)
      return { kind: 'failed', reason }
    }
    const memory = readMemory(server.pid)
    await server.stop()
    timed.push({ ms: server.startupMs, ...(memory ? { rssMiB: memory.rssMiB } : {}) })
    log(
      `large document · standin serve --spec: ${Math.round(server.startupMs)} ms, RSS ${memory ? Math.round(memory.rssMiB) : '?'} MiB`,
    )
  }
  return {
    kind: 'measured',
    document: `@octokit/openapi ${version} (${basename(document)})`,
    operations,
    probe: `${GITHUB_PROBE.method} ${GITHUB_PROBE.path}`,
    runs: timed,
  }
}

/** `standin serve --spec FILE`, as a user starts it on an existing OpenAPI document. */
export function largeSpecServer(document: string): ServerSpec {
  return {
    label: 'standin serve --spec (GitHub REST API)',
    command: process.execPath,
    args: (port) => [
      join(repoRoot, 'bin', 'standin.js'),
      'serve',
      '--spec',
      document,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--quiet',
      '--seed',
      '1',
    ],
    cwd: repoRoot,
  }
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'])

/**
 * Operations of an OpenAPI document: the HTTP methods under its paths.
 *
 * @example
 * countOperations({ paths: { '/a': { get: {}, post: {}, parameters: [] } } }) // 2
 */
export function countOperations(document: unknown): number {
  const paths = (document as { paths?: Record<string, unknown> } | null)?.paths
  if (typeof paths !== 'object' || paths === null) return 0
  return Object.values(paths).reduce<number>(
    (total, item) =>
      total +
      (typeof item === 'object' && item !== null
        ? Object.keys(item).filter((key) => METHODS.has(key)).length
        : 0),
    0,
  )
}

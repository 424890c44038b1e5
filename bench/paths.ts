// The paths a mock really serves, beside the cached ones: `--stateful` (what `npm start` runs) reading
// objects a session created, answers the response cache never holds (a new id or page each request),
// and creates. Each is a ratio to bare node:http answering the same bytes, measured in the same run.
import autocannon, { type RequestParams, type Result } from 'autocannon'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BareAnswer } from './bare-server.js'
import { type LoadResult, REQUEST_TIMEOUT_SECONDS, toLoadResult } from './load.ts'
import { readProfiles } from './profile-run.ts'
import type { ProfileReport } from './results.ts'
import { type RunningServer, startServer, waitUntilIdle } from './server-process.ts'
import { bareSpec, standinSpec } from './specs.ts'
import type { Workload } from './workloads.ts'

export type PathId =
  | 'stateful-list'
  | 'stateful-item'
  | 'stateful-list-anew'
  | 'stateful-item-anew'
  | 'uncached-item'
  | 'uncached-list'
  | 'stateful-create'
  | 'create'
  | 'cached-list'
  | 'cached-item'

/**
 * Which standin serves a path: `serve --stateful` (the `npm start` default), the same with
 * `--no-cache` (every read made anew from the session's objects, as the first read after a change
 * is), or plain `serve`.
 */
export type PathServer = 'stateful' | 'stateful-anew' | 'stateless'

const SERVE_FLAGS: Record<PathServer, string[]> = {
  stateful: ['--stateful'],
  'stateful-anew': ['--stateful', '--no-cache'],
  stateless: [],
}

/** One request shape; `pathAt(n)` is the path and query of the n-th request. */
export interface PathWorkload {
  id: PathId
  title: string
  server: PathServer
  method: 'GET' | 'POST'
  headers: Record<string, string>
  body?: string
  expected: number
  pathAt: (n: number, stored: readonly string[]) => string
}

/** The session every stateful request names, so the load reads what the setup created. */
export const BENCH_SESSION = 'bench-paths'
/** How many products the setup stores in that session (one full page). */
export const STORED_PRODUCTS = 20
const PRODUCT_ID = '0d9a2c4e-6f1b-4a3c-8e5d-7b9f1a2c3d4e'
const SORTS = ['relevance', 'price', '-price', 'newest', 'rating'] as const

const session = { 'X-Standin-Session': BENCH_SESSION }
const jsonWithToken = { 'content-type': 'application/json', authorization: 'Bearer x' }

/** A product the contract accepts (NewProduct). */
export const NEW_PRODUCT = JSON.stringify({
  sku: 'KIT-004211',
  name: 'Chef knife',
  description: 'A 20 cm chef knife of stainless steel.',
  price: 49.5,
  currency: 'EUR',
  categoryId: 'c0ffee00-0000-4000-8000-000000000001',
  images: ['https://example.com/knife.jpg'],
  stock: 12,
  tags: ['kitchen'],
  attributes: { color: 'black' },
})

/** A v4-shaped uuid for request n: a new id per request, the same ids in every run. */
export function uuidAt(n: number): string {
  const hex = (n + 1).toString(16).padStart(12, '0').slice(-12)
  return `0d9a2c4e-6f1b-4a3c-8e5d-${hex}`
}

/**
 * The paths step, in report order: the default (stateful) first.
 *
 * @example
 * PATH_WORKLOADS.map((workload) => workload.id)
 */
export const PATH_WORKLOADS: readonly PathWorkload[] = [
  {
    id: 'stateful-list',
    title: '--stateful: list of 20 stored products',
    server: 'stateful',
    method: 'GET',
    headers: session,
    expected: 200,
    pathAt: () => '/products?pageSize=20',
  },
  {
    id: 'stateful-item',
    title: '--stateful: one stored product',
    server: 'stateful',
    method: 'GET',
    headers: session,
    expected: 200,
    pathAt: (n, stored) => `/products/${stored[n % stored.length] ?? PRODUCT_ID}`,
  },
  {
    id: 'stateful-list-anew',
    title: '--stateful: list of 20 stored products, made anew (as after a change)',
    server: 'stateful-anew',
    method: 'GET',
    headers: session,
    expected: 200,
    pathAt: () => '/products?pageSize=20',
  },
  {
    id: 'stateful-item-anew',
    title: '--stateful: one stored product, made anew (as after a change)',
    server: 'stateful-anew',
    method: 'GET',
    headers: session,
    expected: 200,
    pathAt: (n, stored) => `/products/${stored[n % stored.length] ?? PRODUCT_ID}`,
  },
  {
    id: 'uncached-item',
    title: 'one product, a new id each request (never cached)',
    server: 'stateless',
    method: 'GET',
    headers: {},
    expected: 200,
    pathAt: (n) => `/products/${uuidAt(n)}`,
  },
  {
    id: 'uncached-list',
    title: 'list of 20, search and sort varied (never cached)',
    server: 'stateless',
    method: 'GET',
    headers: {},
    expected: 200,
    // Page 1 with a new search each request: later pages of a generated list are mostly empty.
    pathAt: (n) => `/products?pageSize=20&q=p${n}&sort=${SORTS[n % SORTS.length]}`,
  },
  {
    id: 'stateful-create',
    title: '--stateful: create a product',
    server: 'stateful',
    method: 'POST',
    headers: { ...jsonWithToken, 'X-Standin-Session': `${BENCH_SESSION}-create` },
    body: NEW_PRODUCT,
    expected: 201,
    pathAt: () => '/products',
  },
  {
    id: 'create',
    title: 'create a product (stateless)',
    server: 'stateless',
    method: 'POST',
    headers: jsonWithToken,
    body: NEW_PRODUCT,
    expected: 201,
    pathAt: () => '/products',
  },
  {
    id: 'cached-list',
    title: 'list of 20, the same URL (cached)',
    server: 'stateless',
    method: 'GET',
    headers: {},
    expected: 200,
    pathAt: () => '/products?pageSize=20',
  },
  {
    id: 'cached-item',
    title: 'one product, the same URL (cached)',
    server: 'stateless',
    method: 'GET',
    headers: {},
    expected: 200,
    pathAt: () => `/products/${PRODUCT_ID}`,
  },
]

/** A path's goal: a ratio to bare node:http, and p99 at most P99_GOAL_MS. */
export const PATH_GOALS: Partial<Record<PathId, number>> = {
  'stateful-list': 0.5,
  'stateful-item': 0.6,
  'uncached-item': 0.5,
  'uncached-list': 0.3,
  // "No worse than today": the cached list measured 0.43× before this step existed.
  'cached-list': 0.43,
}
export const P99_GOAL_MS = 20

export interface PathMeasurement {
  workload: PathWorkload
  standin: LoadResult
  bare: LoadResult
  ratio: number
}

export interface PathLoadOptions {
  durationSeconds: number
  warmupSeconds: number
  connections: number
  seed: number
}

const probe = { method: 'GET', path: '/products?pageSize=1', headers: {} } as const

/**
 * Starts bare node:http and standin (stateful and stateless), stores the products the stateful
 * reads need, then loads each path on standin and on bare (same answer bytes), one at a time.
 *
 * @example
 * const rows = await measurePaths({ durationSeconds: 5, warmupSeconds: 1, connections: 50, seed: 1 }, '/tmp/b', console.error)
 */
export async function measurePaths(
  options: PathLoadOptions,
  workDir: string,
  log: (line: string) => void,
  only?: readonly PathId[],
): Promise<PathMeasurement[]> {
  const workloads = PATH_WORKLOADS.filter((w) => !only || only.includes(w.id))
  const servers = new Map<PathServer, RunningServer>()
  try {
    let stored: string[] = []
    for (const kind of new Set(workloads.map((w) => w.server))) {
      const spec = standinSpec({
        seed: options.seed,
        label: `standin ${kind}`,
        serveFlags: SERVE_FLAGS[kind],
      })
      const server = await startServer(spec, probe)
      servers.set(kind, server)
      // The same seed gives the same ids in each stateful server.
      if (kind !== 'stateless') stored = await storeProducts(server.baseUrl)
    }
    const bare = await startBareFor(workloads, servers, stored, workDir)
    try {
      const rows: PathMeasurement[] = []
      for (const workload of workloads) {
        const server = servers.get(workload.server) as RunningServer
        const standin = await loadPath(server, workload, stored, options)
        const bareLoad = await loadPath(bare, bareWorkload(workload), stored, options)
        const row = { workload, standin, bare: bareLoad, ratio: ratioOf(standin, bareLoad) }
        log(describeRow(row))
        rows.push(row)
      }
      return rows
    } finally {
      await bare.stop()
    }
  } finally {
    await Promise.all([...servers.values()].map((server) => server.stop()))
  }
}

/** Why a measured path missed its goals, or undefined when it met them. */
export function shortfallOf(row: PathMeasurement): string | undefined {
  const goal = PATH_GOALS[row.workload.id]
  const misses = [
    ...(goal !== undefined && row.ratio < goal
      ? [`${row.ratio.toFixed(2)}× bare, goal ≥ ${goal}×`]
      : []),
    ...(row.standin.p99Ms > P99_GOAL_MS
      ? [`p99 ${row.standin.p99Ms.toFixed(1)} ms, goal ≤ ${P99_GOAL_MS} ms`]
      : []),
  ]
  return misses.length > 0 ? `Missed: ${misses.join('; ')}.` : undefined
}

/**
 * Loads one path again on a standin started under `node --cpu-prof`, and summarises where its CPU
 * time went during the measured run (not start-up, storing or warm-up).
 *
 * @example
 * const report = await profilePath(row.workload, 'Missed: 0.21× bare.', options, '/tmp/b')
 */
export async function profilePath(
  workload: PathWorkload,
  reason: string,
  options: PathLoadOptions,
  workDir: string,
): Promise<ProfileReport & { file?: string }> {
  const dir = join(workDir, `profile-${workload.id}`)
  mkdirSync(dir, { recursive: true })
  const spec = standinSpec({
    seed: options.seed,
    label: 'standin (profiled)',
    serveFlags: SERVE_FLAGS[workload.server],
    nodeFlags: ['--cpu-prof', '--cpu-prof-dir', dir],
  })
  const server = await startServer(spec, probe)
  let fromMicros = 0
  try {
    const stored = workload.server === 'stateless' ? [] : await storeProducts(server.baseUrl)
    const { connections, warmupSeconds, durationSeconds } = options
    if (warmupSeconds > 0)
      await cannon(server.baseUrl, workload, stored, connections, warmupSeconds)
    fromMicros = Number(process.hrtime.bigint() / 1000n)
    await cannon(server.baseUrl, workload, stored, connections, durationSeconds)
  } finally {
    await server.stop()
  }
  return { workload: workload.id, title: workload.title, reason, ...readProfiles(dir, fromMicros) }
}

/** Creates STORED_PRODUCTS products in the bench session; returns their ids. */
export async function storeProducts(baseUrl: string): Promise<string[]> {
  const ids: string[] = []
  for (let n = 0; n < STORED_PRODUCTS; n++) {
    const response = await fetch(`${baseUrl}/products`, {
      method: 'POST',
      headers: { ...jsonWithToken, ...session },
      body: NEW_PRODUCT,
    })
    const body = (await response.json()) as { id?: string }
    if (response.status !== 201 || typeof body.id !== 'string')
      throw new Error(`Storing a product answered ${response.status}, not 201 with an id.`)
    ids.push(body.id)
  }
  return ids
}

/** The bare server answers `/<id>` with the bytes standin gave for the workload's first request. */
async function startBareFor(
  workloads: readonly PathWorkload[],
  servers: Map<PathServer, RunningServer>,
  stored: readonly string[],
  workDir: string,
): Promise<RunningServer> {
  const answers: BareAnswer[] = []
  for (const workload of workloads) {
    const server = servers.get(workload.server) as RunningServer
    const response = await fetch(`${server.baseUrl}${workload.pathAt(0, stored)}`, {
      method: workload.method,
      headers: workload.headers,
      ...(workload.body === undefined ? {} : { body: workload.body }),
    })
    const body = Buffer.from(await response.arrayBuffer())
    answers.push({
      method: workload.method,
      url: `/${workload.id}`,
      requestBody: workload.body ?? '',
      status: response.status,
      contentType: response.headers.get('content-type') ?? 'application/json',
      body: body.toString('base64'),
    })
  }
  const file = join(workDir, 'bare-path-answers.json')
  writeFileSync(file, JSON.stringify(answers))
  return startServer(bareSpec(file), { method: 'GET', path: answers[0]?.url ?? '/', headers: {} })
}

function bareWorkload(workload: PathWorkload): PathWorkload {
  return { ...workload, pathAt: () => `/${workload.id}` }
}

async function loadPath(
  server: RunningServer,
  workload: PathWorkload,
  stored: readonly string[],
  options: PathLoadOptions,
): Promise<LoadResult> {
  if (options.warmupSeconds > 0) {
    await cannon(server.baseUrl, workload, stored, options.connections, options.warmupSeconds)
    await waitUntilIdle(server.pid)
  }
  const latencies: number[] = []
  const result = await cannon(
    server.baseUrl,
    workload,
    stored,
    options.connections,
    options.durationSeconds,
    latencies,
  )
  await waitUntilIdle(server.pid)
  return toLoadResult(asWorkload(workload), result, latencies)
}

function cannon(
  baseUrl: string,
  workload: PathWorkload,
  stored: readonly string[],
  connections: number,
  seconds: number,
  latencies?: number[],
): Promise<Result> {
  let sent = 0
  const instance = autocannon({
    url: `${baseUrl}${workload.pathAt(0, stored)}`,
    method: workload.method,
    headers: workload.headers,
    ...(workload.body === undefined ? {} : { body: workload.body }),
    connections,
    duration: seconds,
    timeout: REQUEST_TIMEOUT_SECONDS,
    requests: [
      {
        setupRequest: (request: RequestParams) => ({
          ...request,
          path: workload.pathAt(sent++, stored),
        }),
      },
    ],
  })
  if (latencies) instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms))
  const guard = setTimeout(() => instance.stop(), (seconds + 30) * 1000)
  return Promise.resolve(instance).finally(() => clearTimeout(guard))
}

function asWorkload(workload: PathWorkload): Workload {
  return {
    id: 'single',
    title: workload.title,
    method: workload.method,
    path: workload.pathAt(0, []),
    headers: workload.headers,
    expected: workload.expected,
  }
}

function ratioOf(standin: LoadResult, bare: LoadResult): number {
  return bare.requestsPerSecond > 0 ? standin.requestsPerSecond / bare.requestsPerSecond : 0
}

/** One line per path: ratio, p99, and the verdict against its goals. */
export function describeRow(row: PathMeasurement): string {
  const goal = PATH_GOALS[row.workload.id]
  const ratioOk = goal === undefined || row.ratio >= goal
  const p99Ok = row.standin.p99Ms <= P99_GOAL_MS
  const verdict = ratioOk && p99Ok ? 'met' : 'MISSED'
  const goals = `${goal === undefined ? '' : `≥ ${goal}×, `}p99 ≤ ${P99_GOAL_MS} ms`
  const unexpected = row.standin.unexpected > 0 ? `, ${row.standin.unexpected} unexpected` : ''
  return `${verdict.padEnd(6)} ${row.workload.title}: ${row.ratio.toFixed(2)}× bare (${Math.round(row.standin.requestsPerSecond)} vs ${Math.round(row.bare.requestsPerSecond)} req/s), p99 ${row.standin.p99Ms.toFixed(1)} ms${unexpected}; goal ${goals}`
}

/**
 * The paths as a Markdown table, the default (stateful) first: what the README's summary leads with.
 *
 * @example
 * pathsTable(rows).join('\n')
 */
export function pathsTable(rows: readonly PathMeasurement[]): string[] {
  const lines = rows.map((row) => {
    const goal = PATH_GOALS[row.workload.id]
    const met = (goal === undefined || row.ratio >= goal) && row.standin.p99Ms <= P99_GOAL_MS
    const goals = `${goal === undefined ? '' : `≥ ${goal} ×, `}p99 ≤ ${P99_GOAL_MS} ms`
    return `| ${row.workload.title} | ${Math.round(row.standin.requestsPerSecond).toLocaleString('en-US')} | ${row.ratio.toFixed(2)} × | ${row.standin.p99Ms.toFixed(1)} ms | ${goals}: ${met ? 'met' : 'missed'} |`
  })
  return [
    '| path | standin req/s | × bare node:http | p99 | target |',
    '| --- | --- | --- | --- | --- |',
    ...lines,
  ]
}

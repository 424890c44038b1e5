// The soak's load: sessions of a frontend creating, listing, reading, replacing and deleting their
// own products, over node:http keep-alive connections driven by concurrent async loops.
import { Agent, request as httpRequest } from 'node:http'
import { performance } from 'node:perf_hooks'
import { REQUEST_TIMEOUT_SECONDS } from './load.ts'
import { NEW_PRODUCT } from './paths.ts'

/** What one soak request does; a create with a ~1 MB body is a kind of its own. */
export type RequestKind = 'create' | 'create-big' | 'list' | 'get' | 'update' | 'delete'

/** The kinds in report order. */
export const REQUEST_KINDS: readonly RequestKind[] = [
  'create',
  'create-big',
  'list',
  'get',
  'update',
  'delete',
]

type ChosenKind = Exclude<RequestKind, 'create-big'>

/** Share of each kind in the mix; a create carries the big body at `bigShare` of creates. */
export const REQUEST_MIX: ReadonlyArray<readonly [ChosenKind, number]> = [
  ['create', 0.3],
  ['list', 0.35],
  ['get', 0.2],
  ['update', 0.1],
  ['delete', 0.05],
]

/** A big create's body: close to, and under, `standin serve`'s default 1 MiB request limit. */
export const BIG_BODY_BYTES = 1_000_000

/** The pages a list request picks from (20 products a page). */
const LIST_PAGES = 3

export interface TrafficOptions {
  sessions: number
  connections: number
  /** Share of creates carrying a ~1 MB body. */
  bigShare: number
  seed: number
}

/** One simulated frontend: its session header and the products it has, as the answers said. */
export interface SoakSession {
  name: string
  /** Ids its creates answered with, less those it deleted or got a 404 for. */
  ids: string[]
  /** Bytes of each of those products' JSON, from the answer that stored it. */
  sizes: Map<string, number>
  /** Order of its last request among all requests, 0 before any. */
  lastUsed: number
}

/** Latencies (ms) and answers by status (`0` for no answer: socket error or timeout). */
export interface KindTotals {
  latencies: number[]
  statuses: Record<string, number>
}

/** The requests finished within one sampling window. */
export interface TrafficWindow {
  requests: number
  notSuccessful: number
  /** Bytes of the answers' bodies. */
  answerBytes: number
  latencies: Float64Array
}

/** Latencies (ms) of requests whose body and answer were both small, and of the others. */
export interface SizeTotals {
  small: number[]
  big: number[]
}

/** A body above this, sent or answered, is big: a product with the ~1 MB body, or a page of them. */
export const BIG_MESSAGE_BYTES = 100 * 1024

/** A running mix of requests against one server. */
export interface Traffic {
  /** Keeps every connection busy until `until` (a `performance.now()` time), then lets the last finish. */
  run: (until: number) => Promise<void>
  /** The requests finished since the last call; starts the next window. */
  takeWindow: () => TrafficWindow
  totals: Record<RequestKind, KindTotals>
  bySize: SizeTotals
  /** Bytes of JSON of the sessions' products, as the answers said (the mock may have forgotten some). */
  storedBytes: () => number
  sessions: readonly SoakSession[]
  /** Closes the keep-alive connections. */
  close: () => void
}

interface PlannedRequest {
  kind: RequestKind
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  path: string
  body?: Buffer
  id?: string
}

interface Answer {
  status: number
  /** The body, kept for a create's answer only. */
  body?: Buffer
  bytes: number
  ms: number
}

const SMALL_BODY = Buffer.from(NEW_PRODUCT)
const REPLACEMENT_BODY = Buffer.from(
  JSON.stringify({ ...JSON.parse(NEW_PRODUCT), name: 'Chef knife, second edition', stock: 3 }),
)
const BIG_BODY = Buffer.from(bigProduct(BIG_BODY_BYTES))

/**
 * Sets up the sessions (`soak-1` … `soak-N`) and the connections; nothing is sent before `run`.
 *
 * @example
 * const traffic = createTraffic('http://127.0.0.1:4010', { sessions: 100, connections: 50, bigShare: 0.02, seed: 1 })
 * await traffic.run(performance.now() + 30_000)
 */
export function createTraffic(baseUrl: string, options: TrafficOptions): Traffic {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections })
  const random = seededRandom(options.seed)
  const sessions = Array.from({ length: options.sessions }, (_, n) => newSession(n + 1))
  const pool = createSessionPool(sessions, random)
  const recorder = createRecorder()
  let storedBytes = 0
  let sent = 0
  const step = async () => {
    const session = await pool.take()
    try {
      session.lastUsed = ++sent
      const planned = planRequest(session, random, options.bigShare)
      const answer = await send(agent, baseUrl, session.name, planned)
      storedBytes += remember(session, planned, answer)
      recorder.record(planned, answer)
    } finally {
      pool.give(session)
    }
  }
  const loop = async (until: number) => {
    while (performance.now() < until) await step()
  }
  return {
    run: async (until) => {
      await Promise.all(Array.from({ length: options.connections }, () => loop(until)))
    },
    takeWindow: recorder.takeWindow,
    totals: recorder.totals,
    bySize: recorder.bySize,
    storedBytes: () => storedBytes,
    sessions,
    close: () => agent.destroy(),
  }
}

/** Latency and status of every request: by kind and by size over the run, and per window. */
function createRecorder() {
  const totals = emptyTotals()
  const bySize: SizeTotals = { small: [], big: [] }
  let window: number[] = []
  let failures = 0
  let answerBytes = 0
  return {
    totals,
    bySize,
    record: (planned: PlannedRequest, answer: Answer) => {
      const kind = totals[planned.kind]
      kind.latencies.push(answer.ms)
      const status = String(answer.status)
      kind.statuses[status] = (kind.statuses[status] ?? 0) + 1
      const big = Math.max(planned.body?.length ?? 0, answer.bytes) > BIG_MESSAGE_BYTES
      bySize[big ? 'big' : 'small'].push(answer.ms)
      window.push(answer.ms)
      answerBytes += answer.bytes
      if (!isSuccess(answer.status)) failures++
    },
    takeWindow: (): TrafficWindow => {
      const taken = { requests: window.length, notSuccessful: failures, answerBytes }
      const latencies = Float64Array.from(window).sort()
      window = []
      failures = 0
      answerBytes = 0
      return { ...taken, latencies }
    },
  }
}

/** True for a 2xx status. */
export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300
}

/**
 * A NewProduct of about `bytes` bytes of JSON: the bulk in `attributes`, the one field of the
 * contract without a bound on its size (a record of strings of at most 100 characters, any number
 * of keys); every string field has a maxLength and every array a max.
 */
export function bigProduct(bytes: number): string {
  const base = JSON.parse(NEW_PRODUCT) as Record<string, unknown>
  const value = 'x'.repeat(100)
  const entryBytes = JSON.stringify({ a000000: value }).length - 1
  const attributes: Record<string, string> = {}
  const count = Math.floor((bytes - NEW_PRODUCT.length) / entryBytes)
  for (let n = 0; n < count; n++) attributes[`a${String(n).padStart(6, '0')}`] = value
  return JSON.stringify({ ...base, name: 'Catalogue import', attributes })
}

/** mulberry32: a small generator whose draws are the same for the same seed. */
export function seededRandom(seed: number): () => number {
  let state = seed | 0
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function newSession(n: number): SoakSession {
  return { name: `soak-${n}`, ids: [], sizes: new Map(), lastUsed: 0 }
}

function emptyTotals(): Record<RequestKind, KindTotals> {
  const entries = REQUEST_KINDS.map((kind) => [kind, { latencies: [], statuses: {} }])
  return Object.fromEntries(entries) as Record<RequestKind, KindTotals>
}

/**
 * Lends each session to one loop at a time, picked at random among the free ones: a session's
 * requests follow each other as one frontend's do, so a 404 on its own id means the mock forgot it.
 */
function createSessionPool(sessions: readonly SoakSession[], random: () => number) {
  const free = [...sessions]
  const waiting: Array<(session: SoakSession) => void> = []
  return {
    take: (): Promise<SoakSession> => {
      if (free.length === 0) return new Promise((resolve) => waiting.push(resolve))
      const index = Math.floor(random() * free.length)
      const session = free[index] as SoakSession
      free[index] = free[free.length - 1] as SoakSession
      free.pop()
      return Promise.resolve(session)
    },
    give: (session: SoakSession) => {
      const next = waiting.shift()
      if (next) next(session)
      else free.push(session)
    },
  }
}

function chooseKind(session: SoakSession, random: () => number, bigShare: number): RequestKind {
  let draw = random()
  let kind: ChosenKind = 'create'
  for (const [candidate, share] of REQUEST_MIX) {
    if (draw < share) {
      kind = candidate
      break
    }
    draw -= share
  }
  const needsId = kind === 'get' || kind === 'update' || kind === 'delete'
  if (needsId && session.ids.length === 0) kind = 'create'
  if (kind === 'create' && random() < bigShare) return 'create-big'
  return kind
}

function planRequest(session: SoakSession, random: () => number, bigShare: number): PlannedRequest {
  const kind = chooseKind(session, random, bigShare)
  const id = kind === 'get' || kind === 'update' || kind === 'delete' ? pickId(session, random) : ''
  switch (kind) {
    case 'create':
      return { kind, method: 'POST', path: '/products', body: SMALL_BODY }
    case 'create-big':
      return { kind, method: 'POST', path: '/products', body: BIG_BODY }
    case 'list': {
      const page = 1 + Math.floor(random() * LIST_PAGES)
      return { kind, method: 'GET', path: `/products?page=${page}&pageSize=20` }
    }
    case 'get':
      return { kind, method: 'GET', path: `/products/${id}`, id }
    case 'update':
      return { kind, method: 'PUT', path: `/products/${id}`, body: REPLACEMENT_BODY, id }
    case 'delete':
      return { kind, method: 'DELETE', path: `/products/${id}`, id }
  }
}

function pickId(session: SoakSession, random: () => number): string {
  return session.ids[Math.floor(random() * session.ids.length)] ?? ''
}

/**
 * Keeps the session's products as the answers say: a new one from a 201, a new size from a
 * replace, none after a delete or a 404. Returns the change in bytes stored.
 */
function remember(session: SoakSession, planned: PlannedRequest, answer: Answer): number {
  if (answer.status === 201 && answer.body) {
    const { id } = JSON.parse(answer.body.toString('utf8')) as { id?: unknown }
    return typeof id === 'string' ? keep(session, id, answer.bytes) : 0
  }
  if (planned.id === undefined) return 0
  if (planned.kind === 'update' && isSuccess(answer.status))
    return keep(session, planned.id, answer.bytes)
  const gone = answer.status === 404 || (planned.kind === 'delete' && isSuccess(answer.status))
  return gone ? drop(session, planned.id) : 0
}

function keep(session: SoakSession, id: string, bytes: number): number {
  const before = session.sizes.get(id)
  // A session the mock forgot starts counting again, so a new object can get an id seen before.
  if (before === undefined) session.ids.push(id)
  session.sizes.set(id, bytes)
  return bytes - (before ?? 0)
}

function drop(session: SoakSession, id: string): number {
  const before = session.sizes.get(id)
  if (before === undefined) return 0
  session.sizes.delete(id)
  session.ids.splice(session.ids.indexOf(id), 1)
  return -before
}

/** One request; the body is kept only for a create's answer, the rest is read and dropped. */
function send(
  agent: Agent,
  baseUrl: string,
  session: string,
  planned: PlannedRequest,
): Promise<Answer> {
  const started = performance.now()
  const keepBody = planned.method === 'POST'
  let bytes = 0
  return new Promise((resolve) => {
    const done = (status: number, body?: Buffer) =>
      resolve({ status, bytes, ms: performance.now() - started, ...(body ? { body } : {}) })
    const request = httpRequest(`${baseUrl}${planned.path}`, {
      agent,
      method: planned.method,
      headers: headersFor(session, planned.body),
    })
    request.setTimeout(REQUEST_TIMEOUT_SECONDS * 1000, () => request.destroy())
    request.on('error', () => done(0))
    request.on('response', (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length
        if (keepBody) chunks.push(chunk)
      })
      response.on('error', () => done(0))
      response.on('end', () => done(response.statusCode ?? 0, Buffer.concat(chunks)))
      response.on('close', () => done(0))
    })
    request.end(planned.body)
  })
}

function headersFor(session: string, body: Buffer | undefined): Record<string, string> {
  const headers: Record<string, string> = {
    'X-Standin-Session': session,
    authorization: 'Bearer x',
  }
  if (!body) return headers
  return { ...headers, 'content-type': 'application/json', 'content-length': String(body.length) }
}

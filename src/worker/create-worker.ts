import { Hono } from 'hono'
import type { Contract } from '../contract/types.ts'
import { createMockApp } from '../mock/create-mock-app.ts'
import { DOCS_ASSETS } from '../mock/docs.ts'
import type { Mocks } from '../mock/mock-types.ts'
import type { AssetLoader, MockOptions } from '../mock/options.ts'
import { parseFaults, parseLatency, parseRateLimit } from '../mock/faults/spec.ts'
import { requireAccessToken } from '../mock/require-access-token.ts'
import {
  type DurableObjectNamespaceLike,
  durableObjectStore,
} from '../mock/state/durable-object.ts'
import { onWorkers } from './platform-fault.ts'
import { answerAfterBody } from './read-body-to-end.ts'

/**
 * The bindings a standin Worker reads (`standin init` writes a wrangler.toml that declares them).
 */
export interface WorkerEnv {
  /** The docs page's files (swagger-ui-dist), as Workers static assets. */
  ASSETS?: { fetch(request: Request): Promise<Response> }
  /** When set (`wrangler secret put STANDIN_ACCESS_TOKEN`), the preview is private. */
  STANDIN_ACCESS_TOKEN?: string
  /** The seed of all generated data; the Node mock's default is the same, so both answer alike. */
  STANDIN_SEED?: string
  /** "true": remember what clients create, per session, in the STANDIN_SESSIONS Durable Objects. */
  STANDIN_STATEFUL?: string
  /** One Durable Object per session. */
  STANDIN_SESSIONS?: DurableObjectNamespaceLike
  /** Objects kept per session (read by the session objects; default 1000). */
  STANDIN_MAX_OBJECTS?: string
  /**
   * Bytes of state (read by the session objects; default 256 MiB): each session keeps a quarter.
   */
  STANDIN_MAX_STATE_BYTES?: string
  /** Fail a seeded share of requests, as `standin serve --faults`: `rate=0.05,kinds=reset|503`. */
  STANDIN_FAULTS?: string
  /** Wait before each answer, as `--latency`: `200ms`, `50-400ms`. */
  STANDIN_LATENCY?: string
  /** As `--rate-limit`: `10/s` (counted per Worker instance, not across Cloudflare's network). */
  STANDIN_RATE_LIMIT?: string
}

/**
 * What `createMockApp` takes, except what the Worker's bindings decide (assets, sessions, mocks).
 */
export type WorkerOptions = Omit<MockOptions, 'assets' | 'stateful' | 'mocks'>

/** The default export of a Worker module. */
export interface StandinWorker {
  fetch(request: Request, env: WorkerEnv): Response | Promise<Response>
}

/**
 * A Cloudflare Worker that serves the mock of a contract: the docs page with its files from the
 * `ASSETS` binding, sessions in the `STANDIN_SESSIONS` Durable Objects when `STANDIN_STATEFUL` is
 * "true", a private preview when `STANDIN_ACCESS_TOKEN` is set, and the seed from `STANDIN_SEED`
 * (else `options.seed`). The mock is built on the first request, so start-up stays cheap, and kept
 * for the life of the isolate.
 *
 * @example
 * // worker.ts
 * import { createWorker } from 'standin/worker'
 * import contract from './contracts/index.ts'
 * export { StandinSession } from 'standin/worker'
 * export default createWorker(contract)
 */
export function createWorker(
  contract: Contract,
  mocks?: Mocks,
  options: WorkerOptions = {},
): StandinWorker {
  let app: Hono | undefined
  return {
    fetch(request, env) {
      const worker = (app ??= createWorkerApp(contract, { ...options, mocks }, env))
      return answerAfterBody(request, async (copy) => onWorkers(await worker.fetch(copy, env)))
    },
  }
}

function createWorkerApp(contract: Contract, options: MockOptions, env: WorkerEnv): Hono {
  const seed = seedFrom(env.STANDIN_SEED) ?? options.seed
  const mock = createMockApp(contract, {
    ...options,
    seed,
    assets: env.ASSETS && assetsFrom(env.ASSETS),
    ...statefulFrom(env),
    ...failuresFrom(env),
  })
  const worker = new Hono()
  worker.use(requireAccessToken(env.STANDIN_ACCESS_TOKEN))
  worker.route('/', mock)
  return worker
}

function statefulFrom(env: WorkerEnv): Pick<MockOptions, 'stateful'> {
  return env.STANDIN_STATEFUL === 'true' && env.STANDIN_SESSIONS
    ? { stateful: { store: durableObjectStore(env.STANDIN_SESSIONS) } }
    : {}
}

function failuresFrom(env: WorkerEnv): Pick<MockOptions, 'faults' | 'latency' | 'rateLimit'> {
  const failures: Pick<MockOptions, 'faults' | 'latency' | 'rateLimit'> = {}
  if (env.STANDIN_FAULTS) failures.faults = parseFaults(env.STANDIN_FAULTS)
  if (env.STANDIN_LATENCY) failures.latency = parseLatency(env.STANDIN_LATENCY)
  if (env.STANDIN_RATE_LIMIT) failures.rateLimit = parseRateLimit(env.STANDIN_RATE_LIMIT)
  return failures
}

function seedFrom(value: string | undefined): number | undefined {
  return value === undefined || value === '' ? undefined : Number(value)
}

function assetsFrom(assets: NonNullable<WorkerEnv['ASSETS']>): AssetLoader {
  return async (file) => {
    if (!DOCS_ASSETS.includes(file)) return undefined
    const response = await assets.fetch(new Request(`https://assets.invalid/${file}`))
    return response.ok ? response : undefined
  }
}

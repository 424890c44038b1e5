import { StandinError } from '../contract/standin-error.ts'
import type { Contract } from '../contract/types.ts'
import { basePathOf, normalBasePath } from '../operation/base-path.ts'
import {
  type FaultOptions,
  type LatencyOptions,
  type RateLimitOptions,
  type ResolvedFaults,
  type ResolvedLatency,
  type ResolvedRateLimit,
  resolveFaults,
  resolveLatency,
  resolveRateLimit,
} from './faults/options.ts'
import type { Mocks } from './mock-types.ts'
import { createMemoryStore } from './state/memory-store.ts'
import type { StateStore } from './state/store.ts'

/** Serves a docs asset (`swagger-ui-bundle.js`, …) by file name; undefined when there is none. */
export type AssetLoader = (file: string) => Promise<Response | undefined>

export interface MockOptions {
  /** The seed of all generated data (default 1). `Prefer: seed=N` replaces it for one request. */
  seed?: number
  /**
   * Faker data (true, the default) or the contract's examples (false); `Prefer: dynamic=` per
   * request.
   */
  dynamic?: boolean
  /** Hand-written handlers and scenarios from `defineMocks`. */
  mocks?: Mocks
  /** The scenario used when a request names none. */
  scenario?: string
  /**
   * CORS: on for every origin by default; a list of origins to allow only those; false to turn it
   * off.
   */
  cors?: boolean | { origins: '*' | string[] }
  /** The largest request body accepted, in bytes (default 1 MiB); larger ones get 413. */
  maxBodyBytes?: number
  /** The cap of `Prefer: delay=` in milliseconds (default 10 000). */
  maxDelayMs?: number
  /**
   * The path the API is served under (`/api`); by default the path of the contract's first server
   * URL, `/` to serve at the root. Docs pages move with it; a request outside it gets a 404 that
   * says where the API lives.
   */
  basePath?: string
  /** Serve /, /docs, /openapi.json and /openapi.yaml under the base path (default true). */
  docs?: boolean
  /**
   * Where the docs page gets its script and style files; without it /docs explains how to add them.
   */
  assets?: AssetLoader
  /**
   * Remember what clients create, change and delete, per session (off by default). `true` keeps
   * sessions in memory with the default caps; pass caps, or a `store` (a Durable Object on Workers,
   * a file on Node).
   */
  stateful?: boolean | StatefulOptions
  /**
   * Keep the rendered bytes of generated and example answers and send them again for the same
   * request (default true; never for hand-written handlers). In stateful mode only reads are kept,
   * per session, until the session changes. False renders every answer.
   */
  cache?: boolean
  /**
   * Fail a share of requests on purpose, chosen by the seed (reproducible): `{ rate: 0.05, kinds:
   * ['reset', 503] }`. `Prefer: fault=` fails one request.
   */
  faults?: FaultOptions
  /** Milliseconds every answer waits (200), or a range each wait is drawn from by the seed. */
  latency?: LatencyOptions
  /** At most so many requests per window (`{ requests: 10 }`: 10 a second); past it, 429. */
  rateLimit?: RateLimitOptions
}

export interface StatefulOptions {
  /** Where sessions live; by default in memory, bounded by the caps below. */
  store?: StateStore
  /**
   * Sessions the in-memory store keeps; the least recently used is forgotten first (default 100).
   */
  maxSessions?: number
  /**
   * Objects the in-memory store keeps per session, least recently used first out (default 1000).
   */
  maxObjects?: number
  /**
   * Bytes of stored JSON the in-memory store keeps, all sessions together (default 256 MiB): past
   * it the least recently used sessions are forgotten; one session keeps at most a quarter, its
   * least recently used objects first out; a larger object is refused with 413.
   */
  maxStateBytes?: number
}

export interface ResolvedOptions {
  seed: number
  dynamic: boolean
  mocks: Mocks | undefined
  scenario: string | undefined
  corsOrigins: '*' | string[] | false
  maxBodyBytes: number
  maxDelayMs: number
  docs: boolean
  /** `/` or a path without a trailing slash: `/api`. */
  basePath: string
  assets: AssetLoader | undefined
  /** Set in stateful mode: where sessions live. */
  store: StateStore | undefined
  cache: boolean
  faults: ResolvedFaults | undefined
  latency: ResolvedLatency | undefined
  rateLimit: ResolvedRateLimit | undefined
}

/** Where `standin serve` listens by default: Prism's port, this machine only. */
export const DEFAULT_PORT = 4010
/** `standin preview`'s port: beside `serve`'s, so both can run at once. */
export const DEFAULT_PREVIEW_PORT = 4020

/** The API path of a preview, normalised: anything but `/`, which is the frontend's. */
export function checkedPreviewApiPath(path: string): string {
  const apiPath = normalBasePath(path)
  if (apiPath === '/')
    throw new StandinError(
      'USAGE',
      '--api-path must not be "/": the frontend has the root. Pass a path such as /api.',
    )
  return apiPath
}
export const DEFAULT_HOST = '127.0.0.1'
export const DEFAULT_SEED = 1
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024
export const DEFAULT_MAX_DELAY_MS = 10_000

/**
 * Checks the options and fills in the defaults (the base path from the contract's servers); a
 * mistake is a StandinError naming the option.
 */
export function resolveOptions(
  options: MockOptions,
  contract: Pick<Contract, 'servers'> = {},
): ResolvedOptions {
  const resolved: ResolvedOptions = {
    seed: integer(options.seed, 'seed', DEFAULT_SEED, Number.MIN_SAFE_INTEGER),
    dynamic: options.dynamic ?? true,
    mocks: options.mocks,
    scenario: options.scenario,
    corsOrigins: corsOrigins(options.cors),
    maxBodyBytes: integer(options.maxBodyBytes, 'maxBodyBytes', DEFAULT_MAX_BODY_BYTES, 1),
    maxDelayMs: integer(options.maxDelayMs, 'maxDelayMs', DEFAULT_MAX_DELAY_MS, 0),
    docs: options.docs ?? true,
    basePath:
      options.basePath === undefined ? basePathOf(contract) : checkedBasePath(options.basePath),
    assets: options.assets,
    store: storeOf(options.stateful),
    cache: options.cache ?? true,
    faults: resolveFaults(options.faults),
    latency: resolveLatency(options.latency),
    rateLimit: resolveRateLimit(options.rateLimit),
  }
  checkScenario(resolved)
  return resolved
}

function integer(value: number | undefined, name: string, fallback: number, min: number): number {
  if (value === undefined) return fallback
  if (!Number.isSafeInteger(value) || value < min) {
    throw new StandinError(
      'USAGE',
      `The mock option ${name} must be an integer of at least ${min}, got ${String(value)}.`,
    )
  }
  return value
}

function checkedBasePath(path: string): string {
  if (typeof path !== 'string' || /[\s?#]/.test(path))
    throw new StandinError(
      'USAGE',
      `The mock option basePath must be a URL path like "/api" or "/", got ${JSON.stringify(path)}.`,
    )
  return normalBasePath(path)
}

function storeOf(stateful: MockOptions['stateful']): StateStore | undefined {
  if (!stateful) return undefined
  if (stateful === true) return createMemoryStore()
  return (
    stateful.store ??
    createMemoryStore({
      maxSessions: stateful.maxSessions,
      maxObjects: stateful.maxObjects,
      maxStateBytes: stateful.maxStateBytes,
    })
  )
}

function corsOrigins(cors: MockOptions['cors']): ResolvedOptions['corsOrigins'] {
  if (cors === false) return false
  if (cors === undefined || cors === true) return '*'
  return cors.origins
}

function checkScenario(options: ResolvedOptions): void {
  if (options.scenario === undefined) return
  const known = Object.keys(options.mocks?.scenarios ?? {})
  if (!known.includes(options.scenario)) {
    const list =
      known.length > 0
        ? `Known scenarios: ${known.join(', ')}.`
        : 'No mocks with scenarios are loaded.'
    throw new StandinError('USAGE', `Unknown scenario "${options.scenario}". ${list}`)
  }
}

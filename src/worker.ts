import { Hono } from 'hono'
import contract from '../contracts/index.ts'
import mocks from '../mocks/index.ts'
import { createMockApp } from './mock/create-mock-app.ts'
import { DOCS_ASSETS } from './mock/docs.ts'
import type { AssetLoader, MockOptions } from './mock/options.ts'
import { requireAccessToken } from './mock/require-access-token.ts'
import { type DurableObjectNamespaceLike, durableObjectStore } from './mock/state/durable-object.ts'

// The Durable Object class that holds one session each (wrangler.toml binds it as STANDIN_SESSIONS).
export { StandinSession } from './mock/state/durable-object.ts'

/** The bindings wrangler.toml declares. */
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
}

let app: Hono | undefined

/**
 * The Cloudflare Workers entry: the mock of contracts/ with mocks/, built on the first request (start-up
 * stays cheap) and kept for the life of the isolate.
 */
export default {
  fetch(request: Request, env: WorkerEnv): Response | Promise<Response> {
    app ??= createWorkerApp(env)
    return app.fetch(request, env)
  },
}

function createWorkerApp(env: WorkerEnv): Hono {
  const mock = createMockApp(contract, { mocks, seed: seedFrom(env.STANDIN_SEED), assets: env.ASSETS && assetsFrom(env.ASSETS), ...statefulFrom(env) })
  const worker = new Hono()
  worker.use(requireAccessToken(env.STANDIN_ACCESS_TOKEN))
  worker.route('/', mock)
  return worker
}

function statefulFrom(env: WorkerEnv): Pick<MockOptions, 'stateful'> {
  return env.STANDIN_STATEFUL === 'true' && env.STANDIN_SESSIONS ? { stateful: { store: durableObjectStore(env.STANDIN_SESSIONS) } } : {}
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

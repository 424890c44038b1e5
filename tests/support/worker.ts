import { join } from 'node:path'
import { unstable_startWorker } from 'wrangler'
import { makeTempDir, repoRoot } from './temp-dir.ts'

export interface RunningWorker {
  /** Where the Worker listens, e.g. `http://127.0.0.1:8787`, for clients such as a browser. */
  url: string
  /** Sends a request to the Worker running in workerd; `path` is relative to its origin. */
  fetch: (path: string, init?: RequestInit) => Promise<Response>
  dispose: () => Promise<void>
}

/**
 * The real Worker (src/worker.ts, bundled by wrangler from wrangler.toml) in workerd, on 127.0.0.1.
 * `vars` override wrangler.toml's, as `wrangler secret put` values would. Durable Object storage
 * goes to a fresh temporary folder, so runs never share sessions.
 */
export async function startWorker(vars: Record<string, string> = {}): Promise<RunningWorker> {
  const storage = makeTempDir()
  const worker = await unstable_startWorker({
    config: join(repoRoot, 'wrangler.toml'),
    bindings: Object.fromEntries(
      Object.entries(vars).map(([name, value]) => [name, { type: 'plain_text', value }]),
    ),
    dev: {
      server: { hostname: '127.0.0.1', port: 0 },
      inspector: false,
      logLevel: 'error',
      persist: storage.dir,
    },
  })
  await worker.ready
  const url = (await worker.url).origin
  return {
    url,
    fetch: async (path, init) =>
      (await worker.fetch(`http://mock.test${path}`, init as never)) as unknown as Response,
    dispose: async () => {
      await worker.dispose()
      storage.cleanup()
    },
  }
}

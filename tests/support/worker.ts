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

export interface StartWorkerOptions {
  /** Where the Durable Objects keep their storage; a fresh temporary folder when left out. */
  persist?: string
}

/**
 * The real Worker (src/worker.ts, bundled by wrangler from wrangler.toml) in workerd, on 127.0.0.1.
 * `vars` override wrangler.toml's, as `wrangler secret put` values would. Durable Object storage
 * goes to a fresh temporary folder unless `persist` names one, so runs never share sessions.
 */
export async function startWorker(
  vars: Record<string, string> = {},
  options: StartWorkerOptions = {},
): Promise<RunningWorker> {
  const storage = options.persist ? undefined : makeTempDir()
  const worker = await unstable_startWorker({
    config: join(repoRoot, 'wrangler.toml'),
    bindings: Object.fromEntries(
      Object.entries(vars).map(([name, value]) => [name, { type: 'plain_text', value }]),
    ),
    dev: {
      server: { hostname: '127.0.0.1', port: 0 },
      inspector: false,
      logLevel: 'error',
      persist: options.persist ?? storage?.dir,
    },
  })
  await worker.ready
  const url = (await worker.url).origin
  const send = async (path: string, init?: RequestInit) =>
    (await worker.fetch(`http://mock.test${path}`, init as never)) as unknown as Response
  return {
    url,
    fetch: (path, init) => sendPastDevProxyDrops(() => send(path, init), init),
    dispose: async () => {
      await worker.dispose()
      storage?.cleanup()
    },
  }
}

const DEV_PROXY_DROPS = 3

/**
 * Sends the request again when wrangler dev's proxy dropped it on its way to the Worker. wrangler
 * 4.86 runs the Worker behind a proxy in a second workerd; a pooled connection between the two
 * that idles about 5 s is closed by both ends at once, a request written into it is reset, and the
 * proxy answers 503 "Your worker restarted mid-request" (cloudflare/workers-sdk#14641; later
 * wrangler releases, which need Node 22, resend inside the proxy). More often on a busy machine.
 */
async function sendPastDevProxyDrops(
  send: () => Promise<Response>,
  init: RequestInit | undefined,
): Promise<Response> {
  const resendable = init?.body === undefined || typeof init.body === 'string'
  for (let drops = 0; ; drops++) {
    const response = await send()
    if (!resendable || drops === DEV_PROXY_DROPS || !(await isDevProxyDrop(response)))
      return response
    await new Promise((resolve) => setTimeout(resolve, 50 * (drops + 1)))
  }
}

async function isDevProxyDrop(response: Response): Promise<boolean> {
  if (response.status !== 503) return false
  return (await response.clone().text()).startsWith('Your worker restarted mid-request.')
}

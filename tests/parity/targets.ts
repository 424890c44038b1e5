import { createMockApp, packageAssets } from 'standin'
import shop from '../../contracts/index.ts'
import mocks from '../../mocks/index.ts'
import { startWorker } from '../support/worker.ts'

/** A running mock that answers requests: in-process on Node, or the real Worker in workerd. */
export interface MockTarget {
  fetch: (path: string, init?: RequestInit) => Promise<Response>
  close: () => Promise<void>
}

/** The Node mock exactly as `standin serve` builds it for the example contract (default seed). */
export async function nodeTarget(): Promise<MockTarget> {
  const app = createMockApp(shop, { mocks, assets: packageAssets() })
  return { fetch: async (path, init) => app.request(path, init), close: async () => {} }
}

/**
 * The Worker from wrangler.toml, bundled by wrangler and run in workerd on 127.0.0.1, without
 * remembered state, like the Node target (tests/state runs one suite against both stateful stores).
 */
export async function workerTarget(vars: Record<string, string> = {}): Promise<MockTarget> {
  const worker = await startWorker({ STANDIN_STATEFUL: 'false', ...vars })
  return { fetch: worker.fetch, close: worker.dispose }
}

import { createMockApp } from 'standin'
import shop from '../../contracts/index.ts'
import mocks from '../../mocks/index.ts'
import { startWorker } from '../support/worker.ts'

/**
 * Objects each session keeps in the suite's targets: room for the concurrency test, a cap the
 * eviction test reaches.
 */
export const MAX_OBJECTS = 250
/**
 * Bytes of state in the suite's targets: a session keeps a quarter, 512 KiB, below the 1 MiB a
 * request body may have, so the byte tests reach it with bodies the mock accepts.
 */
export const MAX_STATE_BYTES = 2 * 1024 ** 2

/**
 * A stateful mock that answers requests: in-process on Node, or the real Worker with its Durable
 * Objects.
 */
export interface StateTarget {
  fetch: (path: string, init?: RequestInit) => Promise<Response>
  close: () => Promise<void>
}

/** The shop with its mocks, stateful, in memory: what `npm start` serves. */
export async function nodeStateTarget(): Promise<StateTarget> {
  const app = createMockApp(shop, {
    mocks,
    stateful: { maxObjects: MAX_OBJECTS, maxStateBytes: MAX_STATE_BYTES },
  })
  return { fetch: async (path, init) => app.request(path, init), close: async () => {} }
}

/**
 * The Worker of wrangler.toml in workerd with STANDIN_STATEFUL=true: one Durable Object per
 * session. Their storage goes to `persist` (a fresh temporary folder unless given, so runs never
 * share sessions).
 */
export async function workerStateTarget(persist?: string): Promise<StateTarget> {
  const worker = await startWorker(
    {
      STANDIN_STATEFUL: 'true',
      STANDIN_MAX_OBJECTS: String(MAX_OBJECTS),
      STANDIN_MAX_STATE_BYTES: String(MAX_STATE_BYTES),
    },
    { persist },
  )
  return { fetch: worker.fetch, close: worker.dispose }
}

// `standin/worker`: a Cloudflare Worker that serves the mock of your contract.
export { createWorker } from './create-worker.ts'
export { createPreviewWorker } from './create-preview-worker.ts'
export type { PreviewWorkerOptions } from './create-preview-worker.ts'
export type { StandinWorker, WorkerEnv, WorkerOptions } from './create-worker.ts'

// The Durable Object class that holds one session each; export it from the Worker entry so wrangler
// can bind it.
export { StandinSession } from '../mock/state/durable-object.ts'

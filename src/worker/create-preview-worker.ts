import type { Contract } from '../contract/types.ts'
import type { Mocks } from '../mock/mock-types.ts'
import { checkedPreviewApiPath } from '../mock/options.ts'
import { withinBasePath } from '../operation/base-path.ts'
import {
  createWorker,
  type StandinWorker,
  type WorkerEnv,
  type WorkerOptions,
} from './create-worker.ts'

/** What `createPreviewWorker` takes: the Worker's options, and where the mock lives. */
export interface PreviewWorkerOptions extends Omit<WorkerOptions, 'basePath'> {
  /** The path the mock answers under, e.g. `/api`; every other path is the frontend's. */
  apiPath: string
}

/**
 * One Worker for a built frontend and the mock it talks to, on one origin: requests under
 * `apiPath` go to the mock of the contract, every other request to the `ASSETS` binding (the
 * frontend's files; with `not_found_handling = "single-page-application"` a path without a file
 * gets index.html). The page needs no CORS and no second URL.
 *
 * @example
 * // worker.ts, with [assets] directory = "dist", binding = "ASSETS", run_worker_first = true
 * import { createPreviewWorker } from 'standin/worker'
 * import contract from './contracts/index.ts'
 * export { StandinSession } from 'standin/worker'
 * export default createPreviewWorker(contract, undefined, { apiPath: '/api' })
 */
export function createPreviewWorker(
  contract: Contract,
  mocks: Mocks | undefined,
  options: PreviewWorkerOptions,
): StandinWorker {
  const { apiPath: path, ...workerOptions } = options
  const apiPath = checkedPreviewApiPath(path)
  const mock = createWorker(contract, mocks, { ...workerOptions, basePath: apiPath })
  return {
    fetch(request, env) {
      if (withinBasePath(new URL(request.url).pathname, apiPath) !== undefined) {
        // The assets are the frontend's, not the docs page's files.
        return mock.fetch(request, withoutAssets(env))
      }
      if (!env.ASSETS) return new Response('This preview has no ASSETS binding.', { status: 500 })
      return env.ASSETS.fetch(request)
    },
  }
}

function withoutAssets(env: WorkerEnv): WorkerEnv {
  const { ASSETS: _assets, ...rest } = env
  return rest
}

import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { register, tsImport } from 'tsx/esm/api'
import { isContract } from './define-contract.ts'
import { displayPath, loadFailureMessage } from './load-failure.ts'
import { isStandinError, StandinError, type StandinErrorCode } from './standin-error.ts'
import type { Contract } from './types.ts'

export interface LoadContractOptions {
  /** Directory relative paths are resolved from; `process.cwd()` by default. */
  cwd?: string
  /** Called with the path of every local file the contract imports (for watching). */
  onImport?: (file: string) => void
  /** Import into this graph (shared with other files loaded through it) instead of a fresh one. */
  graph?: ModuleGraph
}

/**
 * One fresh module graph for several files: what they share (standin, zod, faker) is evaluated
 * once.
 */
export interface ModuleGraph {
  import(url: string): Promise<Record<string, unknown>>
  close(): Promise<void>
}

let graphs = 0

/**
 * A fresh module graph that several loads share, e.g. a contract and the mocks that import it;
 * close it once they are loaded. `onImport` sees every local file imported into it.
 *
 * @example
 * const graph = createModuleGraph()
 * const contract = await loadContract('contracts/index.ts', { graph })
 * await graph.close()
 */
export function createModuleGraph(onImport?: (file: string) => void): ModuleGraph {
  const api = register({
    namespace: `standin-graph-${++graphs}`,
    ...(onImport ? { onImport: watchHook({ onImport }) } : {}),
  })
  return {
    import: (url) => api.import(url, import.meta.url) as Promise<Record<string, unknown>>,
    close: () => api.unregister(),
  }
}

export const DEFAULT_CONTRACT_FILE = 'contracts/index.ts'

/**
 * Loads a TypeScript (or JavaScript) contract file without a build step. Every load is a fresh
 * module graph, so a watcher sees edits. The file must `export default defineContract(...)` (or
 * export it by any name).
 *
 * @example
 * const contract = await loadContract('contracts/index.ts')
 */
export async function loadContract(
  file: string = DEFAULT_CONTRACT_FILE,
  options: LoadContractOptions = {},
): Promise<Contract> {
  const cwd = options.cwd ?? process.cwd()
  const path = resolve(cwd, file)
  const shown = displayPath(path, cwd)
  if (!existsSync(path)) {
    throw new StandinError(
      'CONTRACT_NOT_FOUND',
      `No contract file at ${shown}. Create it, or pass --contract FILE.`,
    )
  }
  const module = await importLocalModule(path, shown, options)
  const contract = findContractExport(module)
  if (!contract) {
    throw new StandinError(
      'CONTRACT_NOT_FOUND',
      `${shown} exports no contract. Did you forget \`export default defineContract(...)\`?`,
    )
  }
  return contract
}

/**
 * Imports a local TypeScript or JavaScript file (a contract, or mocks) as a fresh module graph. A
 * file that fails to load is a StandinError with `code` naming `shown`.
 *
 * @example
 * const module = await importLocalModule('/abs/mocks/index.ts', 'mocks/index.ts', {}, 'MOCK_INVALID')
 */
export async function importLocalModule(
  path: string,
  shown: string,
  options: LoadContractOptions,
  code: StandinErrorCode = 'CONTRACT_LOAD_FAILED',
): Promise<Record<string, unknown>> {
  try {
    const url = pathToFileURL(path).href
    if (options.graph) return esModuleExports(await options.graph.import(url))
    return esModuleExports(
      await tsImport(url, { parentURL: import.meta.url, onImport: watchHook(options) }),
    )
  } catch (error) {
    if (isStandinError(error)) throw error
    const named = { path, shown, cwd: options.cwd ?? process.cwd() }
    throw new StandinError(code, loadFailureMessage(error, named), { cause: error })
  }
}

/**
 * The file's own exports. In a package without `"type": "module"` (what `npm init` writes) a .ts
 * file loads as CommonJS, and its `export default` arrives one level down, as `default.default`.
 */
function esModuleExports(module: Record<string, unknown>): Record<string, unknown> {
  const commonJs = module.default as { __esModule?: unknown; default?: unknown } | null | undefined
  if (typeof commonJs !== 'object' || commonJs === null || commonJs.__esModule !== true)
    return module
  return { ...module, default: commonJs.default }
}

function watchHook(options: LoadContractOptions): ((url: string) => void) | undefined {
  const { onImport } = options
  if (!onImport) return undefined
  return (url) => {
    if (url.startsWith('file:') && !url.includes('/node_modules/'))
      onImport(decodeURIComponent(new URL(url).pathname))
  }
}

function findContractExport(module: Record<string, unknown>): Contract | undefined {
  if (isContract(module.default)) return module.default
  if (isContract(module.contract)) return module.contract
  return Object.values(module).find(isContract)
}

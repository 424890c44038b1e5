import { existsSync } from 'node:fs'
import { resolve, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { tsImport } from 'tsx/esm/api'
import { isContract } from './define-contract.ts'
import { isStandinError, StandinError } from './standin-error.ts'
import type { Contract } from './types.ts'

export interface LoadContractOptions {
  /** Directory relative paths are resolved from; `process.cwd()` by default. */
  cwd?: string
  /** Called with the path of every local file the contract imports (for watching). */
  onImport?: (file: string) => void
}

export const DEFAULT_CONTRACT_FILE = 'contracts/index.ts'

/**
 * Loads a TypeScript (or JavaScript) contract file without a build step. Every load is a fresh module
 * graph, so a watcher sees edits. The file must `export default defineContract(...)` (or export it by
 * any name).
 *
 * @example
 * const contract = await loadContract('contracts/index.ts')
 */
export async function loadContract(file: string = DEFAULT_CONTRACT_FILE, options: LoadContractOptions = {}): Promise<Contract> {
  const cwd = options.cwd ?? process.cwd()
  const path = resolve(cwd, file)
  const shown = relative(cwd, path) || path
  if (!existsSync(path)) {
    throw new StandinError('CONTRACT_NOT_FOUND', `No contract file at ${shown}. Create it, or pass --contract FILE.`)
  }
  const module = await importContractModule(path, shown, options)
  const contract = findContractExport(module)
  if (!contract) {
    throw new StandinError(
      'CONTRACT_NOT_FOUND',
      `${shown} exports no contract. Did you forget \`export default defineContract(...)\`?`,
    )
  }
  return contract
}

async function importContractModule(path: string, shown: string, options: LoadContractOptions): Promise<Record<string, unknown>> {
  try {
    return await tsImport(pathToFileURL(path).href, { parentURL: import.meta.url, onImport: watchHook(options) })
  } catch (error) {
    if (isStandinError(error)) throw error
    throw new StandinError('CONTRACT_LOAD_FAILED', `Could not load ${shown}: ${firstLine(error)}. Fix the file and try again.`, {
      cause: error,
    })
  }
}

function watchHook(options: LoadContractOptions): ((url: string) => void) | undefined {
  const { onImport } = options
  if (!onImport) return undefined
  return (url) => {
    if (url.startsWith('file:') && !url.includes('/node_modules/')) onImport(decodeURIComponent(new URL(url).pathname))
  }
}

function findContractExport(module: Record<string, unknown>): Contract | undefined {
  if (isContract(module.default)) return module.default
  if (isContract(module.contract)) return module.contract
  return Object.values(module).find(isContract)
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n').find((line) => line.trim() !== '')?.trim() ?? 'unknown error'
}

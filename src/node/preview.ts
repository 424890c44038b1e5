import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEFAULT_CONTRACT_FILE, loadContract } from '../contract/load-contract.ts'
import { StandinError } from '../contract/standin-error.ts'
import { checkedPreviewApiPath, DEFAULT_HOST, DEFAULT_PREVIEW_PORT } from '../mock/options.ts'
import { basePathOf } from '../operation/base-path.ts'
import { defaultMocksFile } from '../node.ts'

export const DEFAULT_PREVIEW_API_PATH = '/api'

/** What `startPreview` takes: the frontend's files, the contract, and how the mock answers. */
export interface PreviewOptions {
  /** The built frontend: a folder with index.html. */
  staticDir: string
  /** The contract file (default: contracts/index.ts). */
  contract?: string
  /** The mocks file, or false for none (default: mocks/index.ts beside the contract, if any). */
  mocks?: string | false
  /** Where the mock answers (default: the contract's base path, or /api when that is /). */
  apiPath?: string
  seed?: number
  scenario?: string
  /** Remember what each client creates, per session, in Durable Objects. */
  stateful?: boolean
  port?: number
  host?: string
  cwd?: string
}

export interface RunningPreview {
  /** The frontend's origin, e.g. `http://127.0.0.1:4020`. */
  url: string
  /** Where the mock answers, e.g. `http://127.0.0.1:4020/api`. */
  apiUrl: string
  dispose: () => Promise<void>
}

/**
 * Serves a built frontend and the mock of its contract on one origin, in workerd (wrangler's
 * local runtime): the same Worker `createPreviewWorker` makes for Cloudflare.
 *
 * @example
 * const preview = await startPreview({ staticDir: 'dist', port: 0 })
 * await fetch(`${preview.url}/api/products`)
 * await preview.dispose()
 */
export async function startPreview(options: PreviewOptions): Promise<RunningPreview> {
  const cwd = options.cwd ?? process.cwd()
  const staticDir = checkedStaticDir(resolve(cwd, options.staticDir), options.staticDir)
  const contractFile = resolve(cwd, options.contract ?? DEFAULT_CONTRACT_FILE)
  const contract = await loadContract(contractFile, { cwd })
  const apiPath = previewApiPath(options.apiPath, basePathOf(contract))
  const mocksFile =
    options.mocks === false
      ? undefined
      : options.mocks
        ? resolve(cwd, options.mocks)
        : defaultMocksFile(contractFile)
  const host = options.host ?? DEFAULT_HOST
  const port = options.port ?? DEFAULT_PREVIEW_PORT
  await checkPortFree(port, host)
  const { dir, remove } = createWorkDir()
  try {
    writeProject(dir, { ...options, staticDir, contractFile, mocksFile, apiPath })
    const { unstable_startWorker } = await importWrangler()
    const worker = await unstable_startWorker({
      config: join(dir, 'wrangler.json'),
      dev: {
        server: { hostname: host, port },
        inspector: false,
        logLevel: 'error',
        persist: join(dir, 'state'),
      },
    })
    await worker.ready
    const url = (await worker.url).origin
    return {
      url,
      apiUrl: `${url}${apiPath}`,
      dispose: async () => {
        await worker.dispose()
        remove()
      },
    }
  } catch (error) {
    remove()
    throw error
  }
}

/**
 * The folder of the Worker's entry, config and session storage; removed on dispose, or when the
 * process exits first (wrangler ends the process on SIGINT and SIGTERM itself).
 */
function createWorkDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'standin-preview-'))
  const remove = () => {
    process.off('exit', remove)
    rmSync(dir, { recursive: true, force: true })
  }
  process.on('exit', remove)
  return { dir, remove }
}

/** wrangler 4.86 waits for ever on a port in use; this says so at once. */
function checkPortFree(port: number, host: string): Promise<void> {
  if (port === 0) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE') return reject(error)
      reject(
        new StandinError(
          'PORT_IN_USE',
          `Port ${port} on ${host} is in use. Stop the other server or pass --port N.`,
        ),
      )
    })
    probe.listen(port, host, () => probe.close(() => resolve()))
  })
}

/** wrangler runs the Worker; a project that deploys Workers has it already. */
async function importWrangler(): Promise<typeof import('wrangler')> {
  try {
    return await import('wrangler')
  } catch (error) {
    throw new StandinError(
      'USAGE',
      'standin preview --dev runs its Worker with wrangler, which is not installed here. Run `npm install -D wrangler`.',
      { cause: error },
    )
  }
}

/** The API path asked for, else the contract's base path, else /api (the frontend has the root). */
export function previewApiPath(asked: string | undefined, contractBasePath: string): string {
  return checkedPreviewApiPath(
    asked ?? (contractBasePath === '/' ? DEFAULT_PREVIEW_API_PATH : contractBasePath),
  )
}

function checkedStaticDir(dir: string, shown: string): string {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new StandinError(
      'USAGE',
      `No folder at ${shown}. Pass --static DIR, the folder your frontend's build writes.`,
    )
  }
  if (readdirSync(dir).length === 0) {
    throw new StandinError(
      'USAGE',
      `${shown} is empty. Build your frontend first, then pass its output folder.`,
    )
  }
  if (!existsSync(join(dir, 'index.html'))) {
    throw new StandinError(
      'USAGE',
      `${shown} has no index.html. Pass the folder your frontend's build writes.`,
    )
  }
  return dir
}

interface ProjectFiles {
  staticDir: string
  contractFile: string
  mocksFile: string | undefined
  apiPath: string
  seed?: number
  scenario?: string
  stateful?: boolean
}

/** The Worker's entry module and its wrangler config, in `dir`. */
function writeProject(dir: string, files: ProjectFiles): void {
  const library = libraryEntries()
  const workerOptions = { apiPath: files.apiPath, seed: files.seed, scenario: files.scenario }
  const entry = [
    `import contract from ${JSON.stringify(files.contractFile)}`,
    files.mocksFile
      ? `import mocks from ${JSON.stringify(files.mocksFile)}`
      : 'const mocks = undefined',
    `import { createPreviewWorker } from ${JSON.stringify(library.worker)}`,
    `export { StandinSession } from ${JSON.stringify(library.worker)}`,
    `export default createPreviewWorker(contract, mocks, ${JSON.stringify(workerOptions)})`,
    '',
  ].join('\n')
  writeFileSync(join(dir, 'preview.ts'), entry)
  writeFileSync(join(dir, 'wrangler.json'), JSON.stringify(wranglerConfig(files, library), null, 2))
}

function wranglerConfig(files: ProjectFiles, library: LibraryEntries): Record<string, unknown> {
  return {
    name: 'standin-preview',
    main: 'preview.ts',
    compatibility_date: '2025-09-01',
    assets: {
      directory: files.staticDir,
      binding: 'ASSETS',
      not_found_handling: 'single-page-application',
      run_worker_first: true,
    },
    ...(library.universal ? { alias: { standin: library.universal } } : {}),
    vars: {
      STANDIN_STATEFUL: files.stateful ? 'true' : 'false',
      ...(files.seed === undefined ? {} : { STANDIN_SEED: String(files.seed) }),
    },
    durable_objects: { bindings: [{ name: 'STANDIN_SESSIONS', class_name: 'StandinSession' }] },
    migrations: [{ tag: 'v1', new_sqlite_classes: ['StandinSession'] }],
  }
}

interface LibraryEntries {
  worker: string
  /** Where `standin` resolves to for the user's contract, when not from node_modules. */
  universal?: string
}

/** From sources (this repository): src/; from the installed package: its own `standin/worker`. */
function libraryEntries(): LibraryEntries {
  const here = fileURLToPath(import.meta.url)
  if (here.endsWith('.ts')) {
    const src = dirname(dirname(here))
    return { worker: join(src, 'worker', 'index.ts'), universal: join(src, 'universal.ts') }
  }
  return { worker: createRequire(import.meta.url).resolve('standin/worker') }
}

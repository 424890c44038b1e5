import { type FSWatcher, existsSync, watch } from 'node:fs'
import { readFile } from 'node:fs/promises'
import type { Server } from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { basename, dirname, join, relative, resolve } from 'node:path'
import { displayPath } from './contract/load-failure.ts'
import {
  createModuleGraph,
  DEFAULT_CONTRACT_FILE,
  importLocalModule,
  type LoadContractOptions,
  loadContract,
} from './contract/load-contract.ts'
import { isStandinError, StandinError } from './contract/standin-error.ts'
import type { Contract } from './contract/types.ts'
import { fromOpenAPI } from './openapi/from-openapi/from-openapi.ts'
import { summarizeWarnings } from './openapi/from-openapi/warnings.ts'
import { createMockApp } from './mock/create-mock-app.ts'
import { createProxyApp, type ProxyOptions, VIOLATIONS_PATH } from './proxy/create-proxy-app.ts'
import type { ViolationReport } from './proxy/violations.ts'
import { createNodeServer } from './node/index.ts'
import { createHttpTransport, type HttpTransport } from './node/http-transport.ts'
import { createRecording, type Recording } from './node/recording.ts'
import { withReplay } from './node/replay-file.ts'
import { isReplayed } from './proxy/replay.ts'
import { inferResources } from './operation/resources.ts'
import { isMocks } from './mock/define-mocks.ts'
import { DOCS_ASSETS } from './mock/docs.ts'
import { refusalReasonOf } from './mock/problem.ts'
import { FAULT_HEADER } from './mock/faults/kinds.ts'
import { allowedMethods } from './mock/router.ts'
import type { Mocks } from './mock/mock-types.ts'
import {
  type AssetLoader,
  DEFAULT_HOST,
  DEFAULT_PORT,
  type MockOptions,
  resolveOptions,
} from './mock/options.ts'
import { createMemoryStore } from './mock/state/memory-store.ts'
import { openFileStore } from './mock/state/state-file.ts'
import type { StateStore } from './mock/state/store.ts'

/**
 * Loads a mocks file (`export default defineMocks(contract, …)`) the way contracts load:
 * TypeScript, no build step, a fresh module graph each time.
 *
 * @example
 * const mocks = await loadMocks('mocks/index.ts')
 */
export async function loadMocks(file: string, options: LoadContractOptions = {}): Promise<Mocks> {
  const cwd = options.cwd ?? process.cwd()
  const path = resolve(cwd, file)
  const shown = displayPath(path, cwd)
  if (!existsSync(path))
    throw new StandinError(
      'MOCK_INVALID',
      `No mocks file at ${shown}. Create it, or leave out --mocks.`,
    )
  const module = await importLocalModule(path, shown, options, 'MOCK_INVALID')
  const mocks = isMocks(module.default) ? module.default : Object.values(module).find(isMocks)
  if (!mocks)
    throw new StandinError(
      'MOCK_INVALID',
      `${shown} exports no mocks. Did you forget \`export default defineMocks(contract, {...})\`?`,
    )
  return mocks
}

/**
 * The mocks file used when none is named: `mocks/index.ts` beside the contract file, or beside its
 * `contracts/` folder.
 *
 * @example
 * defaultMocksFile('contracts/index.ts') // '/abs/path/mocks/index.ts' when it exists
 */
export function defaultMocksFile(
  contractFile: string,
  cwd: string = process.cwd(),
): string | undefined {
  const dir = dirname(resolve(cwd, contractFile))
  const candidates = [join(dir, 'mocks', 'index.ts')]
  if (basename(dir) === 'contracts') candidates.push(join(dir, '..', 'mocks', 'index.ts'))
  return candidates.find((candidate) => existsSync(candidate))
}

/**
 * The docs page's files, read from the installed `swagger-ui-dist` package (never a CDN).
 *
 * @example
 * createMockApp(contract, { assets: packageAssets() })
 */
export function packageAssets(): AssetLoader {
  const dir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
  return async (file) => {
    if (!DOCS_ASSETS.includes(file)) return undefined
    const bytes = await readFile(join(dir, file)).catch(() => undefined)
    return bytes ? new Response(new Uint8Array(bytes)) : undefined
  }
}

export interface ServeOptions extends Omit<MockOptions, 'mocks' | 'assets' | 'stateful'> {
  /** Contract file (default `contracts/index.ts`). */
  contract?: string
  /**
   * An OpenAPI 3.x or Swagger 2.0 document (file or http(s) URL) to serve instead of a contract
   * file.
   */
  spec?: string
  /** Mocks file; by default `mocks/index.ts` beside the contract when it exists; false for none. */
  mocks?: string | false
  cwd?: string
  port?: number
  host?: string
  /** Reload contract and mocks (and every local file they import) when one changes. */
  watch?: boolean
  /** Print no line per request. */
  quiet?: boolean
  /**
   * Remember what clients create, per session (`--stateful`); sessions outlive `--watch` reloads.
   */
  stateful?: boolean
  /** Keep the sessions in this file across restarts (`--state-file`; implies `stateful`). */
  stateFile?: string
  /** Sessions kept at most, least recently used forgotten first (default 100). */
  maxSessions?: number
  /** Objects kept per session, least recently used first out (default 1000). */
  maxObjects?: number
  /**
   * Bytes of stored JSON kept, all sessions together (default 256 MiB); one session keeps a quarter.
   */
  maxStateBytes?: number
  /** A HAR file whose recorded requests get their recorded answers; the rest the mock's. */
  replay?: string
  /** Where lines go; standard output and standard error by default. */
  log?: (line: string) => void
  error?: (line: string) => void
  /**
   * Serve a proxy to this backend instead of the mock alone (`standin proxy`): the mock answers only
   * what the proxy leaves to it. See `serveProxy`.
   */
  proxy?: Omit<ProxyOptions, 'mock' | 'log' | 'onExchange'> & {
    /** Keep every exchange in this HAR 1.2 file, secrets redacted (`--record`). */
    record?: string
  }
}

export interface MockServer {
  /** Where the server listens: `http://127.0.0.1:4010`. */
  url: string
  /** Where the API lives on it: `url` and the base path (`http://127.0.0.1:4010/api`). */
  apiUrl: string
  server: Server
  /** Loads contract and mocks again; false (and the last good app kept) when that fails. */
  reload(): Promise<boolean>
  close(): Promise<void>
  /** A proxy's violations so far, grouped by cause (since the last reload); undefined for a mock. */
  violations(): ViolationReport | undefined
}

/** The sessions of a stateful server, and what to do with them at shutdown. */
interface ServerState {
  store: StateStore
  describe: string
  /** How long open connections get at shutdown before they are closed. */
  closeConnectionsMs: number
  close(): Promise<void>
}

/** What a proxy keeps across reloads: its recording and its connections to the backend. */
interface Proxying {
  recording: Recording | undefined
  http: HttpTransport
}

interface Loaded {
  contract: Contract
  mocksFile: string | undefined
  fetch: (request: Request) => Response | Promise<Response>
  violations?: () => ViolationReport
  files: Set<string>
  /** Where the API lives on the server: '' for the root, else `/api`. */
  basePath: string
}

/**
 * Serves the mock of a contract file on Node: one log line per request, `--watch` reloads, and a
 * port in use is a StandinError (PORT_IN_USE).
 *
 * @example
 * const mock = await serveMock({ contract: 'contracts/index.ts', port: 0, quiet: true })
 * await fetch(`${mock.url}/products`)
 * await mock.close()
 */
export async function serveMock(options: ServeOptions = {}): Promise<MockServer> {
  const log = options.log ?? ((line) => process.stdout.write(`${line}\n`))
  const error = options.error ?? ((line) => process.stderr.write(`${line}\n`))
  const state = await openState(options, error)
  const record = options.proxy?.record
  const proxying: Proxying | undefined = options.proxy
    ? {
        recording: record
          ? createRecording(resolve(options.cwd ?? process.cwd(), record), error)
          : undefined,
        http: createHttpTransport(),
      }
    : undefined
  let current = await loadApp(options, state?.store, log, proxying)
  const fetch = async (request: Request): Promise<Response> => {
    const started = performance.now()
    const response = await current.fetch(request)
    if (!options.quiet) log(requestLine(request, response, performance.now() - started))
    return response
  }
  const server = createNodeServer({
    fetch,
    hostname: options.host ?? DEFAULT_HOST,
    allowedMethods: () => serverMethods(current, state !== undefined),
  })
  await listen(server, options.port ?? DEFAULT_PORT, options.host ?? DEFAULT_HOST)
  const url = serverUrl(server)
  const reload = async (): Promise<boolean> => {
    try {
      current = await loadApp(options, state?.store, log, proxying)
      log(`Reloaded ${describe(current)}.`)
      return true
    } catch (reason) {
      error(`standin: ${messageOf(reason)}`)
      error('Still serving the last good version; save a fix to reload.')
      return false
    }
  }
  const watcher = options.watch ? watchFiles(() => current.files, reload) : undefined
  const api = `${url}${current.basePath}`
  const what = options.proxy
    ? `Proxy of ${describe(current)} to ${options.proxy.target} on ${api} · violations ${url}${VIOLATIONS_PATH}`
    : `Mock of ${describe(current)} on ${api} · docs ${api}/docs`
  log(
    `${what}${options.watch ? ' · watching for changes' : ''}${state ? ` · ${state.describe}` : ''}`,
  )
  if (state)
    for (const why of inferResources(current.contract.operations).skipped)
      log(`Not remembered: ${why}.`)
  return {
    url,
    apiUrl: api,
    server,
    reload,
    close: () =>
      closeServer(server, watcher, state?.closeConnectionsMs)
        .then(() => state?.close())
        .then(() => proxying?.recording?.close())
        .finally(() => proxying?.http.close()),
    violations: () => current.violations?.(),
  }
}

/**
 * `standin proxy`: serves a proxy to `proxy.target` for a contract file or document, with the mock
 * (and its mocks, scenarios and state) for what the backend does not answer; a log line per
 * request, per violation and per mocked answer.
 *
 * @example
 * const proxy = await serveProxy({ contract: 'contracts/index.ts', port: 0, proxy: { target: 'http://127.0.0.1:3000' } })
 * await fetch(`${proxy.url}/products`)
 * console.log(proxy.violations()?.causes)
 */
export function serveProxy(
  options: ServeOptions & { proxy: NonNullable<ServeOptions['proxy']> },
): Promise<MockServer> {
  return serveMock(options)
}

async function loadApp(
  options: ServeOptions,
  store: StateStore | undefined,
  log: (line: string) => void,
  proxying: Proxying | undefined,
): Promise<Loaded> {
  const cwd = options.cwd ?? process.cwd()
  const files = new Set<string>()
  const { contract, mocks, mocksFile } =
    options.spec !== undefined
      ? await loadSpec(options.spec, options, files)
      : await loadFiles(options, files)
  const mock: MockOptions = {
    ...mockOptionsOf(options),
    ...(mocks ? { mocks } : {}),
    ...(store ? { stateful: { store } } : {}),
    assets: packageAssets(),
  }
  const app = options.proxy
    ? createProxyApp(contract, {
        ...options.proxy,
        mock,
        log,
        transport: proxying?.http.transport,
        ...(proxying?.recording ? { onExchange: proxying.recording.onExchange(contract) } : {}),
      })
    : createMockApp(contract, mock)
  const resolved = resolveOptions(mockOptionsOf(options), contract)
  const basePath = resolved.basePath
  return {
    contract,
    mocksFile: mocksFile && relative(cwd, resolve(cwd, mocksFile)),
    fetch:
      options.replay === undefined
        ? app.fetch
        : await withReplay(app.fetch, contract, options.replay, {
            cwd,
            files,
            basePath,
            cors: resolved.corsOrigins,
            warn: options.error ?? ((line) => process.stderr.write(`${line}\n`)),
          }),
    ...('report' in app ? { violations: app.report } : {}),
    files,
    basePath: basePath === '/' ? '' : basePath,
  }
}

interface LoadedSource {
  contract: Contract
  mocks: Mocks | undefined
  mocksFile: string | undefined
}

async function loadFiles(options: ServeOptions, files: Set<string>): Promise<LoadedSource> {
  const cwd = options.cwd ?? process.cwd()
  const contractFile = options.contract ?? DEFAULT_CONTRACT_FILE
  const mocksFile =
    options.mocks === false ? undefined : (options.mocks ?? defaultMocksFile(contractFile, cwd))
  // One graph for both: the mocks import the contract, and standin is evaluated once, not twice.
  const graph = createModuleGraph((file) => files.add(file))
  const [contract, mocks] = await loadBoth(contractFile, mocksFile, { cwd, graph }).finally(() =>
    graph.close(),
  )
  return { contract, mocks, mocksFile }
}

// A document is converted lazily (a large one serves its first answer at once); mocks only when
// named.
async function loadSpec(
  spec: string,
  options: ServeOptions,
  files: Set<string>,
): Promise<LoadedSource> {
  if (options.contract !== undefined)
    throw new StandinError('USAGE', 'Pass either --contract FILE or --spec FILE|URL, not both.')
  const cwd = options.cwd ?? process.cwd()
  const { contract, warnings } = await fromOpenAPI(spec, { cwd, lazy: true })
  if (warnings.length > 0)
    (options.error ?? ((line: string) => process.stderr.write(`${line}\n`)))(
      warningsLine(spec, warnings),
    )
  if (!/^https?:\/\//i.test(spec)) files.add(resolve(cwd, spec))
  const mocksFile = typeof options.mocks === 'string' ? options.mocks : undefined
  return { contract, mocks: mocksFile ? await loadMocks(mocksFile, { cwd }) : undefined, mocksFile }
}

function warningsLine(spec: string, warnings: Parameters<typeof summarizeWarnings>[0]): string {
  const lines = summarizeWarnings(warnings).map((line) => `  ${line}`)
  return [
    `${warnings.length} ${warnings.length === 1 ? 'part' : 'parts'} of ${spec} could not be expressed exactly:`,
    ...lines,
  ].join('\n')
}

async function loadBoth(
  contractFile: string,
  mocksFile: string | undefined,
  options: LoadContractOptions,
): Promise<[Contract, Mocks | undefined]> {
  const contract = await loadContract(contractFile, options)
  return [contract, mocksFile ? await loadMocks(mocksFile, options) : undefined]
}

function mockOptionsOf(options: ServeOptions): MockOptions {
  const { seed, dynamic, scenario, cors, maxBodyBytes, maxDelayMs, docs, cache, basePath } = options
  const { faults, latency, rateLimit } = options
  const picked: MockOptions = {
    faults,
    latency,
    rateLimit,
    seed,
    dynamic,
    scenario,
    cors,
    maxBodyBytes,
    maxDelayMs,
    docs,
    cache,
    basePath,
  }
  return Object.fromEntries(
    Object.entries(picked).filter(([, value]) => value !== undefined),
  ) as MockOptions
}

/**
 * The sessions store of a stateful server: in memory, or kept in `stateFile` (read now, saved after
 * changes).
 */
async function openState(
  options: ServeOptions,
  error: (line: string) => void,
): Promise<ServerState | undefined> {
  if (!options.stateful && options.stateFile === undefined) return undefined
  const caps = {
    maxSessions: options.maxSessions,
    maxObjects: options.maxObjects,
    maxStateBytes: options.maxStateBytes,
  }
  if (options.stateFile === undefined)
    return {
      store: createMemoryStore(caps),
      describe: 'stateful (sessions in memory)',
      closeConnectionsMs: CLOSE_CONNECTIONS_MS,
      close: async () => {},
    }
  const path = resolve(options.cwd ?? process.cwd(), options.stateFile)
  const file = await openFileStore(path, { ...caps, onError: error })
  return {
    store: file.store,
    describe: `stateful (sessions kept in ${options.stateFile})`,
    // Connections 1 s, the last save 0.8 s: a SIGTERM exits within 2 s.
    closeConnectionsMs: 1000,
    close: () => file.close(800),
  }
}

/** What the server takes: its operations' methods, GET for the docs, POST for a state reset. */
function serverMethods(loaded: Loaded, stateful: boolean): string[] {
  const methods = loaded.contract.operations.map((operation) => operation.method.toUpperCase())
  return allowedMethods([...methods, 'GET', ...(stateful ? ['POST'] : [])])
}

function describe(loaded: Loaded): string {
  const count = loaded.contract.operations.length
  const mocks = loaded.mocksFile ? ` with mocks from ${loaded.mocksFile}` : ''
  return `"${loaded.contract.info.title}" (${count} operation${count === 1 ? '' : 's'})${mocks}`
}

/** `POST /orders 422 4ms — body.items: Required`: a refused request names its first reason. */
function requestLine(request: Request, response: Response, ms: number): string {
  const url = new URL(request.url)
  const fault = response.headers.get(FAULT_HEADER)
  const line = `${request.method} ${shortened(`${url.pathname}${url.search}`)} ${response.status} ${ms.toFixed(0)}ms${isReplayed(response) ? ' (replayed)' : ''}${fault ? ` (fault ${fault})` : ''}`
  const reason = refusalReasonOf(response)
  return reason === undefined ? line : `${line} — ${shortened(reason)}`
}

function shortened(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE')
        reject(
          new StandinError(
            'PORT_IN_USE',
            `Port ${port} on ${host} is in use. Stop the other server or pass --port N.`,
          ),
        )
      else reject(new StandinError('USAGE', `Cannot listen on ${host}:${port}: ${error.message}.`))
    }
    server.once('error', onError)
    server.listen(port, host, () => {
      server.off('error', onError)
      resolvePromise()
    })
  })
}

function serverUrl(server: Server): string {
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return `http://${host}:${address.port}`
}

/**
 * Watches the folders of the loaded files (editors often replace a file rather than write it). A
 * burst of changes gives one reload; a change during a reload gives one more after it, so the
 * newest edit wins.
 */
function watchFiles(files: () => Set<string>, reload: () => Promise<boolean>): { close(): void } {
  const watchers = new Map<string, FSWatcher>()
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined
  let again = false
  const run = async () => {
    do {
      again = false
      await reload()
      refresh()
    } while (again)
    running = undefined
  }
  const trigger = () => {
    if (running) again = true
    else running = run()
  }
  const refresh = () => {
    for (const dir of new Set([...files()].map((file) => dirname(file)))) {
      if (watchers.has(dir)) continue
      const watcher = watch(dir, (_event, name) => {
        if (name && !files().has(join(dir, name.toString()))) return
        clearTimeout(timer)
        timer = setTimeout(trigger, 50)
      })
      watcher.on('error', () => undefined)
      watchers.set(dir, watcher)
    }
  }
  refresh()
  return {
    close() {
      clearTimeout(timer)
      for (const watcher of watchers.values()) watcher.close()
    },
  }
}

const CLOSE_CONNECTIONS_MS = 2000

function closeServer(
  server: Server,
  watcher: { close(): void } | undefined,
  connectionsMs = CLOSE_CONNECTIONS_MS,
): Promise<void> {
  watcher?.close()
  return new Promise((resolvePromise) => {
    const force = setTimeout(() => server.closeAllConnections(), connectionsMs)
    server.close(() => {
      clearTimeout(force)
      resolvePromise()
    })
    server.closeIdleConnections()
  })
}

function messageOf(reason: unknown): string {
  if (isStandinError(reason)) return reason.message
  return reason instanceof Error ? reason.message : String(reason)
}

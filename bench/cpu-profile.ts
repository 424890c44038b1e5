import { existsSync, readFileSync } from 'node:fs'
import { SourceMap } from 'node:module'
import { fileURLToPath } from 'node:url'

/** The parts of a V8 `.cpuprofile` (what `node --cpu-prof` writes) that self time needs. */
export interface CpuProfile {
  nodes: {
    id: number
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber?: number }
  }[]
  /** Microseconds on the monotonic clock (the one `process.hrtime` reads). */
  startTime: number
  samples: number[]
  timeDeltas: number[]
}

export interface ProfileRow {
  name: string
  /**
   * Where it lives: `src/fake/compile.ts:42`, `node_modules/zod/…/schemas.js:120`,
   * `node:internal/…`.
   */
  location: string
  selfMs: number
  /** Share of the busy (non-idle) time. */
  percent: number
}

export interface ProfileSummary {
  busyMs: number
  functions: ProfileRow[]
  /** Self time grouped by package (node_modules) or source folder. */
  modules: ProfileRow[]
}

export interface SummaryOptions {
  /** How many rows to keep (15). */
  top?: number
  /** Leave out samples taken before this moment (monotonic µs), e.g. start-up and warm-up. */
  fromMicros?: number
  /**
   * Where bundled code came from (see `createSourceMapper`): standin's own code runs from a bundle.
   */
  mapSource?: SourceMapper
}

/** The original location of a place in a script, when the script has a source map. */
export type SourceMapper = (
  url: string,
  lineNumber: number,
  columnNumber: number,
) => { url: string; lineNumber: number } | undefined

/**
 * Self time per function and per module, biggest first, idle time left out.
 *
 * @example
 * summariseCpuProfile(JSON.parse(readFileSync('CPU.cpuprofile', 'utf8')), '/repo', { top: 10 }).functions[0]
 * // { name: 'generateString', location: 'src/fake/strings.ts:12', selfMs: 812.4, percent: 21.3 }
 */
export function summariseCpuProfile(
  profile: CpuProfile,
  root: string,
  options: SummaryOptions = {},
): ProfileSummary {
  const top = options.top ?? 15
  const byNode = selfTimeByNode(profile, options.fromMicros ?? 0)
  const functions = new Map<string, ProfileRow>()
  const modules = new Map<string, ProfileRow>()
  let busyMs = 0
  for (const node of profile.nodes) {
    const ms = byNode.get(node.id) ?? 0
    const { functionName } = node.callFrame
    if (ms === 0 || functionName === '(idle)') continue
    const { url, lineNumber } = originalOf(node.callFrame, options.mapSource)
    busyMs += ms
    const file = shortLocation(url, root)
    const name = functionName || '(anonymous)'
    add(functions, `${name} ${file}:${lineNumber}`, {
      name,
      location: withLine(file, lineNumber),
      selfMs: ms,
      percent: 0,
    })
    const module = moduleOf(url, root, functionName)
    add(modules, module, { name: module, location: '', selfMs: ms, percent: 0 })
  }
  return {
    busyMs,
    functions: ranked(functions, busyMs, top),
    modules: ranked(modules, busyMs, top),
  }
}

function originalOf(
  frame: CpuProfile['nodes'][number]['callFrame'],
  mapSource: SourceMapper | undefined,
): { url: string; lineNumber: number } {
  return mapSource?.(frame.url, frame.lineNumber, frame.columnNumber ?? 0) ?? frame
}

/**
 * Maps places in scripts that have a `.map` file beside them (standin's bundle in
 * node_modules/.cache/standin/) back to their source files; maps are read once each.
 *
 * @example
 * summariseCpuProfile(profile, repoRoot, { mapSource: createSourceMapper() })
 */
export function createSourceMapper(): SourceMapper {
  const maps = new Map<string, SourceMap | undefined>()
  const mapOf = (url: string) => {
    if (!maps.has(url)) maps.set(url, readSourceMap(url))
    return maps.get(url)
  }
  return (url, lineNumber, columnNumber) => {
    if (!url.startsWith('file://') || !url.includes('/node_modules/.cache/')) return undefined
    const entry = mapOf(url)?.findEntry(lineNumber, columnNumber) as
      | { originalSource?: string; originalLine?: number }
      | undefined
    if (!entry?.originalSource) return undefined
    return { url: new URL(entry.originalSource, url).href, lineNumber: entry.originalLine ?? 0 }
  }
}

function readSourceMap(url: string): SourceMap | undefined {
  const file = `${fileURLToPath(url.replace(/[?#].*$/, ''))}.map`
  if (!existsSync(file)) return undefined
  try {
    return new SourceMap(
      JSON.parse(readFileSync(file, 'utf8')) as ConstructorParameters<typeof SourceMap>[0],
    )
  } catch {
    return undefined
  }
}

/** Which package or source folder a script URL belongs to. */
export function moduleOf(url: string, root: string, functionName = ''): string {
  if (url === '')
    return functionName.startsWith('(') ? functionName : 'native (V8 built-ins, Node bindings)'
  if (url.startsWith('node:')) return 'node core'
  const path = shortLocation(url, root)
  const pkg = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)
  if (pkg?.[1]) return pkg[1]
  const source = /^src\/([^/]+)\//.exec(path)
  return source ? `src/${source[1]}` : path
}

function selfTimeByNode(profile: CpuProfile, fromMicros: number): Map<number, number> {
  const byNode = new Map<number, number>()
  let now = profile.startTime
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0
    now += delta
    if (now >= fromMicros) byNode.set(id, (byNode.get(id) ?? 0) + delta / 1000)
  })
  return byNode
}

/** tsx compiles TypeScript to single-line modules, so a line number there would point nowhere. */
function withLine(file: string, lineNumber: number): string {
  if (file === '' || /\.[cm]?tsx?$/.test(file)) return file
  return `${file}:${lineNumber + 1}`
}

function shortLocation(url: string, root: string): string {
  if (!url.startsWith('file://')) return url
  // tsx loads modules with a ?tsx-namespace=… query.
  const path = fileURLToPath(url.replace(/[?#].*$/, ''))
  const base = root.endsWith('/') ? root : `${root}/`
  if (path.startsWith(base)) return path.slice(base.length)
  const inModules = path.lastIndexOf('/node_modules/')
  return inModules >= 0 ? path.slice(inModules + 1) : path
}

function add(table: Map<string, ProfileRow>, key: string, row: ProfileRow): void {
  const existing = table.get(key)
  if (existing) existing.selfMs += row.selfMs
  else table.set(key, row)
}

function ranked(table: Map<string, ProfileRow>, busyMs: number, top: number): ProfileRow[] {
  return [...table.values()]
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, top)
    .map((row) => ({
      ...row,
      selfMs: round(row.selfMs, 1),
      percent: busyMs > 0 ? round((row.selfMs / busyMs) * 100, 1) : 0,
    }))
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits
  return Math.round(value * scale) / scale
}

// In a checkout of the repository, standin's own TypeScript, bundled once with esbuild into
// node_modules/.cache/standin/<key>/, so the command starts as plain JavaScript and never runs a stale build:
// only the user's contract and mocks files go through tsx. The published package runs dist/ instead.
import { createHash } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { facadeSource, shareLibrary } from './share-library.js'

/** Bump when the build below changes, so bundles made by an older standin are not used. */
const BUILD_FORMAT = 1
/** Bundles kept side by side; a process still running from an older one may load a lazy chunk of it. */
const KEEP_BUILDS = 3

/**
 * @typedef {object} Bundle
 * @property {string} dir the folder of this build
 * @property {boolean} built true when this call built it (the cache was empty or stale)
 */

/**
 * The cache key of a package root's sources: the build format, the root, the size and modification time
 * of package.json, tsconfig.json, this build script and every file under src/. Any edit gives a new key.
 *
 * @param {string} root
 * @returns {string}
 * @example
 * bundleKey('/work/standin') // '3f9c0a…'
 */
export function bundleKey(root) {
  const hash = createHash('sha256').update(`standin bundle ${BUILD_FORMAT}\n${root}\n`)
  for (const file of [
    join(root, 'package.json'),
    join(root, 'tsconfig.json'),
    fileURLToPath(import.meta.url),
  ])
    hash.update(describeFile(root, file))
  const src = join(root, 'src')
  for (const name of readdirSync(src, { recursive: true }).map(String).sort())
    hash.update(describeFile(root, join(src, name)))
  return hash.digest('hex').slice(0, 16)
}

function describeFile(root, path) {
  const stat = statSync(path, { throwIfNoEntry: false })
  return `${relative(root, path)} ${stat ? `${stat.size} ${stat.mtimeMs}` : '-'}\n`
}

/**
 * The current bundle of a package root's sources, built when there is none for its key. Concurrent
 * processes may build at once: each writes its own folder and renames it into place, and the first wins.
 *
 * @param {string} root
 * @returns {Promise<Bundle>}
 * @example
 * const { dir } = await ensureBundle(root) // dir holds cli.js, index.js and standin.js
 */
export async function ensureBundle(root) {
  const cache = join(root, 'node_modules', '.cache', 'standin')
  const dir = join(cache, bundleKey(root))
  if (existsSync(join(dir, 'standin.js'))) return { dir, built: false }
  const temporary = `${dir}.tmp-${process.pid}-${Date.now()}`
  try {
    await buildBundle(root, temporary)
    mkdirSync(cache, { recursive: true })
    renameSync(temporary, dir)
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true })
    if (!existsSync(join(dir, 'standin.js'))) throw error
    return { dir, built: false }
  }
  pruneBuilds(cache, dir)
  return { dir, built: true }
}

async function buildBundle(root, outdir) {
  const { build } = await import('esbuild')
  const result = await build({
    entryPoints: { cli: join(root, 'src', 'cli', 'main.ts'), index: join(root, 'src', 'index.ts') },
    outdir,
    absWorkingDir: root,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Dependencies stay where npm put them: one zod, one faker, shared with the user's files.
    packages: 'external',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'silent',
    plugins: [sourceUrls(root)],
  })
  const exports = result.metafile.outputs[relative(root, join(outdir, 'index.js'))]?.exports
  if (!exports) throw new Error('esbuild wrote no index.js')
  writeFileSync(join(outdir, 'standin.js'), facadeSource(exports))
}

/** Each module keeps its own source file's `import.meta.url` (package.json, swagger-ui-dist, tsx are found from it). */
function sourceUrls(root) {
  const src = join(root, 'src')
  return {
    name: 'standin-source-urls',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        if (!args.path.startsWith(src)) return undefined
        const url = JSON.stringify(pathToFileURL(args.path).href)
        return {
          contents: readFileSync(args.path, 'utf8').replaceAll('import.meta.url', url),
          loader: 'ts',
        }
      })
    },
  }
}

function pruneBuilds(cache, current) {
  const builds = readdirSync(cache, { withFileTypes: true })
    .filter(
      (entry) =>
        entry.isDirectory() && join(cache, entry.name) !== current && !entry.name.includes('.tmp-'),
    )
    .map((entry) => ({
      path: join(cache, entry.name),
      time: statSync(join(cache, entry.name)).mtimeMs,
    }))
    .sort((a, b) => b.time - a.time)
  for (const old of builds.slice(KEEP_BUILDS - 1))
    rmSync(old.path, { recursive: true, force: true })
}

/**
 * Loads the command from the bundle and maps the `standin` specifier of the user's files onto the same
 * loaded library. With `preload`, the library (and zod, hono, faker under it) is imported before the
 * resolve hook is registered: once hooks are registered, every further import waits on the loader thread.
 * Undefined when no bundle can be had (no esbuild, a read-only install): the caller then runs the
 * TypeScript sources through tsx.
 *
 * @param {string} root
 * @param {{ preload?: boolean }} [options]
 * @returns {Promise<{ main: (argv: string[]) => Promise<number> } | undefined>}
 * @example
 * const cli = await loadBundledCli(root, { preload: true })
 */
export async function loadBundledCli(root, options = {}) {
  let dir
  try {
    dir = (await ensureBundle(root)).dir
  } catch {
    return undefined
  }
  let library
  const loadLibrary = () => (library ??= import(pathToFileURL(join(dir, 'index.js')).href))
  const cli = import(pathToFileURL(join(dir, 'cli.js')).href)
  const loaded = await Promise.all([cli, options.preload ? loadLibrary() : undefined]).catch(
    () => undefined,
  )
  if (!loaded) return undefined // a damaged cache folder: the sources still run
  shareLibrary(loadLibrary, pathToFileURL(join(dir, 'standin.js')).href)
  return loaded[0]
}

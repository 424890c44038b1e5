import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { StandinError } from '../contract/standin-error.ts'
import { STARTER_SCRIPTS, starterFiles } from './templates.ts'

/** A starter file: written, or left alone because the project has one. */
export interface FileOutcome {
  path: string
  written: boolean
  /** What the file is when written; why not, otherwise. */
  note: string
}

/** A package.json script: added, or kept because the project has one by that name. */
export interface ScriptOutcome {
  name: string
  added: boolean
  /** The command in package.json after init: ours when added, the project's own when kept. */
  command: string
}

export interface InitResult {
  dir: string
  files: FileOutcome[]
  scripts: ScriptOutcome[]
}

interface PackageJson {
  name?: unknown
  scripts?: Record<string, string>
  [key: string]: unknown
}

/**
 * Sets up standin in an existing npm project: an example contract, mocks, a Worker entry and its
 * wrangler.toml, and `standin:*` scripts. Never overwrites a file or a script the project already
 * has.
 *
 * @example
 * const { files, scripts } = await initProject('.')
 */
export async function initProject(dir: string): Promise<InitResult> {
  const root = resolve(dir)
  const manifest = await readPackageJson(root)
  const project = {
    workerName: workerNameOf(manifest.json.name),
    assetsDirectory: swaggerUiDirectory(root),
    isModule: manifest.json.type === 'module',
  }
  const files: FileOutcome[] = []
  for (const file of starterFiles(project))
    files.push(await writeNewFile(root, file.path, file.content, file.summary))
  const scripts = addScripts(manifest.json)
  if (scripts.some((script) => script.added))
    await writeFile(manifest.path, `${JSON.stringify(manifest.json, null, manifest.indent)}\n`)
  return { dir: root, files, scripts }
}

async function readPackageJson(
  root: string,
): Promise<{ path: string; json: PackageJson; indent: string }> {
  const path = join(root, 'package.json')
  if (!existsSync(root))
    throw new StandinError(
      'PROJECT_NOT_FOUND',
      `No folder at ${root}. Pass --dir with an existing project folder.`,
    )
  if (!existsSync(path)) {
    throw new StandinError(
      'PROJECT_NOT_FOUND',
      `No package.json in ${root}. Run \`npm init -y\` and \`npm i -D standin\` there first.`,
    )
  }
  const text = await readFile(path, 'utf8')
  const json = parseObject(text)
  if (!json)
    throw new StandinError(
      'PACKAGE_JSON_INVALID',
      `${path} is not a JSON object. Fix it, then run standin init again.`,
    )
  if (json.scripts !== undefined && !isPlainObject(json.scripts)) {
    throw new StandinError(
      'PACKAGE_JSON_INVALID',
      `"scripts" in ${path} is not an object. Fix it, then run standin init again.`,
    )
  }
  return { path, json, indent: /^[{[]\r?\n([ \t]+)/.exec(text)?.[1] ?? '  ' }
}

function parseObject(text: string): PackageJson | undefined {
  try {
    const value: unknown = JSON.parse(text)
    return isPlainObject(value) ? (value as PackageJson) : undefined
  } catch {
    return undefined
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** A Worker name from the package name: `@acme/Shop API` → `shop-api`. */
export function workerNameOf(packageName: unknown): string {
  const bare = typeof packageName === 'string' ? packageName.replace(/^@[^/]*\//, '') : ''
  const name = bare
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 54)
  return name ? `${name}-mock` : 'standin-mock'
}

/**
 * swagger-ui-dist (a dependency of standin) as the project's installer placed it:
 * `node_modules/swagger-ui-dist` with npm, found from the project first, then from standin itself.
 */
function swaggerUiDirectory(root: string): string {
  for (const from of [join(root, 'package.json'), import.meta.url]) {
    const found = resolvePackageDir(from, 'swagger-ui-dist')
    if (found && !relative(root, found).startsWith('..'))
      return relative(root, found).split(sep).join('/')
  }
  return 'node_modules/swagger-ui-dist'
}

function resolvePackageDir(from: string, name: string): string | undefined {
  try {
    return dirname(createRequire(from).resolve(`${name}/package.json`))
  } catch {
    return undefined
  }
}

async function writeNewFile(
  root: string,
  path: string,
  content: string,
  summary: string,
): Promise<FileOutcome> {
  const target = join(root, path)
  if (existsSync(target)) return { path, written: false, note: 'exists, left as it is' }
  await mkdir(dirname(target), { recursive: true })
  await writeFile(target, content, { flag: 'wx' })
  return { path, written: true, note: summary }
}

function addScripts(manifest: PackageJson): ScriptOutcome[] {
  const scripts = (manifest.scripts ??= {})
  return Object.entries(STARTER_SCRIPTS).map(([name, command]) => {
    const existing = scripts[name]
    if (existing !== undefined) return { name, added: false, command: existing }
    scripts[name] = command
    return { name, added: true, command }
  })
}

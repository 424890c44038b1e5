import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { loadContract } from '../contract/load-contract.ts'
import { StandinError } from '../contract/standin-error.ts'
import type { Contract } from '../contract/types.ts'
import { fromOpenAPI } from '../openapi/from-openapi/from-openapi.ts'
import type { ImportWarning } from '../openapi/from-openapi/warnings.ts'

/** A side of a comparison, loaded: its contract and what its document could not express. */
export interface LoadedSide {
  contract: Contract
  /** What a document's conversion could not express exactly (none for a contract file). */
  warnings: ImportWarning[]
}

const CONTRACT_FILE = /\.(?:[cm]?ts|[cm]?js)$/i

/**
 * One side of `standin diff`: a contract file (`.ts`, `.js`…), an OpenAPI or Swagger document (a
 * JSON or YAML file, or an http(s) URL), or `git:REF:PATH` — the file as it was at a git revision,
 * loaded with the files it imports at that revision (PATH from the repository's root, or `./…`
 * from the working directory, as `git show` reads it).
 *
 * @example
 * const { contract } = await loadContractSide('git:main:contracts/index.ts')
 */
export async function loadContractSide(spec: string, cwd = process.cwd()): Promise<LoadedSide> {
  if (spec.startsWith('git:')) return loadAtRevision(spec, cwd)
  return loadFrom(spec, cwd)
}

async function loadFrom(source: string, cwd: string): Promise<LoadedSide> {
  if (CONTRACT_FILE.test(source) && !/^https?:\/\//i.test(source))
    return { contract: await loadContract(source, { cwd }), warnings: [] }
  const { contract, warnings } = await fromOpenAPI(source, { cwd })
  return { contract, warnings }
}

async function loadAtRevision(spec: string, cwd: string): Promise<LoadedSide> {
  const separator = spec.indexOf(':', 4)
  const revision = separator === -1 ? '' : spec.slice(4, separator)
  const path = separator === -1 ? '' : spec.slice(separator + 1)
  if (revision === '' || path === '')
    throw new StandinError(
      'USAGE',
      `"${spec}" is no git side: write git:REF:PATH, e.g. git:main:contracts/index.ts.`,
    )
  const root = gitRoot(cwd)
  const commit = resolveRevision(root, revision, spec)
  const fromRoot =
    path.startsWith('./') || path.startsWith('../') ? relative(root, resolve(cwd, path)) : path
  const checkout = mkdtempSync(join(tmpdir(), 'standin-diff-'))
  try {
    extractTree(root, commit, checkout)
    if (!existsSync(join(checkout, fromRoot)))
      throw new StandinError(
        'USAGE',
        `${fromRoot} does not exist at ${revision} (${commit.slice(0, 12)}).`,
      )
    // The revision's files import packages as the working copy's do.
    if (existsSync(join(root, 'node_modules')) && !existsSync(join(checkout, 'node_modules')))
      symlinkSync(join(root, 'node_modules'), join(checkout, 'node_modules'), 'dir')
    return await loadFrom(fromRoot, checkout)
  } finally {
    rmSync(checkout, { recursive: true, force: true })
  }
}

function gitRoot(cwd: string): string {
  try {
    return git(cwd, ['rev-parse', '--show-toplevel']).trim()
  } catch {
    throw new StandinError(
      'USAGE',
      `A git:REF:PATH side needs a git repository; ${cwd} is not in one.`,
    )
  }
}

function resolveRevision(root: string, revision: string, spec: string): string {
  try {
    return git(root, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`]).trim()
  } catch {
    throw new StandinError('USAGE', `${spec}: git knows no revision "${revision}" in ${root}.`)
  }
}

/** Every file of a commit, written under `into` (what `git archive` packs, unpacked by tar). */
function extractTree(root: string, commit: string, into: string): void {
  const archive = execFileSync('git', ['archive', '--format=tar', commit], {
    cwd: root,
    maxBuffer: 1024 ** 3,
  })
  const unpacked = spawnSync('tar', ['-x', '-C', into], { input: archive })
  if (unpacked.status !== 0)
    throw new StandinError(
      'USAGE',
      `Could not unpack ${commit.slice(0, 12)}: ${String(unpacked.stderr).trim()}`,
    )
}

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
}

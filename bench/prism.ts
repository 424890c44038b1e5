import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { ServerSpec } from './server-process.ts'

const run = promisify(execFile)
const INSTALL_TIMEOUT_MS = 5 * 60_000

/**
 * A Prism CLI installed outside the repository, so it never becomes a dependency of the package.
 */
export interface PrismInstall {
  version: string
  entry: string
  dir: string
}

/**
 * Installs @stoplight/prism-cli@version into a folder under the system temp dir (reused on the next
 * run) and returns the path of its CLI script.
 *
 * @example
 * const prism = await installPrism('5.14.2') // { version: '5.14.2', entry: '/tmp/standin-bench-prism-5.14.2/…/index.js', … }
 */
export async function installPrism(version: string): Promise<PrismInstall> {
  const dir = join(tmpdir(), `standin-bench-prism-${version}`)
  const packageDir = join(dir, 'node_modules', '@stoplight', 'prism-cli')
  if (!existsSync(join(packageDir, 'package.json'))) {
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'package.json'), '{ "private": true }\n')
    const args = [
      'install',
      '--prefix',
      dir,
      '--no-audit',
      '--no-fund',
      '--no-save',
      `@stoplight/prism-cli@${version}`,
    ]
    await run('npm', args, {
      cwd: dir,
      env: withoutNpmConfig(process.env),
      timeout: INSTALL_TIMEOUT_MS,
    })
  }
  const installed = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    version: string
    bin: { prism: string }
  }
  return { version: installed.version, entry: join(packageDir, installed.bin.prism), dir }
}

/**
 * Prism in dynamic mode (json-schema-faker data, like standin's faker data), seeded, logging
 * nothing.
 */
export function prismSpec(prism: PrismInstall, openapiFile: string, seed: number): ServerSpec {
  return {
    label: `Prism ${prism.version}`,
    command: process.execPath,
    args: (port) => [
      prism.entry,
      'mock',
      '--dynamic',
      '--seed',
      String(seed),
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--verboseLevel',
      'silent',
      openapiFile,
    ],
    cwd: prism.dir,
  }
}

/**
 * `npm run bench` passes npm's settings down (the repository as prefix among them); the install
 * must not see them.
 */
function withoutNpmConfig(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(env).filter(([name]) => !name.toLowerCase().startsWith('npm_')),
  )
}

import { execFileSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { repoRoot } from './temp-dir.ts'

/**
 * The environment of a command run as a user would: `npm test` exports npm_* settings the nested
 * npm must not inherit.
 */
export function userEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')),
  )
  return {
    ...env,
    npm_config_yes: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    NO_COLOR: '1',
  }
}

/**
 * Runs a command in a user's project and returns its standard output; a non-zero exit throws with
 * its output.
 */
export function runIn(
  dir: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): string {
  return execFileSync(command, args, {
    cwd: dir,
    env: { ...userEnv(), ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

/**
 * This repository as a user gets it: `npm pack`, then `npm install -D` of the tarball into `dir`.
 */
export function installPackedStandin(dir: string): void {
  runIn(repoRoot, 'npm', ['pack', '--pack-destination', dir])
  const tarball = readdirSync(dir).find((name) => name.endsWith('.tgz'))
  if (!tarball) throw new Error('npm pack produced no tarball')
  runIn(dir, 'npm', ['install', '--prefer-offline', '--save-dev', `./${tarball}`])
}

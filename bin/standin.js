#!/usr/bin/env node
// The standin command. Its own code runs as JavaScript bundled once from src/ (see bundle.js); the user's
// TypeScript contract and mocks files load through tsx. STANDIN_BUNDLE=0 runs src/ through tsx instead.
import { fileURLToPath } from 'node:url'
import { loadBundledCli } from './bundle.js'

const argv = process.argv.slice(2)
// Stack traces of --debug point into src/*.ts rather than the bundle.
if (argv.includes('--debug')) process.setSourceMapsEnabled(true)
const root = fileURLToPath(new URL('..', import.meta.url))
// Every command but help and version loads a contract, and with it the library.
const preload = argv.length > 0 && !['help', '--help', '-h', '--version', '-v'].includes(argv[0] ?? '') && !argv.includes('--help')
const cli = (process.env.STANDIN_BUNDLE !== '0' && (await loadBundledCli(root, { preload }))) || (await fromSources())
process.exitCode = await cli.main(argv)

async function fromSources() {
  const { register } = await import('tsx/esm/api')
  register()
  return import('../src/cli/main.ts')
}

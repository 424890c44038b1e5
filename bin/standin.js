#!/usr/bin/env node
// The standin command. Installed from npm it runs the built JavaScript in dist/. In a checkout of the
// repository (src/ beside bin/) it runs the sources, so an edit never meets a stale build: bundled once into
// a cache (see bundle.js), or through tsx with STANDIN_BUNDLE=0. The user's contract and mocks files load
// through tsx either way.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { shareLibrary } from './share-library.js'

const argv = process.argv.slice(2)
// In a checkout, stack traces of --debug point into src/*.ts rather than the cached bundle.
if (argv.includes('--debug')) process.setSourceMapsEnabled(true)
const root = new URL('..', import.meta.url)
// Every command but help and version loads a contract, and with it the library.
const preload =
  argv.length > 0 &&
  !['help', '--help', '-h', '--version', '-v'].includes(argv[0] ?? '') &&
  !argv.includes('--help')
const cli = existsSync(new URL('src/cli/main.ts', root)) ? await fromCheckout() : await fromDist()
process.exitCode = await cli.main(argv)

async function fromDist() {
  const loadLibrary = () => import(new URL('dist/index.js', root).href)
  const [cli] = await Promise.all([
    import(new URL('dist/cli.js', root).href),
    preload ? loadLibrary() : undefined,
  ])
  shareLibrary(loadLibrary, new URL('dist/facade.js', root).href)
  return cli
}

async function fromCheckout() {
  if (process.env.STANDIN_BUNDLE !== '0') {
    const { loadBundledCli } = await import('./bundle.js')
    const bundled = await loadBundledCli(fileURLToPath(root), { preload })
    if (bundled) return bundled
  }
  const { register } = await import('tsx/esm/api')
  register()
  return import('../src/cli/main.ts')
}

import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { defineConfig, type UserConfig } from 'tsdown'
import { facadeSource } from './bin/share-library.js'

/** Every module of the published package: `dist/<name>.js` beside its `dist/<name>.d.ts`. */
const ENTRIES = {
  index: 'src/index.ts',
  universal: 'src/universal.ts',
  matchers: 'src/verify/matchers.ts',
  worker: 'src/worker/index.ts',
  msw: 'src/msw/index.ts',
  cli: 'src/cli/main.ts',
}

type Plugin = Extract<NonNullable<UserConfig['plugins']>, { name: string }>

/**
 * `dist/facade.js`: what `standin` resolves to in the user's files the command loads
 * (bin/share-library.js).
 */
function libraryFacade(): Plugin {
  return {
    name: 'standin-library-facade',
    generateBundle(_options, bundle) {
      const index = bundle['index.js']
      if (index?.type !== 'chunk') throw new Error('the build wrote no dist/index.js')
      this.emitFile({ type: 'asset', fileName: 'facade.js', source: facadeSource(index.exports) })
    },
  }
}

/**
 * The native compiler of the installed TypeScript 7, whose package has no JavaScript compiler API.
 */
async function nativeTscPath(): Promise<string> {
  const typescript = dirname(createRequire(import.meta.url).resolve('typescript/package.json'))
  const { default: getExePath } = (await import(
    pathToFileURL(join(typescript, 'lib', 'getExePath.js')).href
  )) as { default: () => string }
  return getExePath()
}

export default defineConfig({
  entry: ENTRIES,
  outDir: 'dist',
  format: 'esm',
  fixedExtension: false,
  // Neutral, not node: a node build adds `import 'node:module'` to the shared runtime chunk, which
  // would reach universal.js, the entry for Workers and browsers. Node's own modules stay imports.
  platform: 'neutral',
  deps: { neverBundle: [/^node:/] },
  target: 'node20.19',
  tsconfig: 'tsconfig.build.json',
  dts: { tsgo: { path: await nativeTscPath() } },
  plugins: [libraryFacade()],
  clean: true,
})

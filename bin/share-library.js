// One library per process: the command and the user's contract and mocks files (loaded through tsx, in
// module graphs of their own) all see the copy of standin the command loaded.
import { register } from 'node:module'

/** How the facade finds the library loaded by the command, in the same module graph. */
const LIBRARY = Symbol.for('standin.library')

/**
 * The source of the facade module: what `import … from 'standin'` in a user's file gets. It re-exports
 * the library the command already loaded, not a second copy in the user's module graph.
 *
 * @param {readonly string[]} names the library's exports
 * @returns {string}
 * @example
 * facadeSource(['fake', 'z']) // 'const library = await globalThis[…]()\nexport const {\n  fake,\n  z,\n} = library\n'
 */
export function facadeSource(names) {
  const bindings = names.map((name) => `  ${name},`).join('\n')
  return `// The library the standin command loaded, for the user's contract and mocks files (see bin/share-library.js).
const library = await globalThis[Symbol.for('standin.library')]()
export const {
${bindings}
} = library
`
}

/**
 * Maps the `standin` specifier of every file loaded from now on onto `facadeUrl`, whose module hands on
 * what `loadLibrary` loads. Call it after importing the library: once hooks are registered, every further
 * import waits on the loader thread.
 *
 * @param {() => Promise<object>} loadLibrary
 * @param {string} facadeUrl
 * @example
 * shareLibrary(() => import('../dist/index.js'), new URL('../dist/facade.js', import.meta.url).href)
 */
export function shareLibrary(loadLibrary, facadeUrl) {
  globalThis[LIBRARY] = loadLibrary
  register(new URL('./resolve-standin.js', import.meta.url), { data: { facade: facadeUrl } })
}

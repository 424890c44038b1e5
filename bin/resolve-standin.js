// Module resolve hook (registered by bin/share-library.js): `standin`, imported by the user's contract and mocks
// files, is the library the command already loaded, whichever module graph tsx loads those files into.
let facade

/** @param {{ facade: string }} data */
export function initialize(data) {
  facade = data.facade
}

/**
 * @param {string} specifier
 * @param {object} context
 * @param {(specifier: string, context: object) => Promise<object>} nextResolve
 */
export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'standin') return { url: facade, format: 'module', shortCircuit: true }
  return nextResolve(specifier, context)
}

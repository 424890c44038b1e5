// Types of share-library.js, for the build config and the tests.

export function facadeSource(names: readonly string[]): string
export function shareLibrary(loadLibrary: () => Promise<object>, facadeUrl: string): void

// Types of bundle.js, for the tests that exercise it.

export interface Bundle {
  /** The folder of this build: cli.js, index.js, their chunks and the standin.js facade. */
  dir: string
  /** True when this call built it (the cache was empty or stale). */
  built: boolean
}

export function bundleKey(root: string): string
export function ensureBundle(root: string): Promise<Bundle>
export function loadBundledCli(
  root: string,
  options?: { preload?: boolean },
): Promise<{ main: (argv: string[]) => Promise<number> } | undefined>

import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const source = (file: string) => fileURLToPath(new URL(file, import.meta.url))

export default defineConfig({
  // The tests import `standin` as users do, and get the sources: the package's exports point at
  // dist/, built only for packing.
  resolve: {
    alias: [
      { find: /^standin$/, replacement: source('./src/index.ts') },
      { find: /^standin\/matchers$/, replacement: source('./src/verify/matchers.ts') },
      { find: /^standin\/worker$/, replacement: source('./src/worker/index.ts') },
    ],
  },
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})

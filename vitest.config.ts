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
      { find: /^standin\/msw$/, replacement: source('./src/msw/index.ts') },
      { find: /^standin\/worker$/, replacement: source('./src/worker/index.ts') },
    ],
  },
  test: {
    include: ['tests/**/*.test.ts'],
    // Two files at once even on two cores: the slow files mostly wait on processes they start
    // (npm, tsc, wrangler, servers), and vitest's default (cores - 1) ran them one after another.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'
import {
  type CpuProfile,
  createSourceMapper,
  moduleOf,
  summariseCpuProfile,
} from '../../bench/cpu-profile.ts'
import { makeTempDir } from '../support/temp-dir.ts'
import { threadOf } from '../../bench/profile-run.ts'

const root = '/repo'
const file = (path: string) => pathToFileURL(`${root}/${path}`).href

function frame(id: number, functionName: string, url: string, lineNumber = 0) {
  return { id, callFrame: { functionName, url, lineNumber } }
}

// 1 ms per sample; idle time is sampled but never counted.
const profile: CpuProfile = {
  nodes: [
    frame(1, '(root)', ''),
    frame(2, '(idle)', ''),
    frame(3, 'generateString', file('src/fake/compile-string.ts'), 11),
    frame(4, 'fromRegExp', file('node_modules/@faker-js/faker/dist/index.js'), 99),
    frame(5, 'safeParse', file('node_modules/zod/v4/core/parse.js'), 4),
    frame(6, '(garbage collector)', ''),
    frame(7, 'generateString', `${file('src/fake/compile-string.ts')}?tsx-namespace=1234`, 11),
    frame(8, 'writeHead', 'node:_http_server', 300),
  ],
  startTime: 1_000_000,
  samples: [2, 2, 2, 2, 3, 3, 3, 7, 4, 4, 4, 5, 5, 6, 8, 2],
  timeDeltas: Array(16).fill(1000),
}

describe('summariseCpuProfile', () => {
  it('ranks functions by self time, merging nodes of the same function and leaving idle time out', () => {
    // Line numbers are kept for JavaScript only: tsx compiles each TypeScript module to a single
    // line.
    const summary = summariseCpuProfile(profile, root, { top: 3 })
    expect(summary.busyMs).toBe(11)
    expect(summary.functions).toEqual([
      { name: 'generateString', location: 'src/fake/compile-string.ts', selfMs: 4, percent: 36.4 },
      {
        name: 'fromRegExp',
        location: 'node_modules/@faker-js/faker/dist/index.js:100',
        selfMs: 3,
        percent: 27.3,
      },
      {
        name: 'safeParse',
        location: 'node_modules/zod/v4/core/parse.js:5',
        selfMs: 2,
        percent: 18.2,
      },
    ])
  })

  it('groups self time by package and source folder', () => {
    expect(summariseCpuProfile(profile, root).modules.map((row) => [row.name, row.selfMs])).toEqual(
      [
        ['src/fake', 4],
        ['@faker-js/faker', 3],
        ['zod', 2],
        ['(garbage collector)', 1],
        ['node core', 1],
      ],
    )
  })

  it('leaves out what was sampled before the measured run began', () => {
    // The 9th sample ends at 1_009_000 µs: fromRegExp onwards.
    const summary = summariseCpuProfile(profile, root, { fromMicros: 1_009_000 })
    expect(summary.busyMs).toBe(7)
    expect(summary.functions.map((row) => [row.name, row.selfMs])).toEqual([
      ['fromRegExp', 3],
      ['safeParse', 2],
      ['(garbage collector)', 1],
      ['writeHead', 1],
    ])
  })
})

describe('moduleOf', () => {
  it.each([
    [file('node_modules/hono/dist/hono-base.js'), 'hono'],
    ['file:///elsewhere/node_modules/tsx/dist/esm/index.mjs', 'tsx'],
    [file('src/mock/handle-request.ts'), 'src/mock'],
    [file('bin/standin.js'), 'bin/standin.js'],
    ['node:internal/streams/writable', 'node core'],
    ['', 'native (V8 built-ins, Node bindings)'],
  ])('puts %s under %s', (url, module) => {
    expect(moduleOf(url, root)).toBe(module)
  })
})

describe('threadOf', () => {
  it('reads the thread id out of the name node gives a profile', () => {
    expect(threadOf('CPU.20261123.053147.30924.0.001.cpuprofile')).toBe(0)
    expect(threadOf('CPU.20261123.053147.30924.1.002.cpuprofile')).toBe(1)
    expect(threadOf('notes.txt')).toBeUndefined()
  })
})

describe('createSourceMapper', () => {
  it("maps a bundle's functions back to their source files, so a profile of standin names src/ folders", async () => {
    const project = makeTempDir({
      'src/mock/first.ts': 'export function first(n: number): number {\n  return n + 1\n}\n',
      'src/fake/second.ts':
        "import { first } from '../mock/first.ts'\nexport function second(n: number): number {\n  return first(n) * 2\n}\n",
    })
    try {
      const outfile = join(project.dir, 'node_modules', '.cache', 'standin', 'index.js')
      await build({
        entryPoints: [join(project.dir, 'src', 'fake', 'second.ts')],
        outfile,
        bundle: true,
        format: 'esm',
        sourcemap: 'linked',
        logLevel: 'silent',
      })
      const lines = readFileSync(outfile, 'utf8').split('\n')
      const at = (name: string) => ({
        lineNumber: lines.findIndex((line) => line.includes(`function ${name}(`)),
        columnNumber: 0,
      })
      const url = pathToFileURL(outfile).href
      const bundled: CpuProfile = {
        nodes: [
          { id: 1, callFrame: { functionName: 'first', url, ...at('first') } },
          { id: 2, callFrame: { functionName: 'second', url, ...at('second') } },
        ],
        startTime: 0,
        samples: [1, 1, 2],
        timeDeltas: [1000, 1000, 1000],
      }
      const summary = summariseCpuProfile(bundled, project.dir, { mapSource: createSourceMapper() })
      expect(summary.modules.map((row) => [row.name, row.selfMs])).toEqual([
        ['src/mock', 2],
        ['src/fake', 1],
      ])
      expect(summary.functions.map((row) => row.location)).toEqual([
        'src/mock/first.ts',
        'src/fake/second.ts',
      ])
    } finally {
      project.cleanup()
    }
  })
})

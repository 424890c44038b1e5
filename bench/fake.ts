// Fake data throughput on one core: Product objects per second, and the largest response body of
// the shop contract, each as a ratio to JSON.parse of a same-sized object measured in the same run.
// Run: npx tsx bench/fake.ts   (BENCH_FAKE_MS sets the length of one round, default 1500)

import { fake, type z } from 'standin'
import contract from '../contracts/index.ts'
import { Product } from '../contracts/products.ts'

const ROUND_MS = Number(process.env.BENCH_FAKE_MS ?? 1500)
const ROUNDS = 3
const TARGET = 20_000

/** Calls per second of `make(i)`, the median of a few rounds after a warm-up. */
function rate(make: (i: number) => unknown): number {
  for (let i = 0; i < 2000; i++) make(i)
  const rates: number[] = []
  let i = 0
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now()
    let calls = 0
    while (performance.now() - start < ROUND_MS) {
      for (let batch = 0; batch < 50; batch++) make(i++)
      calls += 50
    }
    rates.push(calls / ((performance.now() - start) / 1000))
  }
  return rates.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)] as number
}

/** The JSON.parse baseline: parsing texts the size of what `schema` generates. */
function parseRate(schema: z.ZodType): { rate: number; bytes: number } {
  const texts = Array.from({ length: 64 }, (_, seed) => JSON.stringify(fake(schema, { seed })))
  const bytes = Math.round(texts.reduce((sum, text) => sum + text.length, 0) / texts.length)
  return { rate: rate((i) => JSON.parse(texts[i % texts.length] as string)), bytes }
}

function responseSchemas(): Array<{ name: string; schema: z.ZodType }> {
  return contract.operations.flatMap((operation) =>
    Object.entries(operation.route.responses ?? {}).flatMap(([status, response]) => {
      const media = (response as { content?: Record<string, { schema?: z.ZodType }> }).content?.[
        'application/json'
      ]
      return media?.schema
        ? [{ name: `${operation.operationId} ${status}`, schema: media.schema }]
        : []
    }),
  )
}

/** The response schema whose values are largest on average (a page of orders, with their items). */
function largest(): { name: string; schema: z.ZodType } {
  const size = (schema: z.ZodType): number =>
    Array.from({ length: 32 }, (_, seed) => JSON.stringify(fake(schema, { seed })).length).reduce(
      (a, b) => a + b,
      0,
    )
  return responseSchemas().reduce((best, entry) =>
    size(entry.schema) > size(best.schema) ? entry : best,
  )
}

const fmt = (value: number): string => Math.round(value).toLocaleString('en-US')

function line(label: string, schema: z.ZodType): { rate: number } {
  const generated = rate((seed) => fake(schema, { seed }))
  const baseline = parseRate(schema)
  const ratio = (generated / baseline.rate).toFixed(3)
  console.log(
    `${label.padEnd(36)} ${fmt(generated).padStart(8)} objects/s   ${ratio} × JSON.parse of a same-sized ${fmt(baseline.bytes)}-byte object (${fmt(baseline.rate)}/s)`,
  )
  return { rate: generated }
}

function firstCallMs(): number {
  const start = performance.now()
  for (const { schema } of responseSchemas()) fake(schema)
  return performance.now() - start
}

console.log(
  `fake data on one core, node ${process.version}, median of ${ROUNDS} rounds of ${ROUND_MS} ms`,
)
const compileMs = firstCallMs()
const product = line('Product', Product)
const big = largest()
line(`${big.name} (largest response)`, big.schema)
console.log(`target ≥ ${fmt(TARGET)} Product/s: ${product.rate >= TARGET ? 'met' : 'NOT met'}`)
console.log(`first call of every response schema (compile + one value): ${compileMs.toFixed(0)} ms`)

import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { fake } from 'standin'
import { Order } from '../../contracts/orders.ts'
import { Product } from '../../contracts/products.ts'
import { corpus } from './corpus.ts'
import { renderFakes } from './fixtures/render-fakes.ts'

const run = promisify(execFile)
const script = fileURLToPath(new URL('./fixtures/print-fakes.ts', import.meta.url))
const root = fileURLToPath(new URL('../..', import.meta.url))

async function freshProcessOutput(): Promise<string> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  })
  return stdout
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex')

describe('determinism', () => {
  it('gives byte-identical values in two fresh processes and in this one', async () => {
    const [first, second] = await Promise.all([freshProcessOutput(), freshProcessOutput()])
    expect(first.length).toBeGreaterThan(100_000)
    expect(sha256(second)).toBe(sha256(first))
    expect(sha256(renderFakes())).toBe(sha256(first))
  })

  it('does not depend on what was generated before', () => {
    const before = JSON.stringify(fake(Product, { seed: 11 }))
    for (const { schema } of corpus.slice(0, 20)) fake(schema, { seed: 3 })
    fake(Order, { seed: 99 })
    expect(JSON.stringify(fake(Product, { seed: 11 }))).toBe(before)
  })

  it('gives a different value for a different seed', () => {
    expect(fake(Product, { seed: 1 })).not.toEqual(fake(Product, { seed: 2 }))
  })

  it('keeps the Product of seed 1 byte for byte (changing it changes every mock and snapshot)', () => {
    expect(JSON.stringify(fake(Product, { seed: 1 }), null, 2)).toMatchInlineSnapshot(`
      "{
        "id": "d4e2b795-d78d-415a-8769-21892b0a7412",
        "sku": "WYQ-723044",
        "name": "Licensed Steel Fish",
        "description": "Schulist and Sons's most advanced Sausages technology increases prestigious capabilities",
        "price": 131.22,
        "currency": "EUR",
        "categoryId": "c684b4e2-999e-4e3a-bc77-e63c81926902",
        "images": [
          "https://picsum.photos/seed/6aqasuhe/1080/1080",
          "https://picsum.photos/seed/dnh5s41h/800/600"
        ],
        "stock": 207,
        "tags": [],
        "attributes": {
          "color": "black",
          "material": "steel"
        },
        "rating": 3,
        "reviewCount": 259,
        "createdAt": "2025-01-17T19:06:10Z",
        "updatedAt": "2025-08-07T08:35:10Z"
      }"
    `)
  })
})

import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { NEW_PRODUCT, PATH_WORKLOADS, pathsTable, uuidAt } from '../../bench/paths.ts'
import { NewProduct } from '../../contracts/products.ts'
import { load } from './fixtures.ts'

describe('the paths step', () => {
  it('leads with the stateful paths that npm start serves', () => {
    expect(PATH_WORKLOADS.slice(0, 2).map((workload) => workload.server)).toEqual([
      'stateful',
      'stateful',
    ])
  })

  it('sends a new valid uuid with each never-cached request', () => {
    const item = PATH_WORKLOADS.find((workload) => workload.id === 'uncached-item')
    const paths = [0, 1, 2, 65_535].map((n) => item?.pathAt(n, []))
    expect(new Set(paths).size).toBe(4)
    for (const n of [0, 1, 2, 65_535]) expect(z.uuid().safeParse(uuidAt(n)).success).toBe(true)
  })

  it('cycles the stateful reads through the stored ids', () => {
    const item = PATH_WORKLOADS.find((workload) => workload.id === 'stateful-item')
    expect([0, 1, 2].map((n) => item?.pathAt(n, ['a', 'b']))).toEqual([
      '/products/a',
      '/products/b',
      '/products/a',
    ])
  })

  it('creates a product the contract accepts', () => {
    expect(NewProduct.safeParse(JSON.parse(NEW_PRODUCT)).success).toBe(true)
  })

  it('marks each path met or missed against its ratio and p99', () => {
    const [list, item] = PATH_WORKLOADS
    const rows = [
      { workload: list, standin: load(6_000, 12), bare: load(10_000, 3), ratio: 0.6 },
      { workload: item, standin: load(5_000, 25), bare: load(10_000, 3), ratio: 0.5 },
    ].flatMap((row) => (row.workload ? [{ ...row, workload: row.workload }] : []))
    expect(pathsTable(rows).slice(2)).toMatchInlineSnapshot(`
      [
        "| --stateful: list of 20 stored products | 6,000 | 0.60 × | 12.0 ms | ≥ 0.5 ×, p99 ≤ 20 ms: met |",
        "| --stateful: one stored product | 5,000 | 0.50 × | 25.0 ms | ≥ 0.6 ×, p99 ≤ 20 ms: missed |",
      ]
    `)
  })
})

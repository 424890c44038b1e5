import { describe, expect, it } from 'vitest'
import { fake } from 'standin'
import { contractSchemas } from './contract-schemas.ts'
import { SEEDS } from './seeds.ts'
import { corpus } from './corpus.ts'

/** Seeds whose value does not parse, with zod's first complaint: [] when every value parses. */
function failures(
  schema: { safeParse(value: unknown): { success: boolean; error?: { issues: unknown[] } } },
  json: boolean,
): string[] {
  const failed: string[] = []
  for (let seed = 0; seed < SEEDS; seed++) {
    const value = fake(schema as never, { seed })
    const direct = schema.safeParse(value)
    if (!direct.success) failed.push(`seed ${seed}: ${JSON.stringify(direct.error?.issues[0])}`)
    if (json && direct.success) {
      const text = JSON.stringify(value)
      const roundTrip = schema.safeParse(text === undefined ? undefined : JSON.parse(text))
      if (!roundTrip.success)
        failed.push(`seed ${seed} after JSON: ${JSON.stringify(roundTrip.error?.issues[0])}`)
    }
  }
  return failed
}

describe('every request and response body of the example contract', () => {
  const schemas = contractSchemas()

  it('covers all 26 operations', () => {
    expect(new Set(schemas.map(({ name }) => name.split(' ')[0])).size).toBe(26)
  })

  it.each(schemas.map(({ name, schema }) => [name, schema] as const))(
    '%s: every seed gives a value that parses, also after a JSON round trip',
    (_name, schema) => {
      expect(failures(schema, true)).toEqual([])
    },
  )
})

describe('the corpus of tricky schemas', () => {
  it('has at least 40 schemas', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40)
  })

  it.each(corpus.map((entry) => [entry.name, entry] as const))(
    '%s: every seed gives a value that parses',
    (_name, entry) => {
      expect(failures(entry.schema, entry.json !== false)).toEqual([])
    },
  )
})

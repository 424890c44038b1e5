import { describe, expect, it } from 'vitest'
import { bodyPairs } from './pairs/bodies.ts'
import { choicePairs } from './pairs/choices.ts'
import { operationPairs } from './pairs/operations.ts'
import { parameterPairs } from './pairs/parameters.ts'
import { schemaPairs } from './pairs/schemas.ts'
import { findings, ordered, type Pair } from './support/build.ts'

/**
 * A corpus of minimal contract changes, each written as zod contracts and as OpenAPI documents
 * (3.0 and 3.1), with the exact findings `diffContracts` gives: rule, level, side, operation and
 * the pointer into each printed document.
 */
const sections: Array<[string, Pair[]]> = [
  ['operations, base path and security', operationPairs],
  ['parameters', parameterPairs],
  ['request bodies, answers and headers', bodyPairs],
  ['schemas', schemaPairs],
  ['choices and discriminators', choicePairs],
]

describe.each(sections)('diffContracts on %s', (_section, pairs) => {
  describe.each(pairs.map((pair) => [pair.name, pair] as const))('%s', (_name, pair) => {
    if (pair.zod)
      it('classifies the zod contracts', () => {
        const [base, head] = pair.zod!
        expect(findings(base, head)).toEqual(ordered(pair.expected))
      })
    if (pair.openapi)
      it('classifies the OpenAPI documents the same way', () => {
        const [base, head] = pair.openapi!
        expect(findings(base, head)).toEqual(ordered(pair.expected))
      })
  })
})

import { describe, expect, it } from 'vitest'
import { annotateJson } from '../../src/verify/annotate-json.ts'
import type { Issue } from '../../src/verify/types.ts'

const issue = (path: Issue['path'], message: string): Issue => ({
  code: 'schema_mismatch',
  path,
  message,
  severity: 'error',
})

describe('annotateJson', () => {
  it('marks the parent object when a required field is missing', () => {
    expect(
      annotateJson({ cart: { id: 'c1', items: [] } }, [
        issue(['cart', 'itemCount'], 'Required field "itemCount" is missing.'),
      ]),
    ).toBe(
      [
        '{',
        '  "cart": {   ← schema_mismatch: Required field "itemCount" is missing.',
        '    "id": "c1",',
        '    "items": []',
        '  }',
        '}',
      ].join('\n'),
    )
  })

  it('keeps only the lines around the marks of a long body', () => {
    const items = Array.from({ length: 60 }, (_, index) => ({ id: index }))
    const text = annotateJson({ items }, [issue(['items', 30, 'id'], 'Too big.')])
    expect(text.split('\n')).toEqual([
      '  …',
      '      "id": 29',
      '    },',
      '    {',
      '      "id": 30   ← schema_mismatch: Too big.',
      '    },',
      '    {',
      '      "id": 31',
      '  …',
    ])
  })
})

import { describe, expect, it } from 'vitest'
import { diffContracts } from '../../src/diff/index.ts'

// What the history showed standin getting wrong, each as the smallest document that shows it.

function api(operation: Record<string, unknown>): Record<string, unknown> {
  return {
    openapi: '3.0.3',
    info: { title: 'Items', version: '1' },
    paths: {
      '/items/{id}': { post: { responses: { 204: { description: 'Done' } }, ...operation } },
    },
  }
}

function idParameter(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: 'id', in: 'path', required: true, schema: { type: 'string' }, ...extra }
}

describe('what the history showed', () => {
  it("finds no change where one side writes a path parameter's default style", () => {
    const before = api({ parameters: [idParameter({ style: 'simple' })] })
    const after = api({ parameters: [idParameter()] })
    expect(diffContracts(before, after).changes).toEqual([])
  })

  it('finds a body that took any other properties now taking string values only', () => {
    const body = (schema: Record<string, unknown>) =>
      api({
        parameters: [idParameter()],
        requestBody: { required: true, content: { 'application/json': { schema } } },
      })
    const { changes } = diffContracts(
      body({ type: 'object' }),
      body({ type: 'object', additionalProperties: { type: 'string' } }),
    )
    expect(
      changes.map((change) => [change.rule, change.level, change.side, change.message]),
    ).toEqual([
      [
        'request-type-narrowed',
        'breaking',
        'clients',
        '`*` in the request body (application/json) is now only string, where it took any type.',
      ],
    ])
  })
})

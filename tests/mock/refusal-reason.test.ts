import { describe, expect, it } from 'vitest'
import { problemResponse, refusalReasonOf, refusalReasonOfProblem } from '../../src/mock/problem.ts'

describe('the reason of a refusal, for the request log', () => {
  it('is the first error as location.path: message', () => {
    const errors = [
      {
        location: 'body',
        path: 'items[0].quantity',
        message: 'Too small: expected number to be >0',
      },
      { location: 'query', path: 'pageSize', message: 'Required' },
    ] as const
    expect(refusalReasonOfProblem({ detail: 'The body does not fit.', errors: [...errors] })).toBe(
      'body.items[0].quantity: Too small: expected number to be >0',
    )
  })

  it('names only the location of an error about the whole body', () => {
    expect(
      refusalReasonOfProblem({
        detail: 'The body is not JSON.',
        errors: [{ location: 'body', path: '', message: 'Unexpected end of JSON input' }],
      }),
    ).toBe('body: Unexpected end of JSON input')
  })

  it('is the detail, on one line, when there are no errors', () => {
    expect(
      refusalReasonOfProblem({ detail: 'No operation of this API\n  matches GET /nope.' }),
    ).toBe('No operation of this API matches GET /nope.')
  })

  it('goes with the problem response, and with no other response', () => {
    expect(
      refusalReasonOf(problemResponse({ kind: 'not-found', status: 404, detail: 'No order 7.' })),
    ).toBe('No order 7.')
    expect(refusalReasonOf(new Response('{}', { status: 404 }))).toBeUndefined()
  })
})

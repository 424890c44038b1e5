import { describeDiscriminators } from '../contract/discriminator.ts'
import type { Discriminator } from '../contract/types.ts'
import { seedOf } from '../fake/index.ts'
import type { CompiledOperation } from '../operation/compile-operation.ts'
import type { ProblemInit, ProblemIssue } from './problem.ts'
import { refusalResponse } from './refusal.ts'

// A detail names this many operations; its errors list every value.
const MAX_LISTED = 20

/**
 * The answer to a request whose method and path several operations share, told apart by a header or
 * query value it does not carry: a 400 naming what it could send, in the shape the first of them
 * documents for a bad request (standin's problem+json where it documents none).
 *
 * @example
 * unknownOperation(request, '/', candidates.map(compile), 1) // 400: "POST / is shared by 3 operations, …; send one of: header X-Amz-Target: …"
 */
export function unknownOperation(
  request: Request,
  pathname: string,
  candidates: CompiledOperation[],
  seed: number,
): Response {
  const expected = candidates.map((compiled) => compiled.operation.discriminators ?? [])
  const known = expected.map(describeDiscriminators)
  const listed =
    known.length > MAX_LISTED
      ? `${known.slice(0, MAX_LISTED).join('; ')}; and ${known.length - MAX_LISTED} more`
      : known.join('; ')
  const detail = `${request.method} ${pathname} is shared by ${known.length} operations, told apart by a header or query parameter; send one of: ${listed}.`
  const first = candidates[0] as CompiledOperation
  const problem: ProblemInit = {
    kind: 'unknown-operation',
    status: 400,
    detail,
    errors: discriminatorIssues(expected),
  }
  return refusalResponse(first, problem, seedOf(seed, first.operation.operationId))
}

/** One issue per discriminating parameter, with every value it takes. */
function discriminatorIssues(expected: Array<readonly Discriminator[]>): ProblemIssue[] {
  const byParameter = new Map<
    string,
    { location: Discriminator['in']; name: string; values: Set<string> }
  >()
  for (const { in: location, name, value } of expected.flat()) {
    const key = `${location} ${location === 'header' ? name.toLowerCase() : name}`
    const entry = byParameter.get(key) ?? { location, name, values: new Set<string>() }
    if (value !== undefined) entry.values.add(value)
    byParameter.set(key, entry)
  }
  return [...byParameter.values()].map(({ location, name, values }) => ({
    location,
    path: name,
    message:
      values.size > 0 ? `expected one of: ${[...values].join(', ')}` : 'expected to be present',
  }))
}

import { StandinError } from '../contract/standin-error.ts'
import { documentedStatuses } from '../contract/operations.ts'
import type { Contract, Operation } from '../contract/types.ts'
import type { ResponseUnderTest } from '../verify/checks.ts'
import { checkResponse } from '../verify/check-response.ts'

/**
 * The operations the mock answers from the start: those named (by operationId or tag) in `mock`, or
 * all but those named in `mockAllExcept`. A name that is neither is a USAGE error listing the
 * known ones.
 *
 * @example
 * mockedOperations(contract, { mock: ['checkout', 'payments'] }) // Set { 'createOrder', 'payOrder', … }
 */
export function mockedOperations(
  contract: Contract,
  selection: { mock?: readonly string[]; mockAllExcept?: readonly string[] },
): Set<string> {
  const { mock = [], mockAllExcept } = selection
  if (mock.length > 0 && mockAllExcept !== undefined)
    throw new StandinError('USAGE', 'Pass either --mock or --mock-all-except, not both.')
  const named = (names: readonly string[]) =>
    new Set(names.flatMap((name) => operationsNamed(contract, name)))
  if (mockAllExcept === undefined) return named(mock)
  const kept = named(mockAllExcept)
  return new Set(
    contract.operations.map((operation) => operation.operationId).filter((id) => !kept.has(id)),
  )
}

function operationsNamed(contract: Contract, name: string): string[] {
  const found = contract.operations
    .filter((operation) => operation.operationId === name || (operation.tags ?? []).includes(name))
    .map((operation) => operation.operationId)
  if (found.length > 0) return found
  const tags = [...new Set(contract.operations.flatMap((operation) => operation.tags ?? []))]
  throw new StandinError(
    'USAGE',
    `--mock names "${name}", which is neither an operationId nor a tag of the contract. Tags: ${tags.join(', ') || 'none'}.`,
  )
}

/**
 * Whether the backend's answer says the operation is not built yet: 501, or a 404 that is not the
 * operation's documented "not found" (the operation documents no 404, or the answer does not fit
 * it, as a framework's default page does not). A documented 404 (an id that does not exist) is an
 * answer like any other.
 *
 * @example
 * notBuiltYet(getProduct, { status: 404, headers: { 'content-type': 'text/html' }, text: 'Cannot GET' }) // true
 */
export function notBuiltYet(operation: Operation, answer: ResponseUnderTest): boolean {
  if (answer.status === 501) return true
  if (answer.status !== 404) return false
  if (!documents404(operation)) return true
  return !checkResponse(operation, answer).ok
}

function documents404(operation: Operation): boolean {
  return documentedStatuses(operation).some((status) => status === '404' || /^4xx$/i.test(status))
}

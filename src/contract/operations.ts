import { StandinError } from './standin-error.ts'
import type { Contract, Operation } from './types.ts'

/** The operation with this operationId; a StandinError that lists the known ones otherwise. */
export function getOperation(contract: Contract, operationId: string): Operation {
  const operation = contract.operations.find((op) => op.operationId === operationId)
  if (operation) return operation
  const known = contract.operations.map((op) => op.operationId).join(', ')
  throw new StandinError('USAGE', `Unknown operation "${operationId}". The contract has: ${known}.`)
}

/** Documented statuses of an operation as strings, in numeric order (`default` last). */
export function documentedStatuses(operation: Operation): string[] {
  return Object.keys(operation.route.responses ?? {}).sort((a, b) => statusRank(a) - statusRank(b))
}

function statusRank(status: string): number {
  if (status === 'default') return 1000
  return Number(status.replace(/X/gi, '0'))
}

export { type ContractSide, diffContracts, diffDocuments, printed } from './diff-contracts.ts'
export type { Change, DiffResult, Level, Side } from './types.ts'

// The public library API on Node: the runtime-neutral API plus loading files and serving.
export * from './universal.ts'

// Node: contract and mocks files, the HTTP server
export { loadContract, type LoadContractOptions } from './contract/load-contract.ts'
export {
  serveMock,
  serveProxy,
  loadMocks,
  packageAssets,
  defaultMocksFile,
  type ServeOptions,
  type MockServer,
} from './node.ts'

// State: sessions kept in a file across restarts (`standin serve --state-file`)
export { openFileStore, type FileStore, type FileStoreOptions } from './mock/state/state-file.ts'

// A built frontend and the mock of its contract on one origin, in workerd (`standin preview --dev`)
export { startPreview, type PreviewOptions, type RunningPreview } from './node/preview.ts'

// Existing OpenAPI documents
export {
  fromOpenAPI,
  fromOpenAPIDocument,
  importOpenAPI,
  derivedOperationId,
  summarizeWarnings,
} from './openapi/from-openapi/index.ts'
export type {
  FromOpenAPIOptions,
  FromOpenAPIResult,
  ImportedSource,
  ImportWarning,
  OpenAPISource,
} from './openapi/from-openapi/index.ts'

// Which change to a contract breaks its clients (`standin diff`)
export { diffContracts, type ContractSide } from './diff/index.ts'
export type { Change, DiffResult, Level, Side } from './diff/index.ts'
export { loadContractSide, type LoadedSide } from './node/contract-side.ts'

// Authoring: one zod instance for contracts and standin alike
export { z, createRoute } from '@hono/zod-openapi'

// Contract
export {
  defineContract,
  isContract,
  getOperation,
  documentedStatuses,
  toOpenAPI,
  StandinError,
  isStandinError,
} from './contract/index.ts'
export type {
  Contract,
  ContractDefinition,
  ContractInfo,
  HttpMethod,
  OpenAPIDocument,
  OpenAPIOptions,
  Operation,
  OperationId,
  PathParamsOf,
  QueryOf,
  RequestBodyOf,
  ResponseBodyOf,
  RouteConfig,
  Routes,
  SecurityRequirement,
  SecurityScheme,
  StatusOf,
} from './contract/index.ts'
export { loadContract, type LoadContractOptions } from './contract/load-contract.ts'

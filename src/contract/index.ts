export { defineContract, isContract } from './define-contract.ts'
export { getOperation, documentedStatuses } from './operations.ts'
export { StandinError, isStandinError, type StandinErrorCode } from './standin-error.ts'
export type {
  Contract,
  ContractDefinition,
  ContractInfo,
  Discriminator,
  HttpMethod,
  Operation,
  OperationId,
  ParsedPathParamsOf,
  ParsedQueryOf,
  ParsedRequestBodyOf,
  PathParamsOf,
  QueryOf,
  RequestBodyOf,
  ResponseBodyOf,
  RouteConfig,
  Routes,
  SecurityRequirement,
  SecurityScheme,
  ServerObject,
  StatusOf,
  TagObject,
} from './types.ts'

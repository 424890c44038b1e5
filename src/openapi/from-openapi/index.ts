export {
  fromOpenAPI,
  fromOpenAPIDocument,
  importOpenAPI,
  type FromOpenAPIOptions,
  type FromOpenAPIResult,
  type ImportedSource,
} from './from-openapi.ts'
export { derivedOperationId } from './convert-operations.ts'
export { summarizeWarnings, type ImportWarning } from './warnings.ts'
export type { OpenAPISource } from './load-document.ts'

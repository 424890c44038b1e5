export { toOpenAPI, type OpenAPIOptions, type OpenAPIDocument } from './to-openapi.ts'

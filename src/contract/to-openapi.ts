import { OpenAPIHono } from '@hono/zod-openapi'
import type { Contract, Operation } from './types.ts'

export interface OpenAPIOptions {
  /** OpenAPI version to emit; 3.1 by default, 3.0 for older tools. */
  version?: '3.1' | '3.0'
}

export type OpenAPIDocument = {
  openapi: string
  info: Contract['info']
  paths: Record<string, Record<string, OpenAPIOperationObject>>
  components?: Record<string, Record<string, unknown>>
  [key: string]: unknown
}

type OpenAPIOperationObject = { operationId?: string; parameters?: ParameterObject[]; [key: string]: unknown }
type ParameterObject = { name: string; in: string; required?: boolean; schema?: Record<string, unknown> }
type ParamSchema = { _zod?: { optin?: string } }

/**
 * The contract as an OpenAPI document (3.1 by default). Named zod schemas (`.openapi('Name')`) become
 * `$ref`s to `components.schemas`.
 *
 * @example
 * const doc = toOpenAPI(contract, { version: '3.0' })
 */
export function toOpenAPI(contract: Contract, options: OpenAPIOptions = {}): OpenAPIDocument {
  const app = new OpenAPIHono()
  for (const [name, scheme] of Object.entries(contract.securitySchemes ?? {})) {
    app.openAPIRegistry.registerComponent('securitySchemes', name, scheme)
  }
  for (const op of contract.operations) app.openAPIRegistry.registerPath({ ...op.route, operationId: op.operationId })
  const config = documentConfig(contract, options.version ?? '3.1')
  const document = (
    options.version === '3.0' ? app.getOpenAPIDocument(config) : app.getOpenAPI31Document(config)
  ) as unknown as OpenAPIDocument
  fixParameters(document, contract.operations)
  return dropEmptyComponents(document)
}

type DocumentConfig = Parameters<OpenAPIHono['getOpenAPI31Document']>[0]

function documentConfig(contract: Contract, version: '3.1' | '3.0'): DocumentConfig {
  // Our info/servers/tags types are strict subsets of openapi3-ts's, which only add x- extension keys.
  const config = {
    openapi: version === '3.0' ? '3.0.3' : '3.1.0',
    info: contract.info,
    ...(contract.servers ? { servers: contract.servers } : {}),
    ...(contract.tags ? { tags: contract.tags } : {}),
    ...(contract.security ? { security: contract.security } : {}),
  }
  return config as DocumentConfig
}

// The generator marks z.coerce parameters optional and nullable. A value in a URL, header or cookie
// can never be JSON null, and a path parameter is always required.
function fixParameters(document: OpenAPIDocument, operations: readonly Operation[]): void {
  for (const op of operations) {
    const parameters = document.paths[op.path]?.[op.method]?.parameters ?? []
    for (const parameter of parameters) {
      parameter.required = parameter.in === 'path' || !isOptionalParameter(op, parameter)
      if (parameter.schema) stripNull(parameter.schema)
    }
  }
}

const PARAMETER_PARTS = { path: 'params', query: 'query', header: 'headers', cookie: 'cookies' } as const

function isOptionalParameter(op: Operation, parameter: ParameterObject): boolean {
  const part = PARAMETER_PARTS[parameter.in as keyof typeof PARAMETER_PARTS]
  const container = op.route.request?.[part] as { shape?: Record<string, ParamSchema> } | undefined
  const schema = container?.shape?.[parameter.name]
  return schema ? schema._zod?.optin !== undefined : parameter.required !== true
}

function stripNull(schema: Record<string, unknown>): void {
  if (Array.isArray(schema.type)) {
    const types = schema.type.filter((type) => type !== 'null')
    schema.type = types.length === 1 ? types[0] : types
  }
  if (schema.nullable === true) delete schema.nullable
}

function dropEmptyComponents(document: OpenAPIDocument): OpenAPIDocument {
  const components = document.components ?? {}
  for (const [key, value] of Object.entries(components)) {
    if (Object.keys(value).length === 0) delete components[key]
  }
  if (Object.keys(components).length === 0) delete document.components
  if (document.webhooks && Object.keys(document.webhooks).length === 0) delete document.webhooks
  return document
}

import { OpenAPIHono } from '@hono/zod-openapi'
import { namedSchemasOf, schemasIn } from './named-schemas.ts'
import { tidySchemas } from './tidy-schemas.ts'
import type { Contract, Operation, ServerObject } from '../contract/types.ts'

export interface OpenAPIOptions {
  /** OpenAPI version to emit; 3.1 by default, 3.0 for older tools. */
  version?: '3.1' | '3.0'
  /** Servers to publish instead of the contract's own, e.g. where the mock is deployed. */
  servers?: ServerObject[]
}

export type OpenAPIDocument = {
  openapi: string
  info: Contract['info']
  paths: Record<string, Record<string, OpenAPIOperationObject>>
  components?: Record<string, Record<string, unknown>>
  [key: string]: unknown
}

type OpenAPIOperationObject = {
  operationId?: string
  parameters?: ParameterObject[]
  [key: string]: unknown
}
type ParameterObject = {
  name: string
  in: string
  required?: boolean
  schema?: Record<string, unknown>
}
type ParamSchema = { _zod?: { optin?: string; def?: ZodDef } }
type ZodDef = {
  type?: string
  innerType?: ParamSchema
  in?: ParamSchema & { _zod?: { def?: ZodDef } }
  out?: ParamSchema
}

/**
 * The contract as an OpenAPI document (3.1 by default). Named zod schemas (`.openapi('Name')`)
 * become `$ref`s to `components.schemas`.
 *
 * @example
 * const doc = toOpenAPI(contract, { version: '3.0', servers: [{ url: 'https://shop-mock.example.workers.dev' }] })
 */
export function toOpenAPI(contract: Contract, options: OpenAPIOptions = {}): OpenAPIDocument {
  const app = new OpenAPIHono()
  for (const [name, scheme] of Object.entries(contract.securitySchemes ?? {})) {
    app.openAPIRegistry.registerComponent('securitySchemes', name, scheme)
  }
  for (const [name, schema] of namedSchemasOf(
    contract.operations.flatMap((op) => schemasIn(op.route)),
  )) {
    app.openAPIRegistry.register(name, schema)
  }
  for (const op of contract.operations)
    app.openAPIRegistry.registerPath({ ...op.route, operationId: op.operationId })
  const config = documentConfig(
    contract,
    options.version ?? '3.1',
    options.servers ?? contract.servers,
  )
  const document = (options.version === '3.0'
    ? app.getOpenAPIDocument(config)
    : app.getOpenAPI31Document(config)) as unknown as OpenAPIDocument
  fixParameters(document, contract.operations)
  fixResponseHeaders(document, contract.operations)
  markPublicOperations(document, contract)
  tidySchemas(document, options.version ?? '3.1')
  return dropEmptyComponents(document)
}

type DocumentConfig = Parameters<OpenAPIHono['getOpenAPI31Document']>[0]

function documentConfig(
  contract: Contract,
  version: '3.1' | '3.0',
  servers: ServerObject[] | undefined,
): DocumentConfig {
  // Our info/servers/tags types are strict subsets of openapi3-ts's, which only add x- extension
  // keys.
  const config = {
    openapi: version === '3.0' ? '3.0.3' : '3.1.0',
    info: contract.info,
    ...(servers ? { servers } : {}),
    ...(contract.tags ? { tags: contract.tags } : {}),
    ...(contract.security ? { security: contract.security } : {}),
  }
  return config as DocumentConfig
}

// The generator marks z.coerce parameters optional and nullable. A value in a URL, header or cookie
// can never be JSON null, and a path parameter is always required.
function fixParameters(document: OpenAPIDocument, operations: readonly Operation[]): void {
  for (const op of operations) {
    const parameters = documentedOperation(document, op)?.parameters ?? []
    for (const parameter of parameters) {
      const schema = parameterSchema(op, parameter)
      parameter.required =
        parameter.in === 'path' ||
        !(schema ? schema._zod?.optin !== undefined : parameter.required !== true)
      if (parameter.schema) fixTextSchema(parameter.schema, schema)
    }
  }
}

// Response headers are text too. The generator also copies a header's description into its schema,
// where it says the same thing twice.
function fixResponseHeaders(document: OpenAPIDocument, operations: readonly Operation[]): void {
  for (const op of operations) {
    const responses = (documentedOperation(document, op)?.responses ?? {}) as Record<
      string,
      ResponseWithHeaders
    >
    for (const [status, response] of Object.entries(responses)) {
      const declared = (
        op.route.responses[status] as
          | { headers?: { shape?: Record<string, ParamSchema> } }
          | undefined
      )?.headers
      for (const [name, header] of Object.entries(response.headers ?? {})) {
        if (!header.schema) continue
        const schema = declared?.shape?.[name]
        // As for parameters: the generator reads a z.coerce header as optional.
        if (schema) header.required = schema._zod?.optin === undefined
        fixTextSchema(header.schema, schema)
        if (header.schema.description === header.description) delete header.schema.description
      }
    }
  }
}

// An operation without security of its own has the document's. A public one (`operation.security`
// is empty) says `security: []` where the document has security, else nothing: linters and clients
// read a missing `security` as the document's.
function markPublicOperations(document: OpenAPIDocument, contract: Contract): void {
  const documentSecured = (contract.security ?? []).length > 0
  for (const op of contract.operations) {
    const documented = documentedOperation(document, op)
    if (!documented || op.security.length > 0) continue
    if (documentSecured) documented.security = []
    else delete documented.security
  }
}

/**
 * The operation's object in the document, under its path key as the route writes it
 * (`/#Action=Describe`).
 */
function documentedOperation(
  document: OpenAPIDocument,
  op: Operation,
): OpenAPIOperationObject | undefined {
  return document.paths[String(op.route.path)]?.[op.method]
}

interface ResponseWithHeaders {
  headers?: Record<
    string,
    { description?: string; required?: boolean; schema?: Record<string, unknown> }
  >
}

/**
 * Text is never JSON null; `z.stringbool()` is the text of a boolean, which OpenAPI calls a
 * boolean.
 */
function fixTextSchema(emitted: Record<string, unknown>, schema: ParamSchema | undefined): void {
  stripNull(emitted)
  if (schema && isStringBool(schema)) {
    emitted.type = 'boolean'
    delete emitted.enum
  }
}

function isStringBool(schema: ParamSchema): boolean {
  let def = schema._zod?.def
  while (def?.innerType) def = def.innerType._zod?.def
  return (
    def?.type === 'pipe' &&
    def.in?._zod?.def?.type === 'string' &&
    def.out?._zod?.def?.type === 'boolean'
  )
}

const PARAMETER_PARTS = {
  path: 'params',
  query: 'query',
  header: 'headers',
  cookie: 'cookies',
} as const

function parameterSchema(op: Operation, parameter: ParameterObject): ParamSchema | undefined {
  const part = PARAMETER_PARTS[parameter.in as keyof typeof PARAMETER_PARTS]
  const container = op.route.request?.[part] as { shape?: Record<string, ParamSchema> } | undefined
  return container?.shape?.[parameter.name]
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

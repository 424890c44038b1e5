import type { RouteConfig } from '@hono/zod-openapi'
import type { z } from 'zod'

export type { RouteConfig }

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options' | 'trace'

/** Routes of a contract, keyed by operationId. */
export type Routes = Record<string, RouteConfig>

export interface ContractInfo {
  title: string
  version: string
  description?: string
  termsOfService?: string
  contact?: { name?: string; url?: string; email?: string }
  license?: { name: string; url?: string; identifier?: string }
}

export interface ServerObject {
  url: string
  description?: string
  /** Values for the `{name}` placeholders of the URL. */
  variables?: Record<string, { default: string; enum?: string[]; description?: string }>
}

export interface TagObject {
  name: string
  description?: string
}

export type SecurityScheme =
  | { type: 'http'; scheme: string; bearerFormat?: string; description?: string }
  | { type: 'apiKey'; name: string; in: 'header' | 'query' | 'cookie'; description?: string }
  | { type: 'oauth2'; flows: Record<string, unknown>; description?: string }
  | { type: 'openIdConnect'; openIdConnectUrl: string; description?: string }

/** `{ bearerAuth: [] }`: every scheme named in one requirement must be satisfied together. */
export type SecurityRequirement = Record<string, string[]>

export interface ContractDefinition<R extends Routes = Routes> {
  info: ContractInfo
  servers?: ServerObject[]
  tags?: TagObject[]
  securitySchemes?: Record<string, SecurityScheme>
  /** Security that applies to every operation that does not declare its own. */
  security?: SecurityRequirement[]
  routes: R
}

/** One operation of a contract, with everything later stages look up about it. */
export interface Operation<R extends RouteConfig = RouteConfig> {
  operationId: string
  method: HttpMethod
  /**
   * OpenAPI path template, e.g. `/orders/{orderId}`; without the discriminator of a key like
   * `/#Action=Describe`.
   */
  path: string
  /** Hono path, e.g. `/orders/:orderId`. */
  honoPath: string
  /** Path parameter names in the order they appear. */
  pathParams: string[]
  /** The effective security: the route's own, else the contract's, else none. */
  security: SecurityRequirement[]
  tags: string[]
  /**
   * What tells this operation from others on the same method and path, from a path key like
   * `/#X-Amz-Target=DynamoDB_20120810.GetItem` or `/?Action=DescribeInstances`; absent for most
   * operations.
   */
  discriminators?: readonly Discriminator[]
  route: R
}

/**
 * A header or query parameter a request must carry (with this value, when there is one) to reach an
 * operation.
 */
export interface Discriminator {
  in: 'header' | 'query'
  name: string
  value?: string
}

export interface Contract<R extends Routes = Routes> extends Readonly<ContractDefinition<R>> {
  readonly kind: 'standin.contract'
  readonly operations: readonly Operation[]
}

// Type inference from a contract value.

export type OperationId<C extends Contract> = keyof C['routes'] & string

type RouteOf<C extends Contract, Id extends OperationId<C>> = C['routes'][Id]

type JsonSchemaOf<Content> =
  Content extends Record<string, unknown>
    ? {
        [M in keyof Content]: M extends `application/${string}json${string}`
          ? Content[M] extends { schema: infer S extends z.ZodType }
            ? S
            : never
          : never
      }[keyof Content]
    : never

type PartSchema<R, Part extends string> = R extends { request?: infer Req }
  ? Req extends Record<Part, infer S extends z.ZodType>
    ? S
    : never
  : never

// Each part of a request has two types: `…Of` is what a client sends (zod's input: a field with a
// default is optional), `Parsed…Of` what a server sees after validation (zod's output: defaults
// filled in).

/** The JSON body an operation accepts, as a client sends it. */
export type RequestBodyOf<C extends Contract, Id extends OperationId<C>> =
  RouteOf<C, Id> extends { request?: { body?: { content: infer Content } } }
    ? z.input<JsonSchemaOf<Content>>
    : never

/** The JSON body an operation accepts, as a server sees it after validation (defaults applied). */
export type ParsedRequestBodyOf<C extends Contract, Id extends OperationId<C>> =
  RouteOf<C, Id> extends { request?: { body?: { content: infer Content } } }
    ? z.output<JsonSchemaOf<Content>>
    : never

/** The path parameters of an operation, as a client sends them. */
export type PathParamsOf<C extends Contract, Id extends OperationId<C>> = z.input<
  PartSchema<RouteOf<C, Id>, 'params'>
>

/** The path parameters of an operation, as a server sees them after validation. */
export type ParsedPathParamsOf<C extends Contract, Id extends OperationId<C>> = z.output<
  PartSchema<RouteOf<C, Id>, 'params'>
>

/** The query of an operation, as a client sends it: a parameter with a default is optional. */
export type QueryOf<C extends Contract, Id extends OperationId<C>> = z.input<
  PartSchema<RouteOf<C, Id>, 'query'>
>

/** The query of an operation, as a server sees it after validation (defaults applied). */
export type ParsedQueryOf<C extends Contract, Id extends OperationId<C>> = z.output<
  PartSchema<RouteOf<C, Id>, 'query'>
>

/** Documented status codes of an operation, as numbers (plus `'default'` when it has one). */
export type StatusOf<C extends Contract, Id extends OperationId<C>> = keyof RouteOf<
  C,
  Id
>['responses'] extends infer K
  ? K extends `${infer N extends number}`
    ? N
    : K extends number | 'default'
      ? K
      : never
  : never

/** The JSON body an operation answers with for a status (all documented ones by default). */
export type ResponseBodyOf<
  C extends Contract,
  Id extends OperationId<C>,
  Status extends StatusOf<C, Id> = StatusOf<C, Id>,
> = {
  [K in keyof RouteOf<C, Id>['responses']]: K extends Status | `${Status}`
    ? RouteOf<C, Id>['responses'][K] extends { content: infer Content }
      ? z.output<JsonSchemaOf<Content>>
      : undefined
    : never
}[keyof RouteOf<C, Id>['responses']]

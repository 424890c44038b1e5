import type { RouteConfig } from '@hono/zod-openapi'
import {
  describeDiscriminators,
  discriminatorsOf,
  routeIdentity,
  splitPathKey,
} from './discriminator.ts'
import { foreignSchemas } from './foreign-schemas.ts'
import { StandinError } from './standin-error.ts'
import type {
  Contract,
  ContractDefinition,
  HttpMethod,
  Operation,
  Routes,
  SecurityRequirement,
} from './types.ts'

const HTTP_METHODS = new Set<string>([
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'head',
  'options',
  'trace',
])
const PATH_PARAM = /\{([^}]+)\}/g

/**
 * Declares an API contract: its info, security schemes and routes keyed by operationId. Mistakes
 * that can be found without a request (duplicate routes, undeclared path params, no success
 * response, unknown security schemes) throw here, naming the operation. Several operations may
 * share a method and path when their path keys tell them apart by a header or query value
 * (`/#X-Amz-Target=DynamoDB_20120810.GetItem`, `/?Action=DescribeInstances`).
 *
 * @example
 * export default defineContract({
 *   info: { title: 'Shop', version: '1.0.0' },
 *   routes: { getProduct: createRoute({ method: 'get', path: '/products/{productId}', ... }) },
 * })
 */
export function defineContract<const R extends Routes>(
  definition: ContractDefinition<R>,
): Contract<R> {
  const operations = Object.entries(definition.routes).map(([id, route]) =>
    toOperation(id, route, definition),
  )
  const problems = [
    ...operations.flatMap((op) => checkOperation(op, definition)),
    ...findDuplicateRoutes(operations),
  ]
  if (problems.length > 0) {
    throw new StandinError(
      'CONTRACT_INVALID',
      `Invalid contract "${definition.info.title}":\n  ${problems.join('\n  ')}`,
    )
  }
  return Object.freeze({
    ...definition,
    kind: 'standin.contract' as const,
    operations: Object.freeze(operations),
  })
}

/** True for a value made by `defineContract`, also one made by another copy of standin. */
export function isContract(value: unknown): value is Contract {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'standin.contract'
  )
}

function toOperation(
  operationId: string,
  route: RouteConfig,
  definition: ContractDefinition,
): Operation {
  const method = String(route.method).toLowerCase() as HttpMethod
  const { path, conditions } = splitPathKey(String(route.path))
  return {
    operationId,
    method,
    path,
    honoPath: path.replace(PATH_PARAM, ':$1'),
    pathParams: [...path.matchAll(PATH_PARAM)].map((m) => m[1] as string),
    security: (route.security as SecurityRequirement[] | undefined) ?? definition.security ?? [],
    tags: route.tags ?? [],
    ...(conditions.length > 0 ? { discriminators: discriminatorsOf(conditions, route) } : {}),
    route,
  }
}

function checkOperation(op: Operation, definition: ContractDefinition): string[] {
  return [
    ...checkMethodAndPath(op),
    ...checkOperationIdMatches(op),
    ...checkPathParams(op),
    ...checkSuccessResponse(op),
    ...checkSecurityNames(op, definition),
    ...foreignSchemas(op.route),
  ].map((message) => `${op.operationId}: ${message}`)
}

function checkMethodAndPath(op: Operation): string[] {
  const problems: string[] = []
  if (!HTTP_METHODS.has(op.method)) problems.push(`unknown HTTP method "${op.method}"`)
  if (!op.path.startsWith('/')) problems.push(`path "${op.path}" must start with "/"`)
  return problems
}

function checkOperationIdMatches(op: Operation): string[] {
  const declared = op.route.operationId
  if (declared === undefined || declared === op.operationId) return []
  return [
    `route declares operationId "${declared}" but is keyed as "${op.operationId}"; use one name`,
  ]
}

function checkPathParams(op: Operation): string[] {
  const declared = new Set(paramNames(op.route))
  const problems = op.pathParams
    .filter((name) => !declared.has(name))
    .map((name) => `path parameter {${name}} in ${op.path} is missing from request.params`)
  for (const name of declared) {
    if (!op.pathParams.includes(name))
      problems.push(`request.params declares "${name}" but ${op.path} has no {${name}}`)
  }
  return problems
}

function paramNames(route: RouteConfig): string[] {
  const params = route.request?.params as { shape?: Record<string, unknown> } | undefined
  return params?.shape ? Object.keys(params.shape) : []
}

function checkSuccessResponse(op: Operation): string[] {
  const statuses = Object.keys(op.route.responses ?? {})
  const hasSuccess = statuses.some((status) => /^2(\d\d|XX)$/i.test(status))
  return hasSuccess
    ? []
    : [`no success (2xx) response is documented; it has ${statuses.join(', ') || 'none'}`]
}

function checkSecurityNames(op: Operation, definition: ContractDefinition): string[] {
  const known = definition.securitySchemes ?? {}
  const names = op.security.flatMap((requirement) => Object.keys(requirement))
  return names
    .filter((name) => !(name in known))
    .map((name) => `security scheme "${name}" is not declared in securitySchemes`)
}

function findDuplicateRoutes(operations: Operation[]): string[] {
  const seen = new Map<string, string>()
  const problems: string[] = []
  for (const op of operations) {
    const key = routeIdentity(op.method, String(op.route.path))
    const first = seen.get(key)
    if (first) problems.push(`${op.operationId}: ${routeName(op)} is already defined by ${first}`)
    else seen.set(key, op.operationId)
  }
  return problems
}

function routeName(op: Operation): string {
  const route = `${op.method.toUpperCase()} ${op.path}`
  return op.discriminators ? `${route} with ${describeDiscriminators(op.discriminators)}` : route
}

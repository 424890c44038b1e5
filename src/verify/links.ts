import type { Contract, Operation } from '../contract/types.ts'
import { compiledOf, responseFor } from '../operation/compile-operation.ts'
import { type IdValue, isIdValue } from './id-pool.ts'
import type { RequestInput } from './request-input.ts'

// OpenAPI links say outright which value of an answer a later request takes (`{ operationId:
// getSolution, parameters: { jobId: '$response.body#/job_id' } }`): where a contract declares them
// they win over values matched by name.

/** One answered request, as link expressions read it. */
export interface LinkedExchange {
  method: string
  path: string
  input: RequestInput
  status: number
  headers: Record<string, string>
  body: unknown
}

/** The name a linked value goes by in the id pool: one per target operation and parameter. */
export function linkedName(operationId: string, param: string): string {
  return `link:${operationId}:${param}`
}

/**
 * The values an answer's documented links give later operations' parameters, as pool names and
 * values.
 */
export function linkedValues(operation: Operation, exchange: LinkedExchange): [string, IdValue][] {
  const response = responseFor(compiledOf(operation), exchange.status)
  return (response?.links ?? []).flatMap((link) =>
    Object.entries(link.parameters).flatMap(([param, expression]): [string, IdValue][] => {
      const value = evaluateLinkExpression(expression, exchange)
      return isIdValue(value) ? [[linkedName(link.operationId, unqualified(param)), value]] : []
    }),
  )
}

/** Operations (other than the target) whose answers link a value to the target's parameter. */
export function linkSources(contract: Contract, target: Operation, param: string): Operation[] {
  return contract.operations.filter(
    (source) =>
      source !== target &&
      [...compiledOf(source).responses.values()].some((response) =>
        response.links.some(
          (link) =>
            link.operationId === target.operationId &&
            Object.keys(link.parameters).some((name) => unqualified(name) === param),
        ),
      ),
  )
}

/**
 * A link parameter's value: a runtime expression (`$response.body#/job_id`, `$request.path.id`,
 * `$response.header.Location`, `$statusCode`), a string with expressions in braces
 * (`user-{$response.body#/id}`), or a constant. Undefined when the expression finds nothing.
 *
 * @example
 * evaluateLinkExpression('$response.body#/job_id', { ...exchange, body: { job_id: 'j1' } }) // 'j1'
 */
export function evaluateLinkExpression(expression: unknown, exchange: LinkedExchange): unknown {
  if (typeof expression !== 'string') return expression
  if (expression.startsWith('$')) return evaluateOne(expression, exchange)
  if (!expression.includes('{$')) return expression
  let missing = false
  const text = expression.replace(/\{(\$[^}]+)\}/g, (_, inner: string) => {
    const value = evaluateOne(inner, exchange)
    if (value === undefined || (typeof value === 'object' && value !== null)) missing = true
    return String(value)
  })
  return missing ? undefined : text
}

function evaluateOne(expression: string, exchange: LinkedExchange): unknown {
  if (expression === '$method') return exchange.method.toUpperCase()
  if (expression === '$statusCode') return exchange.status
  if (expression === '$url') return exchange.path
  const request = /^\$request\.(path|query|header)\.(.+)$/.exec(expression)
  if (request)
    return requestPart(
      exchange.input,
      request[1] as 'path' | 'query' | 'header',
      request[2] as string,
    )
  const header = /^\$response\.header\.(.+)$/.exec(expression)
  if (header) return exchange.headers[(header[1] as string).toLowerCase()]
  const body = /^\$(request|response)\.body(#.*)?$/.exec(expression)
  if (!body) return undefined
  const root = body[1] === 'response' ? exchange.body : requestBody(exchange.input)
  return atPointer(root, body[2] ?? '#')
}

function requestPart(
  input: RequestInput,
  part: 'path' | 'query' | 'header',
  name: string,
): unknown {
  if (part === 'path') return input.params[name]
  if (part === 'query') return input.query[name]
  const found = Object.entries(input.headers).find(
    ([key]) => key.toLowerCase() === name.toLowerCase(),
  )
  return found?.[1]
}

function requestBody(input: RequestInput): unknown {
  return input.body && 'json' in input.body ? input.body.json : undefined
}

/** JSON Pointer in its URI fragment form: `#/items/0/id`. */
function atPointer(root: unknown, fragment: string): unknown {
  const pointer = decodeURIComponent(fragment.replace(/^#/, ''))
  if (pointer === '') return root
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>(
      (value, token) =>
        typeof value === 'object' && value !== null
          ? (value as Record<string, unknown>)[token]
          : undefined,
      root,
    )
}

/** `path.jobId` → `jobId`: a link may say where the parameter is. */
function unqualified(param: string): string {
  return param.replace(/^(path|query|header|cookie)\./, '')
}

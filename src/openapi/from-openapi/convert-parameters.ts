import type { HttpMethod } from '../../contract/types.ts'
import { schemaToExpr } from './convert-schema.ts'
import { deref, schemaContext, type DocumentContext } from './document-context.ts'
import { childPointer, isObject } from './pointer.ts'
import type { RouteSpec } from './route-spec.ts'
import { chain, withMeta, zCall, type Expr } from './zod-expr.ts'

type Parameter = Record<string, unknown> & { name: string; in: string }
type ParameterParts = Pick<RouteSpec, 'params' | 'query' | 'headers' | 'cookies'>

const PART = { path: 'params', query: 'query', header: 'headers', cookie: 'cookies' } as const
// OpenAPI: header parameters with these names are ignored (they are described elsewhere).
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization'])
const PARAM_FIELDS = [
  'description',
  'deprecated',
  'style',
  'explode',
  'allowReserved',
  'allowEmptyValue',
  'example',
  'examples',
] as const

interface Source {
  path: string
  method: HttpMethod
  item: Record<string, unknown>
  operation: Record<string, unknown>
  pointer: string
}

/** Path-item and operation parameters (the operation's win), grouped as createRoute wants them. */
export function convertParameters(doc: DocumentContext, source: Source): ParameterParts {
  const parameters = collect(doc, source)
  const parts: ParameterParts = {}
  for (const [parameter, pointer] of parameters) {
    const part = PART[parameter.in as keyof typeof PART]
    ;(parts[part] ??= []).push([parameter.name, parameterExpr(doc, parameter, pointer)])
  }
  addMissingPathParams(doc, source, parts)
  return parts
}

function collect(doc: DocumentContext, source: Source): Array<[Parameter, string]> {
  const byKey = new Map<string, [Parameter, string]>()
  const lists: Array<[unknown, string]> = [
    [
      source.item.parameters,
      childPointer(source.pointer.slice(0, source.pointer.lastIndexOf('/')), 'parameters'),
    ],
    [source.operation.parameters, childPointer(source.pointer, 'parameters')],
  ]
  for (const [list, pointer] of lists) {
    if (!Array.isArray(list)) continue
    for (const [index, raw] of list.entries()) {
      const at = childPointer(pointer, index)
      const parameter = deref(doc, raw, at)
      if (!isValidParameter(doc, parameter, at, source.path)) continue
      byKey.set(
        `${parameter.in}:${parameter.in === 'header' ? parameter.name.toLowerCase() : parameter.name}`,
        [parameter, at],
      )
    }
  }
  return [...byKey.values()]
}

function isValidParameter(
  doc: DocumentContext,
  parameter: unknown,
  pointer: string,
  path: string,
): parameter is Parameter {
  if (
    !isObject(parameter) ||
    typeof parameter.name !== 'string' ||
    !(String(parameter.in) in PART)
  ) {
    if (isObject(parameter) && parameter.in !== undefined && !(String(parameter.in) in PART)) {
      doc.log.add(
        pointer,
        `parameters "in: ${String(parameter.in)}" are not part of OpenAPI 3`,
        'left it out',
      )
    }
    return false
  }
  if (parameter.in === 'header' && IGNORED_HEADERS.has(parameter.name.toLowerCase())) return false
  if (parameter.in === 'path' && !path.includes(`{${parameter.name}}`)) {
    doc.log.add(
      pointer,
      `path parameter "${parameter.name}" does not appear in ${path}`,
      'left it out',
    )
    return false
  }
  return true
}

function parameterExpr(doc: DocumentContext, parameter: Parameter, pointer: string): Expr {
  const ctx = schemaContext(doc, 'request', true)
  let expr: Expr
  if (parameter.schema === undefined && isObject(parameter.content)) {
    doc.log.add(
      childPointer(pointer, 'content'),
      'a parameter serialized as a media type is checked as a string',
      'accepted any string',
    )
    expr = zCall('string')
  } else {
    expr = schemaToExpr(parameter.schema, childPointer(pointer, 'schema'), ctx)
  }
  const param: Record<string, unknown> = {}
  for (const key of PARAM_FIELDS) if (parameter[key] !== undefined) param[key] = parameter[key]
  if (Object.keys(param).length > 0) expr = withMeta(expr, { param })
  const required = parameter.in === 'path' || parameter.required === true
  if (required) return expr
  const fallback = isObject(parameter.schema) ? parameter.schema.default : undefined
  if (fallback === undefined) return chain(expr, 'optional')
  return chain(expr, 'default', { kind: 'json', value: fallback })
}

function addMissingPathParams(doc: DocumentContext, source: Source, parts: ParameterParts): void {
  const declared = new Set((parts.params ?? []).map(([name]) => name))
  for (const match of source.path.matchAll(/\{([^}]+)\}/g)) {
    const name = match[1]!
    if (declared.has(name)) continue
    doc.log.add(
      source.pointer,
      `path parameter {${name}} is not declared`,
      'accepted any string for it',
    )
    ;(parts.params ??= []).push([name, zCall('string')])
    declared.add(name)
  }
}

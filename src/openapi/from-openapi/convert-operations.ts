import { routeIdentity, splitPathKey } from '../../contract/discriminator.ts'
import type { HttpMethod } from '../../contract/types.ts'
import { convertParameters } from './convert-parameters.ts'
import { convertBody, convertResponses } from './convert-responses.ts'
import { deref, type DocumentContext } from './document-context.ts'
import { childPointer, isObject } from './pointer.ts'
import type { RouteSpec } from './route-spec.ts'

const METHODS: HttpMethod[] = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']
const OPERATION_FIELDS = ['tags', 'summary', 'description', 'deprecated', 'externalDocs', 'servers']

/** Every operation of the document, in document order, with stable unique operationIds. */
export function convertOperations(doc: DocumentContext): RouteSpec[] {
  const paths = isObject(doc.document.paths) ? doc.document.paths : {}
  const ids = new Set<string>()
  const routes = new Map<string, string>()
  const specs: RouteSpec[] = []
  for (const [key, rawItem] of Object.entries(paths)) {
    const itemPointer = childPointer('#/paths', key)
    const item = deref(doc, rawItem, itemPointer)
    if (!isObject(item)) continue
    if (!key.startsWith('/')) {
      doc.log.add(
        itemPointer,
        `the path "${key}" does not start with "/"`,
        'left its operations out',
      )
      continue
    }
    const path = routedKey(doc, key, itemPointer)
    for (const method of METHODS) {
      if (!isObject(item[method])) continue
      const pointer = childPointer(itemPointer, method)
      const route = routeIdentity(method, path)
      const first = routes.get(route)
      if (first) {
        doc.log.add(
          pointer,
          `${method.toUpperCase()} ${path} is the same route as operation ${first}`,
          'left it out',
        )
        continue
      }
      const spec = convertOperation(
        doc,
        { path, method, item, operation: item[method] as Record<string, unknown>, pointer },
        ids,
      )
      routes.set(route, spec.operationId)
      specs.push(spec)
    }
  }
  return specs
}

/**
 * The key as the route keeps it: as written when what follows a `#` or `?` tells operations on one
 * path apart (`/#Action=Describe`, `/{Bucket}?acl`), else without a query string: a path template
 * is matched against the URL path alone, and its query parameters are declared as parameters
 * (`/search?q={q}` is routed as `/search`).
 */
function routedKey(doc: DocumentContext, path: string, pointer: string): string {
  const query = path.indexOf('?')
  if (query < 0 || splitPathKey(path).conditions.length > 0) return path
  doc.log.add(
    pointer,
    `the path "${path}" carries a query string, which a path template cannot match`,
    `routed it as ${path.slice(0, query)}`,
  )
  return path.slice(0, query)
}

interface OperationSource {
  path: string
  method: HttpMethod
  item: Record<string, unknown>
  operation: Record<string, unknown>
  pointer: string
}

function convertOperation(
  doc: DocumentContext,
  source: OperationSource,
  ids: Set<string>,
): RouteSpec {
  const { operation, pointer } = source
  const operationId = uniqueId(doc, source, ids)
  const parameters = convertParameters(doc, source)
  const spec: RouteSpec = {
    operationId,
    method: source.method,
    path: source.path,
    pointer,
    fields: operationFields(doc, operation, pointer),
    ...parameters,
    responses: convertResponses(doc, operation.responses, childPointer(pointer, 'responses')),
  }
  const body = convertBody(doc, operation.requestBody, childPointer(pointer, 'requestBody'))
  if (body) spec.body = body
  warnMalformedMediaTypes(doc, spec)
  if (isObject(operation.callbacks)) {
    doc.log.add(
      childPointer(pointer, 'callbacks'),
      'callbacks are not part of a standin contract',
      'left them out',
    )
  }
  return spec
}

const MEDIA_RANGE = /^[^\s/;]+\/[^\s/;]+\s*(;.*)?$/

/**
 * Content keys that are not `type/subtype` (`xls`): kept as written, so the mock answers exactly
 * what is documented.
 */
function warnMalformedMediaTypes(doc: DocumentContext, spec: RouteSpec): void {
  const contents: Array<[string, Record<string, unknown> | undefined]> = [
    [childPointer(spec.pointer, 'requestBody', 'content'), spec.body?.content],
    ...Object.entries(spec.responses).map(
      ([status, response]): [string, Record<string, unknown> | undefined] => [
        childPointer(spec.pointer, 'responses', status, 'content'),
        response.content,
      ],
    ),
  ]
  for (const [pointer, content] of contents) {
    for (const type of Object.keys(content ?? {})) {
      if (!MEDIA_RANGE.test(type))
        doc.log.add(
          childPointer(pointer, type),
          `"${type}" is not a media type (type/subtype)`,
          'kept it as written',
        )
    }
  }
}

function operationFields(
  doc: DocumentContext,
  operation: Record<string, unknown>,
  pointer: string,
): Record<string, unknown> {
  const fields: Record<string, unknown> = {}
  for (const key of OPERATION_FIELDS) if (operation[key] !== undefined) fields[key] = operation[key]
  for (const [key, value] of Object.entries(operation))
    if (key.startsWith('x-')) fields[key] = value
  if (Array.isArray(operation.security))
    fields.security = knownSecurity(doc, operation.security, childPointer(pointer, 'security'))
  return fields
}

/** Security requirements naming only declared schemes; the others are reported and dropped. */
export function knownSecurity(
  doc: DocumentContext,
  requirements: unknown[],
  pointer: string,
): Array<Record<string, string[]>> {
  const kept: Array<Record<string, string[]>> = []
  for (const [index, requirement] of requirements.entries()) {
    if (!isObject(requirement)) continue
    const names = Object.keys(requirement)
    const unknown = names.filter((name) => !doc.securitySchemes.has(name))
    if (unknown.length > 0) {
      doc.log.add(
        childPointer(pointer, index),
        `security scheme ${unknown.join(', ')} is not declared or not supported`,
        'left this requirement out',
      )
      continue
    }
    kept.push(
      Object.fromEntries(
        names.map((name) => [name, (requirement[name] as string[] | undefined) ?? []]),
      ),
    )
  }
  return kept
}

function uniqueId(doc: DocumentContext, source: OperationSource, ids: Set<string>): string {
  const declared =
    typeof source.operation.operationId === 'string' && source.operation.operationId.trim() !== ''
  const wanted = declared
    ? (source.operation.operationId as string)
    : derivedOperationId(source.method, source.path)
  let id = wanted
  for (let n = 2; ids.has(id); n++) id = `${wanted}_${n}`
  if (id !== wanted) {
    doc.log.add(
      childPointer(source.pointer, 'operationId'),
      `operationId "${wanted}" is used twice`,
      `named this one "${id}"`,
    )
  }
  ids.add(id)
  return id
}

/**
 * A stable operationId from the method and path, for operations without one. A discriminator adds
 * its values (or names), not the parameter that carries them, so operations sharing a path stay
 * apart.
 *
 * @example
 * derivedOperationId('get', '/pets/{petId}') // 'getPetsPetId'
 * derivedOperationId('post', '/#X-Amz-Target=DynamoDB_20120810.GetItem') // 'postDynamoDB20120810GetItem'
 */
export function derivedOperationId(method: string, path: string): string {
  const { path: routed, conditions } = splitPathKey(path)
  const named = [routed, ...conditions.map(({ name, value }) => value || name)].join('/')
  const words = named.split(/[^A-Za-z0-9]+/).filter(Boolean)
  const tail = words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('')
  return `${method.toLowerCase()}${tail || 'Root'}`
}

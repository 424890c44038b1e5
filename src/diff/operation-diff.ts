import { derivedOperationId } from '../openapi/from-openapi/convert-operations.ts'
import { childPointer, isObject } from '../openapi/from-openapi/pointer.ts'
import { canonical, child, type Json, type Located, resolve } from './resolve.ts'
import { diffSchema, type Direction, type SchemaScope } from './schema-diff.ts'
import type { Finding } from './types.ts'

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const

/** An operation of a document: where it is and what it is. */
export interface DocumentOperation {
  method: string
  path: string
  /** The path with its parameters unnamed (`/orders/{}`): the same endpoint whatever they are called. */
  route: string
  operationId: string | undefined
  located: Located
  /** The path item's parameters, which the operation's own replace by name. */
  pathParameters: unknown[]
  pathPointer: string
}

/** Every operation of a document, by method and route. */
export function operationsOf(document: Json): Map<string, DocumentOperation> {
  const operations = new Map<string, DocumentOperation>()
  const paths = isObject(document.paths) ? document.paths : {}
  for (const [path, item] of Object.entries(paths)) {
    const pathPointer = childPointer('#/paths', path)
    const pathItem = resolve(document, item, pathPointer)
    for (const method of METHODS) {
      const operation = pathItem.value[method]
      if (!isObject(operation)) continue
      const route = path.replace(/\{[^}]*\}/g, '{}')
      operations.set(`${method.toUpperCase()} ${route}`, {
        method: method.toUpperCase(),
        path,
        route,
        operationId: typeof operation.operationId === 'string' ? operation.operationId : undefined,
        located: { value: operation, pointer: childPointer(pathItem.pointer, method) },
        pathParameters: Array.isArray(pathItem.value.parameters) ? pathItem.value.parameters : [],
        pathPointer: pathItem.pointer,
      })
    }
  }
  return operations
}

export interface OperationScope {
  base: Json
  head: Json
  emit: (finding: Finding) => void
}

/**
 * Compares one operation in two documents: its parameters, request body, responses (statuses,
 * media types, headers, bodies) and security.
 */
export function diffOperation(
  scope: OperationScope,
  base: DocumentOperation,
  head: DocumentOperation,
): void {
  const seen = new Set<string>()
  const schemas = (direction: Direction, subject: string): SchemaScope => ({
    ...scope,
    direction,
    subject,
    seen,
  })
  if (
    base.operationId !== head.operationId &&
    base.operationId &&
    head.operationId &&
    !derivedBoth(base, head)
  )
    scope.emit({
      rule: 'operation-id-changed',
      level: 'potentially-breaking',
      side: 'clients',
      base: base.located.pointer,
      head: head.located.pointer,
      message: `operationId ${base.operationId} is now ${head.operationId}: clients generated from the contract name it by its operationId.`,
    })
  diffParameters(scope, base, head, schemas)
  diffRequestBody(scope, base, head, schemas)
  diffResponses(scope, base, head, schemas)
  diffSecurity(scope, base, head)
}

/**
 * Both operationIds made up by the import for a document that names none (`getUsers`, `getUsers_2`):
 * which one gets the number depends on the order of the paths, which says nothing about clients.
 */
function derivedBoth(base: DocumentOperation, head: DocumentOperation): boolean {
  return isDerived(base) && isDerived(head)
}

function isDerived(operation: DocumentOperation): boolean {
  const derived = derivedOperationId(operation.method, operation.path)
  const id = operation.operationId ?? ''
  return id.startsWith(derived) && /^(?:_?\d+)?$/.test(id.slice(derived.length))
}

// Parameters

interface Parameter {
  located: Located
  name: string
  in: string
  /** Path parameters by position (their names may change), the rest by place and name. */
  key: string
}

function parametersOf(document: Json, operation: DocumentOperation): Map<string, Parameter> {
  const byKey = new Map<string, Parameter>()
  const add = (list: unknown[], pointer: string) =>
    list.forEach((raw, index) => {
      const located = resolve(document, raw, childPointer(pointer, 'parameters', index))
      const name = String(located.value.name ?? '')
      const place = String(located.value.in ?? '')
      const key =
        place === 'path'
          ? `path ${positionOf(operation.path, name)}`
          : `${place} ${place === 'header' ? name.toLowerCase() : name}`
      byKey.set(key, { located, name, in: place, key })
    })
  add(operation.pathParameters, operation.pathPointer)
  add(
    Array.isArray(operation.located.value.parameters) ? operation.located.value.parameters : [],
    operation.located.pointer,
  )
  return byKey
}

function positionOf(path: string, name: string): number {
  return [...path.matchAll(/\{([^}]*)\}/g)].findIndex((match) => match[1] === name)
}

function diffParameters(
  scope: OperationScope,
  base: DocumentOperation,
  head: DocumentOperation,
  schemas: (direction: Direction, subject: string) => SchemaScope,
): void {
  const before = parametersOf(scope.base, base)
  const after = parametersOf(scope.head, head)
  for (const [key, parameter] of before) {
    const now = after.get(key)
    const label = `${parameter.in} parameter \`${parameter.name}\``
    if (!now) {
      scope.emit({
        rule: 'request-parameter-removed',
        level: 'potentially-breaking',
        side: 'clients',
        base: parameter.located.pointer,
        message: `The ${label} is gone; what clients send in it is ignored or refused.`,
      })
      continue
    }
    const wasRequired = parameter.located.value.required === true
    const isRequired = now.located.value.required === true
    if (!wasRequired && isRequired)
      scope.emit({
        rule: 'request-parameter-became-required',
        level: 'breaking',
        side: 'clients',
        base: parameter.located.pointer,
        head: now.located.pointer,
        message: `The ${label} is now required; clients that leave it out are refused.`,
      })
    if (wasRequired && !isRequired && parameter.in !== 'path')
      scope.emit({
        rule: 'request-parameter-became-optional',
        level: 'breaking',
        side: 'server',
        base: parameter.located.pointer,
        head: now.located.pointer,
        message: `The ${label} is now optional, which the existing server still requires.`,
      })
    diffSerialisation(scope, parameter, now, label)
    const beforeSchema = child(scope.base, parameter.located, 'schema')
    const afterSchema = child(scope.head, now.located, 'schema')
    if (beforeSchema && afterSchema)
      diffSchema(schemas('request', `the ${label}`), beforeSchema, afterSchema, '')
  }
  for (const [key, parameter] of after) {
    if (before.has(key)) continue
    const required = parameter.located.value.required === true
    scope.emit({
      rule: required ? 'request-required-parameter-added' : 'request-parameter-added',
      level: required ? 'breaking' : 'compatible',
      ...(required ? { side: 'clients' as const } : {}),
      head: parameter.located.pointer,
      message: required
        ? `A new required ${parameter.in} parameter \`${parameter.name}\`; clients that do not send it are refused.`
        : `A new optional ${parameter.in} parameter \`${parameter.name}\`.`,
    })
  }
}

/** How a parameter's value is written, OpenAPI's defaults filled in. */
function serialisationOf(
  document: Json,
  parameter: Parameter,
): { style: string; explode: boolean | undefined } {
  const { style, explode } = parameter.located.value
  const written =
    typeof style === 'string'
      ? style
      : ['query', 'cookie'].includes(parameter.in)
        ? 'form'
        : 'simple'
  // A primitive has no parts to explode: its explode is undefined.
  const schema = child(document, parameter.located, 'schema')?.value ?? {}
  const composite = ['array', 'object'].some(
    (type) => schema.type === type || (Array.isArray(schema.type) && schema.type.includes(type)),
  )
  return {
    style: written,
    explode: composite ? (typeof explode === 'boolean' ? explode : written === 'form') : undefined,
  }
}

function diffSerialisation(
  scope: OperationScope,
  parameter: Parameter,
  now: Parameter,
  label: string,
): void {
  const before = serialisationOf(scope.base, parameter)
  const after = serialisationOf(scope.head, now)
  for (const keyword of ['style', 'explode'] as const)
    if (
      before[keyword] !== undefined &&
      after[keyword] !== undefined &&
      before[keyword] !== after[keyword]
    )
      scope.emit({
        rule: `request-parameter-${keyword}-changed`,
        level: 'breaking',
        side: 'clients',
        base: parameter.located.pointer,
        head: now.located.pointer,
        message: `The ${label} is written differently now (${keyword} ${String(before[keyword])} → ${String(after[keyword])}).`,
      })
}

// Request bodies

function diffRequestBody(
  scope: OperationScope,
  base: DocumentOperation,
  head: DocumentOperation,
  schemas: (direction: Direction, subject: string) => SchemaScope,
): void {
  const before = child(scope.base, base.located, 'requestBody')
  const after = child(scope.head, head.located, 'requestBody')
  if (!before && !after) return
  if (!before && after) {
    const required = after.value.required === true
    scope.emit({
      rule: required ? 'request-body-added-required' : 'request-body-added',
      level: required ? 'breaking' : 'compatible',
      ...(required ? { side: 'clients' as const } : {}),
      head: after.pointer,
      message: required
        ? 'The operation now needs a request body; clients that send none are refused.'
        : 'The operation takes an optional request body.',
    })
    return
  }
  if (before && !after) {
    scope.emit({
      rule: 'request-body-removed',
      level: 'potentially-breaking',
      side: 'clients',
      base: before.pointer,
      message:
        'The operation no longer takes a request body; what clients send is ignored or refused.',
    })
    return
  }
  const was = before as Located
  const now = after as Located
  if (was.value.required !== true && now.value.required === true)
    scope.emit({
      rule: 'request-body-became-required',
      level: 'breaking',
      side: 'clients',
      base: was.pointer,
      head: now.pointer,
      message: 'The request body is now required; clients that send none are refused.',
    })
  if (was.value.required === true && now.value.required !== true)
    scope.emit({
      rule: 'request-body-became-optional',
      level: 'breaking',
      side: 'server',
      base: was.pointer,
      head: now.pointer,
      message: 'The request body is now optional, which the existing server still requires.',
    })
  diffContent(scope, was, now, 'request', 'the request body', schemas)
}

/** Media types of a request body or response: removed, added, and each one's schema. */
function diffContent(
  scope: OperationScope,
  before: Located,
  after: Located,
  direction: Direction,
  subject: string,
  schemas: (direction: Direction, subject: string) => SchemaScope,
): void {
  const beforeContent = isObject(before.value.content) ? before.value.content : {}
  const afterContent = isObject(after.value.content) ? after.value.content : {}
  for (const type of Object.keys(beforeContent)) {
    const same = sameMediaType(afterContent, type)
    if (same === undefined) {
      scope.emit({
        rule: `${direction}-media-type-removed`,
        level: 'breaking',
        side: 'clients',
        base: childPointer(before.pointer, 'content', type),
        message:
          direction === 'request'
            ? `${capitalised(subject)} no longer takes ${type}; clients that send it are refused.`
            : `${capitalised(subject)} is no longer sent as ${type}; clients that ask for it get none.`,
      })
      continue
    }
    const beforeSchema = child(scope.base, before, 'content', type, 'schema')
    const afterSchema = child(scope.head, after, 'content', same, 'schema')
    if (beforeSchema && afterSchema)
      diffSchema(schemas(direction, `${subject} (${type})`), beforeSchema, afterSchema, '')
  }
  for (const type of Object.keys(afterContent))
    if (sameMediaType(beforeContent, type) === undefined)
      scope.emit({
        rule: `${direction}-media-type-added`,
        level: 'compatible',
        head: childPointer(after.pointer, 'content', type),
        message: `${capitalised(subject)} can now also be ${type}.`,
      })
}

/** The key of `content` for a media type: the same, else the same type and subtype in any case. */
function sameMediaType(content: Json, type: string): string | undefined {
  if (type in content) return type
  return Object.keys(content).find((key) => essence(key) === essence(type))
}

/** `Application/JSON; charset=utf-8` → `application/json`. */
function essence(type: string): string {
  return (type.split(';')[0] ?? '').trim().toLowerCase()
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

// Responses

function diffResponses(
  scope: OperationScope,
  base: DocumentOperation,
  head: DocumentOperation,
  schemas: (direction: Direction, subject: string) => SchemaScope,
): void {
  const before = isObject(base.located.value.responses) ? base.located.value.responses : {}
  const after = isObject(head.located.value.responses) ? head.located.value.responses : {}
  for (const status of Object.keys(before)) {
    const was = child(scope.base, base.located, 'responses', status) as Located
    const now = status in after ? child(scope.head, head.located, 'responses', status) : undefined
    if (!now) {
      const success = status.startsWith('2')
      scope.emit(
        success
          ? {
              rule: 'response-success-status-removed',
              level: 'breaking',
              side: 'clients',
              base: was.pointer,
              message: `The ${status} answer is gone; clients that expect it break.`,
            }
          : {
              rule: 'response-status-removed',
              level: 'potentially-breaking',
              side: 'server',
              base: was.pointer,
              message: `The ${status} answer is no longer documented, though the existing server may still send it.`,
            },
      )
      continue
    }
    diffContent(scope, was, now, 'response', `the ${status} answer`, schemas)
    diffResponseHeaders(scope, was, now, status, schemas)
  }
  for (const status of Object.keys(after)) {
    if (status in before) continue
    const now = child(scope.head, head.located, 'responses', status) as Located
    const success = status.startsWith('2')
    scope.emit(
      success
        ? {
            rule: 'response-success-status-added',
            level: 'potentially-breaking',
            side: 'clients',
            head: now.pointer,
            message: `A new ${status} answer; clients that handle only the success statuses they knew may break.`,
          }
        : {
            rule: 'response-status-added',
            level: 'compatible',
            head: now.pointer,
            message: `A new ${status} answer is documented.`,
          },
    )
  }
}

function diffResponseHeaders(
  scope: OperationScope,
  before: Located,
  after: Located,
  status: string,
  schemas: (direction: Direction, subject: string) => SchemaScope,
): void {
  const beforeHeaders = isObject(before.value.headers) ? before.value.headers : {}
  const afterHeaders = isObject(after.value.headers) ? after.value.headers : {}
  const afterNames = new Map(Object.keys(afterHeaders).map((name) => [name.toLowerCase(), name]))
  const beforeNames = new Set(Object.keys(beforeHeaders).map((name) => name.toLowerCase()))
  for (const name of Object.keys(beforeHeaders)) {
    const was = child(scope.base, before, 'headers', name) as Located
    const matching = afterNames.get(name.toLowerCase())
    if (matching === undefined) {
      const required = was.value.required === true
      scope.emit({
        rule: 'response-header-removed',
        level: required ? 'breaking' : 'potentially-breaking',
        side: 'clients',
        base: was.pointer,
        message: `The ${status} answer no longer has the header ${name}; clients that read it ${required ? 'break' : 'may break'}.`,
      })
      continue
    }
    const now = child(scope.head, after, 'headers', matching) as Located
    diffHeaderRequired(scope, was, now, status, name)
    const beforeSchema = child(scope.base, was, 'schema')
    const afterSchema = child(scope.head, now, 'schema')
    if (beforeSchema && afterSchema)
      diffSchema(
        schemas('response', `the ${name} header of the ${status} answer`),
        beforeSchema,
        afterSchema,
        '',
      )
  }
  for (const name of Object.keys(afterHeaders)) {
    if (beforeNames.has(name.toLowerCase())) continue
    const now = child(scope.head, after, 'headers', name) as Located
    const required = now.value.required === true
    scope.emit({
      rule: 'response-header-added',
      level: required ? 'breaking' : 'compatible',
      ...(required ? { side: 'server' as const } : {}),
      head: now.pointer,
      message: required
        ? `The ${status} answer now always has the header ${name}, which the existing server does not send.`
        : `The ${status} answer may have a new header ${name}.`,
    })
  }
}

/** A response header the answer always had may now be left out, or the reverse. */
function diffHeaderRequired(
  scope: OperationScope,
  was: Located,
  now: Located,
  status: string,
  name: string,
): void {
  const before = was.value.required === true
  const after = now.value.required === true
  if (before === after) return
  scope.emit({
    rule: after ? 'response-header-became-required' : 'response-header-became-optional',
    level: 'breaking',
    side: after ? 'server' : 'clients',
    base: was.pointer,
    head: now.pointer,
    message: after
      ? `The ${status} answer now always has the header ${name}, which the existing server does not promise.`
      : `The ${status} answer may now leave out the header ${name}; clients that rely on it break.`,
  })
}

// Security

/** Each alternative of an operation's security as scheme → scopes. */
function securityOf(
  document: Json,
  operation: DocumentOperation,
): Array<Map<string, string[]>> | undefined {
  const own = operation.located.value.security
  const list = Array.isArray(own)
    ? own
    : Array.isArray(document.security)
      ? document.security
      : undefined
  if (!list) return undefined
  return list
    .filter(isObject)
    .map(
      (requirement) =>
        new Map(
          Object.entries(requirement).map(([name, scopes]) => [
            name,
            Array.isArray(scopes) ? scopes.map(String) : [],
          ]),
        ),
    )
}

function diffSecurity(
  scope: OperationScope,
  base: DocumentOperation,
  head: DocumentOperation,
): void {
  const before = securityOf(scope.base, base) ?? []
  const after = securityOf(scope.head, head) ?? []
  const open = (alternatives: Array<Map<string, string[]>>) =>
    alternatives.length === 0 || alternatives.some((alternative) => alternative.size === 0)
  if (open(before) && open(after)) return
  if (open(before)) {
    scope.emit({
      rule: 'security-added',
      level: 'breaking',
      side: 'clients',
      base: base.located.pointer,
      head: head.located.pointer,
      message: `The operation now needs credentials (${describe(after)}); clients that send none are refused.`,
    })
    return
  }
  if (open(after)) {
    scope.emit({
      rule: 'security-removed',
      level: 'compatible',
      base: base.located.pointer,
      head: head.located.pointer,
      message: 'The operation no longer needs credentials.',
    })
    return
  }
  // A client that satisfies one of the old alternatives still gets in when a new one asks no more of it.
  for (const alternative of before) {
    const stillEnough = after.some((candidate) =>
      [...candidate].every(
        ([name, scopes]) =>
          alternative.has(name) &&
          scopes.every((s) => (alternative.get(name) ?? []).includes(s)) &&
          sameScheme(scope, name),
      ),
    )
    if (!stillEnough)
      scope.emit({
        rule: 'security-requirement-changed',
        level: 'breaking',
        side: 'clients',
        base: base.located.pointer,
        head: head.located.pointer,
        message: `Clients that authenticate with ${describe([alternative])} are refused now; the operation asks for ${describe(after)}.`,
      })
  }
}

/** A security scheme of the same name asks for the same credential in both documents. */
function sameScheme(scope: OperationScope, name: string): boolean {
  const before = (
    isObject(scope.base.components) && isObject(scope.base.components.securitySchemes)
      ? scope.base.components.securitySchemes
      : {}
  )[name]
  const after = (
    isObject(scope.head.components) && isObject(scope.head.components.securitySchemes)
      ? scope.head.components.securitySchemes
      : {}
  )[name]
  return canonical(scope.base, before) === canonical(scope.head, after)
}

function describe(alternatives: Array<Map<string, string[]>>): string {
  return alternatives
    .map((alternative) =>
      [...alternative]
        .map(([name, scopes]) => (scopes.length > 0 ? `${name} (${scopes.join(', ')})` : name))
        .join(' and '),
    )
    .join(', or ')
}

/** The shape of an operation without its names and words: an operation that moved keeps it. */
export function operationShape(document: Json, operation: DocumentOperation): string {
  const {
    operationId: _id,
    summary: _summary,
    description: _description,
    tags: _tags,
    ...rest
  } = operation.located.value
  return `${operation.method} ${canonical(
    document,
    {
      ...rest,
      parameters: [
        ...operation.pathParameters,
        ...(Array.isArray(rest.parameters) ? rest.parameters : []),
      ].map((parameter) => {
        const { value } = resolve(document, parameter, '#')
        const { name: _name, ...unnamed } = value
        return value.in === 'path' ? unnamed : value
      }),
    },
    operation.located.pointer,
  )}`
}

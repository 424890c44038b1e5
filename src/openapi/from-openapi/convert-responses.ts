import { schemaToExpr } from './convert-schema.ts'
import { deref, schemaContext, type DocumentContext } from './document-context.ts'
import { childPointer, isObject } from './pointer.ts'
import type { BodySpec, MediaSpec, ResponseSpec } from './route-spec.ts'
import type { Direction } from './schema-context.ts'
import { withMeta, zCall, type Expr } from './zod-expr.ts'

const STATUS = /^([1-5](\d\d|XX)|default)$/i

export function convertBody(
  doc: DocumentContext,
  raw: unknown,
  pointer: string,
): BodySpec | undefined {
  const body = deref(doc, raw, pointer)
  if (!isObject(body) || !isObject(body.content)) return undefined
  const spec: BodySpec = {
    content: convertContent(doc, body.content, childPointer(pointer, 'content'), 'request'),
  }
  if (typeof body.description === 'string') spec.description = body.description
  if (body.required === true) spec.required = true
  return spec
}

/** The documented responses; an operation without a 2xx one gets a 200 (with a warning). */
export function convertResponses(
  doc: DocumentContext,
  raw: unknown,
  pointer: string,
): Record<string, ResponseSpec> {
  const responses: Record<string, ResponseSpec> = {}
  for (const [status, value] of Object.entries(isObject(raw) ? raw : {})) {
    const at = childPointer(pointer, status)
    if (!STATUS.test(status)) {
      if (!status.startsWith('x-'))
        doc.log.add(at, `"${status}" is not a status code`, 'left this response out')
      continue
    }
    const response = deref(doc, value, at)
    if (isObject(response)) responses[status] = convertResponse(doc, response, at)
  }
  if (!Object.keys(responses).some((status) => /^2/.test(status)))
    addSuccess(doc, responses, pointer)
  return responses
}

function addSuccess(
  doc: DocumentContext,
  responses: Record<string, ResponseSpec>,
  pointer: string,
): void {
  const fallback = responses.default
  if (fallback) {
    doc.log.add(pointer, 'no 2xx response is documented', 'the default response answers as 200')
    responses['200'] = fallback
  } else {
    doc.log.add(pointer, 'no 2xx response is documented', 'added an empty 200 response')
    responses['200'] = { description: 'Success (not documented).' }
  }
}

function convertResponse(
  doc: DocumentContext,
  response: Record<string, unknown>,
  pointer: string,
): ResponseSpec {
  const spec: ResponseSpec = {
    description: typeof response.description === 'string' ? response.description : '',
  }
  if (isObject(response.headers)) {
    const headers = convertHeaders(doc, response.headers, childPointer(pointer, 'headers'))
    if (headers.length > 0) spec.headers = headers
  }
  if (isObject(response.content))
    spec.content = convertContent(
      doc,
      response.content,
      childPointer(pointer, 'content'),
      'response',
    )
  if (isObject(response.links)) {
    const links = convertLinks(doc, response.links, childPointer(pointer, 'links'))
    if (Object.keys(links).length > 0) spec.links = links
  }
  return spec
}

/**
 * Links by name, resolved; one that names no operation by id (an `operationRef`) is left out, with
 * a warning.
 */
function convertLinks(
  doc: DocumentContext,
  links: Record<string, unknown>,
  pointer: string,
): Record<string, Record<string, unknown>> {
  const kept: Record<string, Record<string, unknown>> = {}
  for (const [name, raw] of Object.entries(links)) {
    const at = childPointer(pointer, name)
    const link = deref(doc, raw, at)
    if (!isObject(link)) continue
    if (typeof link.operationId !== 'string') {
      doc.log.add(at, 'a link by operationRef is not followed', 'left it out')
      continue
    }
    kept[name] = Object.fromEntries(
      Object.entries(link).filter(([key]) =>
        ['operationId', 'parameters', 'requestBody', 'description'].includes(key),
      ),
    )
  }
  return kept
}

function convertHeaders(
  doc: DocumentContext,
  headers: Record<string, unknown>,
  pointer: string,
): Array<[string, Expr]> {
  const entries: Array<[string, Expr]> = []
  for (const [name, raw] of Object.entries(headers)) {
    const at = childPointer(pointer, name)
    const header = deref(doc, raw, at)
    if (!isObject(header) || name.toLowerCase() === 'content-type') continue
    const ctx = schemaContext(doc, 'response', true) // header values are text, like parameters
    let expr = isObject(header.schema)
      ? schemaToExpr(header.schema, childPointer(at, 'schema'), ctx)
      : zCall('string')
    if (typeof header.description === 'string')
      expr = withMeta(expr, { description: header.description })
    entries.push([
      name,
      header.required === true
        ? expr
        : { ...expr, chain: [...expr.chain, { method: 'optional', args: [] }] },
    ])
  }
  return entries
}

function convertContent(
  doc: DocumentContext,
  content: Record<string, unknown>,
  pointer: string,
  direction: Direction,
): Record<string, MediaSpec> {
  const media: Record<string, MediaSpec> = {}
  for (const [type, raw] of Object.entries(content)) {
    if (!isObject(raw)) continue
    const at = childPointer(pointer, type)
    const extra: Record<string, unknown> = {}
    if (raw.example !== undefined) extra.example = raw.example
    if (isObject(raw.examples))
      extra.examples = resolveExamples(doc, raw.examples, childPointer(at, 'examples'))
    if (isObject(raw.encoding)) extra.encoding = raw.encoding
    const schema = raw.schema
    media[type] = {
      schema: () => schemaToExpr(schema, childPointer(at, 'schema'), schemaContext(doc, direction)),
      extra,
    }
  }
  return media
}

function resolveExamples(
  doc: DocumentContext,
  examples: Record<string, unknown>,
  pointer: string,
): Record<string, unknown> {
  const resolved: Record<string, unknown> = {}
  for (const [name, example] of Object.entries(examples)) {
    const value = deref(doc, example, childPointer(pointer, name))
    if (value !== undefined) resolved[name] = value
  }
  return resolved
}

import type { z } from 'zod'
import { documentedStatuses } from '../contract/operations.ts'
import type { Operation } from '../contract/types.ts'
import { issue, toCheckResult, warning } from './issues.ts'
import { compiledOf } from '../operation/compile-operation.ts'
import { inspectSchema } from '../fake/index.ts'
import { textFieldValues } from '../operation/form-fields.ts'
import {
  carriesJson,
  charsetOf,
  isJsonMediaType,
  isUtf8Charset,
  mediaTypeOf,
} from '../operation/media-type.ts'
import { isXmlMediaType, readXml } from '../operation/xml-body.ts'
import { documentsRefusals } from '../operation/refusals.ts'
import type { MediaSpec, ResponseSpec } from './operation-parts.ts'
import type { Redact } from './redact.ts'
import { excerpt, preview, showAsIs } from './shorten.ts'
import { objectKeys } from './schema-shape.ts'
import type { CheckResult, Issue, IssuePath } from './types.ts'
import { findUndeclaredFields } from './undeclared-fields.ts'

/** A response as the checks see it: header names in lower case, the body as text. */
export interface ResponseUnderTest {
  status: number
  headers: Record<string, string>
  text: string
  /** A body that was already parsed (a test client's `res.body`); skips JSON.parse. */
  json?: { value: unknown }
  durationMs?: number
}

export interface CheckOptions {
  /** Undeclared fields are errors instead of warnings. */
  strict?: boolean
  /** Responses slower than this are `slow_response`. */
  maxResponseMs?: number
  /**
   * Applied to what a message quotes of the response, whole, before it is cut short: verify hides
   * its secrets this way. By default messages quote the response as it is.
   */
  redact?: Redact
}

/** How a check's messages quote the response: as verify redacts it, or as it is. */
function redactOf(options: CheckOptions): Redact {
  return options.redact ?? showAsIs
}

const PASS: CheckResult = Object.freeze({ ok: true, issues: [] }) as CheckResult
const NO_CONTENT_STATUSES = new Set([204, 205, 304])

/** Any 5xx is a server error, documented or not. */
export function checkServerError(
  response: ResponseUnderTest,
  options: CheckOptions = {},
): CheckResult {
  if (response.status < 500) return PASS
  const quoted = excerpt(response.text, redactOf(options))
  return toCheckResult([
    issue('server_error', `The server failed with ${response.status}${quoted}.`),
  ])
}

/**
 * The status must be documented for the operation (exactly, as a range like 4XX, or as default). A
 * refusal (4xx) the operation documents no refusals of its kind for (credentials, or input) is a
 * warning: the documentation is missing rather than wrong.
 */
export function checkStatusDocumented(
  operation: Operation,
  spec: ResponseSpec | undefined,
  response: ResponseUnderTest,
): CheckResult {
  if (spec) return PASS
  const documented = documentedStatuses(operation).join(', ')
  const message = `Status ${response.status} is not documented for ${operation.operationId}; it documents ${documented}.`
  const refusal = response.status >= 400 && response.status < 500
  if (refusal && !documentsRefusals(compiledOf(operation), response.status)) {
    return toCheckResult([
      warning('status_undocumented', `${message} Document the ${response.status} it answers.`),
    ])
  }
  return toCheckResult([issue('status_undocumented', message)])
}

/** The media type the response declares, without parameters, in lower case. */
export function responseMediaType(response: ResponseUnderTest): string | undefined {
  const header = response.headers['content-type']
  return header ? mediaTypeOf(header) : undefined
}

/**
 * The documented media type the response's Content-Type matches (wildcards allowed, parameters
 * aside), if any.
 */
export function matchMediaType(
  spec: ResponseSpec,
  response: ResponseUnderTest,
): MediaSpec | undefined {
  const actual = responseMediaType(response)
  if (!actual) return undefined
  const [type] = actual.split('/')
  return (
    spec.media.find((media) => media.type === actual) ??
    // A documented `application/json; charset=utf-8` is answered by `application/json`: the same
    // type.
    spec.media.find((media) => mediaTypeOf(media.type) === actual) ??
    spec.media.find((media) => media.type === `${type}/*`) ??
    spec.media.find((media) => media.type === '*/*')
  )
}

/**
 * The Content-Type must be one the status documents; a status documented without content has no
 * body.
 */
export function checkContentType(spec: ResponseSpec, response: ResponseUnderTest): CheckResult {
  const actual = responseMediaType(response)
  const hasBody = response.text.length > 0 || response.json !== undefined
  // HTTP gives these statuses no body, whatever a document says of it, and so no type of one.
  if (!hasBody && NO_CONTENT_STATUSES.has(response.status))
    return noContentType(response.status, actual)
  if (spec.media.length === 0) {
    if (!hasBody) return PASS
    const message = `Status ${response.status} documents no body, but the response has ${response.text.length} bytes of ${actual ?? 'content without a Content-Type'}.`
    // An error documented with `content: {}` says nothing of its body more often than it forbids
    // one.
    return toCheckResult([
      response.status >= 400
        ? warning('content_type_mismatch', message)
        : issue('content_type_mismatch', message),
    ])
  }
  if (matchMediaType(spec, response)) return PASS
  if (!hasBody && actual === undefined) {
    return toCheckResult([
      issue(
        'content_type_mismatch',
        `Status ${response.status} documents a ${listTypes(spec)} body, but the response is empty.`,
      ),
    ])
  }
  return toCheckResult([
    issue(
      'content_type_mismatch',
      `Content-Type is ${actual ?? 'missing'}; status ${response.status} documents ${listTypes(spec)}.`,
      ['content-type'],
    ),
  ])
}

/**
 * A JSON body travels as UTF-8 (RFC 8259 section 8.1): a Content-Type that names another charset
 * (`application/json; charset=utf-16`) makes a client that decodes by it read the body wrong. A
 * warning, since most clients ignore the parameter.
 */
export function checkJsonCharset(response: ResponseUnderTest): CheckResult {
  const contentType = response.headers['content-type'] ?? ''
  const charset = charsetOf(contentType)
  if (charset === undefined || !isJsonMediaType(contentType) || isUtf8Charset(charset)) return PASS
  return toCheckResult([
    warning(
      'content_type_mismatch',
      `Content-Type says charset=${charset}, but JSON travels as UTF-8 (RFC 8259): a client that decodes the body by that charset reads it wrong.`,
      ['content-type'],
    ),
  ])
}

/**
 * A 204, 205 or 304 carries no Content-Type: a client that reads the body by it fails on the empty
 * one.
 */
function noContentType(status: number, actual: string | undefined): CheckResult {
  if (actual === undefined || status === 304) return PASS
  return toCheckResult([
    issue(
      'content_type_mismatch',
      `Status ${status} has no content, but the response says Content-Type ${actual}; a client that parses by it fails on the empty body.`,
      ['content-type'],
    ),
  ])
}

/**
 * A JSON body must parse and match its schema; fields the schema does not declare are warnings
 * (errors with strict).
 */
export function checkBody(
  media: MediaSpec,
  response: ResponseUnderTest,
  options: CheckOptions = {},
): CheckResult {
  if (media.schema && isXmlMediaType(media.type))
    return checkXmlBody(media.schema, response, options)
  if (!media.schema || !carriesJson(media.type)) return PASS
  // A wildcard takes any body: it is JSON to check only where the answer says it is.
  if (!isJsonMediaType(media.type) && !isJsonMediaType(response.headers['content-type'] ?? ''))
    return PASS
  const parsed = parseJson(response)
  if (!parsed.ok) {
    const quoted = excerpt(response.text, redactOf(options))
    return toCheckResult([
      issue('invalid_body', `The body is not valid JSON: ${parsed.message}${quoted}.`),
    ])
  }
  return checkValue(media.schema, parsed.value, options)
}

/**
 * An XML body must be well-formed and, its text read as the schema's fields take it, match the
 * schema.
 */
function checkXmlBody(
  schema: z.ZodType,
  response: ResponseUnderTest,
  options: CheckOptions,
): CheckResult {
  if (inspectSchema(schema).kind !== 'object') return PASS
  const read = readXml(response.text)
  if (!read.ok) {
    const quoted = excerpt(response.text, redactOf(options))
    return toCheckResult([issue('invalid_body', `${read.message}${quoted}`)])
  }
  return checkValue(schema, textFieldValues(read.value, schema), options)
}

/**
 * The value must parse with the schema; reports each zod issue with its path and what was found
 * there.
 */
export function checkValue(
  schema: z.ZodType,
  value: unknown,
  options: CheckOptions = {},
): CheckResult {
  const result = schema.safeParse(value)
  if (!result.success) {
    return toCheckResult(
      result.error.issues.map((found) =>
        schemaIssue(value, found.path as IssuePath, found.message, redactOf(options)),
      ),
    )
  }
  const make = options.strict ? issue : warning
  return toCheckResult(
    findUndeclaredFields(value, result.data).map((path) =>
      make('undeclared_field', 'This field is not declared in the schema.', path),
    ),
  )
}

/** Response headers the status documents must be present and match their schema. */
export function checkHeaders(
  spec: ResponseSpec,
  response: ResponseUnderTest,
  options: CheckOptions = {},
): CheckResult {
  if (spec.headers)
    return checkZodHeaders(spec.headers, response, objectKeys(spec.headers) ?? [], options)
  const missing = spec.requiredHeaders.filter((name) => !(name.toLowerCase() in response.headers))
  return toCheckResult(missing.map((name) => missingHeader(name, response)))
}

/** An optional latency budget. */
export function checkLatency(
  response: ResponseUnderTest,
  maxResponseMs: number | undefined,
): CheckResult {
  if (
    maxResponseMs === undefined ||
    response.durationMs === undefined ||
    response.durationMs <= maxResponseMs
  )
    return PASS
  return toCheckResult([
    issue(
      'slow_response',
      `Answered in ${Math.round(response.durationMs)} ms, over the budget of ${maxResponseMs} ms.`,
    ),
  ])
}

/** A request that breaks the schema must be refused with a 4xx. */
export function checkRejected(response: ResponseUnderTest, reason: string): CheckResult {
  if (response.status >= 400 && response.status < 500) return PASS
  if (response.status >= 500) return PASS // reported as server_error by checkServerError
  return toCheckResult([
    issue(
      'accepted_invalid_input',
      `Expected a 4xx for invalid input (${reason}), got ${response.status}.`,
    ),
  ])
}

/** A secured operation must answer 401 or 403 to missing or malformed credentials. */
export function checkAuthRejected(response: ResponseUnderTest, situation: string): CheckResult {
  if (response.status === 401 || response.status === 403 || response.status >= 500) return PASS
  return toCheckResult([
    issue('ignored_auth', `Expected 401 or 403 with ${situation}, got ${response.status}.`),
  ])
}

/** Credentials of the right shape that were never issued must not be accepted. */
export function checkForgedRejected(response: ResponseUnderTest): CheckResult {
  if (response.status < 200 || response.status >= 300) return PASS
  return toCheckResult([
    issue(
      'accepted_forged_credentials',
      `Answered ${response.status} to credentials that were never issued (well-formed, but forged).`,
    ),
  ])
}

/** A resource just created (or updated) must be readable. */
export function checkReadable(
  response: ResponseUnderTest,
  after: 'create' | 'update',
  what: string,
): CheckResult {
  if (response.status >= 200 && response.status < 300) return PASS
  const code = after === 'create' ? 'not_found_after_create' : 'not_found_after_update'
  return toCheckResult([
    issue(code, `${what} answered ${response.status} right after the ${after} succeeded.`),
  ])
}

/** A deleted resource must not be readable any more. */
export function checkGone(response: ResponseUnderTest, what: string): CheckResult {
  if (response.status < 200 || response.status >= 300) return PASS
  return toCheckResult([
    issue(
      'still_readable_after_delete',
      `${what} answered ${response.status} after the delete succeeded; expected 404 or 410.`,
    ),
  ])
}

function checkZodHeaders(
  schema: z.ZodType,
  response: ResponseUnderTest,
  names: string[],
  options: CheckOptions,
): CheckResult {
  const present = Object.fromEntries(
    names.flatMap((name) => {
      const value = response.headers[name.toLowerCase()]
      return value === undefined ? [] : [[name, value]]
    }),
  )
  const result = schema.safeParse(present)
  if (result.success) return PASS
  const issues: Issue[] = result.error.issues.map((found) => {
    const name = String(found.path[0] ?? '')
    if (name && !(name in present)) return missingHeader(name, response)
    return issue(
      'header_mismatch',
      `Header ${name}: ${found.message} (got ${JSON.stringify(redactOf(options)(present[name]))}).`,
      [name],
    )
  })
  return toCheckResult(issues)
}

function missingHeader(name: string, response: ResponseUnderTest): Issue {
  return issue(
    'missing_header',
    `Header ${name} is documented for status ${response.status} but missing.`,
    [name],
  )
}

function schemaIssue(value: unknown, path: IssuePath, message: string, redact: Redact): Issue {
  const at = valueAt(value, path)
  if (at.found)
    return issue('schema_mismatch', `${message} (got ${preview(at.value, redact)}).`, path)
  const parent = valueAt(value, path.slice(0, -1))
  if (
    path.length > 0 &&
    parent.found &&
    typeof parent.value === 'object' &&
    parent.value !== null
  ) {
    return issue(
      'schema_mismatch',
      `Required field ${JSON.stringify(path[path.length - 1])} is missing.`,
      path,
    )
  }
  return issue('schema_mismatch', `${message}.`, path)
}

function valueAt(value: unknown, path: IssuePath): { found: boolean; value?: unknown } {
  let current: unknown = value
  for (const part of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, part))
      return { found: false }
    current = (current as Record<string | number, unknown>)[part]
  }
  return { found: true, value: current }
}

function parseJson(
  response: ResponseUnderTest,
): { ok: true; value: unknown } | { ok: false; message: string } {
  if (response.json) return { ok: true, value: response.json.value }
  try {
    return { ok: true, value: JSON.parse(response.text) as unknown }
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) }
  }
}

function listTypes(spec: ResponseSpec): string {
  return spec.media.map((media) => media.type).join(' or ')
}

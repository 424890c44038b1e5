import type { CompiledOperation, MediaSpec, Schema } from '../operation/compile-operation.ts'
import {
  type ProblemInit,
  type IssueLocation,
  type ProblemIssue,
  formatIssuePath,
} from './problem.ts'
import { formValues } from '../operation/form-fields.ts'
import { decodeStyledPart } from '../operation/styled-params.ts'
import { isJsonMediaType } from '../operation/media-type.ts'
import { decodeBody, type ReadResult, readBody } from './read-body.ts'
import { readCookies, readHeaders } from './request-parts.ts'
import { type ReadQuery, readQueryOf } from '../operation/read-query.ts'

/** The request, parsed by the operation's schemas (coerced, defaults applied). */
export interface ValidInput {
  params: Record<string, unknown>
  query: Record<string, unknown>
  headers: Record<string, unknown>
  cookies: Record<string, unknown>
  body: unknown
}

export type ValidationResult = { ok: true; value: ValidInput } | { ok: false; problem: ProblemInit }

interface PartResult {
  value: Record<string, unknown>
  issues: ProblemIssue[]
}

/**
 * Validates path parameters, query, headers, cookies, content type and body against the operation.
 * Parameter issues and a missing body are 400; a body that breaks its schema is the documented 422
 * (400 when only that is documented); bad JSON is 400, a wrong content type 415 when documented
 * (else 400), a body over the cap 413.
 *
 * @example
 * const input = await validateRequest(compiled, request, rawParams, 1024 * 1024)
 */
export async function validateRequest(
  compiled: CompiledOperation,
  request: Request,
  rawParams: Record<string, string>,
  maxBodyBytes: number,
  /** The body, when it was read already (the answer cache reads it for its fingerprint). */
  body?: ReadResult,
): Promise<ValidationResult> {
  const spec = compiled.request
  const url = new URL(request.url)
  const parts = {
    params: checkPart(spec.params, decodeStyledPart(rawParams, spec.styled.path), 'path'),
    query: checkQuery(readQueryOf(compiled, url.searchParams)),
    headers: checkPart(
      spec.headers,
      decodeStyledPart(readHeaders(request.headers, spec.headerNames), spec.styled.header),
      'header',
    ),
    cookies: checkPart(
      spec.cookies,
      decodeStyledPart(readCookies(request.headers), spec.styled.cookie),
      'cookie',
    ),
  }
  const parameterIssues = Object.values(parts).flatMap((part) => part.issues)
  const checked = await checkBody(compiled, request, maxBodyBytes, body)
  if ('problem' in checked) return { ok: false, problem: checked.problem }
  if (parameterIssues.length > 0 || checked.issues.length > 0) {
    return {
      ok: false,
      problem: validationProblem(compiled, parameterIssues, checked.issues, checked.missing),
    }
  }
  const value = {
    params: parts.params.value,
    query: parts.query.value,
    headers: parts.headers.value,
    cookies: parts.cookies.value,
  }
  return { ok: true, value: { ...value, body: checked.value } }
}

function checkPart(
  schema: Schema | undefined,
  raw: Record<string, unknown>,
  location: IssueLocation,
): PartResult {
  if (!schema) return { value: raw, issues: [] }
  const result = schema.safeParse(raw)
  if (result.success) return { value: result.data as Record<string, unknown>, issues: [] }
  return { value: raw, issues: toIssues(result.error.issues, location) }
}

function checkQuery(read: ReadQuery): PartResult {
  if (!read.result) return { value: read.value, issues: [] }
  if (read.result.success) return { value: read.result.data as Record<string, unknown>, issues: [] }
  return { value: read.value, issues: toIssues(read.result.error.issues, 'query') }
}

function toIssues(
  issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }>,
  location: IssueLocation,
): ProblemIssue[] {
  return issues.map((issue) => ({
    location,
    path: formatIssuePath(issue.path),
    message: issue.message,
  }))
}

type BodyCheck =
  | { value: unknown; issues: ProblemIssue[]; missing: boolean }
  | { problem: ProblemInit }

async function checkBody(
  compiled: CompiledOperation,
  request: Request,
  maxBodyBytes: number,
  body: ReadResult | undefined,
): Promise<BodyCheck> {
  const spec = compiled.request.body
  if (!spec || request.method === 'GET' || request.method === 'HEAD')
    return { value: undefined, issues: [], missing: false }
  const read = body ?? (await readBody(request, maxBodyBytes))
  if (!read.ok && read.reason === 'too-large') return { problem: tooLarge(maxBodyBytes) }
  if (!read.ok)
    return {
      problem: {
        kind: 'validation',
        status: 400,
        detail: 'The request body could not be read to its end.',
      },
    }
  if (read.bytes.byteLength === 0) {
    const issues: ProblemIssue[] = spec.required
      ? [{ location: 'body', path: '', message: 'A request body is required.' }]
      : []
    return { value: undefined, issues, missing: spec.required }
  }
  const contentType = request.headers.get('content-type') ?? ''
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase()
  const media = spec.media.find((candidate) => candidate.type === mediaType)
  if (!media) return { problem: unsupportedMediaType(compiled, contentType, spec.media) }
  const decoded = await decodeBody(read.bytes, mediaType, contentType)
  if (!decoded.ok)
    return {
      problem: {
        kind: isJsonMediaType(mediaType) ? 'invalid-json' : 'invalid-body',
        status: 400,
        detail: decoded.message,
      },
    }
  return {
    ...checkBodySchema(media, formValues(decoded.value, media.schema, mediaType)),
    missing: false,
  }
}

function checkBodySchema(
  media: MediaSpec,
  value: unknown,
): { value: unknown; issues: ProblemIssue[] } {
  if (!media.schema || value === undefined) return { value, issues: [] }
  const result = media.schema.safeParse(value)
  return result.success
    ? { value: result.data, issues: [] }
    : { value, issues: toIssues(result.error.issues, 'body') }
}

function validationProblem(
  compiled: CompiledOperation,
  parameterIssues: ProblemIssue[],
  bodyIssues: ProblemIssue[],
  missing: boolean,
): ProblemInit {
  const onlyBodySchema = parameterIssues.length === 0 && !missing
  const status = onlyBodySchema && compiled.responses.has('422') ? 422 : 400
  const count = parameterIssues.length + bodyIssues.length
  const detail = `The request breaks the contract of ${compiled.operation.operationId} in ${count} place${count === 1 ? '' : 's'}.`
  return { kind: 'validation', status, detail, errors: [...parameterIssues, ...bodyIssues] }
}

function tooLarge(maxBodyBytes: number): ProblemInit {
  return {
    kind: 'payload-too-large',
    status: 413,
    detail: `The request body is larger than the mock accepts (${maxBodyBytes} bytes).`,
  }
}

function unsupportedMediaType(
  compiled: CompiledOperation,
  contentType: string,
  media: MediaSpec[],
): ProblemInit {
  const accepted = media.map((candidate) => candidate.type).join(', ')
  const given = contentType === '' ? 'no Content-Type' : `Content-Type "${contentType}"`
  return {
    kind: 'unsupported-media-type',
    status: compiled.responses.has('415') ? 415 : 400,
    detail: `${compiled.operation.operationId} takes ${accepted}; the request has ${given}.`,
    errors: [{ location: 'header', path: 'Content-Type', message: `must be one of ${accepted}` }],
  }
}

import { concreteMediaType, isJsonMediaType } from '../operation/media-type.ts'
import { isXmlMediaType, writeXml } from '../operation/xml-body.ts'
import {
  type ProblemInit,
  type ProblemIssue,
  formatIssuePath,
  withRefusalReason,
} from './problem.ts'
import { mockProblem, type Reply } from './produce-reply.ts'
import { knownFittingText, rememberFittingText } from './fit-memo.ts'
import { type CompiledOperation, shapeOf } from '../operation/compile-operation.ts'

export type CheckedReply =
  | { ok: true; reply: Reply; text: string | undefined }
  | { ok: false; problem: ProblemInit }

/**
 * Checks a reply against its documented response, as the client will receive it (after JSON
 * serialisation), and serialises it. A hand-written answer that breaks the contract is a 500
 * problem naming the operation and each wrong field; a generated one that does would be a bug in
 * standin. A body known to fit (`reply.knownToFit`: faker made it from the schemas, or the state
 * checked it) is only serialised.
 *
 * @example
 * const checked = checkReply(compiled, reply)
 */
export function checkReply(compiled: CompiledOperation, reply: Reply): CheckedReply {
  const exchange = { compiled }
  const serialised = serialise(reply)
  if (!serialised.ok)
    return { ok: false, problem: mockProblem(exchange, `${reply.origin} ${serialised.message}`) }
  const issues = reply.knownToFit ? [] : [...bodyIssues(reply, serialised), ...headerIssues(reply)]
  if (issues.length === 0) return { ok: true, reply, text: serialised.text }
  const fields = issues
    .map((issue) => `${issue.location} ${issue.path || '(root)'}: ${issue.message}`)
    .join('; ')
  const detail = `${reply.origin} for status ${reply.status} breaks the contract at ${fields}`
  return { ok: false, problem: mockProblem(exchange, detail, issues) }
}

type Serialised =
  | {
      ok: true
      text: string | undefined
      sent: unknown
      /** The body is what the client parses from `text` (then `sent` is read from it on demand). */
      fromText?: true
    }
  | { ok: false; message: string }

function serialise(reply: Reply): Serialised {
  const { media, body } = reply
  if (!media)
    return body === undefined
      ? { ok: true, text: undefined, sent: undefined }
      : { ok: false, message: `returned a body for status ${reply.status}, which has none` }
  if (!isJsonMediaType(media.type) && typeof body === 'string')
    return { ok: true, text: body, sent: body }
  if (isXmlMediaType(media.type) && typeof body === 'object' && body !== null)
    return { ok: true, text: writeXml(body), sent: body }
  try {
    const text = JSON.stringify(body)
    if (text === undefined)
      return { ok: false, message: `returned no body for status ${reply.status} (${media.type})` }
    // What the client will parse: a handler may return values JSON changes (dates, undefined, NaN).
    return reply.generated
      ? { ok: true, text, sent: body }
      : { ok: true, text, sent: undefined, fromText: true }
  } catch (error) {
    return {
      ok: false,
      message: `returned a body that is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    }
  }
}

function bodyIssues(reply: Reply, serialised: Extract<Serialised, { ok: true }>): ProblemIssue[] {
  const schema = reply.media?.schema
  if (!schema) return []
  const { text, fromText } = serialised
  // The same text fits the same schema: a stored object or a session's page is checked once.
  if (fromText && text !== undefined && knownFittingText(schema, text)) return []
  const result = schema.safeParse(
    fromText ? (JSON.parse(text as string) as unknown) : serialised.sent,
  )
  if (result.success) {
    if (fromText && text !== undefined) rememberFittingText(schema, text)
    return []
  }
  return result.error.issues.map((issue) => ({
    location: 'body',
    path: formatIssuePath(issue.path),
    message: issue.message,
  }))
}

/**
 * Header values are strings on the wire: a number or boolean header schema accepts its text
 * (`"60"`).
 */
function headerIssues(reply: Reply): ProblemIssue[] {
  const shape = shapeOf(reply.response.headers)
  return Object.entries(shape).flatMap(([name, schema]) => {
    const value = reply.headers[name]
    if (
      schema.safeParse(value).success ||
      (value !== undefined && schema.safeParse(parseJson(value)).success)
    )
      return []
    const result = schema.safeParse(value)
    const message = result.success
      ? 'is invalid'
      : (result.error.issues[0]?.message ?? 'is invalid')
    return [{ location: 'header' as const, path: name, message }]
  })
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

/** A rendered answer as plain data: status, final headers (before CORS) and body text. */
export interface Rendered {
  status: number
  headers: Array<[string, string]>
  body: string | null
  /** Why the request was refused, when it was (see `refusalReasonOf`). */
  refusalReason?: string
}

/**
 * The HTTP response of a checked reply; `Preference-Applied` lists the preferences that were
 * honoured.
 *
 * @example
 * if (checked.ok) return renderReply(checked, prefer.applied)
 */
export function renderReply(
  checked: Extract<CheckedReply, { ok: true }>,
  applied: readonly string[],
): Response {
  return responseOf(renderedOf(checked, applied))
}

/**
 * What `renderReply` sends, as data that can be kept and sent again (the response cache keeps it).
 */
export function renderedOf(
  checked: Extract<CheckedReply, { ok: true }>,
  applied: readonly string[],
): Rendered {
  const { reply, text } = checked
  const headers = new Headers(reply.headers)
  const noBody = reply.status === 204 || reply.status === 205 || reply.status === 304
  if (reply.media && !noBody)
    headers.set('Content-Type', concreteMediaType(reply.media.type, reply.body))
  if (applied.length > 0) headers.set('Preference-Applied', applied.join(', '))
  return { status: reply.status, headers: [...headers], body: noBody ? null : (text ?? null) }
}

/**
 * A fresh Response of a rendered answer, with its own headers (CORS adds to them). The body is the
 * serialised string itself, so Node sends it in one write with a Content-Length.
 */
export function responseOf(rendered: Rendered): Response {
  return withRefusalReason(
    new Response(rendered.body, {
      status: rendered.status,
      headers: new Headers(rendered.headers),
    }),
    rendered.refusalReason,
  )
}

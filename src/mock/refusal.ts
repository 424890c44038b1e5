import { fake, seedOf } from '../fake/index.ts'
import {
  type CompiledOperation,
  type MediaSpec,
  type ResponseSpec,
  shapeOf,
} from '../operation/compile-operation.ts'
import { carriesJson, concreteMediaType, isJsonMediaType } from '../operation/media-type.ts'
import { isXmlMediaType, writeXml } from '../operation/xml-body.ts'
import { refusalOf } from '../operation/refusals.ts'
import { errorBody } from './error-body.ts'
import {
  type ProblemInit,
  problemBody,
  refusalReasonOfProblem,
  withRefusalReason,
} from './problem.ts'

/** A refusal as data: the status chosen among the documented ones, its body and headers. */
export interface RefusalReply {
  status: number
  /** Undefined for a documented response without content. */
  body: unknown
  /** The media type of the body; undefined without one. */
  mediaType: string | undefined
  headers: Record<string, string>
}

/**
 * How the mock refuses a request to an operation, in the contract's words: the status is chosen
 * among the documented ones (see `refusalOf`: a documented 422 for bad input where 400 is not
 * documented, …), and the body fits the documented response for it (see `errorBody`), with no body
 * where it documents none. Where the operation documents nothing for it, standin's problem+json. A
 * 5xx (a broken hand-written mock) is always problem+json: it reports a mistake in the mock, not
 * the API's behaviour.
 *
 * @example
 * refusalReply(compiled, { kind: 'validation', status: 400, detail, errors }, seed) // { status: 422, body: { errors: { body: [...] } }, … }
 */
export function refusalReply(
  compiled: CompiledOperation,
  init: ProblemInit,
  seed: number,
): RefusalReply {
  const refusal =
    init.status >= 500
      ? { status: init.status, response: undefined }
      : refusalOf(compiled, init.status)
  return documentedReply({ ...init, status: refusal.status }, refusal.response, seed)
}

/**
 * A refusal with the status a handler chose (`ctx.problem(409, …)`), in the shape documented for
 * it.
 *
 * @example
 * documentedReply({ kind: 'blank', status: 409, detail: 'Out of stock.' }, responseFor(compiled, 409), seed)
 */
export function documentedReply(
  init: ProblemInit,
  response: ResponseSpec | undefined,
  seed: number,
): RefusalReply {
  if (!response)
    return {
      status: init.status,
      body: problemBody(init),
      mediaType: 'application/problem+json',
      headers: { ...init.headers },
    }
  const headers = { ...documentedHeaders(response, seed), ...init.headers }
  const media = preferredMedia(response.media)
  if (!media) return { status: init.status, body: undefined, mediaType: undefined, headers }
  const body = errorBody(media, init, seed)
  return { status: init.status, body, mediaType: concreteMediaType(media.type, body), headers }
}

/**
 * The Response of a refusal (see `refusalReply`).
 *
 * @example
 * return refusalResponse(compiled, input.problem, responseSeed(generation))
 */
export function refusalResponse(
  compiled: CompiledOperation,
  init: ProblemInit,
  seed: number,
): Response {
  return withRefusalReason(
    refusalReplyResponse(refusalReply(compiled, init, seed)),
    refusalReasonOfProblem(init),
  )
}

/** The Response of a refusal reply: its status, headers and rendered body. */
export function refusalReplyResponse(reply: RefusalReply): Response {
  const headers = new Headers(reply.headers)
  if (reply.mediaType === undefined) return new Response(null, { status: reply.status, headers })
  headers.set('Content-Type', reply.mediaType)
  const text =
    typeof reply.body === 'string' && !carriesJson(reply.mediaType)
      ? reply.body
      : isXmlMediaType(reply.mediaType)
        ? writeXml(reply.body)
        : JSON.stringify(reply.body)
  return new Response(text, { status: reply.status, headers })
}

/** The headers the response documents, generated from their schemas (header values are text). */
function documentedHeaders(response: ResponseSpec, seed: number): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const [name, schema] of Object.entries(shapeOf(response.headers))) {
    const value = fake(schema, { seed: seedOf(seed, 'header', name), bestEffort: true })
    if (value !== undefined && value !== null)
      headers[name] = typeof value === 'string' ? value : JSON.stringify(value)
  }
  return headers
}

/** A JSON media type first (problem+json, then any JSON), else the first documented one. */
function preferredMedia(media: MediaSpec[]): MediaSpec | undefined {
  return (
    media.find((entry) => entry.type === 'application/problem+json') ??
    media.find((entry) => isJsonMediaType(entry.type)) ??
    media[0]
  )
}

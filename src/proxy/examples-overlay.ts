import type { Contract, Operation } from '../contract/types.ts'
import { createRouter } from '../mock/router.ts'
import { basePathOf } from '../operation/base-path.ts'
import { carriesJson } from '../operation/media-type.ts'
import { checkResponse } from '../verify/check-response.ts'
import { matchMediaType, type ResponseUnderTest } from '../verify/checks.ts'
import { responseFor } from '../verify/operation-parts.ts'
import { utf8TextOf } from './body-bytes.ts'
import type { ProxyExchange } from './exchange.ts'
import { routeRecorded } from './recorded-operation.ts'

/** An OpenAPI Overlay 1.0 document: actions that update the OpenAPI document they are applied to. */
export interface Overlay {
  overlay: '1.0.0'
  info: { title: string; version: string }
  actions: OverlayAction[]
}

export interface OverlayAction {
  /** A JSONPath to the nodes to update. */
  target: string
  /** Merged into each node the target selects. */
  update: Record<string, unknown>
}

export interface RecordedExamples {
  overlay: Overlay
  /** Each answer turned into an example, by the example's name. */
  added: { operationId: string; status: string; mediaType: string; name: string }[]
  /** Each answer left out: `GET /products/42 → 200`, and why. */
  skipped: { exchange: string; reason: string }[]
}

export interface RecordedExamplesOptions {
  /** Where the API lived when it was recorded: `/api`; by default the contract's servers. */
  basePath?: string
}

/** An answer as an example of one documented response. */
interface Candidate {
  operation: Operation
  status: string
  mediaType: string
  value: unknown
}

/**
 * Turns recorded answers into named examples of the operations' responses, as an OpenAPI Overlay
 * 1.0 document. Answers that keep the contract (verify's `checkResponse`) and carry a JSON or text
 * body become `recorded-<status>-<n>` of their operation, status and media type; an answer equal
 * to one already added is not added twice. The others are skipped with the reason.
 *
 * @example
 * const { overlay, skipped } = recordedExamples(contract, readHar(text))
 */
export function recordedExamples(
  contract: Contract,
  exchanges: readonly ProxyExchange[],
  options: RecordedExamplesOptions = {},
): RecordedExamples {
  const router = createRouter(contract.operations)
  const basePath = options.basePath ?? basePathOf(contract)
  const result: RecordedExamples = { overlay: emptyOverlay(contract), added: [], skipped: [] }
  const named = new Map<string, Map<string, string>>()
  for (const exchange of exchanges) {
    const label = labelOf(exchange)
    const routed = routeRecorded(router, basePath, exchange.request)
    const candidate = routed
      ? candidateOf(routed.operation, exchange)
      : 'no operation of the contract'
    if (typeof candidate === 'string') {
      result.skipped.push({ exchange: label, reason: candidate })
      continue
    }
    const target = targetOf(candidate)
    const seen = named.get(target) ?? new Map<string, string>()
    named.set(target, seen)
    const same = seen.get(JSON.stringify(candidate.value))
    if (same !== undefined) {
      result.skipped.push({ exchange: label, reason: `the same answer as ${same}` })
      continue
    }
    const name = `recorded-${candidate.status}-${seen.size + 1}`
    seen.set(JSON.stringify(candidate.value), name)
    result.overlay.actions.push(exampleAction(target, name, candidate.value, label))
    const { operation, status, mediaType } = candidate
    result.added.push({ operationId: operation.operationId, status, mediaType, name })
  }
  return result
}

function emptyOverlay(contract: Contract): Overlay {
  return {
    overlay: '1.0.0',
    info: { title: `Recorded examples for ${contract.info.title}`, version: contract.info.version },
    actions: [],
  }
}

/** The example an answer gives, or why it gives none. */
function candidateOf(operation: Operation, exchange: ProxyExchange): Candidate | string {
  if (exchange.source === 'mock') return 'answered by the mock, not the backend'
  const response = underTest(exchange.response)
  if (response === undefined) return 'its body is not UTF-8 text'
  if (response.text === '') return 'it has no body'
  const checked = checkResponse(operation, response)
  const errors = checked.issues.filter((issue) => issue.severity === 'error')
  if (errors[0]) return `it breaks the contract: ${errors[0].message}${moreOf(errors.length - 1)}`
  const spec = responseFor(operation, response.status)
  const media = spec && matchMediaType(spec, response)
  if (!spec || !media) return 'its status or content type is not documented'
  const value = exampleValue(media.type, response.text)
  if (value === undefined) return 'its body is not the JSON its content type says'
  return { operation, status: spec.key, mediaType: media.type, value: value.value }
}

function moreOf(count: number): string {
  return count === 0 ? '' : ` (and ${count} more ${count === 1 ? 'issue' : 'issues'})`
}

/** What an example's `value` holds: the JSON value of a JSON body, the text of any other. */
function exampleValue(mediaType: string, text: string): { value: unknown } | undefined {
  if (!carriesJson(mediaType)) return { value: text }
  try {
    return { value: JSON.parse(text) }
  } catch {
    return undefined
  }
}

/** A recorded answer as verify's checks read one; undefined for a body that is not text. */
function underTest(answer: ProxyExchange['response']): ResponseUnderTest | undefined {
  const text = answer.body ? utf8TextOf(answer.body) : ''
  if (text === undefined) return undefined
  const headers: Record<string, string> = {}
  for (const [name, value] of answer.headers) {
    const lower = name.toLowerCase()
    headers[lower] = headers[lower] === undefined ? value : `${headers[lower]}, ${value}`
  }
  return { status: answer.status, headers, text }
}

/** The media type object of a documented response, where its `examples` live. */
function targetOf({ operation, status, mediaType }: Candidate): string {
  const path = String(operation.route.path)
  return `$.paths[${quoted(path)}].${operation.method}.responses[${quoted(status)}].content[${quoted(mediaType)}]`
}

function quoted(name: string): string {
  return `'${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
}

function exampleAction(target: string, name: string, value: unknown, label: string): OverlayAction {
  return { target, update: { examples: { [name]: { summary: `Recorded: ${label}`, value } } } }
}

/** `GET /products/42?x=1 → 200`. */
function labelOf(exchange: ProxyExchange): string {
  const { url, method } = exchange.request
  const shown = URL.canParse(url) ? `${new URL(url).pathname}${new URL(url).search}` : url
  return `${method} ${shown} → ${exchange.response.status}`
}

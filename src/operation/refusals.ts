import { type CompiledOperation, type ResponseSpec, responseFor } from './compile-operation.ts'

// How an operation refuses a request, by its documentation. The mock answers with these statuses,
// and verify judges an undocumented refusal by the same rule, so that the two agree.

/** Statuses that refuse credentials rather than input. */
const AUTH_STATUSES = new Set([401, 403, 407])

/** What to answer instead where a status is not documented but a kin of it is. */
const KIN: Record<number, number[]> = {
  400: [422],
  422: [400],
  401: [403],
  403: [401],
  404: [410],
  410: [404],
  409: [422, 400],
}

/**
 * Refusals of malformed input, which any documented client error may stand for: the client learns
 * its input is wrong.
 */
const INPUT_REFUSALS = new Set([400, 422])

/**
 * The status a refusal answers with, and the documented response that describes it (none: standin's
 * problem+json).
 */
export interface Refusal {
  status: number
  response: ResponseSpec | undefined
}

/**
 * The status to refuse with, chosen among the documented ones: the natural status (400 for bad
 * input, 401 for missing credentials, 404 for an unknown key) when documented, else its kin (422
 * for 400, 403 for 401), else the natural status described by a documented `4XX` or `default`,
 * else, for malformed input (400, 422), any other client error the operation documents that is not
 * about credentials. Undocumented everywhere: the natural status, with no documented response.
 *
 * @example
 * refusalOf(compiled, 400) // { status: 422, response: <the documented 422> } when only 422 is documented
 */
export function refusalOf(compiled: CompiledOperation, natural: number): Refusal {
  const exact = [natural, ...(KIN[natural] ?? [])].find((status) =>
    compiled.responses.has(String(status)),
  )
  if (exact !== undefined) return { status: exact, response: compiled.responses.get(String(exact)) }
  const covering = responseFor(compiled, natural)
  if (covering) return { status: natural, response: covering }
  const other = INPUT_REFUSALS.has(natural) ? inputRefusals(compiled)[0] : undefined
  if (other !== undefined) return { status: other, response: compiled.responses.get(String(other)) }
  return { status: natural, response: undefined }
}

/**
 * Whether an operation documents how it refuses requests of the kind a status stands for:
 * credentials (401, 403) or input (every other 4xx). An answer with an undocumented 4xx is a
 * contract violation only where it does; where it does not, the documentation is missing rather
 * than wrong.
 *
 * @example
 * documentsRefusals(compiled, 400) // false for an operation that documents only 200 and 401
 */
export function documentsRefusals(compiled: CompiledOperation, status: number): boolean {
  if (
    compiled.responses.has('4XX') ||
    compiled.responses.has('4xx') ||
    compiled.responses.has('default')
  )
    return true
  if (AUTH_STATUSES.has(status))
    return [...AUTH_STATUSES].some((auth) => compiled.responses.has(String(auth)))
  return inputRefusals(compiled).length > 0
}

/**
 * The exact client errors an operation documents that are not about credentials, in numeric order.
 */
function inputRefusals(compiled: CompiledOperation): number[] {
  return compiled.statuses
    .map(Number)
    .filter((status) => status >= 400 && status < 500 && !AUTH_STATUSES.has(status))
}

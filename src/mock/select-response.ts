import { type CompiledOperation, responseFor } from '../operation/compile-operation.ts'
import { faultKindOf } from './faults/kinds.ts'
import type { AnyMockHandler, Mocks } from './mock-types.ts'
import type { Preferences } from './prefer.ts'
import type { ProblemInit } from './problem.ts'

/** Where a response comes from. */
export type Source =
  | { kind: 'example'; name: string }
  | { kind: 'generated' }
  | {
      kind: 'handler'
      handler: AnyMockHandler
      scenario: string | undefined
      /** The session's own answer from its objects: the same while the session stays the same. */
      remembered?: true
      /**
       * Its body is known to fit the success schema (the state checked each stored object once,
       * then the envelope around them): sent without checking it again.
       */
      fitsSuccess?: true
    }

export interface Plan {
  /** The status to answer with; a handler decides its own. */
  status: number
  source: Source
}

export interface SelectOptions {
  mocks: Mocks | undefined
  scenario: string | undefined
}

export type PlanResult = { ok: true; plan: Plan } | { ok: false; problem: ProblemInit }

/**
 * Decides status and source of a response, most explicit first: `Prefer: example=` (a named
 * example), `Prefer: code=` (generated for that status), the scenario's handler, the plain handler,
 * and last the generated success response.
 *
 * @example
 * selectResponse(compiled, { code: 404 }, options) // { ok: true, plan: { status: 404, source: { kind: 'generated' } } }
 */
export function selectResponse(
  compiled: CompiledOperation,
  prefer: Preferences,
  options: SelectOptions,
): PlanResult {
  const scenario = prefer.scenario ?? options.scenario
  if (prefer.scenario !== undefined && !options.mocks?.scenarios[prefer.scenario])
    return unknownScenario(prefer.scenario, options.mocks)
  if (prefer.code !== undefined && !responseFor(compiled, prefer.code))
    return undocumentedStatus(compiled, prefer.code)
  const status = prefer.code ?? compiled.successStatus
  if (prefer.example !== undefined) return exampleSource(compiled, status, prefer.example)
  if (prefer.code !== undefined)
    return { ok: true, plan: { status, source: { kind: 'generated' } } }
  const handler = findHandler(compiled.operation.operationId, scenario, options.mocks)
  if (handler) return { ok: true, plan: { status, source: { kind: 'handler', ...handler } } }
  return { ok: true, plan: { status, source: { kind: 'generated' } } }
}

function findHandler(operationId: string, scenario: string | undefined, mocks: Mocks | undefined) {
  const scenarioHandler =
    scenario === undefined ? undefined : mocks?.scenarios[scenario]?.[operationId]
  if (scenarioHandler) return { handler: scenarioHandler, scenario }
  const handler = mocks?.handlers[operationId]
  return handler ? { handler, scenario: undefined } : undefined
}

/** The names of an operation's examples for a status, over all its media types. */
export function exampleNames(compiled: CompiledOperation, status: number): string[] {
  const media = responseFor(compiled, status)?.media ?? []
  return [...new Set(media.flatMap((entry) => [...entry.examples.keys()]))]
}

function exampleSource(compiled: CompiledOperation, status: number, name: string): PlanResult {
  const names = exampleNames(compiled, status)
  if (names.includes(name)) return { ok: true, plan: { status, source: { kind: 'example', name } } }
  const known =
    names.length > 0
      ? `it has ${names.map((known) => `"${known}"`).join(', ')}`
      : 'it has no named examples'
  return preferProblem(
    `${compiled.operation.operationId} has no example "${name}" for status ${status}: ${known}.`,
  )
}

function undocumentedStatus(compiled: CompiledOperation, code: number): PlanResult {
  const anyway = faultKindOf(String(code))
    ? ` Prefer: fault=${code} answers it anyway, as a gateway or rate limiter in front of the API would.`
    : ''
  return preferProblem(
    `${compiled.operation.operationId} does not document status ${code}. Documented: ${compiled.statuses.join(', ')}.${anyway}`,
  )
}

function unknownScenario(name: string, mocks: Mocks | undefined): PlanResult {
  const known = Object.keys(mocks?.scenarios ?? {})
  const list =
    known.length > 0 ? `Known scenarios: ${known.join(', ')}.` : 'No scenarios are loaded.'
  return preferProblem(`Unknown scenario "${name}". ${list}`)
}

function preferProblem(message: string): PlanResult {
  return {
    ok: false,
    problem: {
      kind: 'invalid-prefer',
      status: 400,
      detail: message,
      errors: [{ location: 'header', path: 'Prefer', message }],
    },
  }
}

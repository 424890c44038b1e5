import { StandinError } from '../contract/standin-error.ts'
import type { Contract } from '../contract/types.ts'
import type { AnyMockHandler, InitialState, Mocks, MocksDefinition } from './mock-types.ts'

/**
 * Hand-written answers for some operations of a contract, plus named scenarios that replace some of
 * them (`Prefer: scenario=NAME` or `standin serve --scenario NAME`). What a handler returns is
 * type-checked against the contract here and validated on every request; a naming mistake throws at
 * once. `state` (top level and per scenario) declares the objects collections start with in
 * stateful mode.
 *
 * @example
 * export default defineMocks(contract, {
 *   getOrder: (c, ctx) => ({ ...ctx.fake(), id: c.params.orderId, status: 'shipped' }),
 *   state: { '/carts': [threeItemCart] },
 *   scenarios: { 'payment-declined': { payOrder: (c, ctx) => ctx.problem(402, 'The card was declined.') } },
 * })
 */
export function defineMocks<C extends Contract>(
  contract: C,
  definition: NoInfer<MocksDefinition<C>>,
): Mocks {
  const { scenarios = {}, state, ...handlers } = definition as MocksDefinition<Contract>
  const scenarioHandlers: Record<string, Record<string, AnyMockHandler>> = {}
  const scenarioState: Record<string, InitialState> = {}
  for (const [name, { state: declared, ...rest }] of Object.entries(scenarios)) {
    scenarioHandlers[name] = Object.freeze(rest as Record<string, AnyMockHandler>)
    if (declared) scenarioState[name] = declared
  }
  const mocks: Mocks = Object.freeze({
    kind: 'standin.mocks' as const,
    handlers: Object.freeze(handlers as Record<string, AnyMockHandler>),
    scenarios: Object.freeze(scenarioHandlers),
    state: Object.freeze({ initial: state ?? {}, scenarios: Object.freeze(scenarioState) }),
  })
  checkMocks(contract, mocks)
  return mocks
}

/**
 * True for a value made by `defineMocks`, also by another copy of standin (mock files load in their
 * own module graph).
 */
export function isMocks(value: unknown): value is Mocks {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'standin.mocks'
  )
}

/**
 * Throws MOCK_INVALID when a handler names no operation of the contract or is not a function.
 *
 * @example
 * checkMocks(contract, await loadMocks('mocks/index.ts'))
 */
export function checkMocks(contract: Contract, mocks: Mocks): void {
  const known = new Set(contract.operations.map((operation) => operation.operationId))
  const problems = [
    ...handlerProblems(mocks.handlers, known, ''),
    ...Object.entries(mocks.scenarios).flatMap(([name, handlers]) =>
      handlerProblems(handlers, known, `scenario "${name}": `),
    ),
  ]
  if (problems.length > 0) {
    throw new StandinError(
      'MOCK_INVALID',
      `Mocks do not fit the contract "${contract.info.title}":\n  ${problems.join('\n  ')}`,
    )
  }
}

function handlerProblems(
  handlers: Record<string, unknown>,
  known: Set<string>,
  prefix: string,
): string[] {
  return Object.entries(handlers).flatMap(([operationId, handler]) => {
    if (!known.has(operationId))
      return [`${prefix}"${operationId}" is not an operation${suggest(operationId, known)}`]
    if (typeof handler !== 'function')
      return [`${prefix}${operationId} must be a function (c, ctx) => body`]
    return []
  })
}

function suggest(name: string, known: Set<string>): string {
  const lower = name.toLowerCase()
  const close = [...known].find(
    (candidate) =>
      candidate.toLowerCase() === lower || editDistance(candidate.toLowerCase(), lower) <= 2,
  )
  return close ? `; did you mean ${close}?` : ''
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      )
    }
    previous = current
  }
  return previous[b.length] as number
}

/**
 * The mocks with some handlers replaced (or added): their scenarios and starting state kept.
 *
 * @example
 * withHandlers(mocks, { getOrder: (_c, ctx) => ctx.problem(404) })
 */
export function withHandlers(
  mocks: Mocks | undefined,
  handlers: Readonly<Record<string, AnyMockHandler>>,
): Mocks | undefined {
  if (Object.keys(handlers).length === 0) return mocks
  return {
    kind: 'standin.mocks',
    handlers: { ...(mocks?.handlers ?? {}), ...handlers },
    scenarios: mocks?.scenarios ?? {},
    ...(mocks?.state ? { state: mocks.state } : {}),
  }
}

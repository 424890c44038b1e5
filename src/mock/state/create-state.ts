import { StandinError } from '../../contract/standin-error.ts'
import type { Contract, Operation } from '../../contract/types.ts'
import type { CompiledOperation } from '../../operation/compile-operation.ts'
import type { InitialState, Mocks } from '../mock-types.ts'
import { problemResponse } from '../problem.ts'
import type { Exchange } from '../produce-reply.ts'
import { answerFromState, asReply, type StateAnswer } from './answer.ts'
import { createBaseLookup, type DeclaredState } from './base.ts'
import { validateObject } from './build-object.ts'
import type { Scope } from './collection.ts'
import { controlResponse, isControlPath } from './control.ts'
import { collectionPath, inferResources, type Resources } from '../../operation/resources.ts'
import { readSessionId, withSessionCookie } from './session-id.ts'
import { createSessionState, type SessionState } from './session-state.ts'
import type { StateStore, StoredObject } from './store.ts'

/** One request's session. */
export interface StateSession {
  id: string
  /**
   * The scenario the session was reset into, if any: its handlers apply when a request names none.
   */
  scenario: string | undefined
  /** `ctx.state` for a hand-written handler. */
  access(exchange: Exchange, scenario: string | undefined): SessionState
  /**
   * The answer from the session's objects for an operation on a collection; undefined for any
   * other.
   */
  answer(exchange: Exchange, scenario: string | undefined): Promise<StateAnswer | undefined>
  /**
   * The version of what the session holds now (see `StateStore.version`); undefined for a session
   * this request starts, or a store that cannot tell.
   */
  version(): number | undefined
}

export interface StateEngine {
  /**
   * Runs a request in its session (a 400 for a malformed id); `/__standin/…` is answered here, the
   * rest by `next`.
   */
  handle(
    request: Request,
    pathname: string,
    next: (session: StateSession) => Promise<Response>,
  ): Promise<Response>
}

export interface StateEngineOptions {
  store: StateStore
  mocks: Mocks | undefined
}

/**
 * The stateful part of a mock: infers the contract's collections, checks the declared starting
 * objects (MOCK_INVALID naming each one that does not fit), and gives every request its session.
 *
 * @example
 * const engine = createStateEngine(contract, { store: createMemoryStore(), mocks }, compile)
 * const response = await engine.handle(request, '/orders', (session) => answer(request, session))
 */
export function createStateEngine(
  contract: Contract,
  options: StateEngineOptions,
  _compile: (operation: Operation) => CompiledOperation,
): StateEngine {
  const resources = inferResources(contract.operations)
  const base = createBaseLookup(declaredState(options.mocks, resources), resources)
  const { store } = options
  const scenarios = Object.keys(options.mocks?.scenarios ?? {})
  const scope = (id: string, exchange: Exchange, scenario: string | undefined): Scope => ({
    store,
    session: id,
    base,
    context: { scenario, globalSeed: exchange.globalSeed, dynamic: exchange.dynamic },
  })
  const answer = async (id: string, exchange: Exchange, effective: string | undefined) => {
    const role = resources.roleOf(exchange.compiled.operation.operationId)
    return role && answerFromState(role, exchange, scope(id, exchange, effective))
  }
  const version = (id: string) => store.version?.(id)
  const session = (id: string, scenario: string | undefined, fresh: boolean): StateSession => ({
    id,
    scenario,
    version: () => (fresh ? undefined : version(id)),
    access: (exchange, effective) =>
      createSessionState(resources, scope(id, exchange, effective), async () =>
        asReply(exchange, await answer(id, exchange, effective)),
      ),
    answer: (exchange, effective) => answer(id, exchange, effective),
  })
  return {
    async handle(request, pathname, next) {
      const read = readSessionId(request)
      if (!read.ok) return problemResponse(read.problem)
      const known = read.fresh || scenarios.length === 0 ? undefined : await store.info(read.id)
      const response = isControlPath(pathname)
        ? await controlResponse(request, pathname, read.id, store, scenarios)
        : await next(session(read.id, known?.scenario, read.fresh))
      return read.fresh ? withSessionCookie(response, read.id) : response
    },
  }
}

/**
 * The declared starting objects, keyed by canonical collection path and checked against their
 * schemas.
 */
function declaredState(mocks: Mocks | undefined, resources: Resources): DeclaredState {
  const problems: string[] = []
  const initial = declared(mocks?.state?.initial ?? {}, resources, '', problems)
  const scenarios = new Map(
    Object.entries(mocks?.state?.scenarios ?? {}).map(([name, state]) => [
      name,
      declared(state, resources, `scenario "${name}": `, problems),
    ]),
  )
  if (problems.length > 0)
    throw new StandinError(
      'MOCK_INVALID',
      `The declared state does not fit the contract:\n  ${problems.join('\n  ')}`,
    )
  return { initial, scenarios }
}

function declared(
  state: InitialState,
  resources: Resources,
  prefix: string,
  problems: string[],
): Map<string, StoredObject[]> {
  const result = new Map<string, StoredObject[]>()
  for (const [path, given] of Object.entries(state)) {
    const objects = typeof given === 'function' ? given() : given
    const match = resources.match(path)
    const known = resources.all
      .filter((resource) => !resource.embeddedIn)
      .map((resource) => resource.template)
      .join(', ')
    if (!match)
      problems.push(
        `${prefix}state "${path}" is no collection of the contract; collections: ${known || 'none'}`,
      )
    else if (match.resource.embeddedIn)
      problems.push(
        `${prefix}state "${path}": these objects live in the "${match.resource.embeddedIn}" field of ${match.resource.parent?.template} objects; declare them there`,
      )
    else
      result.set(
        collectionPath(match.resource, match.params),
        checkedObjects(
          objects,
          match.resource.itemSchema,
          match.resource.keyField,
          `${prefix}state "${path}"`,
          problems,
        ),
      )
  }
  return result
}

function checkedObjects(
  objects: readonly object[],
  schema: Parameters<typeof validateObject>[0],
  keyField: string,
  where: string,
  problems: string[],
): StoredObject[] {
  if (!Array.isArray(objects)) {
    problems.push(`${where} must be an array of objects`)
    return []
  }
  return objects.flatMap((object, index) => {
    const checked = validateObject(schema, object)
    if (!checked.ok)
      problems.push(
        `${where}[${index}] breaks its schema at ${checked.issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`).join('; ')}`,
      )
    else if (checked.value[keyField] === undefined)
      problems.push(`${where}[${index}] has no ${keyField}`)
    return checked.ok ? [checked.value] : []
  })
}

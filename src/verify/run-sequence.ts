import type { Operation } from '../contract/types.ts'
import { seedOf } from '../fake/index.ts'
import { checkGone, checkReadable, type ResponseUnderTest } from './checks.ts'
import { type CasePlan, positiveCases, validInput } from './generate-cases.ts'
import { createIdPool, type IdValue } from './id-pool.ts'
import { successHasBody } from './operation-parts.ts'
import { createdIdOf, type Resource } from './resources.ts'
import { type CaseOutcome, generated, isSuccess, runCase, type RunContext } from './run-case.ts'
import { ensureIds } from './run-operation.ts'
import type { CaseResult, CheckResult, SequenceResult } from './types.ts'

/**
 * create → read → update → read → delete → read over one resource, carrying the created id (from
 * `Location` or the body) into the item operations. A resource that was just created or updated
 * must be readable; one that was deleted must not be. A DELETE documented with a body (a cancel)
 * may leave the resource readable. The sequence keeps the ids it makes to itself (an overlay on the
 * run's pool).
 */
export async function runSequence(
  context: RunContext,
  resource: Resource,
): Promise<SequenceResult> {
  const steps: CaseResult[] = []
  const created = await createOne(context, resource, steps)
  if (!created)
    return finish(
      resource,
      steps,
      `${label(resource.create)} did not succeed, so there was nothing to read, update or delete.`,
    )
  if (created.id === undefined)
    return finish(
      resource,
      steps,
      `${label(resource.create)} answered without a Location header or an id.`,
    )
  const local = created.context
  const params = { ...created.params, [resource.idParam]: created.id }
  // A mock that remembers nothing cannot show what a create or a delete left behind.
  const remembers = context.standin.kind !== 'stateless'
  const step = (
    operation: Operation,
    name: string,
    extra?: (response: ResponseUnderTest) => CheckResult,
  ) => runStep(local, steps, operation, name, params, remembers ? extra : undefined)
  const readAfter = (after: 'create' | 'update') =>
    resource.read &&
    step(resource.read, `read after ${after}`, (response) =>
      checkReadable(response, after, label(resource.read as Operation)),
    )
  await readAfter('create')
  if (resource.update && isSuccess(await step(resource.update, 'update'))) await readAfter('update')
  if (resource.remove && isSuccess(await step(resource.remove, 'delete')) && resource.read) {
    if (successHasBody(resource.remove))
      context.notes.push(
        `${resource.name}: ${label(resource.remove)} answers with a body (a cancel, not a removal), so the resource may stay readable.`,
      )
    else
      await step(resource.read, 'read after delete', (response) =>
        checkGone(response, label(resource.read as Operation)),
      )
  }
  return finish(resource, steps)
}

const CREATE_ATTEMPTS = 3

interface Created {
  id?: IdValue
  params: Record<string, unknown>
  /** The run context with the sequence's own pool. */
  context: RunContext
}

/**
 * Creates the resource under fresh parents first (a new cart for its items, a new order to pay),
 * then, if that fails (a new cart is empty, so it cannot become an order), under the parents the
 * run knows. Each round tries the contract's examples and faker-valid inputs.
 */
async function createOne(
  context: RunContext,
  resource: Resource,
  steps: CaseResult[],
): Promise<Created | undefined> {
  for (const fresh of [true, false]) {
    const local: RunContext = { ...context, pool: createIdPool(context.pool) }
    const setup = await ensureIds(local, resource.create, { fresh })
    if (fresh && setup.length === 0) continue
    steps.push(...setup)
    const created = await attemptCreate(local, resource, steps, fresh ? 0 : 1)
    if (created || context.health.stopped) return created
  }
  return undefined
}

async function attemptCreate(
  context: RunContext,
  resource: Resource,
  steps: CaseResult[],
  round: number,
): Promise<Created | undefined> {
  const seed = seedOf(context.seed, 'sequence', resource.name, round)
  const plans = generated(
    context,
    resource.create,
    () => positiveCases(resource.create, { seed, examples: CREATE_ATTEMPTS, pool: context.pool }),
    [],
  )
  for (const plan of plans.slice(0, CREATE_ATTEMPTS)) {
    if (context.health.stopped) return undefined
    const creates = steps.filter((step) => step.kind === 'sequence').length
    const outcome = await runCase(context, resource.create, {
      ...plan,
      kind: 'sequence',
      name: creates === 0 ? 'create' : `create (attempt ${creates + 1})`,
    })
    steps.push(outcome.result)
    if (isSuccess(outcome) && outcome.response) {
      return {
        id: createdIdOf(resource.createRole, outcome.response, outcome.body, plan.input.params),
        params: plan.input.params,
        context,
      }
    }
  }
  return undefined
}

async function runStep(
  context: RunContext,
  steps: CaseResult[],
  operation: Operation,
  name: string,
  params: Record<string, unknown>,
  extra?: (response: ResponseUnderTest) => CheckResult,
): Promise<CaseOutcome | undefined> {
  if (context.health.stopped) return undefined
  const seed = seedOf(context.seed, 'sequence', operation.operationId, name)
  const input = generated(
    context,
    operation,
    () => validInput(operation, seed, context.pool),
    undefined,
  )
  if (!input) return undefined
  const known = Object.fromEntries(
    operation.pathParams.filter((param) => param in params).map((param) => [param, params[param]]),
  )
  const plan: CasePlan = {
    kind: 'sequence',
    name,
    seed,
    input: { ...input, params: { ...input.params, ...known } },
    auth: 'valid',
  }
  const outcome = await runCase(context, operation, plan, extra)
  steps.push(outcome.result)
  return outcome
}

/** A sequence the run did not start, and why. */
export function notRunSequence(resource: Resource, reason: string): SequenceResult {
  return finish(resource, [], reason)
}

function finish(resource: Resource, steps: CaseResult[], skipped?: string): SequenceResult {
  return {
    resource: resource.name,
    ok: steps.every((step) => step.ok),
    steps,
    ...(skipped ? { skipped } : {}),
  }
}

function label(operation: Operation): string {
  return `${operation.method.toUpperCase()} ${operation.path}`
}

import { StandinError } from '../../contract/standin-error.ts'
import type { MockReply } from '../mock-types.ts'
import type { ProblemIssue } from '../problem.ts'
import { missingParent, parentPins } from './answer.ts'
import { createdObject } from './build-object.ts'
import {
  type Collection,
  type Decision,
  openCollection,
  type Outcome,
  type Scope,
} from './collection.ts'
import type { Resources } from '../../operation/resources.ts'
import type { StoredObject } from './store.ts'

/**
 * `ctx.state` in a hand-written handler when the mock is stateful (undefined when it is not): the
 * session's objects by collection path (`/orders`, `/products/0d9a…/reviews`, `/carts/c1/items`).
 * Objects come back as copies; every write is checked against the collection's schema first.
 *
 * @example
 * payOrder: async (c, ctx) => {
 *   if (!ctx.state) return ctx.fake()
 *   const order = await ctx.state.update('/orders', c.params.orderId, (order) =>
 *     order.status === 'pending' ? { ...order, status: 'paid' } : ctx.problem(409, `The order is ${order.status}.`))
 *   return order ?? ctx.problem(404, 'No such order.')
 * }
 * getCart: (c, ctx) => (ctx.state ? ctx.state.answer() : balanced(ctx.fake())),
 */
export interface SessionState {
  /** The session id: `X-Standin-Session`, or the `standin_session` cookie. */
  readonly session: string
  /** The object with this id, or undefined. */
  get<T extends object = StoredObject>(
    collection: string,
    id: string | number,
  ): Promise<T | undefined>
  /**
   * Every object of the collection: the ones it started with, then the ones created, oldest first.
   */
  list<T extends object = StoredObject>(collection: string): Promise<T[]>
  /**
   * A new object as POST on the collection makes one: a new id, these fields, the rest as a new
   * record has it.
   */
  create<T extends object = StoredObject>(collection: string, fields?: Partial<T>): Promise<T>
  /** Stores the object under its id, replacing what was there. */
  put<T extends object>(collection: string, object: T): Promise<T>
  /**
   * Changes one object atomically: `change` gets it and returns the new object, or a reply
   * (`ctx.problem(409, …)`) to leave it as it is. Undefined when there is no such object.
   */
  update<T extends object = StoredObject>(
    collection: string,
    id: string | number,
    change: (current: T) => T | MockReply,
  ): Promise<T | MockReply | undefined>
  /** Removes the object; false when there was none. */
  delete(collection: string, id: string | number): Promise<boolean>
  /**
   * What this request gets from the session's objects, as if the handler did not exist (a 404
   * problem for an unknown id included); the generated answer for an operation on no collection.
   */
  answer(): Promise<MockReply>
}

/**
 * The `ctx.state` of one request; `answer` is what the request gets without its handler.
 *
 * @example
 * const state = createSessionState(resources, scope, answer)
 * await state.get('/orders', '9f8e…')
 */
export function createSessionState(
  resources: Resources,
  scope: Scope,
  answer: () => Promise<MockReply>,
): SessionState {
  const open = (path: string, verb: string): Collection => {
    const match = resources.match(path)
    if (match) return openCollection(scope, match.resource, match.params)
    const known = resources.all.map((resource) => resource.template).join(', ') || 'none'
    throw new StandinError(
      'MOCK_INVALID',
      `ctx.state.${verb}("${path}"): no collection of the contract has that path. Collections: ${known}.`,
    )
  }
  return {
    session: scope.session,
    get: async (path, id) => copy(await open(path, 'get').find(String(id))) as never,
    list: async (path) => copy(await open(path, 'list').all()) as never,
    create: async (path, fields = {}) => {
      const collection = open(path, 'create')
      const params = await existingParams(resources, scope, path, 'create')
      const { resource } = collection
      const outcome = await collection.insert((id) => ({
        value: createdObject(resource.itemSchema, {
          fields: fields as StoredObject,
          pins: { ...parentPins(resource, params), [resource.keyField]: id },
          globalSeed: scope.context.globalSeed,
          dynamic: scope.context.dynamic,
          seed: scope.context.globalSeed,
        }) as StoredObject,
      }))
      return settled(outcome, `create("${path}")`) as never
    },
    put: async (path, object) => {
      const collection = open(path, 'put')
      const key = (object as StoredObject)[collection.resource.keyField]
      if (key === undefined || key === null)
        throw new StandinError(
          'MOCK_INVALID',
          `ctx.state.put("${path}", …): the object has no ${collection.resource.keyField}.`,
        )
      await existingParams(resources, scope, path, 'put')
      return settled(
        await collection.upsert(String(key), () => ({ value: object as StoredObject })),
        `put("${path}")`,
      ) as never
    },
    update: async (path, id, change) => {
      const outcome = await open(path, 'update').change<MockReply>(String(id), (current) =>
        decided(change(copy(current) as never)),
      )
      if (outcome.kind === 'missing') return undefined
      if (outcome.kind === 'stopped') return outcome.reason
      return settled(outcome, `update("${path}")`) as never
    },
    delete: async (path, id) =>
      (await open(path, 'delete').change(String(id), () => ({ value: null }))).kind === 'done',
    answer,
  }
}

async function existingParams(
  resources: Resources,
  scope: Scope,
  path: string,
  verb: string,
): Promise<Record<string, string>> {
  const match = resources.match(path) as NonNullable<ReturnType<Resources['match']>>
  const missing = await missingParent(match.resource, match.params, scope)
  if (missing)
    throw new StandinError(
      'MOCK_INVALID',
      `ctx.state.${verb}("${path}"): there is no ${missing} in this session.`,
    )
  return match.params
}

function decided(result: object): Decision<MockReply> {
  return (result as { kind?: unknown }).kind === 'standin.reply'
    ? { stop: result as MockReply }
    : { value: result as StoredObject }
}

function settled(outcome: Outcome<unknown>, call: string): StoredObject {
  if (outcome.kind === 'done') return copy(outcome.after ?? outcome.before) as StoredObject
  if (outcome.kind === 'invalid')
    throw new StandinError(
      'MOCK_INVALID',
      `ctx.state.${call}: the object breaks its schema at ${describe(outcome.issues)}; nothing was stored.`,
    )
  if (outcome.kind === 'missing')
    throw new StandinError(
      'MOCK_INVALID',
      `ctx.state.${call}: there is no ${outcome.path} in this session.`,
    )
  if (outcome.kind === 'too-large')
    throw new StandinError(
      'MOCK_INVALID',
      `ctx.state.${call}: the object takes ${outcome.bytes} bytes, more than the ${outcome.limit} one session may keep; nothing was stored.`,
    )
  throw new StandinError(
    'MOCK_INVALID',
    `ctx.state.${call}: the object kept changing while it was being stored.`,
  )
}

function describe(issues: ProblemIssue[]): string {
  return issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`).join('; ')
}

function copy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T)
}

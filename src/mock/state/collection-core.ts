import { fake, inspectSchema, seedOf } from '../../fake/index.ts'
import type { ProblemIssue } from '../problem.ts'
import type { BaseContext, BaseLookup } from './base.ts'
import { validateObject } from './build-object.ts'
import type { ResourceSpec } from '../../operation/resources.ts'
import type { StateStore, StoredObject } from './store.ts'

/** A session's view of the store: whose objects, and what collections start with. */
export interface Scope {
  store: StateStore
  session: string
  base: BaseLookup
  context: BaseContext
}

/**
 * What a change decides: the new value (`null` deletes), or to stop with a reason of the caller's.
 */
export type Decision<R> = { value: StoredObject | null } | { stop: R }

/**
 * How a change or an insert ended. `container` is the parent object an embedded object lives in.
 */
export type Outcome<R> =
  | {
      kind: 'done'
      before: StoredObject | undefined
      after: StoredObject | null
      container?: StoredObject
    }
  | { kind: 'missing'; path: string }
  | { kind: 'stopped'; reason: R }
  | { kind: 'invalid'; issues: ProblemIssue[] }
  /** A create named its key, and an object already has it. */
  | { kind: 'taken'; path: string }
  | { kind: 'busy' }
  /** The object is larger than a session may keep: its bytes and the limit. */
  | { kind: 'too-large'; bytes: number; limit: number }

/** One collection of one session: the objects it started with, overlaid by what the session did. */
export interface Collection {
  resource: ResourceSpec
  /** `/orders`, `/products/0d9a…/reviews`. */
  path: string
  find(key: string): Promise<StoredObject | undefined>
  all(): Promise<StoredObject[]>
  /**
   * Reads the object, lets `decide` make the new value and stores it, retrying if it changed
   * meanwhile.
   */
  change<R>(key: string, decide: (current: StoredObject) => Decision<R>): Promise<Outcome<R>>
  /**
   * `change`, and for an id nobody has yet: `decide(undefined)` makes the object stored under it.
   */
  upsert<R>(
    key: string,
    decide: (current: StoredObject | undefined) => Decision<R>,
  ): Promise<Outcome<R>>
  /**
   * Stores a new object under a new key (`build` gets it), retrying if someone took that key
   * meanwhile. `key` is the key the request asks for: the one the client sent (`exact`: taken is a
   * conflict), or one made from the object (a slug from its title, numbered on when taken).
   */
  insert<R>(build: (id: unknown) => Decision<R>, key?: WantedKey): Promise<Outcome<R>>
}

/** A key a create asks for. */
export interface WantedKey {
  value: string | number
  /** The client sent it: an object that has it already makes the create a conflict. */
  exact: boolean
}

/**
 * The key to try on the n-th attempt of an insert that wants `key`: it, then `it-2`, `it-3`… (exact
 * keys are tried once).
 */
export function keyAttempt(resource: ResourceSpec, key: WantedKey, attempt: number): unknown {
  const value =
    attempt === 0
      ? key.value
      : key.exact || typeof key.value !== 'string'
        ? undefined
        : `${key.value}-${attempt + 1}`
  return value !== undefined && (!resource.idSchema || resource.idSchema.safeParse(value).success)
    ? value
    : undefined
}

/** What `change` stops with when there is nothing to change. */
export const MISSING = Symbol('missing')

/** A value to store: a deletion as it is, an object only once its schema accepts it. */
export function checkedValue(
  resource: ResourceSpec,
  value: StoredObject | null,
): { ok: true; value: StoredObject | null } | { ok: false; issues: ProblemIssue[] } {
  return value === null ? { ok: true, value } : validateObject(resource.itemSchema, value)
}

/**
 * The id of the n-th object a session creates in a collection: a numeric id is `nextNumber`
 * (counting on from the largest there is), others are generated from the id schema (a uuid stays a
 * uuid), seeded by session, collection and n, so sessions do not hand out each other's ids.
 */
export function newId(
  resource: ResourceSpec,
  path: string,
  n: number,
  scope: Scope,
  nextNumber: number,
): unknown {
  const schema = resource.idSchema
  if (!schema) return n
  const numeric = inspectSchema(schema).kind === 'number'
  const id = numeric
    ? nextNumber
    : fake(schema, {
        seed: seedOf(scope.context.globalSeed, scope.session, path, n),
        bestEffort: true,
      })
  return schema.safeParse(id).success ? id : undefined
}

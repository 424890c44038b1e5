import type { BaseItems } from './base.ts'
import {
  checkedValue,
  type Collection,
  type Decision,
  keyAttempt,
  MISSING,
  newId,
  type Outcome,
  type Scope,
  type WantedKey,
} from './collection-core.ts'
import { embeddedCollection } from './embedded-collection.ts'
import { collectionPath, type ResourceSpec } from '../../operation/resources.ts'
import type { StoredObject } from './store.ts'

export type { Collection, Decision, Outcome, Scope, WantedKey } from './collection-core.ts'

// Concurrent changes of one object retry; this many lost races in a row answer 409.
const ATTEMPTS = 32
const NO_ITEMS: BaseItems = { items: [], byKey: new Map(), maxNumericKey: 0 }

/**
 * The collection at `params` of a resource. An embedded one reads and writes inside its parent
 * object.
 *
 * @example
 * const orders = openCollection(scope, ordersResource, {})
 * await orders.find('9f8e…')
 */
export function openCollection(
  scope: Scope,
  resource: ResourceSpec,
  params: Record<string, unknown>,
): Collection {
  const path = collectionPath(resource, params)
  const parentKey = String(params[resource.parentParams.at(-1) as string])
  if (resource.embeddedIn && resource.parent)
    return embeddedCollection(
      openCollection(scope, resource.parent, params),
      parentKey,
      resource,
      path,
      scope,
    )
  return standaloneCollection(scope, resource, path, () =>
    startingItems(scope, resource, path, params, parentKey),
  )
}

/**
 * What a collection starts with. A nested one starts with generated objects only under a parent
 * that is itself a starting object: the reviews of a product created in the session start empty.
 */
function startingItems(
  scope: Scope,
  resource: ResourceSpec,
  path: string,
  params: Record<string, unknown>,
  parentKey: string,
): BaseItems {
  const parent = resource.parent
  if (
    parent &&
    !scope.base(parent, collectionPath(parent, params), params, scope.context).byKey.has(parentKey)
  )
    return NO_ITEMS
  return scope.base(resource, path, params, scope.context)
}

function standaloneCollection(
  scope: Scope,
  resource: ResourceSpec,
  path: string,
  base: () => BaseItems,
): Collection {
  const lookup = async (key: string) => {
    const entry = await scope.store.get(scope.session, path, key)
    if (entry) return { value: entry.value, version: entry.version }
    const item = base().byKey.get(key)
    return item ? { value: item, version: 0 } : undefined
  }
  const collection: Collection = {
    resource,
    path,
    find: async (key) => (await lookup(key))?.value ?? undefined,
    all: async () =>
      overlay(base(), await scope.store.list(scope.session, path), resource.keyField),
    change: (key, decide) =>
      collection.upsert(key, (current) => (current ? decide(current) : { stop: MISSING as never })),
    upsert: (key, decide) => upsertStandalone(scope, collection, lookup, key, decide),
    insert: (build, key) => insertStandalone(scope, collection, lookup, base, build, key),
  }
  return collection
}

type Lookup = (key: string) => Promise<{ value: StoredObject | null; version: number } | undefined>

async function upsertStandalone<R>(
  scope: Scope,
  collection: Collection,
  lookup: Lookup,
  key: string,
  decide: (current: StoredObject | undefined) => Decision<R>,
): Promise<Outcome<R>> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const current = await lookup(key)
    const decision = decide(current?.value ?? undefined)
    if ('stop' in decision)
      return decision.stop === MISSING
        ? { kind: 'missing', path: `${collection.path}/${encodeURIComponent(key)}` }
        : { kind: 'stopped', reason: decision.stop }
    const checked = checkedValue(collection.resource, decision.value)
    if (!checked.ok) return { kind: 'invalid', issues: checked.issues }
    const put = await scope.store.put(scope.session, {
      collection: collection.path,
      key,
      value: checked.value,
      expect: current?.version ?? 0,
    })
    if (put.ok) return { kind: 'done', before: current?.value ?? undefined, after: checked.value }
    if (put.tooLarge) return { kind: 'too-large', ...put.tooLarge }
  }
  return { kind: 'busy' }
}

async function insertStandalone<R>(
  scope: Scope,
  collection: Collection,
  lookup: Lookup,
  base: () => BaseItems,
  build: (id: unknown) => Decision<R>,
  key: WantedKey | undefined,
): Promise<Outcome<R>> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const n = await scope.store.next(scope.session, collection.path)
    const wanted = key && keyAttempt(collection.resource, key, attempt)
    const id =
      wanted ?? newId(collection.resource, collection.path, n, scope, base().maxNumericKey + n)
    if (id === undefined) continue
    if (await lookup(String(id))) {
      if (key?.exact && attempt === 0)
        return { kind: 'taken', path: `${collection.path}/${encodeURIComponent(String(id))}` }
      continue
    }
    const decision = build(id)
    if ('stop' in decision) return { kind: 'stopped', reason: decision.stop }
    const checked = checkedValue(collection.resource, decision.value)
    if (!checked.ok) return { kind: 'invalid', issues: checked.issues }
    const put = await scope.store.put(scope.session, {
      collection: collection.path,
      key: String(id),
      value: checked.value,
      expect: 0,
    })
    if (put.ok) return { kind: 'done', before: undefined, after: checked.value }
    if (put.tooLarge) return { kind: 'too-large', ...put.tooLarge }
  }
  return { kind: 'busy' }
}

/**
 * The objects the session created, newest first (a client that creates one finds it on the first
 * page), then the starting objects with the session's changes applied.
 */
function overlay(
  base: BaseItems,
  entries: Array<{ key: string; value: StoredObject | null }>,
  keyField: string,
): StoredObject[] {
  const changed = new Map(entries.map((entry) => [entry.key, entry.value]))
  const created = entries
    .flatMap((entry) => (entry.value && !base.byKey.has(entry.key) ? [entry.value] : []))
    .reverse()
  const starting = base.items.flatMap((item) => {
    const key = String(item[keyField])
    const value = changed.has(key) ? changed.get(key) : item
    return value ? [value] : []
  })
  return [...created, ...starting]
}

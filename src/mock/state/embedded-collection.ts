import type { ProblemIssue } from '../problem.ts'
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
import type { ResourceSpec } from '../../operation/resources.ts'
import type { StoredObject } from './store.ts'

/**
 * Why a change inside the parent stopped: no such element, a key in use, the caller's reason, or a
 * schema's verdict.
 */
type Inner<R> = { missing: string } | { taken: string } | { reason: R } | { issues: ProblemIssue[] }

const KEY_ATTEMPTS = 32

/** A change of the parent's array: the new array and the element before and after, or why not. */
type ListChange<R> =
  | { list: StoredObject[]; before?: StoredObject; after: StoredObject | null }
  | { stop: Inner<R> }

/**
 * A collection whose objects live in an array field of their parent (`/carts/{cartId}/items` →
 * `Cart.items`): every write changes the parent, checked against both schemas and retried as one.
 *
 * @example
 * const items = embeddedCollection(carts, cartId, itemsResource, `/carts/${cartId}/items`, scope)
 */
export function embeddedCollection(
  parent: Collection,
  parentKey: string,
  resource: ResourceSpec,
  path: string,
  scope: Scope,
): Collection {
  const field = resource.embeddedIn as string
  const elements = (container: StoredObject | undefined) =>
    Array.isArray(container?.[field]) ? (container[field] as StoredObject[]) : []
  const indexOf = (list: StoredObject[], key: string) =>
    list.findIndex((element) => String(element[resource.keyField]) === key)
  const within = <R>(update: (list: StoredObject[]) => ListChange<R>) =>
    changeList(parent, parentKey, field, elements, update)
  const freeKey = (list: StoredObject[], key: WantedKey | undefined) => {
    for (let attempt = 0; key && attempt < KEY_ATTEMPTS; attempt++) {
      const candidate = keyAttempt(resource, key, attempt)
      if (candidate !== undefined && indexOf(list, String(candidate)) < 0) return candidate
    }
    return undefined
  }
  const upsert = <R>(key: string, decide: (current: StoredObject | undefined) => Decision<R>) =>
    within<R>((list) => {
      const index = indexOf(list, key)
      const decision = decide(list[index])
      if ('stop' in decision)
        return {
          stop:
            decision.stop === MISSING
              ? { missing: `${path}/${encodeURIComponent(key)}` }
              : { reason: decision.stop },
        }
      const checked = checkedValue(resource, decision.value)
      if (!checked.ok) return { stop: { issues: checked.issues } }
      return {
        list: replaced(list, index, checked.value),
        before: list[index],
        after: checked.value,
      }
    })
  return {
    resource,
    path,
    find: async (key) => {
      const list = elements(await parent.find(parentKey))
      return list[indexOf(list, key)]
    },
    all: async () => elements(await parent.find(parentKey)),
    change: (key, decide) =>
      upsert(key, (current) => (current ? decide(current) : { stop: MISSING as never })),
    upsert,
    insert: async <R>(build: (id: unknown) => Decision<R>, key?: WantedKey) => {
      const n = await scope.store.next(scope.session, path)
      return within<R>((list) => {
        const id =
          freeKey(list, key) ??
          newId(resource, path, n, scope, largestNumber(list, resource.keyField) + 1)
        if (key?.exact && indexOf(list, String(key.value)) >= 0)
          return { stop: { taken: `${path}/${encodeURIComponent(String(key.value))}` } }
        if (id === undefined || indexOf(list, String(id)) >= 0)
          return {
            stop: {
              issues: [
                {
                  location: 'body',
                  path: resource.keyField,
                  message: 'No free id could be found for a new object.',
                },
              ],
            },
          }
        const decision = build(id)
        if ('stop' in decision) return { stop: { reason: decision.stop } }
        const checked = checkedValue(resource, decision.value)
        if (!checked.ok || checked.value === null)
          return { stop: { issues: checked.ok ? [] : checked.issues } }
        return { list: [...list, checked.value], after: checked.value }
      })
    },
  }
}

/**
 * Runs `update` on the parent's array as one change of the parent, and reports it as a change of
 * the element.
 */
async function changeList<R>(
  parent: Collection,
  parentKey: string,
  field: string,
  elements: (container: StoredObject) => StoredObject[],
  update: (list: StoredObject[]) => ListChange<R>,
): Promise<Outcome<R>> {
  let result: { before?: StoredObject; after: StoredObject | null } | undefined
  const outcome = await parent.change<Inner<R>>(parentKey, (container) => {
    const updated = update(elements(container))
    if ('stop' in updated) return updated
    result = updated
    return { value: { ...container, [field]: updated.list } }
  })
  if (outcome.kind === 'done')
    return {
      kind: 'done',
      before: result?.before,
      after: result?.after ?? null,
      container: outcome.after ?? undefined,
    }
  if (outcome.kind !== 'stopped') return outcome
  const inner = outcome.reason
  if ('missing' in inner) return { kind: 'missing', path: inner.missing }
  if ('taken' in inner) return { kind: 'taken', path: inner.taken }
  if ('reason' in inner) return { kind: 'stopped', reason: inner.reason }
  return { kind: 'invalid', issues: inner.issues }
}

/** The list with the element at `index` replaced, removed (`null`), or appended (index -1). */
function replaced(list: StoredObject[], index: number, value: StoredObject | null): StoredObject[] {
  if (index < 0) return value === null ? list : [...list, value]
  return value === null
    ? list.filter((_, i) => i !== index)
    : list.map((element, i) => (i === index ? value : element))
}

function largestNumber(list: StoredObject[], keyField: string): number {
  return list.reduce(
    (largest, element) =>
      typeof element[keyField] === 'number' && (element[keyField] as number) > largest
        ? (element[keyField] as number)
        : largest,
    0,
  )
}

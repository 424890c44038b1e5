import { singular } from '../operation/key-fields.ts'

export type IdValue = string | number

/** Ids met during a run, by the parameter or field name they fill (`cartId`, `orderId`). */
export interface IdPool {
  /** An id the run created itself; preferred over ids merely seen. */
  created: (name: string, value: IdValue) => void
  /** An id seen in some response (`customerId` of an order, `customer.id` of a session). */
  seen: (name: string, value: IdValue) => void
  /** The newest created id for the name, else the newest seen one. */
  take: (name: string) => IdValue | undefined
  /**
   * The first of the names the pool knows a value for (`articleSlug`, then `slug`), and that value.
   */
  takeAny: (names: readonly string[]) => IdValue | undefined
  has: (name: string) => boolean
  /**
   * Whether the run created the value itself (under any name, in this pool or one made on top of
   * it).
   */
  isOwn: (value: IdValue) => boolean
  /** Notes a value a pool made on top of this one created, as the run's own. */
  markOwn: (value: IdValue) => void
  /**
   * Values seen under the names that the run did not create itself, newest first: someone else's
   * records.
   */
  othersUnder: (names: readonly string[]) => IdValue[]
  /** Forgets a deleted resource under every name. */
  forget: (value: IdValue) => void
  /** Remembers the `…Id` fields and nested `{ id }` objects of a response body as seen. */
  harvest: (body: unknown) => void
}

const MAX_DEPTH = 4
const MAX_ITEMS = 20

/**
 * A pool of ids for filling path parameters and body fields with resources that exist. A pool made
 * on top of a `parent` remembers on its own and falls back to the parent, so a sequence's resources
 * stay its own; forgetting a deleted resource reaches the parent too.
 *
 * @example
 * const pool = createIdPool()
 * pool.created('cartId', 'c0ffee…')
 * pool.take('cartId') // 'c0ffee…'
 */
export function createIdPool(parent?: IdPool): IdPool {
  const createdIds = new Map<string, IdValue[]>()
  const seenIds = new Map<string, IdValue[]>()
  const add = (map: Map<string, IdValue[]>, name: string, value: IdValue) => {
    const list = (map.get(name) ?? []).filter((existing) => existing !== value)
    map.set(name, [...list, value])
  }
  const own = new Set<IdValue>()
  const pool: IdPool = {
    created: (name, value) => {
      add(createdIds, name, value)
      pool.markOwn(value)
    },
    markOwn: (value) => {
      own.add(value)
      parent?.markOwn(value)
    },
    seen: (name, value) => add(seenIds, name, value),
    take: (name) => createdIds.get(name)?.at(-1) ?? seenIds.get(name)?.at(-1) ?? parent?.take(name),
    takeAny: (names) => names.map((name) => pool.take(name)).find((value) => value !== undefined),
    has: (name) => pool.take(name) !== undefined,
    isOwn: (value) => own.has(value) || (parent?.isOwn(value) ?? false),
    othersUnder: (names) => {
      const seen = names.flatMap((name) => [...(seenIds.get(name) ?? [])].reverse())
      return [...new Set([...seen, ...(parent?.othersUnder(names) ?? [])])].filter(
        (value) => !pool.isOwn(value),
      )
    },
    forget: (value) => {
      for (const map of [createdIds, seenIds]) {
        for (const [name, list] of map)
          map.set(
            name,
            list.filter((existing) => existing !== value),
          )
      }
      parent?.forget(value)
    },
    harvest: (body) => harvestInto(pool, body, 0),
  }
  return pool
}

// Fields whose values name something a later request may name again: ids, slugs, usernames, keys.
const NAMING_FIELD =
  /(^|[a-z0-9_])(Id|ID|_id|_key)$|^(slug|username|handle|login|uuid|key|code|email|name)$/

function harvestInto(pool: IdPool, value: unknown, depth: number): void {
  if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return
  if (Array.isArray(value)) {
    for (const item of value.slice(0, MAX_ITEMS)) harvestInto(pool, item, depth + 1)
    return
  }
  for (const [key, field] of Object.entries(value)) {
    if (NAMING_FIELD.test(key) && isIdValue(field)) pool.seen(key, field)
    const nestedId = (field as { id?: unknown } | null)?.id
    if (typeof field === 'object' && !Array.isArray(field) && isIdValue(nestedId))
      pool.seen(`${key}Id`, nestedId)
    // A list of names (`tagList`, `tags`) offers each as the one its singular names (`tag`).
    if (Array.isArray(field) && field.length > 0 && field.every((item) => typeof item === 'string'))
      for (const item of field.slice(0, MAX_ITEMS)) pool.seen(singularOf(key), item as string)
    harvestInto(pool, field, depth + 1)
  }
}

/** `tagList` → `tag`, `tags` → `tag`, `categories` → `category`. */
function singularOf(key: string): string {
  const word = key.replace(/List$/, '')
  return word === key ? singular(word) : word
}

export function isIdValue(value: unknown): value is IdValue {
  return (
    (typeof value === 'string' && value !== '') ||
    (typeof value === 'number' && Number.isFinite(value))
  )
}

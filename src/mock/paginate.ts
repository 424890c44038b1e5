import { fake, inspectSchema, seedOf, wantsUniqueItems } from '../fake/index.ts'
import { type Schema, shapeOf } from '../operation/compile-operation.ts'

const ITEM_FIELDS = ['items', 'data', 'results', 'records', 'content', 'entries']
const TOTAL_FIELDS = [
  'total',
  'totalCount',
  'total_count',
  'totalItems',
  'total_items',
  'totalResults',
  'total_results',
  'totalElements',
  'total_elements',
  'totalRecords',
  'total_records',
  'totalSize',
  'total_size',
  'count',
]
const PAGE_FIELDS = ['page', 'pageNumber', 'page_number']
const SIZE_FIELDS = ['pageSize', 'page_size', 'perPage', 'per_page', 'limit', 'size']
const OFFSET_FIELDS = ['offset', 'skip']
const CURSOR_QUERY = ['cursor', 'after', 'pageToken', 'page_token']
const NEXT_CURSOR_FIELDS = [
  'nextCursor',
  'next_cursor',
  'nextPageToken',
  'next_page_token',
  'cursor',
]
const PAGING_QUERY = new Set([...PAGE_FIELDS, ...SIZE_FIELDS, ...OFFSET_FIELDS, ...CURSOR_QUERY])
const DEFAULT_PAGE_SIZE = 20
// A list holds 5 to 100 items: a few pages at the default size, and the same whatever the page
// size.
const MIN_TOTAL = 5
const TOTAL_SPAN = 96

export interface PageRequest {
  /** The validated query (numbers already coerced). */
  query: Record<string, unknown>
  /** Seed of the whole list, the same for every page of one query. */
  listSeed: number
  /**
   * Mixed into the seed of every object with an `id` (the global seed), so a list item equals its
   * single GET.
   */
  idSeed: number
  /** Whether items take the schema's field examples (static) or not (dynamic). */
  examples: boolean
  /**
   * Fields every item has (a review's `productId` from the path), where the item's schema takes
   * them.
   */
  itemPins?: Record<string, unknown> | undefined
}

interface PageLayout {
  itemsKey: string
  element: Schema
  minItems: number
  maxItems: number
  shape: Record<string, Schema>
  /** The list is marked uniqueItems: no record twice on a page. */
  unique: boolean
  /** The fields that count the whole list: `total`, `articlesCount`. */
  totalKeys: string[]
}

/**
 * Top-level fields that make a generated page agree with itself: the items array holds exactly the
 * items of the requested window (`pageSize`/`limit` bound it), and `total`, `page`, `pageSize`,
 * `offset` and `nextCursor` describe that window. Undefined when the schema is not a page.
 *
 * @example
 * pageFields(ProductPage, { query: { page: 2, pageSize: 10 }, listSeed, idSeed, examples: false }) // { items: [10 products], total: 37, page: 2, pageSize: 10 }
 */
export function pageFields(
  schema: Schema,
  request: PageRequest,
): Record<string, unknown> | undefined {
  const layout = findPageLayout(schema, request.query)
  if (!layout) return undefined
  const size = sizeOf(request.query, layout)
  const offset = offsetOf(request.query, size)
  const total = totalOf(request)
  const count = clamp(total - offset, layout.minItems, Math.min(size, layout.maxItems))
  const items = itemsAt(
    layout,
    Array.from({ length: count }, (_, index) => offset + index),
    request,
  )
  const next = offset + count < total ? encodeCursor(offset + count) : null
  const window = { total, page: Math.floor(offset / size) + 1, size, offset, next }
  return { [layout.itemsKey]: items, ...windowFields(layout, window) }
}

/**
 * Whether answers of this schema to this query are pages (see `pageFields`), before anything is
 * worked out for one.
 */
export function isPage(schema: Schema, query: Record<string, unknown>): boolean {
  return findPageLayout(schema, query) !== undefined
}

/**
 * Every item of the generated list that `pageFields` cuts pages from, in order: what a collection
 * holds before anyone changes it. Undefined when the schema is not a page.
 *
 * @example
 * listItems(ProductPage, { query: {}, listSeed, idSeed, examples: false }) // [37 products]; page 2 of 10 is items 10–19
 */
export function listItems(schema: Schema, request: PageRequest): unknown[] | undefined {
  const layout = findPageLayout(schema, request.query)
  if (!layout) return undefined
  return itemsAt(
    layout,
    Array.from({ length: totalOf(request) }, (_, index) => index),
    request,
  )
}

/**
 * The page of given items a query asks for, with the same window fields `pageFields` writes (its
 * `total` is the number of items). Undefined when the schema is not a page.
 *
 * @example
 * pageOfItems(OrderPage, { page: 2, pageSize: 10 }, orders) // { items: orders.slice(10, 20), total: orders.length, page: 2, pageSize: 10 }
 */
export function pageOfItems(
  schema: Schema,
  query: Record<string, unknown>,
  all: readonly unknown[],
): Record<string, unknown> | undefined {
  const layout = findPageLayout(schema, query)
  if (!layout) return undefined
  const size = sizeOf(query, layout)
  const offset = offsetOf(query, size)
  const items = all.slice(offset, offset + size)
  const next = offset + items.length < all.length ? encodeCursor(offset + items.length) : null
  const window = { total: all.length, page: Math.floor(offset / size) + 1, size, offset, next }
  return { [layout.itemsKey]: items, ...windowFields(layout, window) }
}

/** The query without its paging parameters: what one list's seed is made of. */
export function withoutPaging(query: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(query).filter(([key]) => !PAGING_QUERY.has(key)))
}

function findPageLayout(schema: Schema, query: Record<string, unknown>): PageLayout | undefined {
  const found = pageLayoutOf(schema)
  if (!found) return undefined
  const pagedQuery = Object.keys(query).some((key) => PAGING_QUERY.has(key))
  return found.describesWindow || pagedQuery ? found.layout : undefined
}

/** A page's layout, and whether its fields describe the window (else only a paged query makes it one). */
type FoundLayout = { layout: PageLayout; describesWindow: boolean }

// Worked out once per schema: every answer of a list operation asks.
const layouts = new WeakMap<Schema, FoundLayout | null>()

function pageLayoutOf(schema: Schema): FoundLayout | undefined {
  let found = layouts.get(schema)
  if (found === undefined) {
    found = readPageLayout(schema) ?? null
    layouts.set(schema, found)
  }
  return found ?? undefined
}

function readPageLayout(schema: Schema): FoundLayout | undefined {
  const info = inspectSchema(schema)
  if (info.kind !== 'object') return undefined
  const shape = info.shape as Record<string, Schema>
  const arrays = Object.keys(shape).filter(
    (key) => inspectSchema(shape[key] as Schema).kind === 'array',
  )
  const itemsKey =
    arrays.find((key) => ITEM_FIELDS.includes(key)) ?? (arrays.length === 1 ? arrays[0] : undefined)
  if (itemsKey === undefined) return undefined
  // `total` alone does not make a page: an order has items and a total too. A count named after the
  // list (`articlesCount` beside `articles`) does.
  const namedCount = [`${itemsKey}Count`, `${itemsKey}_count`]
  const describesWindow = [
    ...PAGE_FIELDS,
    ...SIZE_FIELDS,
    ...OFFSET_FIELDS,
    ...NEXT_CURSOR_FIELDS,
    ...namedCount,
  ].some((key) => key in shape)
  const array = inspectSchema(shape[itemsKey] as Schema)
  if (array.kind !== 'array') return undefined
  const layout: PageLayout = {
    itemsKey,
    element: array.element as Schema,
    minItems: array.minItems ?? 0,
    maxItems: array.maxItems ?? Number.POSITIVE_INFINITY,
    shape,
    unique: wantsUniqueItems(shape[itemsKey] as Schema),
    totalKeys: [...namedCount, ...TOTAL_FIELDS],
  }
  return { layout, describesWindow }
}

function sizeOf(query: Record<string, unknown>, layout: PageLayout): number {
  return clamp(
    numberIn(query, SIZE_FIELDS) ?? Math.min(DEFAULT_PAGE_SIZE, layout.maxItems),
    1,
    layout.maxItems,
  )
}

function totalOf(request: PageRequest): number {
  return MIN_TOTAL + (Math.abs(seedOf(request.listSeed, 'total')) % TOTAL_SPAN)
}

function offsetOf(query: Record<string, unknown>, size: number): number {
  const offset = numberIn(query, OFFSET_FIELDS)
  if (offset !== undefined) return Math.max(0, offset)
  const page = numberIn(query, PAGE_FIELDS)
  if (page !== undefined) return Math.max(0, (page - 1) * size)
  const cursor = CURSOR_QUERY.map((key) => query[key]).find((value) => typeof value === 'string')
  return typeof cursor === 'string' ? decodeCursor(cursor) : 0
}

/**
 * The items at these positions of the list. A list marked uniqueItems gets an item drawn again
 * where it would repeat an earlier one (two records drawn with the same id are the same record).
 */
function itemsAt(layout: PageLayout, positions: number[], request: PageRequest): unknown[] {
  const pins = takenPins(layout.element, request.itemPins)
  if (!layout.unique) return positions.map((n) => itemAt(layout.element, n, request, pins))
  const seen = new Set<string>()
  return positions.map((n) => {
    let item = itemAt(layout.element, n, request, pins)
    for (let attempt = 1; attempt <= UNIQUE_TRIES && seen.has(JSON.stringify(item)); attempt++)
      item = itemAt(layout.element, n, request, pins, attempt)
    seen.add(JSON.stringify(item))
    return item
  })
}

const UNIQUE_TRIES = 50

/**
 * The n-th item of the list; an item with an `id` is seeded from it, so it equals its single GET.
 */
function itemAt(
  element: Schema,
  n: number,
  request: PageRequest,
  pins: Record<string, unknown> | undefined,
  attempt = 0,
): unknown {
  const seed =
    attempt === 0 ? seedOf(request.listSeed, n) : seedOf(request.listSeed, n, 'again', attempt)
  return fake(element, {
    seed,
    idSeed: request.idSeed,
    examples: request.examples,
    bestEffort: true,
    ...(pins ? { overrides: pins } : {}),
  })
}

/** The item pins the item's schema takes; undefined when none. */
function takenPins(
  element: Schema,
  pins: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  if (!pins) return undefined
  const shape = shapeOf(element)
  const taken = Object.entries(pins).filter(
    ([key, value]) => shape[key]?.safeParse(value).success === true,
  )
  return taken.length > 0 ? Object.fromEntries(taken) : undefined
}

interface PageWindow {
  total: number
  page: number
  size: number
  offset: number
  next: string | null
}

function windowFields(layout: PageLayout, window: PageWindow): Record<string, unknown> {
  const { shape } = layout
  const fields: Record<string, unknown> = {}
  const set = (keys: string[], value: unknown) => {
    const key = keys.find((candidate) => candidate in shape)
    if (key !== undefined && (shape[key] as Schema).safeParse(value).success) fields[key] = value
  }
  set(layout.totalKeys, window.total)
  set(PAGE_FIELDS, window.page)
  set(SIZE_FIELDS, window.size)
  set(OFFSET_FIELDS, window.offset)
  set(NEXT_CURSOR_FIELDS, window.next)
  return fields
}

function numberIn(query: Record<string, unknown>, keys: string[]): number | undefined {
  for (const key of keys) {
    const value = Number(query[key])
    if (query[key] !== undefined && Number.isSafeInteger(value)) return value
  }
  return undefined
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, value))
}

function encodeCursor(offset: number): string {
  return btoa(`offset:${offset}`).replace(/=+$/, '')
}

function decodeCursor(cursor: string): number {
  try {
    const match = /^offset:(\d{1,9})$/.exec(atob(cursor))
    return match ? Number(match[1]) : 0
  } catch {
    return 0
  }
}

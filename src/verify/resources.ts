import type { Operation } from '../contract/types.ts'
import type { ResponseUnderTest } from './checks.ts'
import { type IdValue, isIdValue } from './id-pool.ts'
import { requestBodyOf } from './operation-parts.ts'
import { objectKeys } from './schema-shape.ts'

/** A collection/item pair inferred from paths and methods: POST /orders → GET/PATCH/DELETE /orders/{orderId}. */
export interface Resource {
  /** The static segments of the collection path: `orders`, `carts/items`. */
  name: string
  collectionPath: string
  /** Last segment of the collection path: `items`. */
  segment: string
  /** The path parameter that names one item: `orderId`. */
  idParam: string
  create: Operation
  list?: Operation
  read?: Operation
  update?: Operation
  remove?: Operation
}

const LAST_PARAM = /\/\{([^}]+)\}$/

/**
 * The resources of a contract. An item path is a collection path plus one `{param}`; a POST on a
 * collection creates items. A nested collection whose items live at the top level pairs by its last
 * segment (POST /orders/{orderId}/payments ↔ GET /payments/{paymentId}).
 *
 * @example
 * inferResources(contract.operations).map((r) => r.name) // ['customers', 'products', 'carts', 'carts/items', ...]
 */
export function inferResources(operations: readonly Operation[]): Resource[] {
  const items = groupItemOperations(operations)
  return operations.flatMap((op) => {
    if (op.method !== 'post' || LAST_PARAM.test(op.path)) return []
    const segment = op.path.split('/').at(-1) ?? ''
    const group = items.get(op.path) ?? [...items.entries()].find(([path]) => path.split('/').at(-1) === segment)?.[1]
    if (!group || group.length === 0 || segment === '') return []
    const first = group[0] as Operation
    const byMethod = (...methods: string[]) => group.find((item) => methods.includes(item.method))
    const resource: Resource = {
      name: op.path.split('/').filter((part) => part !== '' && !part.startsWith('{')).join('/'),
      collectionPath: op.path,
      segment,
      idParam: (LAST_PARAM.exec(first.path) as RegExpExecArray)[1] as string,
      create: op,
      list: operations.find((other) => other.method === 'get' && other.path === op.path),
      read: byMethod('get'),
      update: byMethod('put', 'patch'),
      remove: byMethod('delete'),
    }
    return [resource]
  })
}

function groupItemOperations(operations: readonly Operation[]): Map<string, Operation[]> {
  const groups = new Map<string, Operation[]>()
  for (const op of operations) {
    if (!LAST_PARAM.test(op.path)) continue
    const collection = op.path.replace(LAST_PARAM, '')
    groups.set(collection, [...(groups.get(collection) ?? []), op])
  }
  return groups
}

/** Names of the ids an operation needs: its path parameters and the top-level body fields some resource produces. */
export function neededIds(operation: Operation, produced: ReadonlySet<string>): string[] {
  const schema = requestBodyOf(operation)?.schema
  const bodyKeys = schema ? (objectKeys(schema) ?? []) : []
  return [...new Set([...operation.pathParams, ...bodyKeys.filter((key) => produced.has(key))])]
}

const METHOD_RANK: Record<string, number> = { post: 1, get: 2, head: 2, options: 2, put: 3, patch: 3, delete: 4 }

/**
 * The order operations run in: creates first (parents before children), then reads, then updates, then
 * deletes, so every operation meets resources that exist. Ties keep contract order.
 */
export function orderOperations(operations: readonly Operation[], resources: readonly Resource[]): Operation[] {
  const producedBy = new Map(resources.map((resource) => [resource.create.operationId, resource.idParam]))
  const produced = new Set(producedBy.values())
  const rank = (op: Operation) => METHOD_RANK[op.method] ?? 2
  const posts = sortCreates(operations.filter((op) => rank(op) === 1), producedBy, produced)
  const rest = operations.filter((op) => rank(op) !== 1).sort((a, b) => rank(a) - rank(b))
  return [...posts, ...rest]
}

function sortCreates(posts: Operation[], producedBy: Map<string, string>, produced: ReadonlySet<string>): Operation[] {
  const remaining = [...posts]
  const sorted: Operation[] = []
  while (remaining.length > 0) {
    const ready = remaining.find((op) => {
      const needs = neededIds(op, produced)
      return !remaining.some((other) => other !== op && needs.includes(producedBy.get(other.operationId) ?? ''))
    })
    const next = ready ?? (remaining[0] as Operation)
    sorted.push(next)
    remaining.splice(remaining.indexOf(next), 1)
  }
  return sorted
}

/**
 * The id of the resource a create made: the last segment of `Location`, else the body's `id` (unless it
 * is a parent's id, as when POST /carts/{cartId}/items answers with the cart), else the `id` of the last
 * element of the array named like the collection (`items`).
 */
export function createdIdOf(resource: Resource, response: ResponseUnderTest, body: unknown, params: Record<string, unknown>): IdValue | undefined {
  const location = response.headers.location
  if (location) {
    const segment = new URL(location, 'http://localhost').pathname.split('/').filter(Boolean).at(-1)
    if (segment) return decodeURIComponent(segment)
  }
  const parents = new Set(Object.values(params).map(String))
  const id = (body as { id?: unknown } | null)?.id
  if (isIdValue(id) && !parents.has(String(id))) return id
  const list = (body as Record<string, unknown> | null)?.[resource.segment]
  const last = Array.isArray(list) ? (list.at(-1) as { id?: unknown } | undefined)?.id : undefined
  return isIdValue(last) ? last : undefined
}

import type { Operation } from '../contract/types.ts'
import { valueAt } from '../operation/envelope.ts'
import type { ResourceSpec, Resources, Role } from '../operation/resources.ts'
import type { ResponseUnderTest } from './checks.ts'
import { type IdValue, isIdValue } from './id-pool.ts'
import { requestBodyOf } from './operation-parts.ts'
import { objectKeys } from './schema-shape.ts'

/**
 * A collection as verify exercises it: created, then read, changed and deleted at its item routes.
 * A view of the one resource model (src/operation) that the mock and its state read too.
 */
export interface Resource {
  spec: ResourceSpec
  /** The literal segments of the collection path: `orders`, `carts/items`. */
  name: string
  /** The path parameter that names one item: `orderId`, `slug`. */
  idParam: string
  create: Operation
  list?: Operation
  read?: Operation
  /** PUT, else PATCH. */
  update?: Operation
  remove?: Operation
  /** Where a create's answer carries the object, and a list's answer its objects. */
  createRole: Role
  listRole?: Role
}

/**
 * The resources verify can create and then find again: the contract's collections with a create and
 * item routes, in contract order of their creates.
 *
 * @example
 * verifiableResources(inferResources(contract.operations)).map((r) => r.name) // ['customers', 'products', 'products/reviews', ...]
 */
export function verifiableResources(
  model: Resources,
  operations: readonly Operation[],
): Resource[] {
  const order = new Map(operations.map((operation, index) => [operation, index]))
  const rank = (resource: ResourceSpec) => order.get(resource.operations.create as Operation) ?? 0
  return [...model.all]
    .sort((a, b) => rank(a) - rank(b))
    .flatMap((spec) => {
      const { create, list, read, replace, update, delete: remove } = spec.operations
      const createRole = create && model.roleOf(create.operationId)
      if (!create || !createRole || spec.idParam === undefined) return []
      const listRole = list && model.roleOf(list.operationId)
      const resource: Resource = {
        spec,
        name: spec.name,
        idParam: spec.idParam,
        create,
        createRole,
      }
      return [
        {
          ...resource,
          ...(list ? { list } : {}),
          ...(read ? { read } : {}),
          ...((replace ?? update) ? { update: replace ?? update } : {}),
          ...(remove ? { remove } : {}),
          ...(listRole ? { listRole } : {}),
        },
      ]
    })
}

/**
 * Names of the ids an operation needs: its path parameters and the top-level body fields some
 * resource produces.
 */
export function neededIds(operation: Operation, produced: ReadonlySet<string>): string[] {
  const schema = requestBodyOf(operation)?.schema
  const bodyKeys = schema ? (objectKeys(schema) ?? []) : []
  return [...new Set([...operation.pathParams, ...bodyKeys.filter((key) => produced.has(key))])]
}

const METHOD_RANK: Record<string, number> = {
  post: 1,
  get: 2,
  head: 2,
  options: 2,
  put: 3,
  patch: 3,
  delete: 4,
}

/**
 * The order operations run in: creates first (parents before children), then reads, then updates,
 * then deletes (children before parents), so every operation meets resources that exist. Ties keep
 * contract order.
 */
export function orderOperations(
  operations: readonly Operation[],
  resources: readonly Resource[],
): Operation[] {
  const producedBy = new Map(
    resources.map((resource) => [resource.create.operationId, resource.idParam]),
  )
  const produced = new Set(producedBy.values())
  const rank = (op: Operation) => METHOD_RANK[op.method] ?? 2
  const posts = sortCreates(
    operations.filter((op) => rank(op) === 1),
    producedBy,
    produced,
  )
  // Deletes of children before their parents': a comment is deleted while its article still exists.
  const depth = (op: Operation) => (op.method === 'delete' ? -op.pathParams.length : 0)
  const rest = operations
    .filter((op) => rank(op) !== 1)
    .sort((a, b) => rank(a) - rank(b) || depth(a) - depth(b))
  return [...posts, ...rest]
}

function sortCreates(
  posts: Operation[],
  producedBy: Map<string, string>,
  produced: ReadonlySet<string>,
): Operation[] {
  const remaining = [...posts]
  const sorted: Operation[] = []
  while (remaining.length > 0) {
    const ready = remaining.find((op) => {
      const needs = neededIds(op, produced)
      return !remaining.some(
        (other) => other !== op && needs.includes(producedBy.get(other.operationId) ?? ''),
      )
    })
    const next = ready ?? (remaining[0] as Operation)
    sorted.push(next)
    remaining.splice(remaining.indexOf(next), 1)
  }
  return sorted
}

/**
 * The key of the object a create made: the last segment of `Location`, else the key field of the
 * object in the answer's envelope (`article.slug`; not a parent's, as when POST
 * /carts/{cartId}/items answers with the cart), else the key of the last object in the parent's
 * list it went into (`items`).
 */
export function createdIdOf(
  role: Role,
  response: ResponseUnderTest,
  body: unknown,
  params: Record<string, unknown>,
): IdValue | undefined {
  const location = response.headers.location
  if (location) {
    const segment = new URL(location, 'http://localhost').pathname.split('/').filter(Boolean).at(-1)
    if (segment) return decodeURIComponent(segment)
  }
  const { keyField, embeddedIn, name } = role.resource
  const parents = new Set(Object.values(params).map(String))
  const key = answeredKey(role, body)
  if (key !== undefined && !parents.has(String(key))) return key
  const list = valueAt(body, [embeddedIn ?? name.split('/').at(-1) ?? ''])
  const last = Array.isArray(list)
    ? (list.at(-1) as Record<string, unknown> | undefined)?.[keyField]
    : undefined
  return isIdValue(last) ? last : undefined
}

/**
 * The key of the object an answer carries in its envelope (`article.slug` of a read or a change).
 */
export function answeredKey(role: Role, body: unknown): IdValue | undefined {
  const object = role.body ? valueAt(body, role.body) : body
  const key = (object as Record<string, unknown> | null)?.[role.resource.keyField]
  return isIdValue(key) ? key : undefined
}

/** The keys of the objects a list answered with, found through its envelope (`articles[].slug`). */
export function listedKeys(role: Role, body: unknown): IdValue[] {
  const list = role.body === undefined ? undefined : valueAt(body, role.body)
  if (!Array.isArray(list)) return []
  const keys = list.map(
    (item) => (item as Record<string, unknown> | null)?.[role.resource.keyField],
  )
  return keys.filter(isIdValue)
}

/**
 * Where the keys of each item parameter come from: the collection whose items it names, when its
 * objects can be listed or created (`slug` ← the articles, `paymentId` ← the payments).
 *
 * @example
 * keySources(inferResources(contract.operations)).get('slug')?.operations.list // GetArticles
 */
export function keySources(model: Resources): Map<string, ResourceSpec> {
  const sources = new Map<string, ResourceSpec>()
  for (const spec of model.all) {
    if (
      spec.idParam !== undefined &&
      (spec.operations.list || spec.operations.create) &&
      !sources.has(spec.idParam)
    )
      sources.set(spec.idParam, spec)
  }
  return sources
}

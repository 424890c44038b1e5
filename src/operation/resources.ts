import { StandinError } from '../contract/standin-error.ts'
import type { Operation } from '../contract/types.ts'
import { inspectSchema } from '../fake/index.ts'
import { type CompiledOperation, responseFor, type Schema, shapeOf } from './compile-operation.ts'

/** What an operation does to its collection. */
export type Action = 'create' | 'list' | 'read' | 'replace' | 'update' | 'delete'

/** A collection of objects the contract addresses by path: `/orders` with its items at `/orders/{orderId}`. */
export interface ResourceSpec {
  /** The collection's path template: `/products/{productId}/reviews`. */
  template: string
  /** Parameters of the template, outermost first: `['productId']`. */
  parentParams: string[]
  /** The field that holds an object's id: `id`, else a field named like the item parameter. */
  keyField: string
  itemSchema: Schema
  idSchema: Schema | undefined
  /** The list operation: a fresh collection holds the list it generates. */
  list: Operation | undefined
  /** The collection whose objects this one's path sits under: `/products` for `/products/{productId}/reviews`. */
  parent: ResourceSpec | undefined
  /** The parent's array field the objects live in, when they live inside the parent object: `items` of a cart. */
  embeddedIn: string | undefined
}

export interface Role {
  resource: ResourceSpec
  action: Action
  /** The path parameter that names the object, for read, replace, update and delete. */
  idParam: string | undefined
}

export interface Resources {
  readonly all: readonly ResourceSpec[]
  roleOf(operationId: string): Role | undefined
  /** The resource of a collection path (`/products/0d9a…/reviews`) and its parameters, decoded. */
  match(path: string): { resource: ResourceSpec; params: Record<string, string> } | undefined
}

/** The `x-standin-resource` extension of a route, as the contract writes it. */
export type ResourceExtension = false | string | { collection: string; action?: Action; id?: string }

const ACTIONS: readonly Action[] = ['create', 'list', 'read', 'replace', 'update', 'delete']
const ITEM_PATH = /^(.+)\/\{([^}]+)\}$/
const NESTED = /^(.+)\/\{([^}]+)\}\/([^/{}]+)$/
const ITEM_ACTIONS: Record<string, Action> = { get: 'read', put: 'replace', patch: 'update', delete: 'delete' }
const COLLECTION_ACTIONS: Record<string, Action> = { get: 'list', post: 'create' }

interface Claim {
  operation: Operation
  template: string
  action: Action
  idParam: string | undefined
  explicit: boolean
}

/**
 * The collections of a contract, inferred from paths and methods: `POST /orders` creates into the
 * collection whose objects live at `/orders/{orderId}` (GET reads, PUT replaces, PATCH merges, DELETE
 * removes), `GET /orders` lists it. Nested paths work the same (`/products/{productId}/reviews`); a
 * collection named like an array field of its parent's objects lives inside them (`/carts/{cartId}/items`
 * → `Cart.items`). `x-standin-resource` on a route overrides the guess: `false`, a collection path, or
 * `{ collection, action, id }`.
 *
 * @example
 * inferResources(contract.operations, compile).roleOf('getOrder') // { resource: { template: '/orders', … }, action: 'read', idParam: 'orderId' }
 */
export function inferResources(operations: readonly Operation[], compile: (operation: Operation) => CompiledOperation): Resources {
  const claims = operations.flatMap((operation) => claimOf(operation))
  const byTemplate = new Map<string, ResourceSpec>()
  for (const template of candidateTemplates(claims)) {
    const resource = buildResource(template, claims, byTemplate, compile)
    if (resource) byTemplate.set(template, resource)
  }
  const roles = new Map<string, Role>()
  for (const claim of claims) {
    const resource = byTemplate.get(claim.template)
    if (resource) roles.set(claim.operation.operationId, { resource, action: claim.action, idParam: claim.idParam })
  }
  const matchers = [...byTemplate.values()].map((resource) => ({ resource, pattern: templatePattern(resource.template) }))
  return {
    all: [...byTemplate.values()],
    roleOf: (operationId) => roles.get(operationId),
    match: (path) => matchTemplate(matchers, path),
  }
}

function claimOf(operation: Operation): Claim[] {
  const extension = (operation.route as { 'x-standin-resource'?: unknown })['x-standin-resource']
  if (extension !== undefined) return explicitClaim(operation, extension)
  const item = ITEM_PATH.exec(operation.path)
  if (item) {
    const action = ITEM_ACTIONS[operation.method]
    return action ? [{ operation, template: item[1] as string, action, idParam: item[2], explicit: false }] : []
  }
  const action = COLLECTION_ACTIONS[operation.method]
  return action ? [{ operation, template: operation.path, action, idParam: undefined, explicit: false }] : []
}

function explicitClaim(operation: Operation, extension: unknown): Claim[] {
  if (extension === false) return []
  const spec = typeof extension === 'string' ? { collection: extension } : (extension as { collection?: unknown; action?: unknown; id?: unknown })
  const fail = (why: string) => {
    throw new StandinError('CONTRACT_INVALID', `${operation.operationId}: x-standin-resource ${why}. Write false, a collection path like "/payments", or { collection: "/payments", action: "create" }.`)
  }
  if (typeof spec !== 'object' || spec === null || typeof spec.collection !== 'string' || !spec.collection.startsWith('/')) fail('needs a collection path starting with "/"')
  const template = (spec.collection as string).replace(/\/+$/, '')
  const idParam = typeof spec.id === 'string' ? spec.id : ITEM_PATH.exec(operation.path)?.[2]
  const action = (spec.action ?? defaultAction(operation, idParam)) as Action
  if (!ACTIONS.includes(action)) fail(`has an unknown action "${String(spec.action)}"; use one of ${ACTIONS.join(', ')}`)
  const missing = templateParams(template).filter((name) => !operation.pathParams.includes(name))
  if (missing.length > 0) fail(`names {${missing.join('}, {')}}, which ${operation.path} does not have`)
  if (idParam !== undefined && !operation.pathParams.includes(idParam)) fail(`names the id parameter "${idParam}", which ${operation.path} does not have`)
  return [{ operation, template, action, idParam, explicit: true }]
}

function defaultAction(operation: Operation, idParam: string | undefined): Action | undefined {
  return idParam === undefined || operation.method === 'post' ? COLLECTION_ACTIONS[operation.method] : ITEM_ACTIONS[operation.method]
}

/** Templates with an item route or an explicit claim, and collection routes nested under one; parents first. */
function candidateTemplates(claims: Claim[]): string[] {
  const withItems = new Set(claims.filter((claim) => claim.explicit || claim.idParam !== undefined).map((claim) => claim.template))
  const nested = claims.filter((claim) => NESTED.test(claim.template) && withItems.has((NESTED.exec(claim.template) as RegExpExecArray)[1] as string))
  const templates = new Set([...withItems, ...nested.map((claim) => claim.template)])
  return [...templates].sort((a, b) => a.split('/').length - b.split('/').length)
}

function buildResource(template: string, claims: Claim[], known: Map<string, ResourceSpec>, compile: (operation: Operation) => CompiledOperation): ResourceSpec | undefined {
  const own = claims.filter((claim) => claim.template === template)
  const nested = NESTED.exec(template)
  const parent = nested ? known.get(nested[1] as string) : undefined
  const embedded = parent && nested ? arrayElement(parent.itemSchema, nested[3] as string) : undefined
  if (!embedded && !own.some((claim) => claim.explicit || claim.idParam !== undefined)) return undefined
  const itemSchema = embedded ?? ownItemSchema(own, compile)
  if (!itemSchema) return undefined
  const shape = shapeOf(itemSchema)
  const idParam = own.find((claim) => claim.idParam !== undefined)?.idParam
  const keyField = 'id' in shape || idParam === undefined || !(idParam in shape) ? 'id' : idParam
  return {
    template,
    parentParams: templateParams(template),
    keyField,
    itemSchema,
    idSchema: shape[keyField],
    list: own.find((claim) => claim.action === 'list')?.operation,
    parent,
    embeddedIn: embedded ? (nested?.[3] as string) : undefined,
  }
}

/** The object schema of the collection's objects: what reading one answers, else creating or changing one. */
function ownItemSchema(claims: Claim[], compile: (operation: Operation) => CompiledOperation): Schema | undefined {
  const order: Action[] = ['read', 'create', 'replace', 'update']
  for (const action of order) {
    const claim = claims.find((candidate) => candidate.action === action)
    const schema = claim && successSchema(compile(claim.operation))
    if (schema && Object.keys(shapeOf(schema)).length > 0) return schema
  }
  return undefined
}

/** The JSON schema of an operation's success response, if it has one. */
export function successSchema(compiled: CompiledOperation): Schema | undefined {
  const media = responseFor(compiled, compiled.successStatus)?.media ?? []
  return (media.find((entry) => /json/.test(entry.type)) ?? media[0])?.schema
}

function arrayElement(schema: Schema, field: string): Schema | undefined {
  const fieldSchema = shapeOf(schema)[field]
  if (!fieldSchema) return undefined
  const info = inspectSchema(fieldSchema)
  if (info.kind !== 'array') return undefined
  return Object.keys(shapeOf(info.element)).length > 0 ? info.element : undefined
}

function templateParams(template: string): string[] {
  return [...template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string)
}

function templatePattern(template: string): RegExp {
  const source = template.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('([^/]+)')
  return new RegExp(`^${source}/?$`)
}

function matchTemplate(matchers: Array<{ resource: ResourceSpec; pattern: RegExp }>, path: string) {
  for (const { resource, pattern } of matchers) {
    const values = pattern.exec(path)
    if (!values) continue
    const params: Record<string, string> = {}
    resource.parentParams.forEach((name, index) => {
      params[name] = safeDecode(values[index + 1] ?? '')
    })
    return { resource, params }
  }
  return undefined
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/** The collection path for parameter values: `/products/{productId}/reviews` → `/products/0d9a…/reviews`. */
export function collectionPath(resource: ResourceSpec, params: Record<string, unknown>): string {
  return resource.template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(params[name])))
}

import { StandinError } from '../contract/standin-error.ts'
import type { Operation } from '../contract/types.ts'
import { inspectSchema } from '../fake/index.ts'
import {
  compiledOf,
  requestBodySchema,
  type Schema,
  shapeOf,
  successSchema,
} from './compile-operation.ts'
import {
  type FieldPath,
  findList,
  findObject,
  keyScore,
  requestEnvelope,
  schemaAt,
} from './envelope.ts'
import { fieldsNamedBy, identityFields } from './key-fields.ts'
import { decodeText } from './text-fields.ts'

/** What an operation does to its collection. */
export type Action = 'create' | 'list' | 'read' | 'replace' | 'update' | 'delete'

/**
 * A collection of objects the contract addresses by path: `/orders` with its items at
 * `/orders/{orderId}`.
 */
export interface ResourceSpec {
  /** The collection's path template: `/products/{productId}/reviews`. */
  template: string
  /** The literal segments of the template, for messages: `products/reviews`. */
  name: string
  /** Parameters of the template, outermost first: `['productId']`. */
  parentParams: string[]
  /**
   * The path parameter that names one object at the item routes (`orderId`, `slug`); undefined
   * without item routes.
   */
  idParam: string | undefined
  /**
   * The field that holds an object's key: `id`, `slug`, `username`… (the one the item parameter
   * names).
   */
  keyField: string
  /** The object schema, unwrapped from any envelope. */
  itemSchema: Schema
  idSchema: Schema | undefined
  /**
   * The collection whose objects this one's path sits under: `/products` for
   * `/products/{productId}/reviews`.
   */
  parent: ResourceSpec | undefined
  /** The field of an object that holds its parent's key: `productId` of a review. */
  parentField: string | undefined
  /**
   * The parent's array field the objects live in, when they live inside the parent object: `items`
   * of a cart.
   */
  embeddedIn: string | undefined
  /** The operations on the collection, by what they do. */
  operations: Partial<Record<Action, Operation>>
}

/** One operation's part in a collection. */
export interface Role {
  resource: ResourceSpec
  action: Action
  /** The path parameter that names the object, for read, replace, update and delete. */
  idParam: string | undefined
  /**
   * Where the object sits in the success body (`[]`, `['article']`); for a list, where its objects
   * are (`['articles']`). Undefined where the body does not carry the object (a 204, the cart an
   * item went into).
   */
  body: FieldPath | undefined
  /** Where the object's fields sit in the request body (`['article']` for `{ article: {…} }`). */
  request: FieldPath | undefined
}

export interface Resources {
  readonly all: readonly ResourceSpec[]
  roleOf(operationId: string): Role | undefined
  /** The resource of a collection path (`/products/0d9a…/reviews`) and its parameters, decoded. */
  match(path: string): { resource: ResourceSpec; params: Record<string, string> } | undefined
  /** Collections the paths suggest but that cannot be kept, each with why. */
  readonly skipped: readonly string[]
}

/**
 * The `x-standin-resource` extension of a route: `false`, a collection path, or what inference
 * would get wrong: the collection, the action, the id parameter, the object's key field, the
 * envelope its object sits in (`"article"`, `"data.item"`) and the field that holds the parent's
 * key.
 */
export type ResourceExtension =
  | false
  | string
  | {
      collection: string
      action?: Action
      id?: string
      key?: string
      envelope?: string
      parent?: string
    }

const ACTIONS: readonly Action[] = ['create', 'list', 'read', 'replace', 'update', 'delete']
const ITEM_PATH = /^(.+)\/\{([^}]+)\}$/
const NESTED = /^(.+)\/\{([^}]+)\}\/([^/{}]+)$/
const ITEM_ACTIONS: Record<string, Action> = {
  get: 'read',
  put: 'replace',
  patch: 'update',
  delete: 'delete',
}
const COLLECTION_ACTIONS: Record<string, Action> = { get: 'list', post: 'create' }
const ITEM_SOURCES: readonly Action[] = ['read', 'create', 'replace', 'update']

/** What an extension states beyond the collection and action. */
interface Stated {
  key?: string
  envelope?: FieldPath
  parent?: string
}

interface Claim {
  operation: Operation
  template: string
  action: Action
  idParam: string | undefined
  explicit: boolean
  stated: Stated
}

type Built = { ok: true; resource: ResourceSpec } | { ok: false; why?: string }

/**
 * The collections of a contract, inferred from paths and methods: `POST /orders` creates into the
 * collection whose objects live at `/orders/{orderId}` (GET reads, PUT replaces, PATCH merges,
 * DELETE removes), `GET /orders` lists it; a collection with a list and a create but no item route
 * is one too. Nested paths work the same (`/products/{productId}/reviews`); a collection named like
 * an array field of its parent's objects lives inside them (`/carts/{cartId}/items` →
 * `Cart.items`); a create under another path whose objects are read at the top (`POST
 * /orders/{orderId}/payments`, `GET /payments/{paymentId}`) creates into that collection. Objects
 * are found through envelopes (`{ article: {…} }`) and keyed by the field the item parameter names
 * (`{slug}` → `slug`). `x-standin-resource` on a route overrides the guess.
 *
 * @example
 * inferResources(contract.operations).roleOf('getArticle') // { resource: { template: '/articles', keyField: 'slug', … }, action: 'read', body: ['article'], … }
 */
export function inferResources(operations: readonly Operation[]): Resources {
  const claims = retargetCreates(operations.flatMap(claimOf))
  const byTemplate = new Map<string, ResourceSpec>()
  const skipped: string[] = []
  for (const template of candidateTemplates(claims)) {
    const built = buildResource(template, claims, byTemplate)
    if (built.ok) byTemplate.set(template, built.resource)
    else if (built.why) skipped.push(built.why)
  }
  const roles = new Map<string, Role>()
  for (const claim of claims) {
    const resource = byTemplate.get(claim.template)
    if (resource) roles.set(claim.operation.operationId, roleOf(claim, resource))
  }
  const matchers = [...byTemplate.values()].map((resource) => ({
    resource,
    pattern: templatePattern(resource.template),
  }))
  return {
    all: [...byTemplate.values()],
    roleOf: (operationId) => roles.get(operationId),
    match: (path) => matchTemplate(matchers, path),
    skipped,
  }
}

function claimOf(operation: Operation): Claim[] {
  const extension = (operation.route as { 'x-standin-resource'?: unknown })['x-standin-resource']
  if (extension !== undefined) return explicitClaim(operation, extension)
  // One of several actions on its path (`/#Action=Describe`), not what the path's collection does.
  if (operation.discriminators) return []
  const item = ITEM_PATH.exec(operation.path)
  if (item) {
    const action = ITEM_ACTIONS[operation.method]
    return action
      ? [
          {
            operation,
            template: item[1] as string,
            action,
            idParam: item[2],
            explicit: false,
            stated: {},
          },
        ]
      : []
  }
  const action = COLLECTION_ACTIONS[operation.method]
  return action
    ? [
        {
          operation,
          template: operation.path,
          action,
          idParam: undefined,
          explicit: false,
          stated: {},
        },
      ]
    : []
}

function explicitClaim(operation: Operation, extension: unknown): Claim[] {
  if (extension === false) return []
  const spec =
    typeof extension === 'string'
      ? { collection: extension }
      : (extension as Record<string, unknown>)
  const fail = (why: string): never => {
    throw new StandinError(
      'CONTRACT_INVALID',
      `${operation.operationId}: x-standin-resource ${why}. Write false, a collection path like "/payments", or { collection: "/payments", action: "create" }.`,
    )
  }
  if (
    typeof spec !== 'object' ||
    spec === null ||
    typeof spec.collection !== 'string' ||
    !spec.collection.startsWith('/')
  )
    fail('needs a collection path starting with "/"')
  const template = (spec.collection as string).replace(/\/+$/, '')
  const idParam = typeof spec.id === 'string' ? spec.id : ITEM_PATH.exec(operation.path)?.[2]
  const action = (spec.action ?? defaultAction(operation, idParam)) as Action
  if (!ACTIONS.includes(action))
    fail(`has an unknown action "${String(spec.action)}"; use one of ${ACTIONS.join(', ')}`)
  const missing = templateParams(template).filter((name) => !operation.pathParams.includes(name))
  if (missing.length > 0)
    fail(`names {${missing.join('}, {')}}, which ${operation.path} does not have`)
  if (idParam !== undefined && !operation.pathParams.includes(idParam))
    fail(`names the id parameter "${idParam}", which ${operation.path} does not have`)
  return [{ operation, template, action, idParam, explicit: true, stated: statedOf(spec, fail) }]
}

function statedOf(spec: Record<string, unknown>, fail: (why: string) => never): Stated {
  const stated: Stated = {}
  for (const name of ['key', 'envelope', 'parent'] as const) {
    const value = spec[name]
    if (value === undefined) continue
    if (typeof value !== 'string' || value === '') fail(`needs ${name} to be a field name`)
    if (name === 'envelope') stated.envelope = (value as string).split('.')
    else stated[name] = value as string
  }
  return stated
}

function defaultAction(operation: Operation, idParam: string | undefined): Action | undefined {
  return idParam === undefined || operation.method === 'post'
    ? COLLECTION_ACTIONS[operation.method]
    : ITEM_ACTIONS[operation.method]
}

/**
 * A create on a nested path that is no collection of its own (`POST /orders/{orderId}/payments`,
 * with no list and no items there) creates into the collection of that name whose items are read
 * elsewhere (`/payments/{paymentId}`), when that one has no create of its own.
 */
function retargetCreates(claims: Claim[]): Claim[] {
  const at = (template: string, actions: Action[]) =>
    claims.some((claim) => claim.template === template && actions.includes(claim.action))
  return claims.map((claim) => {
    const nested = NESTED.exec(claim.template)
    if (
      claim.explicit ||
      claim.action !== 'create' ||
      !nested ||
      at(claim.template, ['list', 'read', 'replace', 'update', 'delete'])
    )
      return claim
    const segment = nested[3] as string
    const targets = [
      ...new Set(
        claims
          .filter(
            (other) =>
              other.idParam !== undefined &&
              other.template.endsWith(`/${segment}`) &&
              other.template !== claim.template,
          )
          .map((other) => other.template),
      ),
    ]
    const target = targets.length === 1 ? (targets[0] as string) : undefined
    return target && !at(target, ['create']) ? { ...claim, template: target } : claim
  })
}

/**
 * Templates with an item route or an explicit claim, collections with a list and a create, and
 * collection routes nested under one of those; parents first.
 */
function candidateTemplates(claims: Claim[]): string[] {
  const has = (template: string, action: Action) =>
    claims.some((claim) => claim.template === template && claim.action === action)
  const keyed = new Set(
    claims
      .filter(
        (claim) =>
          claim.explicit ||
          claim.idParam !== undefined ||
          (has(claim.template, 'list') && has(claim.template, 'create')),
      )
      .map((claim) => claim.template),
  )
  const nested = claims.filter(
    (claim) =>
      NESTED.test(claim.template) &&
      keyed.has((NESTED.exec(claim.template) as RegExpExecArray)[1] as string),
  )
  const templates = new Set([...keyed, ...nested.map((claim) => claim.template)])
  return [...templates].sort((a, b) => a.split('/').length - b.split('/').length)
}

function buildResource(template: string, claims: Claim[], known: Map<string, ResourceSpec>): Built {
  const own = claims.filter((claim) => claim.template === template)
  const stated = Object.assign({}, ...own.map((claim) => claim.stated)) as Stated
  const nested = NESTED.exec(template)
  const parent = nested ? known.get(nested[1] as string) : undefined
  const embedded =
    parent && nested ? arrayElement(parent.itemSchema, nested[3] as string) : undefined
  const idParam = own.find((claim) => claim.idParam !== undefined)?.idParam
  // Objects that are only read (a profile by its username) are nobody's to create or list: nothing
  // to keep.
  const fills = own.some(
    (claim) => claim.explicit || claim.action === 'create' || claim.action === 'list',
  )
  const isCollection =
    own.some((claim) => claim.explicit || claim.idParam !== undefined) ||
    (own.some((claim) => claim.action === 'list') && own.some((claim) => claim.action === 'create'))
  if (!embedded && !(isCollection && fills)) return { ok: false }
  const keys = stated.key
    ? [stated.key]
    : idParam
      ? fieldsNamedBy(idParam, `${template}/{${idParam}}`, true)
      : identityFields(template)
  const itemSchema = embedded ?? itemSchemaOf(own, keys, stated)
  if (!itemSchema)
    return {
      ok: false,
      why: `${template}: no operation answers with one of its objects, so its objects are not kept`,
    }
  const shape = shapeOf(itemSchema)
  const keyField =
    embedded && !stated.key
      ? embeddedKey(shape, idParam)
      : keys.find((key) => Object.hasOwn(shape, key))
  if (!keyField)
    return {
      ok: false,
      why: `${template}: its objects have none of the fields ${keys.join(', ')} to find them by; state the key with x-standin-resource: { collection: "${template}", key: "…" }`,
    }
  return {
    ok: true,
    resource: {
      template,
      name: template
        .split('/')
        .filter((part) => part !== '' && !part.startsWith('{'))
        .join('/'),
      parentParams: templateParams(template),
      idParam,
      keyField,
      itemSchema,
      idSchema: shape[keyField],
      parent,
      parentField: stated.parent ?? parentFieldOf(template, shape),
      embeddedIn: embedded ? (nested?.[3] as string) : undefined,
      operations: Object.fromEntries(
        ACTIONS.flatMap((action) =>
          own
            .filter((claim) => claim.action === action)
            .slice(0, 1)
            .map((claim) => [action, claim.operation]),
        ),
      ),
    },
  }
}

/**
 * The object schema of the collection's objects: what reading one answers (through its envelope),
 * else creating or changing one, else listing; one that has a key first, else the first object at
 * all.
 */
function itemSchemaOf(claims: Claim[], keys: string[], stated: Stated): Schema | undefined {
  const objects: Schema[] = []
  for (const action of ITEM_SOURCES) {
    const claim = claims.find((candidate) => candidate.action === action)
    const schema = claim && successSchema(compiledOf(claim.operation))
    const object =
      schema && schemaAt(schema, stated.envelope ?? findObject(schema, keyScore(keys)) ?? [])
    if (object && Object.keys(shapeOf(object)).length > 0) objects.push(object)
  }
  const list = claims.find((claim) => claim.action === 'list')
  const schema = list && successSchema(compiledOf(list.operation))
  const path = schema && findList(schema, (shape) => Math.max(keyScore(keys)(shape), 1))
  const array = path && schemaAt(schema, path)
  const info = array ? inspectSchema(array) : undefined
  if (info?.kind === 'array') objects.push(info.element)
  return (
    objects.find((object) => keys.some((key) => Object.hasOwn(shapeOf(object), key))) ?? objects[0]
  )
}

/** The key of objects kept inside their parent: `id`, else the field the item parameter names. */
function embeddedKey(shape: Record<string, Schema>, idParam: string | undefined): string {
  return Object.hasOwn(shape, 'id') || idParam === undefined || !Object.hasOwn(shape, idParam)
    ? 'id'
    : idParam
}

/**
 * The field that holds the parent's key: named like the parent's parameter (`productId`,
 * `articleSlug`).
 */
function parentFieldOf(template: string, shape: Record<string, Schema>): string | undefined {
  const param = templateParams(template).at(-1)
  if (param === undefined) return undefined
  return fieldsNamedBy(param, template, false).find((name) => Object.hasOwn(shape, name))
}

function roleOf(claim: Claim, resource: ResourceSpec): Role {
  const compiled = compiledOf(claim.operation)
  const success = successSchema(compiled)
  const body =
    claim.action === 'list'
      ? listPath(success, resource)
      : objectPath(success, resource, claim.stated.envelope)
  const requestSchema = requestBodySchema(compiled)
  const stated =
    claim.stated.envelope && requestSchema && schemaAt(requestSchema, claim.stated.envelope)
      ? claim.stated.envelope
      : undefined
  const request = requestSchema ? (stated ?? requestEnvelope(requestSchema)) : undefined
  return { resource, action: claim.action, idParam: claim.idParam, body, request }
}

function listPath(schema: Schema | undefined, resource: ResourceSpec): FieldPath | undefined {
  return findList(schema, (shape) => (Object.hasOwn(shape, resource.keyField) ? 1 : 0))
}

/**
 * Where an object of the resource sits in a body: it has the key and most of the object's fields.
 */
function objectPath(
  schema: Schema | undefined,
  resource: ResourceSpec,
  stated: FieldPath | undefined,
): FieldPath | undefined {
  if (stated) return schemaAt(schema, stated) ? stated : undefined
  const keys = Object.keys(shapeOf(resource.itemSchema))
  const fits = (shape: Record<string, Schema>) => {
    const shared = keys.filter((key) => Object.hasOwn(shape, key)).length
    return Object.hasOwn(shape, resource.keyField) && shared * 2 > keys.length ? shared : 0
  }
  return findObject(schema, fits)
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
  const source = template
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('([^/]+)')
  return new RegExp(`^${source}/?$`)
}

function matchTemplate(matchers: Array<{ resource: ResourceSpec; pattern: RegExp }>, path: string) {
  for (const { resource, pattern } of matchers) {
    const values = pattern.exec(path)
    if (!values) continue
    const params: Record<string, string> = {}
    resource.parentParams.forEach((name, index) => {
      params[name] = decodeText(values[index + 1] ?? '')
    })
    return { resource, params }
  }
  return undefined
}

/**
 * The collection path for parameter values: `/products/{productId}/reviews` →
 * `/products/0d9a…/reviews`.
 */
export function collectionPath(resource: ResourceSpec, params: Record<string, unknown>): string {
  return resource.template.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(String(params[name])),
  )
}

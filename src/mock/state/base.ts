import { exampleOf, fake } from '../../fake/index.ts'
import {
  compiledOf,
  type Schema,
  shapeOf,
  successSchema,
} from '../../operation/compile-operation.ts'
import type { ResourceSpec, Resources } from '../../operation/resources.ts'
import { listedObjects } from '../generate-response.ts'
import type { StoredObject } from './store.ts'

/** What a collection holds before a session changes it. */
export interface BaseItems {
  items: StoredObject[]
  byKey: Map<string, StoredObject>
  /** The largest numeric id among them (0 when none): numeric ids of created objects follow it. */
  maxNumericKey: number
}

/** What the starting objects depend on besides the collection. */
export interface BaseContext {
  scenario: string | undefined
  globalSeed: number
  dynamic: boolean
}

/** Objects declared per collection path, for every session and per scenario (already validated). */
export interface DeclaredState {
  initial: ReadonlyMap<string, StoredObject[]>
  scenarios: ReadonlyMap<string, ReadonlyMap<string, StoredObject[]>>
}

export type BaseLookup = (
  resource: ResourceSpec,
  path: string,
  params: Record<string, unknown>,
  context: BaseContext,
) => BaseItems

const CACHED_COLLECTIONS = 64

/**
 * The objects a collection starts with: the scenario's declared ones, else the mocks' declared
 * ones, else exactly the list the stateless mock generates for it (so a fresh stateful mock never
 * looks empty and shows what the stateless one shows). Worked out once per collection, seed and
 * scenario.
 *
 * @example
 * const base = createBaseLookup(declared, compile)
 * base(products, '/products', {}, { scenario: undefined, globalSeed: 1, dynamic: true }).items.length // 37
 */
export function createBaseLookup(declared: DeclaredState, resources: Resources): BaseLookup {
  const cache = new Map<string, BaseItems>()
  return (resource, path, params, context) => {
    const key = JSON.stringify([
      context.scenario ?? null,
      context.globalSeed,
      context.dynamic,
      path,
    ])
    const hit = cache.get(key)
    if (hit) return hit
    const declaredOnes = declaredItems(declared, path, context.scenario)
    const items = declaredOnes ?? generatedItems(resource, params, context, resources)
    const base = indexed(
      resource,
      items,
      declaredOnes ? [] : documentedObjects(resource, items, context),
    )
    cache.set(key, base)
    if (cache.size > CACHED_COLLECTIONS) cache.delete(cache.keys().next().value as string)
    return base
  }
}

/**
 * An object for each key the contract gives as an example of the item parameter (`GET
 * /episodes/{id}` with `example: 512ojhOuo1ktJprKbVcKyQ`): a client that tries the documented
 * request finds the object it names. They are found by their key but not listed, so a fresh list
 * shows what the stateless mock shows.
 */
function documentedObjects(
  resource: ResourceSpec,
  items: StoredObject[],
  context: BaseContext,
): StoredObject[] {
  const present = new Set(items.map((item) => String(item[resource.keyField])))
  const keys = documentedKeys(resource).filter(
    (key) => !present.has(String(key)) && resource.idSchema?.safeParse(key).success !== false,
  )
  const documented = keys.map(
    (key) =>
      fake(resource.itemSchema, {
        idSeed: context.globalSeed,
        examples: !context.dynamic,
        bestEffort: true,
        overrides: { [resource.keyField]: key },
      }) as StoredObject,
  )
  return documented.filter((item) => resource.itemSchema.safeParse(item).success)
}

/** The example values of the item parameter, on the operations that name one object. */
function documentedKeys(resource: ResourceSpec): unknown[] {
  const { read, replace, update, delete: remove } = resource.operations
  const idParam = resource.idParam
  if (idParam === undefined) return []
  const examples = [read, replace, update, remove].flatMap((operation) => {
    const field = operation && shapeOf(compiledOf(operation).request.params)[idParam]
    const example = field && exampleOf(field)
    return example ? [example.value] : []
  })
  return [...new Set(examples)]
}

function declaredItems(
  declared: DeclaredState,
  path: string,
  scenario: string | undefined,
): StoredObject[] | undefined {
  const fromScenario =
    scenario === undefined ? undefined : declared.scenarios.get(scenario)?.get(path)
  return fromScenario ?? declared.initial.get(path)
}

/**
 * Every object the list operation answers with across its pages (through its envelope), as the
 * stateless mock lists them.
 */
function generatedItems(
  resource: ResourceSpec,
  params: Record<string, unknown>,
  context: BaseContext,
  resources: Resources,
): StoredObject[] {
  const list = resource.operations.list
  const compiled = list && compiledOf(list)
  const schema = compiled && successSchema(compiled)
  const path = list && resources.roleOf(list.operationId)?.body
  if (!list || !compiled || !schema || path === undefined) return []
  const query = parsed(compiled.request.query, {})
  const listParams = parsed(
    compiled.request.params,
    Object.fromEntries(list.pathParams.map((name) => [name, params[name]])),
  )
  const input = { params: listParams, query, headers: {}, cookies: {}, body: undefined }
  const objects = listedObjects(
    {
      compiled,
      input,
      method: 'GET',
      path: '',
      globalSeed: context.globalSeed,
      dynamic: context.dynamic,
    },
    schema,
    path,
  )
  return objects.filter(isObject).map((item) => asItem(resource, item, context))
}

/**
 * A list item as reading it answers: the item itself, or (when the list shows summaries) the object
 * with its id.
 */
function asItem(resource: ResourceSpec, item: StoredObject, context: BaseContext): StoredObject {
  if (resource.itemSchema.safeParse(item).success) return item
  const id = item[resource.keyField]
  if (id === undefined) return item
  return fake(resource.itemSchema, {
    idSeed: context.globalSeed,
    examples: !context.dynamic,
    bestEffort: true,
    overrides: { [resource.keyField]: id },
  }) as StoredObject
}

/** The objects by key; `unlisted` ones are found by their key but are not among the items. */
function indexed(
  resource: ResourceSpec,
  items: StoredObject[],
  unlisted: StoredObject[],
): BaseItems {
  const byKey = new Map<string, StoredObject>()
  let maxNumericKey = 0
  for (const item of [...items, ...unlisted]) {
    const id = item[resource.keyField]
    if (id === undefined || id === null) continue
    byKey.set(String(id), item)
    if (typeof id === 'number' && id > maxNumericKey) maxNumericKey = id
  }
  return { items, byKey, maxNumericKey }
}

function parsed(
  schema: Schema | undefined,
  value: Record<string, unknown>,
): Record<string, unknown> {
  const result = schema?.safeParse(value)
  return result?.success ? (result.data as Record<string, unknown>) : value
}

function isObject(value: unknown): value is StoredObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

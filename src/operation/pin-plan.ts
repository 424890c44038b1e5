import type { Operation } from '../contract/types.ts'
import {
  compiledOf,
  requestBodySchema,
  type Schema,
  shapeOf,
  successSchema,
} from './compile-operation.ts'
import {
  elementShape,
  type FieldPath,
  findList,
  findObject,
  requestEnvelope,
  schemaAt,
} from './envelope.ts'
import { fieldsNamedBy } from './key-fields.ts'
import { memoized } from './memo.ts'

/**
 * Which fields of an operation's success body follow from its request: the path parameters appear
 * in the fields they name (`{slug}` → `article.slug`, `{productId}` → `review.productId`), and what
 * the request body sends comes back where the answer has the same field (`article.title`).
 */
export interface PinPlan {
  /** Where the object the answer is about sits (`['article']`), or where its list of objects is. */
  subject: FieldPath | undefined
  /** The subject is a list: the pins apply to each of its objects. */
  list: boolean
  /** Each path parameter and the subject's field it names. */
  params: ReadonlyArray<{ param: string; field: string }>
  /**
   * Where the request body's object sits (`['article']` for `{ article: {…} }`); undefined without
   * a body.
   */
  request: FieldPath | undefined
}

/**
 * The pin plan of an operation, worked out once: the mock pins these fields in what it generates.
 *
 * @example
 * pinPlanOf(getArticle) // { subject: ['article'], list: false, params: [{ param: 'slug', field: 'slug' }], request: undefined }
 */
export const pinPlanOf: (operation: Operation) => PinPlan = memoized(makePlan)

function makePlan(operation: Operation): PinPlan {
  const compiled = compiledOf(operation)
  const success = successSchema(compiled)
  const requestSchema = requestBodySchema(compiled)
  const request = requestSchema ? requestEnvelope(requestSchema) : undefined
  const requestKeys =
    request && requestSchema ? Object.keys(shapeOf(schemaAt(requestSchema, request))) : []
  const candidates = operation.pathParams.map((param) => ({
    param,
    fields: fieldsNamedBy(param, operation.path, operation.path.endsWith(`{${param}}`)),
  }))
  const objectScore = (shape: Record<string, Schema>) =>
    candidates.filter(({ fields }) => fields.some((field) => Object.hasOwn(shape, field))).length *
      100 +
    requestKeys.filter((key) => Object.hasOwn(shape, key)).length
  const object = findObject(success, objectScore)
  if (object)
    return {
      subject: object,
      list: false,
      params: paramFields(candidates, shapeOf(schemaAt(success, object))),
      request,
    }
  // A list under a parent: each object carries the parent's key under its exact name (`productId`).
  const exact = candidates.map(({ param }) => ({ param, fields: [param] }))
  const list = findList(
    success,
    (shape) => exact.filter(({ param }) => Object.hasOwn(shape, param)).length,
  )
  if (list)
    return {
      subject: list,
      list: true,
      params: exact
        .filter(({ param }) => elementHas(success, list, param))
        .map(({ param }) => ({ param, field: param })),
      request,
    }
  return { subject: undefined, list: false, params: [], request }
}

function paramFields(
  candidates: Array<{ param: string; fields: string[] }>,
  shape: Record<string, Schema>,
): Array<{ param: string; field: string }> {
  const taken = new Set<string>()
  return candidates.flatMap(({ param, fields }) => {
    const field = fields.find((name) => Object.hasOwn(shape, name) && !taken.has(name))
    if (field === undefined) return []
    taken.add(field)
    return [{ param, field }]
  })
}

function elementHas(schema: Schema | undefined, path: FieldPath, field: string): boolean {
  const list = schemaAt(schema, path)
  const shape = list && elementShape(list)
  return shape !== undefined && Object.hasOwn(shape, field)
}

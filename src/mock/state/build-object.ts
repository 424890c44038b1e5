import type { z } from 'zod'
import { fake, inspectSchema } from '../../fake/index.ts'
import { type Schema, shapeOf } from '../../operation/compile-operation.ts'
import { rememberFits } from '../fit-memo.ts'
import { formatIssuePath, type ProblemIssue } from '../problem.ts'
import type { StoredObject } from './store.ts'

export type Validated = { ok: true; value: StoredObject } | { ok: false; issues: ProblemIssue[] }

/** How a field of a new object starts when the client did not send it. */
type Fresh = { kind: 'value'; value: unknown } | { kind: 'omit' } | { kind: 'generate' }

const freshPlans = new WeakMap<Schema, Record<string, Fresh>>()

/**
 * What a created object is made of: the fields sent, the fields that follow from its place (id,
 * parent ids).
 */
export interface NewObject {
  fields: StoredObject
  pins: StoredObject
  globalSeed: number
  dynamic: boolean
  /** Seeds an object that has no `id` to seed the rest from. */
  seed: number
}

/**
 * A new object: the fields sent and the pins as given; every other field as a new record has it —
 * its default, left out when optional, null when nullable, empty when it is a list, 0 for a count,
 * else generated (seeded from the id, so the same id always gives the same object).
 *
 * @example
 * createdObject(Order, { fields: { note: 'Ring twice' }, pins: { id }, globalSeed: 1, dynamic: true, seed: 7 }) // status 'pending', paidAt null, …
 */
export function createdObject(schema: Schema, init: NewObject): unknown {
  const given = { ...init.fields, ...init.pins }
  const overrides: Record<string, unknown> = {}
  for (const [key, plan] of Object.entries(freshPlan(schema))) {
    if (Object.hasOwn(given, key)) continue
    if (plan.kind === 'value') overrides[key] = structuredClone(plan.value)
    else if (plan.kind === 'omit') overrides[key] = undefined
  }
  return fake(schema, {
    seed: init.seed,
    idSeed: init.globalSeed,
    examples: !init.dynamic,
    bestEffort: true,
    overrides: { ...overrides, ...given },
  })
}

function freshPlan(schema: Schema): Record<string, Fresh> {
  let plan = freshPlans.get(schema)
  if (!plan) {
    plan = Object.fromEntries(
      Object.entries(shapeOf(schema)).map(([key, field]) => [key, freshField(key, field)]),
    )
    freshPlans.set(schema, plan)
  }
  return plan
}

// Asked of the schema by parsing, so no zod kind is looked at here. Nothing has happened to a new
// record yet: no reviews counted, no items added, no date of payment.
function freshField(key: string, field: Schema): Fresh {
  const absent = field.safeParse(undefined)
  if (absent.success)
    return absent.data === undefined ? { kind: 'omit' } : { kind: 'value', value: absent.data }
  if (field.safeParse(null).success) return { kind: 'value', value: null }
  if (field.safeParse([]).success) return { kind: 'value', value: [] }
  if (/count$/i.test(key) && field.safeParse(0).success) return { kind: 'value', value: 0 }
  return { kind: 'generate' }
}

/**
 * The fields of a request body an object of `schema` has (a password is not part of a customer).
 * Their values are kept as sent: one the object's schema rejects makes the whole write a 4xx, never
 * a stored value the client did not send. A field sent as something of another kind than the object
 * holds (an id for an object the answer shows: `organization: "12"` → `organization: { gid: "12", …
 * }`) is a reference, not the value: the object's own is made as a new record's is.
 *
 * @example
 * bodyFields(Customer, { email: 'a@b.co', password: 'secret!!' }) // { email: 'a@b.co' }
 */
export function bodyFields(schema: Schema, body: unknown): StoredObject {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {}
  const shape = shapeOf(schema)
  const fields: StoredObject = {}
  for (const [key, value] of Object.entries(body)) {
    if (Object.hasOwn(shape, key) && sameKind(shape[key] as Schema, value))
      Object.defineProperty(fields, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      })
  }
  return fields
}

const STRUCTURED = new Set(['object', 'record', 'array'])

/**
 * A value of the kind a field holds: structured where it is structured (an object, a list), plain
 * where it is plain.
 */
function sameKind(field: Schema, value: unknown): boolean {
  if (value === null || value === undefined || field.safeParse(value).success) return true
  const structured = STRUCTURED.has(inspectSchema(field).kind)
  return structured === (typeof value === 'object')
}

/**
 * PUT: the object the body describes. Fields the client can send come from the body alone (one it
 * left out is gone, where the object may be without it: a PUT whose body makes every field optional
 * changes what it sends); fields only the server sets (`createdAt`, `rating`) keep their value.
 *
 * @example
 * replacedObject(Product, existing, new Set(['name', 'note']), { name: 'Mug' }, { id }) // note gone, createdAt kept
 */
export function replacedObject(
  schema: Schema,
  existing: StoredObject,
  clientKeys: ReadonlySet<string>,
  fields: StoredObject,
  pins: StoredObject,
): StoredObject {
  const shape = shapeOf(schema)
  const goes = (key: string) =>
    clientKeys.has(key) && shape[key]?.safeParse(undefined).success !== false
  const kept = Object.fromEntries(Object.entries(existing).filter(([key]) => !goes(key)))
  return { ...kept, ...fields, ...pins }
}

/**
 * An object as it will be stored and read back: through JSON, accepted by its schema, fields in
 * schema order. A value the schema rejects is issues to answer with, never something stored.
 *
 * @example
 * validateObject(Order, { ...order, status: 'lost' }) // { ok: false, issues: [{ location: 'body', path: 'status', … }] }
 */
export function validateObject(schema: Schema, value: unknown): Validated {
  const json = JSON.parse(JSON.stringify(value ?? null)) as unknown
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, issues: [{ location: 'body', path: '', message: 'An object is needed.' }] }
  }
  const result = schema.safeParse(json)
  if (!result.success) return { ok: false, issues: result.error.issues.map(bodyIssue) }
  const stored = inSchemaOrder(schema, json as StoredObject)
  rememberFits(schema, stored)
  return { ok: true, value: stored }
}

function bodyIssue(issue: z.core.$ZodIssue): ProblemIssue {
  return { location: 'body', path: formatIssuePath(issue.path), message: issue.message }
}

/**
 * The object's fields in the order its schema lists them (as generated ones have them), others
 * after.
 */
function inSchemaOrder(schema: Schema, object: StoredObject): StoredObject {
  const ordered: StoredObject = {}
  const keys = new Set([
    ...Object.keys(shapeOf(schema)).filter((key) => Object.hasOwn(object, key)),
    ...Object.keys(object),
  ])
  for (const key of keys)
    Object.defineProperty(ordered, key, {
      value: object[key],
      enumerable: true,
      writable: true,
      configurable: true,
    })
  return ordered
}

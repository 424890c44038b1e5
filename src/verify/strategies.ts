import type { z } from 'zod'
import { isStandinError } from '../contract/standin-error.ts'
import type { Operation } from '../contract/types.ts'
import { fake, inspectSchema, seedOf } from '../fake/index.ts'
import { type CasePlan, type GenerateContext, ownRecordBody, validInput } from './generate-cases.ts'
import { CREDENTIAL_FIELD } from './identity.ts'
import { jsonRequestBodyOf, requestPartSchema } from './operation-parts.ts'
import { pathReception, queryReception, type Reception, UNSENDABLE_SEGMENTS } from './reception.ts'
import { asJsonReceived, type RequestInput } from './request-input.ts'
import { fieldSchema, objectKeys } from './schema-shape.ts'
import type { CaseKind } from './types.ts'

// What a careful tester tries beyond the comfortable middle of each schema, one case kind per
// strategy: the request with required parameters only, bodies with only the required fields and
// with every field, parameters at and past their bounds, and text where a number belongs. Every
// answer must be documented and no 5xx; a value the contract refuses must be refused with a 4xx.

const MAX_BOUNDARY_CASES = 12
const MAX_BODY_BOUNDARY_CASES = 4
const MAX_BODY_DEPTH = 3
const BEYOND_INT64 = '99999999999999999999'
const LONG_TEXT_LENGTH = 2048
const MAX_LENGTH_TRIED = 10_000
const UNICODE_TEXT = 'Zoë Ångström 🦄 名前'
const FILL_ATTEMPTS = 5
const MAX_FILL_DEPTH = 4

type ParamPart = 'params' | 'query'

/** One value to try for a parameter, and what it is (`at its maximum 100`, `beyond int64`). */
interface Trial {
  value: string | number
  what: string
  /**
   * Only what the server makes of it matters, not whether the schema as compiled takes it (see
   * BEYOND_INT64).
   */
  unbounded?: boolean
}

/**
 * The strategy cases of an operation, seeded like every other case.
 *
 * @example
 * strategyCases(getOperation(contract, 'GetArticles'), { seed: 1, examples: 3, pool }) // baseline, boundaries, type confusion…
 */
export function strategyCases(operation: Operation, context: GenerateContext): CasePlan[] {
  return [
    ...baselineCases(operation, context),
    ...bodyCases(operation, context),
    ...boundaryCases(operation, context),
    ...typeConfusionCases(operation, context),
  ]
}

/**
 * The request with only the required parameters: no optional query, header or filter, as a first
 * visit sends it.
 */
function baselineCases(operation: Operation, context: GenerateContext): CasePlan[] {
  const seed = seedOf(context.seed, operation.operationId, 'baseline')
  const input = validInput(operation, seed, context.pool, context.identity)
  const query = requiredOnlyFields(requestPartSchema(operation, 'query'), input.query)
  const headers = requiredOnlyFields(
    requestPartSchema(operation, 'headers'),
    input.headers,
  ) as Record<string, string>
  if (
    Object.keys(query).length === Object.keys(input.query).length &&
    Object.keys(headers).length === Object.keys(input.headers).length
  )
    return []
  return [
    {
      kind: 'baseline',
      name: 'required parameters only',
      seed,
      input: { ...input, query, headers },
      auth: 'valid',
    },
  ]
}

/**
 * Bodies with only the required fields (an empty object where every field is optional), and with
 * every field.
 */
function bodyCases(operation: Operation, context: GenerateContext): CasePlan[] {
  const schema = jsonRequestBodyOf(operation)?.schema
  if (!schema) return []
  const seed = seedOf(context.seed, operation.operationId, 'bodies')
  const base = validInput(operation, seed, context.pool, context.identity)
  const value = base.body && 'json' in base.body ? base.body.json : undefined
  if (value === undefined) return []
  const plan = (kind: CaseKind, name: string, body: unknown): CasePlan[] =>
    body === undefined || JSON.stringify(body) === JSON.stringify(value)
      ? []
      : [{ kind, name, seed, input: { ...base, body: { json: body } }, auth: 'valid' }]
  const minimal = parsing(schema, requiredOnly(schema, value))
  const maximal = parsing(
    schema,
    ownRecordBody(operation, everyField(schema, value, seed), context.identity),
  )
  return [
    ...plan(
      'minimal',
      hasEmptyObject(minimal)
        ? 'only the required fields (an empty object where every field is optional)'
        : 'only the required fields',
      minimal,
    ),
    ...plan('maximal', 'every field', maximal),
  ]
}

/**
 * Parameters at their bounds, just past them, 0 and −1, beyond int64, very long and unicode text.
 */
function boundaryCases(operation: Operation, context: GenerateContext): CasePlan[] {
  const seed = seedOf(context.seed, operation.operationId, 'boundary')
  const base = validInput(operation, seed, context.pool, context.identity)
  const trials = (part: ParamPart, kinds: string[]) =>
    paramTrials(operation, part, (field) =>
      kinds.includes(inspectSchema(field).kind) ? boundaryTrials(field) : [],
    )
  const ordered = [
    ...trials('params', ['number']),
    ...trials('query', ['number']),
    ...trials('params', ['string']),
    ...trials('query', ['string']),
  ]
  return [
    ...ordered
      .flatMap((trial) => paramCase(operation, base, seed, 'boundary', trial))
      .slice(0, MAX_BOUNDARY_CASES),
    ...bodyBoundaryCases(operation, context),
  ]
}

/**
 * Fields of the body at their bounds: text 2048 long where no `maxLength` bounds it (a column too
 * short fails), at and past `maxLength`, in several scripts; an integer past int64. One trial of
 * each field in turn, so that a few cases reach several fields. Credential fields are left as they
 * are.
 */
function bodyBoundaryCases(operation: Operation, context: GenerateContext): CasePlan[] {
  const schema = jsonRequestBodyOf(operation)?.schema
  if (!schema) return []
  const seed = seedOf(context.seed, operation.operationId, 'body-boundary')
  const base = validInput(operation, seed, context.pool, context.identity)
  const faked = base.body && 'json' in base.body ? base.body.json : undefined
  // From the body with every field, so that optional fields get their turn too.
  const value =
    parsing(schema, ownRecordBody(operation, everyField(schema, faked, seed), context.identity)) ??
    faked
  const trialsByField = bodyLeaves(schema, value, [], 0).map((leaf) =>
    bodyTrials(leaf.field).map((trial) => ({ ...trial, path: leaf.path })),
  )
  const rounds = Math.max(0, ...trialsByField.map((trials) => trials.length))
  const inTurn = Array.from({ length: rounds }, (_, round) =>
    trialsByField.flatMap((trials) => trials[round] ?? []),
  )
  return inTurn
    .flat()
    .slice(0, MAX_BODY_BOUNDARY_CASES)
    .map((trial): CasePlan => {
      const body = withValueAt(value, trial.path, trial.value)
      const allowed = trial.unbounded === true || schema.safeParse(body).success
      const field = trial.path.join('.')
      return {
        kind: 'boundary',
        name: `body field ${field} ${trial.what}`,
        seed,
        input: { ...base, body: { json: body } },
        auth: 'valid',
        ...(allowed ? {} : { expect: { type: 'rejected', reason: `${field} ${trial.what}` } }),
      }
    })
}

/** The text and integer fields a body carries, through nested objects, with their schemas. */
function bodyLeaves(
  schema: z.ZodType,
  value: unknown,
  path: string[],
  depth: number,
): { path: string[]; field: z.ZodType }[] {
  const info = inspectSchema(schema)
  if (depth > MAX_BODY_DEPTH || info.kind !== 'object' || !isRecord(value)) return []
  return Object.entries(info.shape).flatMap(([key, field]) => {
    if (!(key in value) || CREDENTIAL_FIELD.test(key)) return []
    const kind = inspectSchema(field).kind
    if (kind === 'object') return bodyLeaves(field, value[key], [...path, key], depth + 1)
    return (kind === 'string' && typeof value[key] === 'string') ||
      (kind === 'number' && typeof value[key] === 'number')
      ? [{ path: [...path, key], field }]
      : []
  })
}

function bodyTrials(field: z.ZodType): Trial[] {
  const info = inspectSchema(field)
  if (info.kind === 'number')
    return info.integer ? [{ ...beyondInt64(info.maximum), value: Number(BEYOND_INT64) }] : []
  if (info.kind !== 'string' || info.format !== undefined || info.pattern !== undefined) return []
  const lengths = textLengths(undefined, info.maxLength).filter(
    (trial) => String(trial.value).length >= (info.minLength ?? 0),
  )
  return [...lengths, { value: UNICODE_TEXT, what: `in unicode (${UNICODE_TEXT})` }]
}

function withValueAt(value: unknown, path: string[], replacement: unknown): unknown {
  const [key, ...rest] = path
  if (key === undefined || !isRecord(value)) return replacement
  return { ...value, [key]: withValueAt(value[key], rest, replacement) }
}

/** Text where a number or a boolean is expected, and a fraction where an integer is. */
function typeConfusionCases(operation: Operation, context: GenerateContext): CasePlan[] {
  const seed = seedOf(context.seed, operation.operationId, 'type-confusion')
  const base = validInput(operation, seed, context.pool, context.identity)
  const trials = (part: ParamPart) => paramTrials(operation, part, confusionTrials)
  return [...trials('params'), ...trials('query')].flatMap((trial) =>
    paramCase(operation, base, seed, 'type-confusion', trial),
  )
}

type PartTrial = Trial & { part: ParamPart; name: string }

function paramTrials(
  operation: Operation,
  part: ParamPart,
  trialsOf: (field: z.ZodType) => Trial[],
): PartTrial[] {
  const schema = requestPartSchema(operation, part)
  if (!schema) return []
  return (objectKeys(schema) ?? []).flatMap((name) => {
    const field = fieldSchema(schema, name)
    return field ? trialsOf(field).map((trial) => ({ ...trial, part, name })) : []
  })
}

/**
 * A case that sends one parameter with the trial's value: a boundary the contract allows must get a
 * documented answer; one it refuses, as the server reads the text, must be refused with a 4xx.
 */
function paramCase(
  operation: Operation,
  base: RequestInput,
  seed: number,
  kind: CaseKind,
  trial: PartTrial,
): CasePlan[] {
  const schema = requestPartSchema(operation, trial.part)
  const receive: (values: Record<string, unknown>) => Reception =
    trial.part === 'params' ? pathReception(operation) : queryReception(operation)
  const values = { ...base[trial.part], [trial.name]: trial.value }
  const received = receive(values)
  const sent = received.sent[trial.name]
  if (
    !schema ||
    sent === undefined ||
    (trial.part === 'params' && UNSENDABLE_SEGMENTS.has(sent as string))
  )
    return []
  const whole = schema.safeParse(receive(base[trial.part]).parsed).success
  const field = fieldSchema(schema, trial.name)
  const allowed =
    trial.unbounded === true ||
    (whole
      ? schema.safeParse(received.parsed).success
      : (field?.safeParse(received.parsed[trial.name]).success ?? true))
  const name = `${trial.part === 'params' ? 'path' : 'query'} parameter ${trial.name} ${trial.what}`
  const input = { ...base, [trial.part]: values }
  return [
    {
      kind,
      name,
      seed,
      input,
      auth: 'valid',
      ...(allowed ? {} : { expect: { type: 'rejected', reason: `${trial.name} ${trial.what}` } }),
    },
  ]
}

function boundaryTrials(field: z.ZodType): Trial[] {
  const info = inspectSchema(field)
  if (info.kind === 'number')
    return uniqueTrials([
      ...numberBounds(info.minimum, info.maximum, info.integer),
      { value: 0, what: 'zero' },
      { value: -1, what: 'minus one' },
      ...(info.integer ? [beyondInt64(info.maximum)] : []),
    ])
  if (info.kind !== 'string') return []
  const plain = info.format === undefined && info.pattern === undefined
  return [
    ...textLengths(info.minLength, info.maxLength),
    ...(plain ? [{ value: UNICODE_TEXT, what: `in unicode (${UNICODE_TEXT})` }] : []),
  ]
}

function numberBounds(
  minimum: number | undefined,
  maximum: number | undefined,
  integer: boolean,
): Trial[] {
  const step = integer ? 1 : 0.5
  const inRange = (value: number | undefined): value is number =>
    value !== undefined && Math.abs(value) < Number.MAX_SAFE_INTEGER
  return [
    ...(inRange(minimum)
      ? [
          { value: minimum, what: `at its minimum ${minimum}` },
          { value: minimum - step, what: `just below its minimum (${minimum - step})` },
        ]
      : []),
    ...(inRange(maximum)
      ? [
          { value: maximum, what: `at its maximum ${maximum}` },
          { value: maximum + step, what: `just above its maximum (${maximum + step})` },
        ]
      : []),
  ]
}

/**
 * An integer past int64. A contract's integer without a maximum takes it (JSON Schema integers are
 * unbounded), so a server may refuse it or not, but must not fail; past a declared maximum it must
 * refuse it.
 */
function beyondInt64(maximum: number | undefined): Trial {
  const unbounded = maximum === undefined || Math.abs(maximum) >= Number.MAX_SAFE_INTEGER
  return {
    value: BEYOND_INT64,
    what: `beyond int64 (${BEYOND_INT64})`,
    ...(unbounded ? { unbounded } : {}),
  }
}

function textLengths(minLength: number | undefined, maxLength: number | undefined): Trial[] {
  const text = (length: number) => 'a'.repeat(length)
  const tooShort =
    minLength !== undefined && minLength > 1
      ? [{ value: text(minLength - 1), what: `just shorter than ${minLength} characters` }]
      : []
  if (maxLength === undefined)
    return [
      ...tooShort,
      { value: text(LONG_TEXT_LENGTH), what: `${LONG_TEXT_LENGTH} characters long` },
    ]
  if (maxLength > MAX_LENGTH_TRIED) return tooShort
  return [
    ...tooShort,
    { value: text(maxLength), what: `at its maximum length ${maxLength}` },
    { value: text(maxLength + 1), what: `just longer than ${maxLength} characters` },
  ]
}

function confusionTrials(field: z.ZodType): Trial[] {
  const info = inspectSchema(field)
  if (info.kind === 'boolean')
    return [{ value: 'standin', what: 'as text where a boolean is expected ("standin")' }]
  if (info.kind !== 'number') return []
  const expected = info.integer ? 'an integer' : 'a number'
  return [
    { value: 'standin', what: `as text where ${expected} is expected ("standin")` },
    ...(info.integer
      ? [{ value: '1.5', what: 'as a fraction where an integer is expected (1.5)' }]
      : []),
  ]
}

function uniqueTrials(trials: Trial[]): Trial[] {
  return trials.filter(
    (trial, index) => trials.findIndex((other) => other.value === trial.value) === index,
  )
}

/**
 * The fields of a parameter part without the optional ones (fields the schema does not name are
 * kept).
 */
function requiredOnlyFields(
  schema: z.ZodType | undefined,
  values: Record<string, unknown>,
): Record<string, unknown> {
  if (!schema) return values
  return Object.fromEntries(
    Object.entries(values).filter(([name]) => {
      const field = fieldSchema(schema, name)
      return !field || !inspectSchema(field).optional
    }),
  )
}

/** The value with what the schema requires only: optional fields left out at every depth. */
export function requiredOnly(schema: z.ZodType, value: unknown): unknown {
  const info = inspectSchema(schema)
  if (info.kind === 'object' && isRecord(value)) {
    return Object.fromEntries(
      Object.entries(info.shape).flatMap(([key, field]) =>
        key in value && !inspectSchema(field).optional
          ? [[key, requiredOnly(field, value[key])]]
          : [],
      ),
    )
  }
  if (info.kind === 'array' && Array.isArray(value))
    return value.map((item) => requiredOnly(info.element, item))
  if (info.kind === 'union') {
    const branch = info.options?.find((option) => option.safeParse(value).success)
    return branch ? requiredOnly(branch, value) : value
  }
  return value
}

/**
 * The value with every field the schema declares: the optional ones it left out faked and added, at
 * every depth.
 */
export function everyField(schema: z.ZodType, value: unknown, seed: number, depth = 0): unknown {
  // A recursive schema (a tree, DynamoDB's AttributeValue) is filled a few levels deep, not without
  // end.
  if (depth > MAX_FILL_DEPTH) return value
  const info = inspectSchema(schema)
  if (info.kind === 'object' && isRecord(value)) {
    const fields = Object.entries(info.shape).flatMap(([key, field]) => {
      const filled =
        key in value
          ? everyField(field, value[key], seedOf(seed, key), depth + 1)
          : filledField(field, seedOf(seed, key), depth + 1)
      return filled === undefined ? [] : [[key, filled]]
    })
    return { ...value, ...Object.fromEntries(fields) }
  }
  if (info.kind === 'array' && Array.isArray(value))
    return value.map((item, index) =>
      everyField(info.element, item, seedOf(seed, index), depth + 1),
    )
  return value
}

function filledField(field: z.ZodType, seed: number, depth: number): unknown {
  for (let attempt = 0; attempt < FILL_ATTEMPTS; attempt++) {
    const value = fakedOrNothing(field, seedOf(seed, 'fill', attempt))
    if (value !== undefined) return everyField(field, value, seed, depth)
  }
  return undefined
}

/**
 * A field src/fake cannot satisfy is left out of the body with every field, not the end of the
 * operation's cases.
 */
function fakedOrNothing(field: z.ZodType, seed: number): unknown {
  try {
    return asJsonReceived(fake(field, { seed, examples: false }))
  } catch (error) {
    if (isStandinError(error)) return undefined
    throw error
  }
}

function parsing(schema: z.ZodType, value: unknown): unknown {
  return value !== undefined && schema.safeParse(value).success ? value : undefined
}

function hasEmptyObject(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasEmptyObject)
  if (!isRecord(value)) return false
  return Object.keys(value).length === 0 || Object.values(value).some(hasEmptyObject)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

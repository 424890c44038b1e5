import type { z } from 'zod'
import { withDiscriminators } from '../contract/discriminator.ts'
import type { Operation } from '../contract/types.ts'
import { exampleOf, fake, fakeInvalid, inspectSchema, seedOf } from '../fake/index.ts'
import { type IdPool, isIdValue } from './id-pool.ts'
import { linkedName } from './links.ts'
import {
  type Identity,
  isOwnRecordChange,
  keepIdentity,
  keepIdentityExceptBroken,
} from './identity.ts'
import { carriesJson } from '../operation/media-type.ts'
import {
  examplesOf,
  jsonRequestBodyOf,
  requestBodyOf,
  requestPartSchema,
  requiresAuth,
  type RequestPart,
  takesCredentials,
} from './operation-parts.ts'
import { styledParams } from '../operation/styled-params.ts'
import { pathReception, queryReception, type Reception, UNSENDABLE_SEGMENTS } from './reception.ts'
import { asJsonReceived, asReceived, paramText, type RequestInput } from './request-input.ts'
import { fieldsNamedBy } from '../operation/key-fields.ts'
import { fieldSchema, objectKeys } from './schema-shape.ts'
import type { CaseKind } from './types.ts'

export type AuthMode = 'valid' | 'none' | 'malformed' | 'forged'

export type CaseExpectation =
  | { type: 'rejected'; reason: string }
  | { type: 'auth-rejected'; situation: string }
  | { type: 'forged-rejected' }

/** One request to send, and what it must get besides the checks every response gets. */
export interface CasePlan {
  kind: CaseKind
  name: string
  seed: number
  input: RequestInput
  auth: AuthMode
  /**
   * Which forgery of the run's own credentials a forged case sends (see
   * \`forgeriesOfCredentials\`).
   */
  forgery?: number
  expect?: CaseExpectation
}

export interface GenerateContext {
  seed: number
  /** Faker-valid cases per operation. */
  examples: number
  pool: IdPool
  /**
   * Names of the forgeries of the run's own credentials (a tampered signature, alg none); none: a
   * made-up token.
   */
  forgeries?: string[]
  /**
   * The account the run acts as, kept by updates of the caller's own record; none when the run may
   * change it.
   */
  identity?: Identity
}

const INVALID_ATTEMPTS = 8
const PATH_ATTEMPTS = 8
const INVALID_BODIES = 2

/** The cases that should succeed: the contract's examples, then faker-valid inputs. */
export function positiveCases(operation: Operation, context: GenerateContext): CasePlan[] {
  return [...exampleCases(operation, context), ...validCases(operation, context)]
}

/** A request that satisfies the contract: faked from the seed, with known ids filled in. */
export function validInput(
  operation: Operation,
  seed: number,
  pool: IdPool,
  identity?: Identity,
): RequestInput {
  const faked = sendablePathParams(operation, seed)
  const params = Object.fromEntries(
    operation.pathParams.map((name) => [
      name,
      pooledParam(operation, name, pool, faked) ?? faked[name],
    ]),
  )
  const input: RequestInput = {
    params,
    query: withoutEmptyLists(operation, 'query', seed),
    headers: {
      ...headerValues(operation, fakePart(operation, 'headers', seed)),
      ...cookieHeader(operation, fakePart(operation, 'cookies', seed)),
    },
  }
  const body = validBody(operation, seed, pool, identity)
  const routed = withDiscriminators(input, operation.discriminators)
  return body === undefined ? routed : { ...routed, body: { json: body } }
}

/**
 * Path parameters as faked, faked again while one would be an empty, `.` or `..` segment: no router
 * matches an empty segment, and URLs drop dot segments (an empty array is `` in simple style, `.`
 * in label).
 */
function sendablePathParams(operation: Operation, seed: number): Record<string, unknown> {
  const receive = pathReception(operation)
  const sendable = (params: Record<string, unknown>) =>
    Object.values(receive(params).sent).every((text) => !UNSENDABLE_SEGMENTS.has(text as string))
  let params = fakePart(operation, 'params', seed)
  for (let attempt = 1; attempt < PATH_ATTEMPTS && !sendable(params); attempt++)
    params = fakePart(operation, 'params', seedOf(seed, 'path', attempt))
  return params
}

/**
 * A known value for a path parameter: the one a documented link gives it, else one by its name or
 * the field it names (`{slug}` ← `article.slug`, `{username}` ← `profile.username`), when the
 * parameter's schema takes it (a text id never fills a numeric one).
 */
function pooledParam(
  operation: Operation,
  name: string,
  pool: IdPool,
  faked: Record<string, unknown>,
): unknown {
  const pooled =
    pool.take(linkedName(operation.operationId, name)) ??
    pool.takeAny(fieldsNamedBy(name, operation.path, name === operation.pathParams.at(-1)))
  const schema = requestPartSchema(operation, 'params')
  if (pooled === undefined || !schema) return pooled
  return schema.safeParse(pathReception(operation)({ ...faked, [name]: pooled }).parsed).success
    ? pooled
    : undefined
}

function exampleCases(operation: Operation, context: GenerateContext): CasePlan[] {
  const body = requestBodyOf(operation)
  // A documented example that breaks its own schema is not a valid request; the faker-valid cases
  // stand in.
  const bodyExamples = uniqueExamples([...examplesOf(body), ...schemaExample(body?.schema)]).filter(
    (example) => body?.schema?.safeParse(example.value).success ?? true,
  )
  const params = fieldExamples(operation, 'params')
  const query = schemaExample(requestPartSchema(operation, 'query'))[0]?.value as
    | Record<string, unknown>
    | undefined
  if (bodyExamples.length === 0 && Object.keys(params).length === 0 && query === undefined)
    return []
  const seed = seedOf(context.seed, operation.operationId, 'example')
  const base = validInput(operation, seed, context.pool, context.identity)
  const input = withDiscriminators(
    { ...base, params: { ...base.params, ...params }, query: query ?? base.query },
    operation.discriminators,
  )
  if (bodyExamples.length === 0)
    return [{ kind: 'example', name: 'contract example', seed, input, auth: 'valid' }]
  return bodyExamples.map((example) => ({
    kind: 'example',
    name:
      example.name === 'default' || example.name === 'schema'
        ? 'contract example'
        : `contract example "${example.name}"`,
    seed,
    input: { ...input, body: { json: ownRecordBody(operation, example.value, context.identity) } },
    auth: 'valid',
  }))
}

function validCases(operation: Operation, context: GenerateContext): CasePlan[] {
  const seen = new Set<string>()
  const plans: CasePlan[] = []
  for (let index = 0; index < context.examples; index++) {
    const seed = seedOf(context.seed, operation.operationId, 'valid', index)
    const input = validInput(operation, seed, context.pool, context.identity)
    const signature = JSON.stringify(input)
    if (seen.has(signature)) continue
    seen.add(signature)
    plans.push({
      kind: 'valid',
      name: `faker-valid input #${index + 1}`,
      seed,
      input,
      auth: 'valid',
    })
  }
  return plans
}

export function negativeCases(operation: Operation, context: GenerateContext): CasePlan[] {
  const seed = seedOf(context.seed, operation.operationId, 'negative')
  const base = validInput(operation, seed, context.pool, context.identity)
  const plan = (name: string, input: RequestInput, reason: string): CasePlan => ({
    kind: 'negative',
    name,
    seed,
    input,
    auth: 'valid',
    expect: { type: 'rejected', reason },
  })
  const plans: CasePlan[] = []
  for (const invalid of invalidBodies(operation, seed, context.identity)) {
    plans.push(
      plan(
        `body breaks the schema: ${invalid.reason}`,
        { ...base, body: { json: invalid.value } },
        invalid.reason,
      ),
    )
  }
  if (jsonRequestBodyOf(operation))
    plans.push(
      plan('body is not valid JSON', { ...base, body: { raw: '{"standin": ' } }, 'malformed JSON'),
    )
  for (const name of operation.pathParams) {
    const invalid = invalidField(
      requestPartSchema(operation, 'params'),
      name,
      base.params,
      seed,
      pathReception(operation),
    )
    if (invalid)
      plans.push(
        plan(
          `path parameter ${name} breaks the schema: ${invalid.reason}`,
          { ...base, params: { ...base.params, [name]: invalid.sent } },
          invalid.reason,
        ),
      )
  }
  const query = invalidQuery(operation, base, seed)
  if (query)
    plans.push(
      plan(
        `query parameter ${query.name} breaks the schema: ${query.reason}`,
        { ...base, query: { ...base.query, [query.name]: query.value } },
        query.reason,
      ),
    )
  return plans
}

/**
 * Cases about credentials, wherever an operation takes them. Where they are required: none,
 * malformed and forged ones must be refused with 401 or 403. Where they are optional (`security:
 * [{}, …]`): a request without them is an anonymous one, and malformed or forged ones may be
 * refused or ignored; none of them may fail with a 5xx.
 */
export function authCases(operation: Operation, context: GenerateContext): CasePlan[] {
  if (!takesCredentials(operation)) return []
  const seed = seedOf(context.seed, operation.operationId, 'valid', 0)
  const input = validInput(operation, seed, context.pool, context.identity)
  const required = requiresAuth(operation)
  const refused = (situation: string): Pick<CasePlan, 'expect'> =>
    required ? { expect: { type: 'auth-rejected', situation } } : {}
  const forgeries =
    context.forgeries && context.forgeries.length > 0
      ? context.forgeries.map((name) => `forged credentials (${name})`)
      : ['forged credentials']
  return [
    {
      kind: 'auth',
      name: 'no credentials',
      seed,
      input,
      auth: 'none',
      ...refused('no credentials'),
    },
    {
      kind: 'auth',
      name: 'malformed credentials',
      seed,
      input,
      auth: 'malformed',
      ...refused('malformed credentials'),
    },
    ...forgeries.map(
      (name, forgery): CasePlan => ({
        kind: 'auth',
        name,
        seed,
        input,
        auth: 'forged',
        forgery,
        ...(required ? { expect: { type: 'forged-rejected' } } : {}),
      }),
    ),
  ]
}

function invalidBodies(
  operation: Operation,
  seed: number,
  identity: Identity | undefined,
): { value: unknown; reason: string }[] {
  const schema = jsonRequestBodyOf(operation)?.schema
  if (!schema) return []
  const ownRecord = identity !== undefined && isOwnRecordChange(operation)
  const found: { value: unknown; reason: string }[] = []
  const seen = new Set<string>()
  for (let attempt = 0; attempt < INVALID_ATTEMPTS && found.length < INVALID_BODIES; attempt++) {
    const invalid = fakeInvalid(schema, { seed: seedOf(seed, 'body', attempt) })
    const received = invalid ? asJsonReceived(invalid.value) : undefined
    const value =
      ownRecord && identity ? keepIdentityExceptBroken(schema, received, identity) : received
    const signature = JSON.stringify(value)
    if (!invalid || value === undefined || seen.has(signature) || schema.safeParse(value).success)
      continue
    seen.add(signature)
    found.push({ value, reason: invalid.reason })
  }
  return found
}

/**
 * A value for one field of a params or query object that the server must refuse once it arrives as
 * text.
 */
function invalidField(
  schema: z.ZodType | undefined,
  name: string,
  base: Record<string, unknown>,
  seed: number,
  receive: (values: Record<string, unknown>) => Reception,
): { value: unknown; sent: string | string[]; reason: string } | undefined {
  const field = schema ? fieldSchema(schema, name) : undefined
  if (!schema || !field) return undefined
  // Where the rest arrives as the server reads it, the whole part tells; else the field alone must
  // refuse.
  const whole = schema.safeParse(receive(base).parsed).success
  for (let attempt = 0; attempt < INVALID_ATTEMPTS; attempt++) {
    const invalid = fakeInvalid(field, { seed: seedOf(seed, name, attempt) })
    if (!invalid) continue
    const received = receive({ ...base, [name]: invalid.value })
    const value = received.sent[name]
    if (
      value === undefined ||
      UNSENDABLE_SEGMENTS.has(value as string) ||
      (Array.isArray(value) && value.length === 0)
    )
      continue
    const refused = whole
      ? !schema.safeParse(received.parsed).success
      : !field.safeParse(received.parsed[name]).success
    if (refused) return { value: invalid.value, sent: value, reason: invalid.reason }
  }
  return undefined
}

function invalidQuery(operation: Operation, base: RequestInput, seed: number) {
  const schema = requestPartSchema(operation, 'query')
  for (const name of schema ? (objectKeys(schema) ?? []) : []) {
    const invalid = invalidField(schema, name, base.query, seed, queryReception(operation))
    if (invalid) return { name, ...invalid }
  }
  return undefined
}

function validBody(
  operation: Operation,
  seed: number,
  pool: IdPool,
  identity: Identity | undefined,
): unknown {
  const body = requestBodyOf(operation)
  if (!body?.schema) return body?.required ? examplesOf(body)[0]?.value : undefined
  const schema = body.schema
  const fakeBody = (attempt: number) =>
    asJsonReceived(
      fake(schema, { seed: attempt === 0 ? seed : seedOf(seed, 'body', attempt), examples: false }),
    )
  const value = carriesJson(body.type) ? fakeBody(0) : asTextFields(schema, fakeBody)
  const withIds = substituteIds(value, pool)
  const valid = body.schema.safeParse(withIds).success ? withIds : value
  return ownRecordBody(operation, valid, identity)
}

/** A body for an update of the caller's own record keeps the credentials the run knows. */
export function ownRecordBody(
  operation: Operation,
  body: unknown,
  identity: Identity | undefined,
): unknown {
  const schema = requestBodyOf(operation)?.schema
  if (!identity || !schema || !isOwnRecordChange(operation)) return body
  return keepIdentity(schema, body, identity) ?? body
}

/** Replaces fields named like a known id (`cartId`, `productId`) with ids the run has met. */
// A body field that refers to another record by its id (`productId`, `customer_id`), not one of its
// own.
const REFERENCE_FIELD = /(^|[a-z0-9_])(Id|ID|_id)$/

function substituteIds(value: unknown, pool: IdPool): unknown {
  if (Array.isArray(value)) return value.map((item) => substituteIds(item, pool))
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => {
      const known = isIdValue(field) && REFERENCE_FIELD.test(key) ? pool.take(key) : undefined
      return [
        key,
        known !== undefined && typeof known === typeof field ? known : substituteIds(field, pool),
      ]
    }),
  )
}

function withoutEmptyLists(
  operation: Operation,
  part: RequestPart,
  seed: number,
): Record<string, unknown> {
  const schema = requestPartSchema(operation, part)
  if (!schema) return {}
  return asTextFields(schema, (attempt) =>
    fakePart(operation, part, attempt === 0 ? seed : seedOf(seed, part, attempt)),
  ) as Record<string, unknown>
}

/**
 * Fields for a query or a form body, which travel as text, where an empty list is no field at all:
 * an optional empty list is left out (as the server will read it), and values with a required one
 * are faked again.
 */
function asTextFields(schema: z.ZodType, fakeAt: (attempt: number) => unknown): unknown {
  const emptyLists = (value: unknown) =>
    typeof value === 'object' && value !== null
      ? Object.keys(value).filter(
          (key) =>
            Array.isArray((value as Record<string, unknown>)[key]) &&
            ((value as Record<string, unknown[]>)[key] ?? []).length === 0,
        )
      : []
  const isOptional = (key: string) => {
    const field = fieldSchema(schema, key)
    return field !== undefined && inspectSchema(field).optional
  }
  let value = fakeAt(0)
  for (let attempt = 1; attempt < PATH_ATTEMPTS && !emptyLists(value).every(isOptional); attempt++)
    value = fakeAt(attempt)
  const dropped = new Set(emptyLists(value).filter(isOptional))
  return dropped.size === 0
    ? value
    : Object.fromEntries(
        Object.entries(value as Record<string, unknown>).filter(([key]) => !dropped.has(key)),
      )
}

function fakePart(operation: Operation, part: RequestPart, seed: number): Record<string, unknown> {
  const schema = requestPartSchema(operation, part)
  if (!schema) return {}
  const value = fake(schema, { seed, examples: false }) as unknown
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
}

function fieldExamples(operation: Operation, part: RequestPart): Record<string, unknown> {
  const schema = requestPartSchema(operation, part)
  return schema ? fieldExamplesOf(schema) : {}
}

/** The examples of an object schema's fields, by field name (fields without one are left out). */
function fieldExamplesOf(schema: z.ZodType): Record<string, unknown> {
  return Object.fromEntries(
    (objectKeys(schema) ?? []).flatMap((name) => {
      const field = fieldSchema(schema, name)
      const example = field ? exampleOf(field) : undefined
      return example ? [[name, example.value]] : []
    }),
  )
}

function schemaExample(schema: z.ZodType | undefined): { name: string; value: unknown }[] {
  const example = schema ? exampleFromSchema(schema) : undefined
  return example ? [{ name: 'schema', value: example.value }] : []
}

/**
 * The schema's own example, else one put together from the examples of its fields (when that
 * parses).
 */
export function exampleFromSchema(schema: z.ZodType): { value: unknown } | undefined {
  const own = exampleOf(schema)
  if (own) return own
  const fields = fieldExamplesOf(schema)
  if (Object.keys(fields).length === 0 || !schema.safeParse(fields).success) return undefined
  return { value: fields }
}

function uniqueExamples(
  examples: { name: string; value: unknown }[],
): { name: string; value: unknown }[] {
  const seen = new Set<string>()
  return examples.filter((example) => {
    const key = JSON.stringify(example.value)
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** Header values as text: lists joined with `, `, objects in their style (`k,v`). */
function headerValues(
  operation: Operation,
  values: Record<string, unknown>,
): Record<string, string> {
  const styled = styledParams(requestPartSchema(operation, 'headers'), 'header')
  return Object.fromEntries(
    Object.entries(asReceived(values)).map(([name, value]) => [
      name,
      Array.isArray(value)
        ? value.join(', ')
        : styled.has(name)
          ? paramText(name, values[name], styled)
          : value,
    ]),
  )
}

function cookieHeader(
  operation: Operation,
  values: Record<string, unknown>,
): Record<string, string> {
  const styled = styledParams(requestPartSchema(operation, 'cookies'), 'cookie')
  const pairs = Object.entries(asReceived(values)).map(
    ([name, value]) =>
      `${name}=${encodeURIComponent(styled.has(name) ? paramText(name, values[name], styled) : String(value))}`,
  )
  return pairs.length === 0 ? {} : { cookie: pairs.join('; ') }
}

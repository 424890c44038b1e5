import type { z } from 'zod'
import type { Operation } from '../contract/types.ts'
import { inspectSchema } from '../fake/index.ts'
import { requiresAuth } from './operation-parts.ts'

// The account a run acts as, and what keeps it usable: an update of the caller's own record (`PUT
// /user`, `PATCH /me`) sends back the email, username and password the run knows, so the
// credentials still work afterwards, and the caller's own record is not deleted (unless the run may
// be destructive).

/** Fields a login takes or an account is found by: changing them can lock the run out. */
/** Fields that log a caller in: a run leaves them as they are on the caller's own record. */
export const CREDENTIAL_FIELD =
  /^(e-?mail(_?address)?|user_?name|login|handle|password|passwd|phone(_?number)?)$/i
const MAX_DEPTH = 3

/**
 * The values of the account the run acts as, by field name in lower case (`email`, `username`,
 * `password`).
 */
export type Identity = Map<string, string>

/**
 * The last segment of a path that names the caller's own record: `/user`, `/me`, `/users/me`,
 * `/account`.
 */
const OWN_RECORD_SEGMENT = /^(me|my|self|user|account|profile|current[-_]?user|whoami)$/i

/**
 * An operation on the caller's own record: secured, with no path parameter to name another one, a
 * path that ends in `user`, `me`, `account` or the like, and a method that changes or removes it
 * (`PUT /user`, `PATCH /me`, `DELETE /account`).
 */
export function isOwnRecordChange(operation: Operation): boolean {
  const last = operation.path.split('/').filter(Boolean).at(-1) ?? ''
  return (
    requiresAuth(operation) &&
    operation.pathParams.length === 0 &&
    OWN_RECORD_SEGMENT.test(last) &&
    ['put', 'patch', 'delete'].includes(operation.method)
  )
}

/**
 * Adds the credential fields of a login request, its answer or a read of one's own record (through
 * envelopes), first value wins.
 */
export function learnIdentity(identity: Identity, body: unknown, depth = 0): void {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || depth > MAX_DEPTH) return
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string' && CREDENTIAL_FIELD.test(key) && !identity.has(key.toLowerCase()))
      identity.set(key.toLowerCase(), value)
    else learnIdentity(identity, value, depth + 1)
  }
}

/**
 * The body with every credential field set to the value the run knows, and left out where it does
 * not know one and the field is optional; undefined when that would break the schema (the body is
 * sent as it was).
 *
 * @example
 * keepIdentity(schema, { user: { email: 'x@y.z', bio: 'hi' } }, new Map([['email', 'jake@example.com']])) // { user: { email: 'jake@example.com', bio: 'hi' } }
 */
export function keepIdentity(schema: z.ZodType, body: unknown, identity: Identity): unknown {
  const kept = pinned(schema, body, identity)
  return schema.safeParse(kept).success ? kept : undefined
}

/**
 * An invalid body that keeps the credentials the run knows everywhere but where it is broken: the
 * invalid email stays invalid, the password beside it is the known one, so a backend that wrongly
 * accepts the body does not lock the account out.
 */
export function keepIdentityExceptBroken(
  schema: z.ZodType,
  body: unknown,
  identity: Identity,
): unknown {
  const all = pinned(schema, body, identity)
  if (!schema.safeParse(all).success) return all
  for (const broken of identity.keys()) {
    const kept = pinned(schema, body, identity, broken)
    if (!schema.safeParse(kept).success) return kept
  }
  return body
}

function pinned(
  schema: z.ZodType | undefined,
  value: unknown,
  identity: Identity,
  broken?: string,
): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value
  const info = schema ? inspectSchema(schema) : undefined
  const shape = info?.kind === 'object' ? info.shape : {}
  const entries = Object.entries(value).flatMap(([key, field]): [string, unknown][] => {
    if (key.toLowerCase() === broken) return [[key, field]]
    if (!CREDENTIAL_FIELD.test(key) || typeof field !== 'string')
      return [[key, pinned(shape[key], field, identity, broken)]]
    const known = identity.get(key.toLowerCase())
    if (known !== undefined) return [[key, known]]
    const fieldSchema = shape[key]
    return fieldSchema && inspectSchema(fieldSchema).optional ? [] : [[key, field]]
  })
  return Object.fromEntries(entries)
}

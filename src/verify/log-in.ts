import type { Operation } from '../contract/types.ts'
import { seedOf } from '../fake/index.ts'
import { carriesCredentials } from './auth.ts'
import type { Credentials } from './credentials.ts'
import { exampleFromSchema, validInput } from './generate-cases.ts'
import { examplesOf, requestBodyOf } from './operation-parts.ts'
import type { RequestInput } from './request-input.ts'
import { EMPTY_INPUT } from './request-input.ts'
import { generated, runCase, type RunContext } from './run-case.ts'
import {
  credentialsForToken,
  findLoginOperation,
  findRegistrationOperation,
  tokenOf,
} from './tokens.ts'
import type { CaseResult } from './types.ts'
import { learnIdentity } from './identity.ts'

const HEADER_HINT = "Pass --header 'Authorization: Bearer ${TOKEN}' to test them with credentials."

type Found = { credentials: Credentials; cases: CaseResult[] }

/**
 * Finds credentials for secured operations: the user's headers when they carry some; else the token
 * a login operation answers its contract example with (`POST /auth/login` with the example email
 * and password, found in the answer's envelope: `user.token`); else the token a registration
 * answers a new account with. Returns those requests as setup cases, and says what it did in the
 * run's notes.
 */
export async function logIn(
  context: RunContext,
  userHeaders: Record<string, string>,
): Promise<Found> {
  const base = context.credentials
  if (carriesCredentials(userHeaders, context.contract, base.query)) {
    const given = [
      ...Object.keys(userHeaders),
      ...Object.keys(base.query).map((name) => `?${name}`),
    ]
    context.notes.push(
      `Credentials: from the headers and query given (${given.join(', ')}), shown as \${VAR} or ***.`,
    )
    return { credentials: base, cases: [] }
  }
  const cases: CaseResult[] = []
  for (const attempt of [logInWithExample, register]) {
    const found = await attempt(context, cases)
    if (found) return { credentials: merged(base, found.credentials), cases }
    if (context.health.stopped) break
  }
  if (context.contract.operations.some((op) => op.security.length > 0))
    context.notes.push(
      `Credentials: none found, so secured operations are only tested for refusing requests without them. ${HEADER_HINT}`,
    )
  return { credentials: base, cases }
}

/** The login operation with its contract example. */
async function logInWithExample(
  context: RunContext,
  cases: CaseResult[],
): Promise<{ credentials: Credentials } | undefined> {
  const login = findLoginOperation(context.contract)
  const body = login && requestBodyOf(login)
  const example = body
    ? (examplesOf(body)[0] ?? (body.schema ? exampleFromSchema(body.schema) : undefined))
    : undefined
  if (!login || !example) return undefined
  const input = { ...EMPTY_INPUT, body: { json: example.value } }
  return tokenFrom(
    context,
    cases,
    login,
    input,
    'log in with the contract example',
    'logged in with the contract example of',
  )
}

/** A new account, from a registration operation whose answer carries a token. */
async function register(
  context: RunContext,
  cases: CaseResult[],
): Promise<{ credentials: Credentials } | undefined> {
  const registration = findRegistrationOperation(context.contract)
  if (!registration) return undefined
  const seed = seedOf(context.seed, registration.operationId, 'register')
  const input = generated(
    context,
    registration,
    () => validInput(registration, seed, context.pool),
    undefined,
  )
  return (
    input &&
    tokenFrom(
      context,
      cases,
      registration,
      input,
      'register a new account',
      'registered a new account with',
    )
  )
}

async function tokenFrom(
  context: RunContext,
  cases: CaseResult[],
  operation: Operation,
  input: RequestInput,
  name: string,
  how: string,
): Promise<{ credentials: Credentials } | undefined> {
  const outcome = await runCase(context, operation, {
    kind: 'setup',
    name,
    seed: context.seed,
    input,
    auth: 'valid',
  })
  cases.push(outcome.result)
  const token = tokenOf(outcome.body)
  const credentials = token === undefined ? undefined : credentialsForToken(context.contract, token)
  const where = `${operation.operationId} (${operation.method.toUpperCase()} ${operation.path})`
  if (!credentials) {
    if (!context.health.stopped)
      context.notes.push(
        `Credentials: ${where} gave no usable token (status ${outcome.response?.status ?? 'none'}).`,
      )
    return undefined
  }
  context.notes.push(`Credentials: ${how} ${where}; the token is shown as ***.`)
  learnIdentity(context.identity, input.body && 'json' in input.body ? input.body.json : undefined)
  learnIdentity(context.identity, outcome.body)
  return { credentials }
}

function merged(base: Credentials, found: Credentials): Credentials {
  return {
    headers: { ...base.headers, ...found.headers },
    shown: { ...base.shown, ...found.shown },
    query: { ...base.query, ...found.query },
    secrets: [...base.secrets, ...found.secrets],
  }
}

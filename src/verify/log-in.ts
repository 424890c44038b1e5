import { carriesCredentials, credentialsForToken, findLoginOperation, tokenOf } from './auth.ts'
import type { Credentials } from './credentials.ts'
import { exampleFromSchema } from './generate-cases.ts'
import { examplesOf, requestBodyOf } from './operation-parts.ts'
import { EMPTY_INPUT } from './request-input.ts'
import { runCase, type RunContext } from './run-case.ts'
import type { CaseResult } from './types.ts'

const HEADER_HINT = "Pass --header 'Authorization: Bearer ${TOKEN}' to test them with credentials."

/**
 * Finds credentials for secured operations: the user's headers when they carry some, else the token a
 * login operation returns for its contract example (`POST /auth/login` with the example email and
 * password). Returns the login request as a setup case, and says what it did in the run's notes.
 */
export async function logIn(context: RunContext, userHeaders: Record<string, string>): Promise<{ credentials: Credentials; cases: CaseResult[] }> {
  const base = context.credentials
  if (carriesCredentials(userHeaders, context.contract, context.credentials.query)) {
    const given = [...Object.keys(userHeaders), ...Object.keys(context.credentials.query).map((name) => `?${name}`)]
    context.notes.push(`Credentials: from the headers and query given (${given.join(', ')}), shown as \${VAR} or ***.`)
    return { credentials: base, cases: [] }
  }
  const login = findLoginOperation(context.contract)
  const example = login && requestBodyOf(login)
  const body = example ? (examplesOf(example)[0] ?? (example.schema ? exampleFromSchema(example.schema) : undefined)) : undefined
  if (!login || !body) {
    if (context.contract.operations.some((op) => op.security.length > 0)) context.notes.push(`Credentials: none found, so secured operations are only tested for refusing requests without them. ${HEADER_HINT}`)
    return { credentials: base, cases: [] }
  }
  const plan = { kind: 'setup' as const, name: 'log in with the contract example', seed: context.seed, input: { ...EMPTY_INPUT, body: { json: body.value } }, auth: 'valid' as const }
  const outcome = await runCase(context, login, plan)
  const token = tokenOf(outcome.body)
  const fromToken = token === undefined ? undefined : credentialsForToken(context.contract, token)
  const where = `${login.operationId} (${login.method.toUpperCase()} ${login.path})`
  if (!fromToken) {
    if (context.health.stopped) return { credentials: base, cases: [outcome.result] }
    context.notes.push(`Credentials: ${where} with its contract example gave no usable token (status ${outcome.response?.status ?? 'none'}). ${HEADER_HINT}`)
    return { credentials: base, cases: [outcome.result] }
  }
  context.notes.push(`Credentials: logged in with the contract example of ${where}; the token is shown as ***.`)
  const credentials = { headers: { ...base.headers, ...fromToken.headers }, shown: { ...base.shown, ...fromToken.shown }, query: { ...base.query, ...fromToken.query }, secrets: [...base.secrets, ...fromToken.secrets] }
  return { credentials, cases: [outcome.result] }
}

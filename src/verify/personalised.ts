import type { Operation } from '../contract/types.ts'
import { issue } from './issues.ts'
import { requiresAuth, takesCredentials } from './operation-parts.ts'
import { isSuccess, type RunContext } from './run-case.ts'
import type { CaseResult } from './types.ts'

/**
 * Where credentials are optional, a forged token may be refused or ignored (the answer an anonymous
 * caller gets) but not taken for the real user. A read whose answer to the real token differs from
 * the anonymous one (`following: true`, `favorited: true`) shows which the backend did: a forged
 * token that gets the real user's answer is `accepted_forged_credentials`. Marks those forged
 * cases, in place.
 */
export function markPersonalisedForgeries(
  context: RunContext,
  operation: Operation,
  cases: CaseResult[],
): void {
  if (
    operation.method !== 'get' ||
    !takesCredentials(operation) ||
    requiresAuth(operation) ||
    !context.enabled('accepted_forged_credentials')
  )
    return
  const anonymous = cases.find(
    (found) => found.kind === 'auth' && found.name === 'no credentials' && isSuccess(found),
  )
  const real =
    anonymous &&
    cases.find(
      (found) =>
        found.kind === 'valid' && found.request.url === anonymous.request.url && isSuccess(found),
    )
  if (!anonymous || !real || sameAnswer(real, anonymous)) return
  for (const forged of cases) {
    if (
      forged.kind !== 'auth' ||
      !forged.name.startsWith('forged credentials') ||
      forged.request.url !== real.request.url ||
      !sameAnswer(forged, real)
    )
      continue
    forged.issues.push(
      issue(
        'accepted_forged_credentials',
        `Answered ${forged.response?.status} to credentials that were never issued as it answers the real user: the same body as with the real token, not the one an anonymous caller gets.`,
      ),
    )
    forged.ok = false
  }
}

function sameAnswer(a: CaseResult, b: CaseResult): boolean {
  return a.response?.status === b.response?.status && a.response?.body === b.response?.body
}

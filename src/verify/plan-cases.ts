import type { Operation } from '../contract/types.ts'
import {
  authCases,
  type CasePlan,
  type GenerateContext,
  negativeCases,
  positiveCases,
} from './generate-cases.ts'
import { strategyCases } from './strategies.ts'

/**
 * The cases for one operation, in order: the contract's examples, faker-valid inputs (seeded), the
 * strategies of a careful tester (src/verify/strategies.ts), inputs
 * that break the schema (must get a 4xx), and missing or malformed credentials (must get 401/403).
 * Path parameters and id fields use ids the run has met when it has them.
 *
 * @example
 * planCases(getOperation(contract, 'addCartItem'), { seed: 1, examples: 3, pool })
 */
export function planCases(operation: Operation, context: GenerateContext): CasePlan[] {
  return withoutRepeats([
    ...positiveCases(operation, context),
    ...strategyCases(operation, context),
    ...negativeCases(operation, context),
    ...authCases(operation, context),
  ])
}

/**
 * One case per distinct request and credentials: a strategy that comes to a request already planned
 * adds nothing.
 */
function withoutRepeats(plans: CasePlan[]): CasePlan[] {
  const seen = new Set<string>()
  return plans.filter((plan) => {
    const signature = JSON.stringify([plan.input, plan.auth, plan.forgery])
    if (seen.has(signature)) return false
    seen.add(signature)
    return true
  })
}

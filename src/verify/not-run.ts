import type { RunHealth } from './run-case.ts'
import type { OperationResult, SequenceResult } from './types.ts'

/** The code of a run stopped by its time limit (`--max-duration`). */
export const TIME_LIMIT_CODE = 'max_duration'

/** Why what a stopped run had not reached was not run. */
export function notRunReason(stopped: NonNullable<RunHealth['stopped']>): string {
  return stopped.code === TIME_LIMIT_CODE
    ? 'not run: the run reached its time limit'
    : `not run: the run stopped when the target did not answer (${stopped.code})`
}

/**
 * Whether an operation or a sequence was left out or never reached: it says why, and sent no
 * request.
 */
export function isNotRun(result: OperationResult | SequenceResult): boolean {
  const sent = 'cases' in result ? result.cases : result.steps
  return result.skipped !== undefined && sent.length === 0
}

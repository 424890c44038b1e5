/** Codes for everything a user of standin can get wrong. */
export type StandinErrorCode =
  | 'USAGE'
  | 'CONTRACT_NOT_FOUND'
  | 'CONTRACT_LOAD_FAILED'
  | 'CONTRACT_INVALID'
  | 'FAKE_UNSUPPORTED'
  | 'FAKE_REFINE_EXHAUSTED'
  | 'FAKER_HINT_INVALID'
  | 'MOCK_INVALID'
  | 'PORT_IN_USE'
  | 'TARGET_UNREACHABLE'
  | 'SPEC_INVALID'
  | 'SPEC_NOT_FOUND'
  | 'STATE_FILE_INVALID'
  | 'PROJECT_NOT_FOUND'
  | 'PACKAGE_JSON_INVALID'
  | 'HAR_NOT_FOUND'
  | 'HAR_INVALID'

/**
 * The one error class for what a user did wrong. Bugs stay plain `Error`s.
 *
 * @example
 * throw new StandinError('CONTRACT_NOT_FOUND', 'No contract file at contracts/index.ts. Pass --contract FILE.')
 */
export class StandinError extends Error {
  override readonly name = 'StandinError'
  readonly code: StandinErrorCode

  constructor(code: StandinErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
  }
}

/**
 * True for a StandinError, also one thrown by a second copy of this module (contracts load in their
 * own module graph).
 */
export function isStandinError(error: unknown): error is StandinError {
  return (
    error instanceof Error &&
    error.name === 'StandinError' &&
    typeof (error as { code?: unknown }).code === 'string'
  )
}

import { isStandinError } from 'standin'

/** The code and message of the StandinError `run` throws; any other outcome fails the test. */
export function standinErrorOf(run: () => unknown): { code: string; message: string } {
  try {
    run()
  } catch (error) {
    if (isStandinError(error)) return { code: error.code, message: error.message }
    throw error
  }
  throw new Error('expected a StandinError')
}

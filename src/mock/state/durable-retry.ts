import { StoreUnavailableError, type StoreCall } from './store.ts'

/** How often and for how long a store call is sent again when its Durable Object could not take it. */
export interface DurableRetryPolicy {
  /** Sends in all, the first one included. */
  attempts: number
  /** The first wait is between half of this and all of it; each next one twice as long. */
  baseDelayMs: number
  /** No wait starts that would end later than this after the first send. */
  maxElapsedMs: number
  /** What the 503 answer's Retry-After says when the calls ran out. */
  retryAfterSeconds: number
}

/** The Worker's policy: a burst of a session's requests drains in well under a second. */
export const DURABLE_RETRY: DurableRetryPolicy = {
  attempts: 6,
  baseDelayMs: 50,
  maxElapsedMs: 5_000,
  retryAfterSeconds: 1,
}

/** Why the Workers runtime said a Durable Object call failed, from the flags it sets on the error. */
type Transient = 'overloaded' | 'retryable'

/**
 * Runs `send` (one store call to a session's Durable Object), sending it again after a growing,
 * random wait while the runtime reports the object overloaded, or the failure retryable and the
 * call safe to repeat. Past the policy's attempts or time it throws a StoreUnavailableError (a 503
 * with Retry-After); errors without those flags are thrown as they are.
 *
 * @example
 * await withDurableRetry('get', () => stub.fetch(url, init))
 */
export async function withDurableRetry<T>(op: StoreCall['op'], send: () => Promise<T>): Promise<T> {
  const policy = DURABLE_RETRY
  const started = Date.now()
  for (let attempt = 1; ; attempt++) {
    try {
      return await send()
    } catch (error) {
      const transient = transientOf(error)
      if (!transient) throw error
      const wait = backoff(policy, attempt)
      const late = Date.now() - started + wait > policy.maxElapsedMs
      if (!maySendAgain(transient, op) || attempt >= policy.attempts || late)
        throw unavailable(error, op, attempt, policy)
      await sleep(wait)
    }
  }
}

function transientOf(error: unknown): Transient | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const flags = error as { overloaded?: unknown; retryable?: unknown }
  if (flags.overloaded === true) return 'overloaded'
  return flags.retryable === true ? 'retryable' : undefined
}

// An overloaded object refused the call before running it, so any call may go again. A retryable
// failure may have reached the object: a `put` is a compare-and-set that, sent twice, would fail
// the second time and make a create store its object under a second id.
function maySendAgain(transient: Transient, op: StoreCall['op']): boolean {
  return transient === 'overloaded' || op !== 'put'
}

// Half fixed, so the sends of one call spread over at least half the window; half random, so the
// calls of a burst do not come back together.
function backoff(policy: DurableRetryPolicy, attempt: number): number {
  const window = policy.baseDelayMs * 2 ** (attempt - 1)
  return Math.round(window / 2 + (Math.random() * window) / 2)
}

function unavailable(
  error: unknown,
  op: StoreCall['op'],
  attempts: number,
  policy: DurableRetryPolicy,
): StoreUnavailableError {
  const reason = error instanceof Error ? error.message : String(error)
  return new StoreUnavailableError(
    `The session's Durable Object did not take the ${op} call (${attempts} ${attempts === 1 ? 'try' : 'tries'}): ${reason}`,
    policy.retryAfterSeconds,
    { cause: error },
  )
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

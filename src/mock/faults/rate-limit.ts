import type { ResolvedRateLimit } from './options.ts'

export interface RateLimiter {
  /** Takes a request's turn: undefined when it may pass, else the seconds until one may. */
  take(): number | undefined
}

/**
 * A token bucket: `requests` at once, refilled evenly over `windowMs` (10/s passes a burst of 10,
 * then one every 100 ms).
 *
 * @example
 * const limiter = createRateLimiter({ requests: 10, windowMs: 1000 })
 * limiter.take() // undefined, or the seconds to wait
 */
export function createRateLimiter(
  limit: ResolvedRateLimit,
  now: () => number = Date.now,
): RateLimiter {
  const perMs = limit.requests / limit.windowMs
  let tokens = limit.requests
  let filledAt = now()
  return {
    take() {
      const time = now()
      tokens = Math.min(limit.requests, tokens + (time - filledAt) * perMs)
      filledAt = time
      if (tokens >= 1) {
        tokens -= 1
        return undefined
      }
      return Math.max(1, Math.ceil((1 - tokens) / perMs / 1000))
    },
  }
}

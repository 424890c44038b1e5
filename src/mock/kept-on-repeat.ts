import { hashString } from '../fake/index.ts'
import type { ResponseCache } from './response-cache.ts'

/** Keys remembered as asked for once, at most; past it all are forgotten. */
const MAX_SEEN = 8192

/**
 * A response cache that keeps an answer from the second time its key comes; the first time only a
 * hash of the key is remembered. Answers asked for once (a new id or search on each request) then
 * never fill the cache, where each would outlive a few garbage collections only to be dropped
 * unread: with 16 MiB of such lists kept, that cost a never-cached list a third of its time.
 *
 * @example
 * const cache = keptOnRepeat(createResponseCache())
 * cache.set('a', rendered) // seen once: not kept
 * cache.set('a', rendered) // kept
 */
export function keptOnRepeat(cache: ResponseCache, maxSeen = MAX_SEEN): ResponseCache {
  const seen = new Set<number>()
  return {
    get: (key) => cache.get(key),
    set(key, rendered) {
      const hash = hashString(key)
      if (seen.has(hash)) return cache.set(key, rendered)
      if (seen.size >= maxSeen) seen.clear()
      seen.add(hash)
    },
    usage: () => cache.usage(),
  }
}

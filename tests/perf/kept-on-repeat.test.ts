import { describe, expect, it } from 'vitest'
import { keptOnRepeat } from '../../src/mock/kept-on-repeat.ts'
import { createResponseCache } from '../../src/mock/response-cache.ts'

const rendered = (body: string) => ({
  status: 200,
  headers: [['content-type', 'application/json']] as Array<[string, string]>,
  body,
})

describe('keptOnRepeat', () => {
  it('keeps an answer the second time its key comes, and none asked for once', () => {
    const cache = keptOnRepeat(createResponseCache())
    for (const key of ['a', 'b', 'c']) cache.set(key, rendered(key))
    expect([cache.get('a'), cache.usage().entries]).toEqual([undefined, 0])
    cache.set('b', rendered('b'))
    expect([cache.get('b')?.body, cache.usage().entries]).toEqual(['b', 1])
  })

  it('forgets the keys it saw once past its limit', () => {
    const cache = keptOnRepeat(createResponseCache(), 2)
    for (const key of ['a', 'b', 'c', 'a']) cache.set(key, rendered(key))
    expect(cache.get('a')).toBeUndefined()
    cache.set('c', rendered('c'))
    expect(cache.get('c')?.body).toBe('c')
  })
})

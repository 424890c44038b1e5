import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createMemoryStore, isStandinError } from 'standin'
import { openFileStore } from '../../src/mock/state/state-file.ts'
import { makeTempDir } from '../support/temp-dir.ts'

const cart = (id: string) => ({ collection: '/carts', key: id, value: { id }, expect: 0 })

async function failure(
  run: () => Promise<unknown> | unknown,
): Promise<{ code: string; message: string }> {
  try {
    await run()
  } catch (error) {
    if (isStandinError(error)) return { code: error.code, message: error.message }
    throw error
  }
  throw new Error('expected a StandinError')
}

describe('the in-memory store', () => {
  it('applies a write only at the version it expects, and counts versions on', async () => {
    const store = createMemoryStore()
    expect(await store.put('s', cart('a'))).toEqual({ ok: true, version: 1 })
    expect(await store.put('s', cart('a'))).toEqual({ ok: false, version: 1 })
    expect(await store.put('s', { ...cart('a'), value: { id: 'a', n: 2 }, expect: 1 })).toEqual({
      ok: true,
      version: 2,
    })
    expect(await store.get('s', '/carts', 'a')).toEqual({
      key: 'a',
      value: { id: 'a', n: 2 },
      version: 2,
      seq: 1,
    })
    expect([
      await store.next('s', '/carts'),
      await store.next('s', '/carts'),
      await store.next('s', '/orders'),
    ]).toEqual([1, 2, 1])
  })

  it('forgets the least recently used session past maxSessions; reading one keeps it', async () => {
    const store = createMemoryStore({ maxSessions: 2 })
    await store.put('first', cart('a'))
    await store.put('second', cart('b'))
    await store.get('first', '/carts', 'a')
    await store.put('third', cart('c'))
    expect([
      await store.info('first'),
      await store.info('second'),
      await store.info('third'),
    ]).toEqual([{ scenario: undefined }, undefined, { scenario: undefined }])
  })

  it('forgets the least recently used objects of a session past maxObjects', async () => {
    const store = createMemoryStore({ maxObjects: 2 })
    await store.put('s', cart('a'))
    await store.put('s', cart('b'))
    await store.get('s', '/carts', 'a')
    await store.put('s', cart('c'))
    expect((await store.list('s', '/carts')).map((entry) => entry.key)).toEqual(['a', 'c'])
  })

  it('starts again from its snapshot', async () => {
    const store = createMemoryStore()
    await store.put('s', cart('a'))
    await store.put('s', { ...cart('a'), value: null, expect: 1 })
    await store.reset('t', 'empty-cart')
    const again = createMemoryStore({ snapshot: JSON.parse(JSON.stringify(store.snapshot())) })
    expect(await again.dump('s')).toEqual({
      session: 's',
      scenario: null,
      objects: {},
      deleted: { '/carts': ['a'] },
    })
    expect(await again.info('t')).toEqual({ scenario: 'empty-cart' })
  })

  it('rejects a cap below 1 naming the option', async () => {
    expect(await failure(() => createMemoryStore({ maxObjects: 0 }))).toEqual({
      code: 'USAGE',
      message: 'The state option maxObjects must be a whole number of at least 1, got 0.',
    })
  })
})

describe('the state file', () => {
  const temp = makeTempDir()
  afterAll(temp.cleanup)

  it('saves after a change, atomically, and a store opened on it has the same sessions', async () => {
    const path = join(temp.dir, 'state.json')
    const file = await openFileStore(path, { debounceMs: 5 })
    await file.store.put('s', cart('a'))
    await file.close()
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
      version: 1,
      sessions: [
        [
          's',
          {
            seq: 1,
            counters: {},
            entries: [{ collection: '/carts', key: 'a', value: { id: 'a' }, version: 1, seq: 1 }],
          },
        ],
      ],
    })
    const reopened = await openFileStore(path)
    expect(await reopened.store.get('s', '/carts', 'a')).toEqual({
      key: 'a',
      value: { id: 'a' },
      version: 1,
      seq: 1,
    })
    await reopened.close()
  })

  it('is a one-line STATE_FILE_INVALID error when it is not a state file', async () => {
    const path = join(temp.dir, 'broken.json')
    writeFileSync(path, '{"version": 1, "sessions": [["s", {"seq": 1}]]}')
    expect(await failure(() => openFileStore(path))).toEqual({
      code: 'STATE_FILE_INVALID',
      message: `${path} is not a standin state file (session 0 is malformed). Delete it, or pass another --state-file.`,
    })
  })
})

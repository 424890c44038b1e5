import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createMemoryStore, isStandinError } from 'standin'
import { dumpBody } from '../../src/mock/state/control.ts'
import { entryBytes } from '../../src/mock/state/session-record.ts'
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

  describe('bounded in bytes', () => {
    // Every entry below is as large as this one: one-letter keys, first writes, seq 1 to 9.
    const padded = (id: string) => ({ ...cart(id), value: { id, pad: 'x'.repeat(200) } })
    const size = entryBytes({
      collection: '/carts',
      key: 'a',
      value: padded('a').value,
      version: 1,
      seq: 1,
    })
    // A session's share is a quarter: three entries; the whole store holds four full sessions.
    const maxStateBytes = 4 * 3 * size

    it('counts an entry as the bytes of its JSON', () => {
      expect(size).toBe(
        JSON.stringify({
          collection: '/carts',
          key: 'a',
          value: padded('a').value,
          version: 1,
          seq: 1,
        }).length,
      )
      expect(entryBytes({ collection: '/é', key: '😀', value: null, version: 1, seq: 1 })).toBe(
        Buffer.byteLength(
          JSON.stringify({ collection: '/é', key: '😀', value: null, version: 1, seq: 1 }),
        ),
      )
    })

    it('forgets whole sessions, least recently used first, past maxStateBytes', async () => {
      const store = createMemoryStore({ maxStateBytes })
      for (const session of ['A', 'B', 'C', 'D'])
        for (const id of ['a', 'b', 'c']) await store.put(session, padded(id))
      await store.get('A', '/carts', 'a')
      await store.put('E', padded('a'))
      const kept = []
      for (const session of ['A', 'B', 'C', 'D', 'E'])
        kept.push((await store.list(session, '/carts')).map((entry) => entry.key).join(''))
      expect(kept).toEqual(['abc', '', 'abc', 'abc', 'a'])
    })

    it('frees the bytes of a session that is reset', async () => {
      const store = createMemoryStore({ maxStateBytes })
      for (const session of ['A', 'B', 'C', 'D'])
        for (const id of ['a', 'b', 'c']) await store.put(session, padded(id))
      await store.reset('A', undefined)
      for (const id of ['a', 'b', 'c']) await store.put('E', padded(id))
      const kept = []
      for (const session of ['A', 'B', 'C', 'D', 'E'])
        kept.push((await store.list(session, '/carts')).map((entry) => entry.key).join(''))
      expect(kept).toEqual(['', 'abc', 'abc', 'abc', 'abc'])
    })

    it("forgets a session's least recently used objects past its quarter share", async () => {
      const store = createMemoryStore({ maxStateBytes })
      for (const id of ['a', 'b', 'c']) await store.put('s', padded(id))
      await store.get('s', '/carts', 'a')
      await store.put('s', padded('d'))
      expect((await store.list('s', '/carts')).map((entry) => entry.key)).toEqual(['a', 'c', 'd'])
    })

    it('counts an updated object at its new size, once', async () => {
      const store = createMemoryStore({ maxStateBytes })
      await store.put('s', cart('a'))
      for (let version = 1; version <= 5; version++)
        await store.put('s', { ...padded('a'), expect: version })
      await store.put('s', padded('b'))
      await store.put('s', padded('c'))
      expect((await store.list('s', '/carts')).map((entry) => entry.key)).toEqual(['a', 'b', 'c'])
    })

    it('refuses an object larger than a session may keep, and stores nothing', async () => {
      const store = createMemoryStore({ maxStateBytes: 4 * 100 })
      expect(await store.put('s', padded('a'))).toEqual({
        ok: false,
        version: 0,
        tooLarge: { bytes: size, limit: 100 },
      })
      expect(await store.info('s')).toEqual({ scenario: undefined })
      expect(await store.list('s', '/carts')).toEqual([])
    })
  })

  it('gives each session a version that changes with what it holds, never back to an earlier one', async () => {
    const store = createMemoryStore({ maxSessions: 2 })
    expect(store.version?.('s')).toBe(0)
    await store.put('s', cart('a'))
    const first = store.version?.('s')
    await store.get('s', '/carts', 'a')
    await store.list('s', '/carts')
    await store.next('s', '/carts')
    await store.put('s', cart('a'))
    expect(store.version?.('s')).toBe(first)
    await store.put('s', { ...cart('a'), value: { id: 'a', n: 2 }, expect: 1 })
    const second = store.version?.('s')
    expect(second).toBeGreaterThan(first ?? 0)
    await store.reset('s', 'empty-cart')
    const third = store.version?.('s')
    expect(third).toBeGreaterThan(second ?? 0)
    await store.reset('s', undefined)
    expect(store.version?.('s')).toBe(0)
    await store.put('s', cart('b'))
    await store.put('t', cart('c'))
    await store.put('u', cart('d'))
    expect(store.version?.('s')).toBe(0)
    await store.put('s', cart('a'))
    expect(store.version?.('s')).toBeGreaterThan(third ?? 0)
    const loaded = createMemoryStore({ snapshot: store.snapshot() })
    expect([loaded.version?.('u'), loaded.version?.('s')]).not.toContain(0)
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

  it('appends each change to a log, and a store opened on it has the same sessions', async () => {
    const path = join(temp.dir, 'state.json')
    const file = await openFileStore(path, { debounceMs: 5 })
    await file.store.put('s', cart('a'))
    await file.flush()
    await file.store.put('s', cart('b'))
    await file.store.reset('gone', undefined)
    await file.close()
    expect(readFileSync(path, 'utf8').split('\n')).toEqual([
      '{"standin":"state-log","version":3}',
      '{"s":"s","session":{"seq":1,"counters":{}}}',
      '{"s":"s","put":{"collection":"/carts","key":"a","value":{"id":"a"},"version":1,"seq":1}}',
      '{"s":"s","put":{"collection":"/carts","key":"b","value":{"id":"b"},"version":1,"seq":2}}',
      '{"s":"gone","reset":true}',
      '',
    ])
    const reopened = await openFileStore(path)
    expect(reopened.store.snapshot()).toEqual(file.store.snapshot())
    expect(await reopened.store.get('s', '/carts', 'b')).toEqual({
      key: 'b',
      value: { id: 'b' },
      version: 1,
      seq: 2,
    })
    await reopened.close()
  })

  it('writes only what changed: small changes to sessions of megabytes add little, and all are there after close', async () => {
    const path = join(temp.dir, 'deltas.json')
    const errors: string[] = []
    const file = await openFileStore(path, { debounceMs: 5, onError: (line) => errors.push(line) })
    const sessions = Array.from({ length: 40 }, (_, n) => `big-${n}`)
    const blob = 'x'.repeat(1024 * 1024)
    for (const session of sessions)
      for (const key of ['a', 'b'])
        await file.store.put(session, {
          collection: '/products',
          key,
          value: { id: key, blob },
          expect: 0,
        })
    await file.flush()
    const before = statSync(path).size
    for (let n = 0; n < 400; n++) {
      await file.store.put(sessions[n % sessions.length] as string, cart(`c${n}`))
      if (n % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 6))
    }
    await file.close()
    expect(errors).toEqual([])
    expect(statSync(path).size - before).toBeLessThan(400 * 200)
    const reopened = await openFileStore(path)
    expect(reopened.store.snapshot()).toEqual(file.store.snapshot())
    await reopened.close()
  })

  it('replays stores, deletes, counters, resets and evictions to the same sessions', async () => {
    const path = join(temp.dir, 'replay.json')
    const caps = { maxSessions: 3, maxObjects: 4 }
    const file = await openFileStore(path, { ...caps, debounceMs: 1 })
    // mulberry32, seeded: the same steps on every run.
    let state = 7
    const random = (n: number) => {
      state = (state + 0x6d2b79f5) | 0
      let t = Math.imul(state ^ (state >>> 15), 1 | state)
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
      return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n)
    }
    for (let step = 0; step < 300; step++) {
      const session = `s${random(4)}`
      const key = `k${random(8)}`
      const action = random(20)
      if (action === 0) await file.store.reset(session, random(2) === 0 ? 'busy' : undefined)
      else if (action === 1) await file.store.next(session, '/carts')
      else {
        const current = await file.store.get(session, '/carts', key)
        const value = action === 2 ? null : { id: key, step }
        await file.store.put(session, {
          collection: '/carts',
          key,
          value,
          expect: current?.version ?? 0,
        })
      }
      if (step % 50 === 0) await file.flush()
    }
    await file.close()
    const reopened = await openFileStore(path, caps)
    const sorted = (snapshot: ReturnType<typeof file.store.snapshot>) =>
      Object.fromEntries(
        snapshot.sessions.map(([id, session]) => [
          id,
          { ...session, entries: [...session.entries].sort((a, b) => a.seq - b.seq) },
        ]),
      )
    expect(sorted(reopened.store.snapshot())).toEqual(sorted(file.store.snapshot()))
    await reopened.close()
  })

  it('writes the whole state anew when its file is deleted while it runs', async () => {
    const path = join(temp.dir, 'deleted.json')
    const file = await openFileStore(path, { debounceMs: 1 })
    await file.store.put('s', cart('a'))
    await file.flush()
    rmSync(path)
    await file.store.put('s', cart('b'))
    await file.close()
    const reopened = await openFileStore(path)
    expect((await reopened.store.list('s', '/carts')).map((found) => found.key)).toEqual(['a', 'b'])
    await reopened.close()
  })

  it('after a torn last line, appends its next change on a line of its own', async () => {
    const path = join(temp.dir, 'torn-changes.json')
    const entry = (key: string) =>
      `{"collection":"/carts","key":"${key}","value":{"id":"${key}"},"version":1,"seq":1}`
    writeFileSync(
      path,
      [
        '{"standin":"state-log","version":3}',
        `{"s":"s","put":${entry('a')}}`,
        `{"s":"s","put":{"collection":"/carts","key":"b","val`,
      ].join('\n'),
    )
    const file = await openFileStore(path, { debounceMs: 1 })
    expect(await file.store.dump('s')).toMatchObject({ objects: { '/carts': [{ id: 'a' }] } })
    await file.store.put('s', cart('c'))
    await file.close()
    const reopened = await openFileStore(path)
    expect((await reopened.store.list('s', '/carts')).map((found) => found.key)).toEqual(['a', 'c'])
    await reopened.close()
  })

  it('rewrites the log once it holds more than twice what the sessions do', async () => {
    const path = join(temp.dir, 'rewritten.json')
    const file = await openFileStore(path, { debounceMs: 1 })
    const blob = 'y'.repeat(100_000)
    for (let version = 0; version < 40; version++) {
      await file.store.put('s', {
        collection: '/carts',
        key: 'a',
        value: { id: 'a', blob, version },
        expect: version,
      })
      await file.flush()
    }
    await file.close()
    expect(statSync(path).size).toBeLessThan(2 * 100_000 + 1024 * 1024 + 100_000)
    const reopened = await openFileStore(path)
    expect((await reopened.store.get('s', '/carts', 'a'))?.value).toEqual({
      id: 'a',
      blob,
      version: 39,
    })
    await reopened.close()
  })

  it('reads the sessions log of before, ignoring a torn last save', async () => {
    const path = join(temp.dir, 'torn.json')
    writeFileSync(
      path,
      [
        '{"standin":"state-log","version":2}',
        '{"s":"s","g":1,"entries":[{"collection":"/carts","key":"a","value":{"id":"a"},"version":1,"seq":1}]}',
        '{"s":"s","g":1,"parts":1,"seq":1,"counters":{}}',
        '{"s":"s","g":2,"entries":[{"collection":"/carts","key":"a","value":{"id":"a"},"version":1,"seq":1}]}',
        '{"s":"s","g":2,"parts":2,"seq":2,"counters":{}}',
        '{"s":"s","g":3,"entries":[{"collection":"/carts","key":"a","value":{"id":"a"},"vers',
      ].join('\n'),
    )
    const file = await openFileStore(path)
    expect(file.store.snapshot().sessions).toEqual([
      [
        's',
        {
          seq: 1,
          counters: {},
          entries: [{ collection: '/carts', key: 'a', value: { id: 'a' }, version: 1, seq: 1 }],
        },
      ],
    ])
    await file.close()
  })

  it('reads the single-JSON file of earlier versions and rewrites it as a log', async () => {
    const path = join(temp.dir, 'old.json')
    const entry = { collection: '/carts', key: 'a', value: { id: 'a' }, version: 1, seq: 1 }
    const session = { seq: 1, counters: { '/carts': 1 }, entries: [entry] }
    writeFileSync(path, JSON.stringify({ version: 1, sessions: [['s', session]] }))
    const file = await openFileStore(path)
    expect(file.store.snapshot()).toEqual({ version: 1, sessions: [['s', session]] })
    await file.close()
    expect(readFileSync(path, 'utf8').split('\n')[0]).toBe('{"standin":"state-log","version":3}')
    const reopened = await openFileStore(path)
    expect(reopened.store.snapshot()).toEqual({ version: 1, sessions: [['s', session]] })
    await reopened.close()
  })

  it('removes the temporary files earlier processes left behind', async () => {
    const folder = join(temp.dir, 'stale')
    mkdirSync(folder)
    writeFileSync(join(folder, 'state.json.999999999.tmp'), '{"standin":')
    writeFileSync(join(folder, 'other.json.999999999.tmp'), 'not ours')
    const file = await openFileStore(join(folder, 'state.json'))
    expect(readdirSync(folder)).toEqual(['other.json.999999999.tmp'])
    await file.close()
  })

  it('reports a save that fails once per cause, and in saving()', async () => {
    const folder = join(temp.dir, 'vanishing')
    mkdirSync(folder)
    const errors: string[] = []
    const path = join(folder, 'state.json')
    const file = await openFileStore(path, { debounceMs: 1, onError: (line) => errors.push(line) })
    rmSync(folder, { recursive: true })
    writeFileSync(folder, 'a file where the folder was')
    await file.store.put('s', cart('a'))
    await file.flush()
    await file.store.put('s', cart('b'))
    await file.flush()
    const message = `Could not save the state to ${path}: ENOTDIR: not a directory, open '${path}.${process.pid}.tmp'. The mock keeps serving from memory and tries again every second.`
    expect(errors).toEqual([message])
    expect(file.store.saving?.()).toEqual({ ok: false, error: message })
    rmSync(folder)
    mkdirSync(folder)
    await file.store.put('s', cart('c'))
    await file.flush()
    expect(file.store.saving?.()).toEqual({ ok: true })
    expect(errors).toEqual([message, `Saving the state to ${path} again.`])
    await file.close()
    expect((await openFileStore(path)).store.snapshot().sessions[0]?.[1].entries.length).toBe(3)
  })

  it('holds no changes in memory while saving fails, and saves them all once it can again', async () => {
    const folder = join(temp.dir, 'missing')
    const path = join(folder, 'state.json')
    const errors: string[] = []
    const file = await openFileStore(path, { debounceMs: 1, onError: (line) => errors.push(line) })
    const blob = 'z'.repeat(10_000)
    for (let n = 0; n < 300; n++) {
      await file.store.put(`s${n % 3}`, { ...cart(`c${n}`), value: { id: `c${n}`, blob } })
      if (n % 50 === 0) await file.flush()
    }
    expect(file.store.saving?.().ok).toBe(false)
    expect(file.backlog()).toBe(0)
    mkdirSync(folder)
    await file.store.put('s0', cart('last'))
    await file.close()
    expect(errors.at(-1)).toBe(`Saving the state to ${path} again.`)
    const reopened = await openFileStore(path)
    expect(reopened.store.snapshot()).toEqual(file.store.snapshot())
    expect((await reopened.store.list('s0', '/carts')).length).toBe(101)
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

describe('the body of GET /__standin/state', () => {
  const dump = {
    session: 'a"b',
    scenario: null,
    objects: { '/carts': [{ id: '1', n: 'é' }, { id: '2' }], '/orders': [{ id: 'o' }] },
    deleted: { '/carts': ['3'] },
  }

  it('is the dump as one JSON string while it is short', () => {
    expect(dumpBody(dump)).toBe(JSON.stringify(dump))
  })

  it('is a stream of the same bytes past the longest string it builds', async () => {
    const body = dumpBody(dump, 10)
    expect(body).toBeInstanceOf(ReadableStream)
    expect(await new Response(body).text()).toBe(JSON.stringify(dump))
  })
})

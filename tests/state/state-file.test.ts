import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { type ServeProcess, startServe } from '../mock/serve-process.ts'
import { makeTempDir } from '../support/temp-dir.ts'

// Seeded kills per run: 4 by default to keep npm test within its time, STATE_FILE_KILLS=20 for more.
const KILLS = Number(process.env.STATE_FILE_KILLS ?? 4)
const token = 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl'

/** A small seeded generator (mulberry32), so that the kill moments are the same on every run. */
function seeded(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function request(mock: ServeProcess, session: string, method: string, path: string) {
  return fetch(`${mock.url}${path}`, {
    method,
    headers: { 'X-Standin-Session': session, Authorization: token },
  })
}

async function cartIds(mock: ServeProcess, session: string): Promise<string[]> {
  const state = await (await request(mock, session, 'GET', '/__standin/state')).json()
  return (state.objects['/carts'] ?? []).map((cart: { id: string }) => cart.id)
}

/** Creates carts in the sessions, a few at a time, until `stop()` or the process dies. */
function writeStorm(mock: ServeProcess, sessions: string[]) {
  let running = true
  const created = new Map<string, string[]>(sessions.map((session) => [session, []]))
  const worker = async (session: string) => {
    while (running) {
      const response = await request(mock, session, 'POST', '/carts').catch(() => undefined)
      if (response?.status !== 201) return
      created.get(session)!.push(((await response.json()) as { id: string }).id)
    }
  }
  const workers = sessions.flatMap((session) => [worker(session), worker(session)])
  return {
    created,
    stop: async () => {
      running = false
      await Promise.all(workers)
    },
  }
}

describe('standin serve --state-file under crashes and shutdowns', () => {
  const temp = makeTempDir()
  afterAll(temp.cleanup)
  const sessions = ['amy', 'ben', 'cy']

  it(`never leaves a file that does not load, nor a temporary file, after ${KILLS} kill -9 during a write storm`, async () => {
    const folder = join(temp.dir, 'killed')
    mkdirSync(folder)
    const file = join(folder, 'state.json')
    const random = seeded(16)
    const kept = new Map<string, number>(sessions.map((session) => [session, 0]))
    for (let kill = 0; kill < KILLS; kill++) {
      const mock = await startServe(['--state-file', file, '--quiet'])
      expect(readdirSync(folder).filter((name) => name !== 'state.json')).toEqual([])
      for (const session of sessions) {
        const ids = await cartIds(mock, session)
        expect(new Set(ids).size).toBe(ids.length)
        expect(ids.length).toBeGreaterThanOrEqual(kept.get(session)!)
        kept.set(session, ids.length)
      }
      const storm = writeStorm(mock, sessions)
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.floor(random() * 700)))
      expect(await mock.stop('SIGKILL')).toBe(null)
      await storm.stop()
    }
    const last = await startServe(['--state-file', file, '--quiet'])
    expect(readdirSync(folder)).toEqual(['state.json'])
    expect(await last.stop()).toBe(0)
  }, 180_000)

  it('saves the pending changes at SIGTERM, exits 0, and the next start has them', async () => {
    const file = join(temp.dir, 'term.json')
    const first = await startServe(['--state-file', file, '--quiet'])
    const storm = writeStorm(first, sessions)
    await new Promise((resolve) => setTimeout(resolve, 300))
    await storm.stop()
    expect(await first.stop('SIGTERM')).toBe(0)
    expect(first.stderr()).toBe('')
    const second = await startServe(['--state-file', file, '--quiet'])
    try {
      for (const session of sessions)
        expect(await cartIds(second, session)).toEqual(storm.created.get(session))
    } finally {
      await second.stop()
    }
  }, 60_000)

  it('reports a save that fails once, on stderr and at GET /__standin/state, and keeps serving', async () => {
    const folder = join(temp.dir, 'vanishing')
    mkdirSync(folder)
    const file = join(folder, 'state.json')
    const mock = await startServe(['--state-file', file, '--quiet'])
    try {
      rmSync(folder, { recursive: true })
      writeFileSync(folder, 'a file where the folder was')
      expect((await request(mock, 'amy', 'POST', '/carts')).status).toBe(201)
      const message = `Could not save the state to ${file}: ENOTDIR: not a directory, open '${file}.${mock.child.pid}.tmp'. The mock keeps serving from memory and tries again every second.`
      await mock.waitFor((_out, err) => err.includes(message))
      // Two more attempts (one a second) fail the same way and say nothing new.
      await new Promise((resolve) => setTimeout(resolve, 2500))
      expect((await request(mock, 'amy', 'POST', '/carts')).status).toBe(201)
      const state = await (await request(mock, 'amy', 'GET', '/__standin/state')).json()
      expect(state.saving).toEqual({ ok: false, error: message })
      expect(Object.keys(state)).toEqual(['session', 'scenario', 'objects', 'deleted', 'saving'])
      expect(mock.stderr()).toBe(`${message}\n`)
    } finally {
      await mock.stop()
    }
  }, 60_000)

  it('loads a file in the single-JSON format of earlier versions', async () => {
    const file = join(temp.dir, 'old.json')
    const cart = { id: 'c1', items: [], total: 0, currency: 'EUR' }
    const entry = { collection: '/carts', key: 'c1', value: cart, version: 1, seq: 1 }
    const session = { seq: 1, counters: { '/carts': 1 }, entries: [entry] }
    writeFileSync(file, JSON.stringify({ version: 1, sessions: [['old', session]] }))
    const mock = await startServe(['--state-file', file, '--quiet'])
    try {
      expect(await (await request(mock, 'old', 'GET', '/__standin/state')).json()).toEqual({
        session: 'old',
        scenario: null,
        objects: { '/carts': [cart] },
        deleted: {},
        saving: { ok: true },
      })
    } finally {
      await mock.stop()
    }
  }, 60_000)
})

import { describe, expect, it } from 'vitest'
import { createMemoryStore, createMockApp, createRoute, defineContract, z } from 'standin'

// A stored object is checked against each schema that shows it once; reads after that check only
// the envelope around it. The item schema counts how often zod runs it; each read asks with another
// `v`, so each envelope (its generated `requestId`) and each answer's text is new.
let itemChecks = 0
const Note = z.object({ id: z.uuid(), text: z.string().max(2000) }).refine(() => ++itemChecks > 0)
const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } })
const params = z.object({ noteId: z.uuid() })
const query = z.object({ v: z.string().optional() })
const Page = z.object({
  data: z.object({ notes: z.array(Note), count: z.int() }),
  requestId: z.uuid(),
})

const notes = defineContract({
  info: { title: 'Notes', version: '1.0.0' },
  routes: {
    listNotes: createRoute({
      method: 'get',
      path: '/notes',
      request: { query },
      responses: { 200: { description: 'A page.', ...json(Page) } },
    }),
    createNote: createRoute({
      method: 'post',
      path: '/notes',
      request: { body: { required: true, ...json(z.object({ text: z.string().max(2000) })) } },
      responses: { 201: { description: 'Made.', ...json(Note) } },
    }),
    getNote: createRoute({
      method: 'get',
      path: '/notes/{noteId}',
      request: { params, query },
      responses: {
        200: { description: 'It.', ...json(z.object({ note: Note, requestId: z.uuid() })) },
        404: { description: 'None.' },
      },
    }),
  },
})

describe('stored objects are checked once, not on every read', () => {
  it('answers lists and reads of a stored object without checking it again, the answers fitting the contract', async () => {
    const app = createMockApp(notes, {
      seed: 3,
      cache: false,
      stateful: { store: createMemoryStore() },
    })
    const headers = { 'X-Standin-Session': 'once', 'content-type': 'application/json' }
    const created = await app.fetch(
      new Request('http://mock/notes', {
        method: 'POST',
        headers,
        body: JSON.stringify({ text: 'Buy oat milk' }),
      }),
    )
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as { id: string }
    const read = async (path: string) => {
      const response = await app.fetch(new Request(`http://mock${path}`, { headers }))
      return { status: response.status, body: (await response.json()) as Record<string, unknown> }
    }
    // The first list and the first read check the stored note against the schemas showing it.
    const firstList = await read('/notes?v=0')
    const firstRead = await read(`/notes/${id}?v=0`)
    const afterFirstReads = itemChecks
    const lists = []
    const reads = []
    for (let n = 1; n <= 10; n++) {
      lists.push(await read(`/notes?v=${n}`))
      reads.push(await read(`/notes/${id}?v=${n}`))
    }
    expect(itemChecks).toBe(afterFirstReads)
    const note = { id, text: 'Buy oat milk' }
    for (const answer of [firstList, ...lists]) {
      expect(answer.status).toBe(200)
      expect((answer.body.data as { notes: unknown[] }).notes).toEqual([note])
      expect(Page.safeParse(answer.body).success).toBe(true)
    }
    for (const answer of [firstRead, ...reads]) {
      expect(answer.status).toBe(200)
      expect(answer.body.note).toEqual(note)
      expect(z.uuid().safeParse(answer.body.requestId).success).toBe(true)
    }
    // Each envelope is new: ten reads, ten request ids.
    expect(new Set(reads.map((answer) => answer.body.requestId)).size).toBe(10)
  })
})

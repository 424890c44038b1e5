import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createMockApp } from 'standin'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import shop from '../../contracts/index.ts'
import { createHarRecorder } from '../../src/proxy/har.ts'
import { createReplayer } from '../../src/proxy/replay.ts'
import { type ServeProcess, startServe } from '../mock/serve-process.ts'
import { makeTempDir } from '../support/temp-dir.ts'
import { allBytes, exchange, grinder } from './exchanges.ts'

const origin = 'http://127.0.0.1:4010'
const productId = grinder.id
const otherProductId = '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d'
/** JSON as a backend wrote it: its own spacing, a character outside ASCII. */
const recordedProduct = `{ "id" : "${productId}",  "name": "Mühle" }\n`

const product = exchange({
  url: `${origin}/products/${productId}`,
  responseHeaders: [
    ['Content-Type', 'application/json; charset=utf-8'],
    ['Content-Length', '999'],
    ['Content-Encoding', 'gzip'],
    ['Transfer-Encoding', 'chunked'],
    ['Connection', 'keep-alive'],
    ['ETag', '"v7"'],
    ['Set-Cookie', 'a=1'],
    ['Set-Cookie', 'b=2'],
  ],
  responseBody: recordedProduct,
})

async function bytesOf(response: Response | undefined): Promise<Uint8Array> {
  return new Uint8Array(await response!.arrayBuffer())
}

describe('createReplayer', () => {
  it('answers a recorded request with its status, headers and bytes', async () => {
    const replay = createReplayer(shop, [product])
    const response = await replay(new Request(`${origin}/products/${productId}`))
    expect(response?.status).toBe(200)
    expect([...response!.headers]).toEqual([
      ['content-type', 'application/json; charset=utf-8'],
      ['etag', '"v7"'],
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
    ])
    expect(await bytesOf(response)).toEqual(new TextEncoder().encode(recordedProduct))
  })

  it('leaves a request it has no recording for to the mock', async () => {
    const replay = createReplayer(shop, [product])
    expect(await replay(new Request(`${origin}/products/${otherProductId}`))).toBeUndefined()
    expect(
      await replay(new Request(`${origin}/products/${productId}`, { method: 'DELETE' })),
    ).toBeUndefined()
    expect(await replay(new Request(`${origin}/categories`))).toBeUndefined()
  })

  it('matches path parameters decoded and query parameters in any order', async () => {
    const replay = createReplayer(shop, [
      exchange({
        url: `${origin}/products?sort=price&q=caf%C3%A9+cr%C3%A8me&page=2`,
        responseBody: '{"page":2}',
      }),
    ])
    const reordered = await replay(
      new Request(`${origin}/products?page=2&q=caf%C3%A9%20cr%C3%A8me&sort=price`),
    )
    expect(await reordered?.text()).toBe('{"page":2}')
    expect(
      await replay(new Request(`${origin}/products?page=3&q=caf%C3%A9+cr%C3%A8me&sort=price`)),
    ).toBeUndefined()
    expect(await replay(new Request(`${origin}/products?sort=price&page=2`))).toBeUndefined()
  })

  it('matches a JSON body by its value, and any other body by its bytes', async () => {
    const replay = createReplayer(shop, [
      exchange({
        method: 'POST',
        url: `${origin}/products`,
        requestBody: '{"name":"Mühle","tags":["a","b"]}',
        status: 201,
        responseBody: '{"created":"json"}',
      }),
      exchange({
        method: 'POST',
        url: `${origin}/products`,
        requestBody: allBytes,
        status: 201,
        responseBody: '{"created":"bytes"}',
      }),
    ])
    const post = (body: BodyInit) => new Request(`${origin}/products`, { method: 'POST', body })
    expect(await (await replay(post('{ "tags": ["a", "b"],\n "name": "Mühle" }')))?.text()).toBe(
      '{"created":"json"}',
    )
    expect(await (await replay(post(allBytes)))?.text()).toBe('{"created":"bytes"}')
    expect(await replay(post('{"name":"Mühle","tags":["b","a"]}'))).toBeUndefined()
    expect(await replay(post(allBytes.slice(1)))).toBeUndefined()
  })

  it('leaves the body of a request it does not answer readable', async () => {
    const replay = createReplayer(shop, [
      exchange({ method: 'POST', url: `${origin}/products`, requestBody: '{"a":1}', status: 201 }),
    ])
    const request = new Request(`${origin}/products`, { method: 'POST', body: '{"a":2}' })
    expect(await replay(request)).toBeUndefined()
    expect(await request.text()).toBe('{"a":2}')
  })

  it('gives a request recorded several times its answers in recorded order, then the last again', async () => {
    const cart = (startedAt: string, body: string) =>
      exchange({ url: `${origin}/carts/c1`, startedAt, responseBody: body })
    const replay = createReplayer(shop, [
      cart('2026-12-01T10:00:02Z', '{"items":2}'),
      cart('2026-12-01T10:00:01Z', '{"items":1}'),
    ])
    const answers = []
    for (let i = 0; i < 3; i++)
      answers.push(await (await replay(new Request(`${origin}/carts/c1`)))?.text())
    expect(answers).toEqual(['{"items":1}', '{"items":2}', '{"items":2}'])
  })

  it('warns once of recordings the contract has no operation for, and answers the rest', async () => {
    const lines: string[] = []
    const replay = createReplayer(
      shop,
      [
        exchange({ url: `${origin}/v2/orders`, operationId: 'listOrdersV2' }),
        exchange({ url: `${origin}/nowhere`, method: 'PATCH' }),
        product,
      ],
      { warn: (line) => lines.push(line) },
    )
    expect(lines).toEqual([
      'The recording has requests the contract has no operation for (listOrdersV2, PATCH /nowhere); they are not replayed.',
    ])
    expect((await replay(new Request(`${origin}/products/${productId}`)))?.status).toBe(200)
  })

  it('adds the mock’s CORS headers for a browser', async () => {
    const replay = createReplayer(shop, [product], { cors: '*' })
    const response = await replay(
      new Request(`${origin}/products/${productId}`, {
        headers: { Origin: 'http://localhost:5173' },
      }),
    )
    expect(response?.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
  })

  it('answers in front of the mock app, which answers the rest', async () => {
    const app = createMockApp(shop)
    const replay = createReplayer(shop, [product])
    const fetch = async (request: Request) => (await replay(request)) ?? app.fetch(request)
    expect(await (await fetch(new Request(`${origin}/products/${productId}`))).text()).toBe(
      recordedProduct,
    )
    const mocked = await fetch(new Request(`${origin}/products/${otherProductId}`))
    expect(mocked.headers.get('x-standin-mock')).toBe('stateless')
  })
})

describe('standin serve --replay', () => {
  let temp: ReturnType<typeof makeTempDir>
  let server: ServeProcess

  beforeAll(async () => {
    temp = makeTempDir()
    const recorder = createHarRecorder()
    recorder.add(product)
    recorder.add(exchange({ url: `${origin}/v2/orders`, operationId: 'listOrdersV2' }))
    writeFileSync(join(temp.dir, 'session.har'), JSON.stringify(recorder.har()))
    server = await startServe(['--replay', join(temp.dir, 'session.har')])
  })

  afterAll(async () => {
    await server?.stop()
    temp?.cleanup()
  })

  it('answers a recorded request with the recorded bytes and says so in its log line', async () => {
    const response = await fetch(`${server.url}/products/${productId}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('etag')).toBe('"v7"')
    expect(response.headers.get('content-encoding')).toBeNull()
    expect(await bytesOf(response)).toEqual(new TextEncoder().encode(recordedProduct))
    await server.waitFor((out) => out.includes(`GET /products/${productId} 200 `))
    expect(server.stdout()).toMatch(
      new RegExp(`GET /products/${productId} 200 \\d+ms \\(replayed\\)\\n`),
    )
  })

  it('answers the rest from the mock', async () => {
    const response = await fetch(`${server.url}/products/${otherProductId}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('x-standin-mock')).toBe('stateless')
    expect((await response.json()).id).toBe(otherProductId)
    await server.waitFor((out) => out.includes(`GET /products/${otherProductId} 200 `))
    expect(server.stdout()).not.toMatch(new RegExp(`${otherProductId} 200 \\d+ms \\(replayed\\)`))
  })

  it('warns of operations the contract does not have, and serves anyway', () => {
    expect(server.stderr()).toContain(
      'The recording has requests the contract has no operation for (listOrdersV2); they are not replayed.\n',
    )
  })
})

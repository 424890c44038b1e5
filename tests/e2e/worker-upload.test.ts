import type { Socket } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { chunkedRequest, exchange, openConnection, plainRequest } from '../support/raw-http.ts'
import { type RunningWorker, startWorker } from '../support/worker.ts'

const token = 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl'

describe('an oversized chunked upload to the Worker (wrangler dev, workerd)', () => {
  let worker: RunningWorker
  const sockets: Socket[] = []
  beforeAll(async () => {
    worker = await startWorker()
  }, 120_000)
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.destroy()
  })
  afterAll(() => worker?.dispose())

  async function connection() {
    const socket = await openConnection(worker.url)
    sockets.push(socket)
    return socket
  }
  const host = () => `Host: ${new URL(worker.url).host}\r\nX-Standin-Session: uploads`
  const createCart = () => plainRequest(`POST /carts HTTP/1.1\r\n${host()}`)
  const readProducts = () => plainRequest(`GET /products?pageSize=1 HTTP/1.1\r\n${host()}`)
  const oversized = () =>
    chunkedRequest(
      `POST /products HTTP/1.1\r\n${host()}\r\nAuthorization: ${token}\r\nContent-Type: application/json`,
      2 * 1024 * 1024,
    )

  it('answers it with a 413 problem, and the same connection then serves a POST and a GET', async () => {
    const socket = await connection()
    const refused = await exchange(socket, oversized())
    expect([refused.status, refused.headers['content-type'], JSON.parse(refused.body)]).toEqual([
      413,
      'application/problem+json',
      {
        type: 'https://standin.dev/problems/payload-too-large',
        title: 'Content Too Large',
        status: 413,
        detail: 'The request body is larger than the mock accepts (1048576 bytes).',
      },
    ])
    expect((await exchange(socket, createCart())).status).toBe(201)
    expect((await exchange(socket, readProducts())).status).toBe(200)
  }, 60_000)

  it('leaves new connections working: a GET and a POST right after it', async () => {
    expect((await exchange(await connection(), oversized())).status).toBe(413)
    expect((await exchange(await connection(), readProducts())).status).toBe(200)
    expect((await exchange(await connection(), createCart())).status).toBe(201)
  }, 60_000)
})

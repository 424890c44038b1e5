import type { Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createTransport, type Exchange, sendWithFetch } from '../../src/verify/transport.ts'
import { closedPort, closeTcpServers, tcpServer } from '../support/tcp-server.ts'

afterEach(closeTcpServers)

async function send(target: string, timeoutMs = 300): Promise<Exchange> {
  const transport = createTransport(target, { timeoutMs })
  try {
    return await transport.send({
      method: 'GET',
      path: '/products',
      headers: { accept: 'application/json' },
    })
  } finally {
    transport.close()
  }
}

function failure(exchange: Exchange): { code: string; message: string } | undefined {
  return exchange.ok ? undefined : { code: exchange.code, message: exchange.message }
}

describe('createTransport (base URL)', () => {
  it('reads status, lower-case headers and the body of a real HTTP answer', async () => {
    const target = await tcpServer((socket) =>
      socket.end(
        'HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nX-Trace: a\r\nContent-Length: 2\r\n\r\n{}',
      ),
    )
    const exchange = await send(target)
    expect(
      exchange.ok && {
        status: exchange.response.status,
        type: exchange.response.headers['content-type'],
        trace: exchange.response.headers['x-trace'],
        text: exchange.response.text,
      },
    ).toEqual({
      status: 201,
      type: 'application/json',
      trace: 'a',
      text: '{}',
    })
  })

  it('reports a server that never answers as timeout', async () => {
    const target = await tcpServer(() => {})
    expect(failure(await send(target, 200))).toEqual({
      code: 'timeout',
      message: 'No complete response within 200 ms.',
    })
  })

  it('reports a server that sends headers and then stalls in the body as timeout', async () => {
    const target = await tcpServer((socket) =>
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{"a":'),
    )
    expect(failure(await send(target, 200))?.code).toBe('timeout')
  })

  it('reports a reset connection as connection_reset', async () => {
    const target = await tcpServer((socket) => socket.resetAndDestroy())
    expect(failure(await send(target))).toEqual({
      code: 'connection_reset',
      message: 'The connection was reset: read ECONNRESET.',
    })
  })

  it('reports a connection closed without an answer as connection_reset', async () => {
    const target = await tcpServer((socket) => socket.destroy())
    expect(failure(await send(target))).toEqual({
      code: 'connection_reset',
      message: 'The connection was reset: socket hang up.',
    })
  })

  it('reports an answer that is not HTTP as invalid_response', async () => {
    const target = await tcpServer((socket) => socket.end('garbage\r\n\r\n'))
    expect(failure(await send(target))?.code).toBe('invalid_response')
    expect(failure(await send(target))?.message).toMatch(
      /^The answer is not valid HTTP: Parse Error/,
    )
  })

  it('reports a closed port as unreachable', async () => {
    const target = await closedPort()
    expect(failure(await send(target))).toEqual({
      code: 'unreachable',
      message: expect.stringMatching(
        /^Could not connect: connect ECONNREFUSED 127\.0\.0\.1:\d+\.$/,
      ),
    })
  })
})

describe('createTransport (in-process handler)', () => {
  it('passes method, path, query, headers and body to the handler', async () => {
    const transport = createTransport(
      async (request) =>
        Response.json({
          method: request.method,
          url: request.url,
          type: request.headers.get('content-type'),
          body: await request.text(),
        }),
      { timeoutMs: 1000 },
    )
    const exchange = await transport.send({
      method: 'POST',
      path: '/carts/1/items?x=1',
      headers: { 'content-type': 'application/json' },
      body: '{"quantity":2}',
    })
    expect(exchange.ok && JSON.parse(exchange.response.text)).toEqual({
      method: 'POST',
      url: 'http://localhost/carts/1/items?x=1',
      type: 'application/json',
      body: '{"quantity":2}',
    })
  })

  it('reports a handler that never settles as timeout and aborts its request', async () => {
    let signal: AbortSignal | undefined
    const transport = createTransport(
      (request) => {
        signal = request.signal
        return new Promise<Response>(() => {})
      },
      { timeoutMs: 50 },
    )
    const exchange = await transport.send({ method: 'GET', path: '/', headers: {} })
    expect(failure(exchange)).toEqual({
      code: 'timeout',
      message: 'No complete response within 50 ms.',
    })
    expect(signal?.aborted).toBe(true)
  })

  it('reports a handler that throws as invalid_response', async () => {
    const transport = createTransport(
      () => {
        throw new Error('database is down')
      },
      { timeoutMs: 1000 },
    )
    expect(failure(await transport.send({ method: 'GET', path: '/', headers: {} }))).toEqual({
      code: 'invalid_response',
      message: 'The handler threw instead of answering: database is down',
    })
  })
})

describe('sendWithFetch (for runtimes without node:http)', () => {
  const get = (target: string, timeoutMs = 300) =>
    sendWithFetch(
      new URL(`${target}/products`),
      { method: 'GET', path: '/products', headers: {} },
      { timeoutMs },
    )

  it('reads a real HTTP answer', async () => {
    const target = await tcpServer((socket) =>
      socket.end(
        'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n[]',
      ),
    )
    const exchange = await get(target)
    expect(
      exchange.ok && { status: exchange.response.status, text: exchange.response.text },
    ).toEqual({ status: 200, text: '[]' })
  })

  it.each([
    ['hangs', () => {}, 'timeout'],
    ['resets the connection', (socket: Socket) => socket.resetAndDestroy(), 'connection_reset'],
    ['closes without an answer', (socket: Socket) => socket.destroy(), 'connection_reset'],
    ['answers garbage', (socket: Socket) => socket.end('garbage\r\n\r\n'), 'invalid_response'],
  ] as const)(
    'gives the same code as node:http when the server %s',
    async (_what, behave, code) => {
      const found = failure(await get(await tcpServer(behave), 200))
      expect(found?.code, found?.message).toBe(code)
    },
  )
})

describe('the run signal (its time limit)', () => {
  const request = { method: 'GET', path: '/products', headers: {} }
  const abandoned = {
    code: 'timeout',
    message: 'Abandoned: the run reached its time limit before an answer came.',
  }
  const hangingTargets = [
    ['node:http', () => tcpServer(() => {})],
    ['an in-process handler', async () => () => new Promise<Response>(() => {})],
  ] as const

  it.each(hangingTargets)(
    'abandons a request in flight over %s when it aborts, and sends none after',
    async (_what, hanging) => {
      const run = new AbortController()
      const transport = createTransport(await hanging(), { timeoutMs: 10_000, signal: run.signal })
      setTimeout(() => run.abort(), 50)
      const inFlight = failure(await transport.send(request))
      const after = failure(await transport.send(request))
      transport.close()
      expect({ inFlight, after }).toEqual({ inFlight: abandoned, after: abandoned })
    },
  )

  it('abandons a request in flight over fetch when it aborts', async () => {
    const run = new AbortController()
    const target = await tcpServer(() => {})
    setTimeout(() => run.abort(), 50)
    const exchange = await sendWithFetch(new URL(`${target}/products`), request, {
      timeoutMs: 10_000,
      signal: run.signal,
    })
    expect(failure(exchange)).toEqual(abandoned)
  })
})

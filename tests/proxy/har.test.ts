import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Contract } from '../../src/contract/types.ts'
import { readHarFile, writeHarFile } from '../../src/node/har-file.ts'
import { createHarRecorder, readHar } from '../../src/proxy/har.ts'
import { standinErrorOf } from '../support/standin-error.ts'
import { allBytes, exchange, grinder } from './exchanges.ts'

describe('HAR round trip', () => {
  const exchanges = [
    exchange({
      url: 'https://shop.example.com/products/0d9a2c4e-6f1b-4a3c-8e5d-7b9f1a2c3d4e?fields=name&fields=price',
      operationId: 'getProduct',
      responseBody: JSON.stringify(grinder),
    }),
    exchange({
      method: 'PUT',
      url: 'https://shop.example.com/files/logo.png',
      requestHeaders: [['Content-Type', 'image/png']],
      requestBody: allBytes,
      responseHeaders: [['Content-Type', 'application/octet-stream']],
      responseBody: allBytes.slice().reverse(),
      source: 'mock',
    }),
    exchange({
      method: 'POST',
      url: 'https://shop.example.com/notes',
      requestBody: '\uFEFFGrüße ☕',
      status: 204,
      statusText: 'No Content',
      responseHeaders: [],
      responseBody: new Uint8Array(0),
    }),
    exchange({ method: 'DELETE', url: 'https://shop.example.com/notes/1', responseHeaders: [] }),
  ]

  it('reads back every exchange it wrote, bytes exact', () => {
    const recorder = createHarRecorder()
    for (const recorded of exchanges) recorder.add(recorded)
    expect(readHar(JSON.stringify(recorder.har()))).toEqual(exchanges)
  })

  it('writes UTF-8 bodies as text and other bytes as base64', () => {
    const recorder = createHarRecorder()
    for (const recorded of exchanges) recorder.add(recorded)
    const [json, binary, text] = recorder.har().log.entries
    expect(json?.response.content).toEqual({
      size: JSON.stringify(grinder).length,
      mimeType: 'application/json',
      text: JSON.stringify(grinder),
    })
    expect(binary?.request.postData).toEqual({
      mimeType: 'image/png',
      text: Buffer.from(allBytes).toString('base64'),
      encoding: 'base64',
    })
    expect(binary?.response.content.encoding).toBe('base64')
    expect(text?.request.postData).toEqual({ mimeType: '', text: '\uFEFFGrüße ☕' })
    expect(text?.request.bodySize).toBe(14)
  })

  it('writes the fields of HAR 1.2 and standin’s own', () => {
    const recorder = createHarRecorder()
    recorder.add(exchanges[0]!)
    const har = recorder.har()
    expect(har.log.version).toBe('1.2')
    expect(har.log.creator.name).toBe('standin')
    const { request, response, ...entry } = har.log.entries[0]!
    expect(entry).toEqual({
      startedDateTime: '2026-12-01T10:00:00.000Z',
      time: 12,
      cache: {},
      timings: { send: 0, wait: 12, receive: 0 },
      _standin: { operationId: 'getProduct', source: 'backend' },
    })
    expect(request).toEqual({
      method: 'GET',
      url: 'https://shop.example.com/products/0d9a2c4e-6f1b-4a3c-8e5d-7b9f1a2c3d4e?fields=name&fields=price',
      httpVersion: 'HTTP/1.1',
      headers: [],
      queryString: [
        { name: 'fields', value: 'name' },
        { name: 'fields', value: 'price' },
      ],
      cookies: [],
      headersSize: -1,
      bodySize: 0,
    })
    expect(response.redirectURL).toBe('')
    expect(response.headers).toEqual([{ name: 'Content-Type', value: 'application/json' }])
  })

  it('writes a HAR file whole, and reads it back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'standin-har-'))
    try {
      const recorder = createHarRecorder()
      for (const recorded of exchanges) recorder.add(recorded)
      await writeHarFile(join(dir, 'session.har'), recorder.har())
      expect(await readHarFile('session.har', dir)).toEqual(exchanges)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('reading what is not HAR', () => {
  it.each([
    ['{"log":', 'recording.har is not HAR: it is not JSON (Unexpected end of JSON input).'],
    ['{"entries":[]}', 'recording.har is not HAR: it has no log.entries list.'],
    [
      '{"log":{"entries":[{"startedDateTime":"2026-12-01T10:00:00Z","request":{"method":"GET","headers":[]},"response":{"status":200,"headers":[],"content":{}}}]}}',
      'recording.har is not HAR: entry 1 has no request.url.',
    ],
    [
      '{"log":{"entries":[{"startedDateTime":"2026-12-01T10:00:00Z","request":{"method":"GET","url":"http://x/","headers":[]},"response":{"status":200,"headers":[],"content":{"text":"@@","encoding":"base64"}}}]}}',
      'recording.har is not HAR: entry 1 has response.content.text that is not base64.',
    ],
  ])('refuses %s with HAR_INVALID', (text, message) => {
    expect(standinErrorOf(() => readHar(text, 'recording.har'))).toEqual({
      code: 'HAR_INVALID',
      message,
    })
  })

  it('reads a browser’s HAR, which has no _standin field, as answers from the backend', () => {
    const text = JSON.stringify({
      log: {
        version: '1.2',
        entries: [
          {
            startedDateTime: '2026-12-01T10:00:00.000Z',
            time: 3.5,
            request: {
              method: 'GET',
              url: 'http://x/a',
              headers: [],
              postData: { mimeType: 'x', params: [] },
            },
            response: {
              status: 200,
              statusText: 'OK',
              headers: [],
              content: { size: 2, mimeType: 'text/plain', text: 'hi' },
            },
          },
        ],
      },
    })
    expect(readHar(text)).toEqual([
      {
        startedAt: new Date('2026-12-01T10:00:00.000Z'),
        durationMs: 3.5,
        operationId: undefined,
        source: 'backend',
        request: { method: 'GET', url: 'http://x/a', headers: [], body: undefined },
        response: {
          status: 200,
          statusText: 'OK',
          headers: [],
          body: new TextEncoder().encode('hi'),
        },
      },
    ])
  })

  it('says when there is no file', async () => {
    await expect(readHarFile('missing.har', tmpdir())).rejects.toMatchObject({
      code: 'HAR_NOT_FOUND',
      message: 'No HAR file at missing.har. Check the path.',
    })
  })
})

describe('secrets in a recording', () => {
  const contract: Pick<Contract, 'securitySchemes'> = {
    securitySchemes: {
      shopKey: { type: 'apiKey', in: 'header', name: 'X-Shop-Key' },
      queryKey: { type: 'apiKey', in: 'query', name: 'key' },
    },
  }
  const secrets = {
    password: 'correct horse battery',
    issuedToken: 'issued-later-token-xyz',
    sessionCookie: 'sess-cookie-value-42',
    apiKeyHeader: 'shop-key-secret-77',
    apiKeyQuery: 'query-key-0001',
    formSecret: 'form-secret-555',
    proxyBasic: 'cHJveHk6c2VjcmV0',
    earlyToken: 'early-token-value-1234',
  }
  const exchanges = [
    // Mentions a token before the answer that issues it.
    exchange({
      url: 'https://shop.example.com/orders',
      requestHeaders: [['Authorization', `Bearer ${secrets.earlyToken}`]],
      responseBody: JSON.stringify({ note: `next: ${secrets.issuedToken}` }),
    }),
    exchange({
      method: 'POST',
      url: 'https://shop.example.com/auth/login',
      requestHeaders: [['Content-Type', 'application/json']],
      requestBody: JSON.stringify({ email: 'ada@example.com', password: secrets.password }),
      responseHeaders: [
        ['Content-Type', 'application/json'],
        ['Set-Cookie', `session=${secrets.sessionCookie}; Path=/; HttpOnly`],
      ],
      responseBody: JSON.stringify({ accessToken: secrets.issuedToken, tokenType: 'Bearer' }),
    }),
    exchange({
      url: `https://shop.example.com/customers/me?key=${secrets.apiKeyQuery}&page=2`,
      requestHeaders: [
        ['Authorization', `Bearer ${secrets.issuedToken}`],
        ['Cookie', `session=${secrets.sessionCookie}; theme=dark`],
        ['X-Shop-Key', secrets.apiKeyHeader],
        ['Proxy-Authorization', `Basic ${secrets.proxyBasic}`],
      ],
      responseBody: JSON.stringify({
        seen: [secrets.apiKeyHeader, secrets.apiKeyQuery, secrets.issuedToken],
      }),
    }),
    exchange({
      method: 'POST',
      url: 'https://shop.example.com/oauth/token',
      requestHeaders: [['Content-Type', 'application/x-www-form-urlencoded']],
      requestBody: `grant_type=client_credentials&client_secret=${secrets.formSecret}`,
      responseBody: JSON.stringify({ echo: secrets.formSecret }),
    }),
  ]

  function recordedText(): string {
    const recorder = createHarRecorder({ contract })
    for (const recorded of exchanges) recorder.add(recorded)
    return JSON.stringify(recorder.har(), null, 2)
  }

  it.each(Object.entries(secrets))('keeps the %s out of the file', (_, secret) => {
    const text = recordedText()
    expect(text).not.toContain(secret)
    expect(text).not.toContain(encodeURIComponent(secret))
  })

  it('masks credential headers, cookies and API keys in place', () => {
    const [first, login, me, form] = readHar(recordedText())
    expect(first?.request.headers).toEqual([['Authorization', 'Bearer ***']])
    expect(new TextDecoder().decode(first?.response.body)).toBe('{"note":"next: ***"}')
    expect(new TextDecoder().decode(login?.request.body)).toBe(
      '{"email":"ada@example.com","password":"***"}',
    )
    expect(login?.response.headers[1]).toEqual(['Set-Cookie', 'session=***; Path=/; HttpOnly'])
    expect(me?.request.url).toBe('https://shop.example.com/customers/me?key=***&page=2')
    expect(me?.request.headers).toEqual([
      ['Authorization', 'Bearer ***'],
      ['Cookie', 'session=***; theme=***'],
      ['X-Shop-Key', '***'],
      ['Proxy-Authorization', 'Basic ***'],
    ])
    expect(new TextDecoder().decode(form?.request.body)).toBe(
      'grant_type=client_credentials&client_secret=***',
    )
  })

  it('writes the masked cookies and query into HAR’s own lists', () => {
    const recorder = createHarRecorder({ contract })
    for (const recorded of exchanges) recorder.add(recorded)
    const [, login, me] = recorder.har().log.entries
    expect(login?.response.cookies).toEqual([{ name: 'session', value: '***' }])
    expect(me?.request.cookies).toEqual([
      { name: 'session', value: '***' },
      { name: 'theme', value: '***' },
    ])
    expect(me?.request.queryString).toEqual([
      { name: 'key', value: '***' },
      { name: 'page', value: '2' },
    ])
  })

  it('masks a secret in entries written before it was learned', () => {
    const recorder = createHarRecorder({ contract })
    recorder.add(exchanges[0]!)
    expect(JSON.stringify(recorder.har())).toContain(secrets.issuedToken)
    recorder.add(exchanges[1]!)
    expect(JSON.stringify(recorder.har())).not.toContain(secrets.issuedToken)
  })
})

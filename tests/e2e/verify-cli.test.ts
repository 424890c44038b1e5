import { readFileSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { serve, type ServerType } from '@hono/node-server'
import { afterAll, describe, expect, it } from 'vitest'
import { createShopBackend, type ShopBug } from '../../examples/shop-backend/index.ts'
import { runCli } from '../support/run-cli.ts'
import { makeTempDir } from '../support/temp-dir.ts'

const servers: (ServerType | ReturnType<typeof createServer>)[] = []
const reports = makeTempDir()
afterAll(async () => {
  for (const server of servers) if ('closeAllConnections' in server) server.closeAllConnections()
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))))
  reports.cleanup()
})

/** A server on 127.0.0.1 at a free port that answers with `handle`. */
async function serveWith(
  handle: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<number> {
  const server = createServer(handle)
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}

/** An API with a login that issues tokens and a secured read, as an OpenAPI document. */
const ECHO_SPEC = JSON.stringify({
  openapi: '3.0.3',
  info: { title: 'Echo', version: '1.0.0' },
  components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  paths: {
    '/login': {
      post: {
        operationId: 'login',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['user'],
                properties: { user: { type: 'string', enum: ['ada'] } },
              },
              example: { user: 'ada' },
            },
          },
        },
        responses: {
          200: {
            description: 'Tokens.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['token'],
                  properties: { token: { type: 'string' }, refresh_token: { type: 'string' } },
                },
              },
            },
          },
        },
      },
    },
    '/me': {
      get: {
        operationId: 'getMe',
        security: [{ bearer: [] }],
        responses: {
          200: {
            description: 'Me.',
            content: { 'application/json': { schema: { type: 'object' } } },
          },
          401: { description: 'No token.' },
        },
      },
    },
  },
})

/** A JSON Web Token, as a login issues it. */
const ISSUED_JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZGEiLCJyb2xlIjoib3duZXIifQ.Qm9vZ2llV29vZ2llU2lnbmF0dXJlMTIz'
const REFRESH_TOKEN = 'Rf7-Kq2wXz9pLm4vNt'

/**
 * The Echo API: the login answers ISSUED_JWT and REFRESH_TOKEN; the read fails with 500 and the
 * Authorization header it got after 100 bytes of padding, so that a 14-character token crosses the
 * 120 characters a message quotes.
 */
function echoBackend(request: IncomingMessage, response: ServerResponse): void {
  request.resume()
  request.on('end', () => {
    if (request.url === '/login') {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ token: ISSUED_JWT, refresh_token: REFRESH_TOKEN }))
      return
    }
    response.writeHead(500, { 'content-type': 'text/plain' })
    response.end(`${'.'.repeat(100)}${request.headers.authorization ?? ''}`)
  })
}

/** Pieces of four characters of `secret` that `text` shows. */
function piecesShown(text: string, secret: string): string[] {
  return Array.from({ length: secret.length - 3 }, (_, start) =>
    secret.slice(start, start + 4),
  ).filter((piece) => text.includes(piece))
}

/** The reference backend on 127.0.0.1 at a free port, as a real process would serve it. */
async function serveBackend(bugs: ShopBug[] = []): Promise<string> {
  const app = createShopBackend({ bugs, logError: () => {} })
  return new Promise((resolve) => {
    const server = serve(
      { fetch: app.fetch, hostname: '127.0.0.1', port: 0 },
      (info: AddressInfo) => resolve(`http://127.0.0.1:${info.port}`),
    )
    servers.push(server)
  })
}

describe('standin verify (the command line, against a real server)', () => {
  it('exits 0 for the reference backend and writes a JUnit report without failures', async () => {
    const junit = join(reports.dir, 'ok', 'junit.xml')
    const result = await runCli(['verify', '--target', await serveBackend(), '--junit', junit])
    expect(result.code, result.stdout + result.stderr).toBe(0)
    expect(result.stdout).toMatch(
      /^Passed: 26 operations, 7 sequences, \d+ requests in [\d.]+ s; 0 warnings\. Exit code 0\.$/m,
    )
    expect(result.stderr).toMatch(/^ {2}✓ getOrder +GET \/orders\/\{orderId\} +\d+ requests$/m)
    expect(result.stderr).toContain(`Wrote JUnit report to ${junit}`)
    expect(readFileSync(junit, 'utf8')).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="standin verify" tests="33" failures="0" errors="0" time="[\d.]+">/,
    )
  })

  it('exits 1 for a backend that ignores auth, naming the code in the output, the JUnit and the JSON report', async () => {
    const junit = join(reports.dir, 'bug', 'junit.xml')
    const json = join(reports.dir, 'bug', 'report.json')
    const result = await runCli([
      'verify',
      '--target',
      await serveBackend(['ignores-auth']),
      '--include',
      'orders',
      '--junit',
      junit,
      '--json',
      json,
    ])
    expect(result.code, result.stdout + result.stderr).toBe(1)
    expect(result.stdout).toMatch(
      /^Failures: 1 cause in \d+ requests\n✗ getOrder: ignored_auth ×\d+ — Expected 401 or 403 with no credentials, got 404\.$/m,
    )
    expect(result.stdout).toMatch(
      /^ {4}curl -sS -X GET 'http:\/\/127\.0\.0\.1:\d+\/orders\/[0-9a-f-]{36}' -H 'accept: [^']+' -H 'user-agent: standin-verify'$/m,
    )
    expect(readFileSync(junit, 'utf8')).toMatch(
      /<testcase classname="standin\.orders" name="getOrder \(GET \/orders\/\{orderId\}\)" time="[\d.]+">\n {6}<failure type="ignored_auth" /,
    )
    const report = JSON.parse(readFileSync(json, 'utf8')) as { status: string; format: string }
    expect({ format: report.format, status: report.status }).toEqual({
      format: 'standin.verify-report/1',
      status: 'failed',
    })
  })

  it('writes a self-contained HTML report with --html FILE', async () => {
    const html = join(reports.dir, 'html', 'report.html')
    const result = await runCli([
      'verify',
      '--target',
      await serveBackend(['wrong-field-type']),
      '--include',
      'getProduct',
      '--html',
      html,
    ])
    expect(result.code, result.stdout + result.stderr).toBe(1)
    expect(result.stderr).toContain(`Wrote HTML report to ${html}`)
    const page = readFileSync(html, 'utf8')
    expect(page).toMatch(/^<!doctype html>\n<html lang="en">/)
    expect(page).toMatch(
      /<h2>Failures: \d+ causes? in \d+ requests<\/h2>\n<div class="cause error">\n<p><strong>getProduct<\/strong> <code>schema_mismatch at price<\/code>/,
    )
    expect(page).toMatch(
      /<tr><td>getProduct<\/td><td><code>GET \/products\/\{productId\}<\/code><\/td>/,
    )
    expect(page.match(/<(script|link|img)\b|\b(src|href)=/g)).toBeNull()
  })

  it('shows no piece of a token echoed across a cut, nor the password in the target URL, in any output', async () => {
    const token = 'Zq7-Xv9kWm2pLr'
    const password = 'Vy8-hQ3nTz'
    const port = await serveWith(echoBackend)
    const dir = join(reports.dir, 'echo')
    const spec = join(reports.dir, 'echo.json')
    writeFileSync(spec, ECHO_SPEC)
    const result = await runCli(
      [
        'verify',
        '--spec',
        spec,
        '--target',
        `http://admin:${password}@127.0.0.1:${port}`,
        '--header',
        'Authorization: Bearer ${ECHO_TOKEN}',
        '--json',
        join(dir, 'report.json'),
        '--junit',
        join(dir, 'junit.xml'),
        '--html',
        join(dir, 'report.html'),
      ],
      { env: { ECHO_TOKEN: token } },
    )
    expect(result.code, result.stdout + result.stderr).toBe(1)
    const files = ['report.json', 'junit.xml', 'report.html'].map((file) =>
      readFileSync(join(dir, file), 'utf8'),
    )
    const everything = [result.stdout, result.stderr, ...files].join('\n')
    expect(
      [token, password, btoa(`admin:${password}`)].map((secret) => piecesShown(everything, secret)),
    ).toEqual([[], [], []])
    const target = `http://admin:***@127.0.0.1:${port}`
    expect(result.stderr).toContain(`Verifying ${target} against 2 operations (seed 1)\n`)
    expect(result.stdout).toContain(
      `✗ getMe: server_error ×4 — The server failed with 500: ${'.'.repeat(100)}Bearer ***.\n`,
    )
    expect(result.stdout).toContain(
      `    curl -sS -X GET '${target}/me' -H 'accept: application/json, application/problem+json' -H 'user-agent: standin-verify' -H "Authorization: Bearer \${ECHO_TOKEN}"\n`,
    )
    const report = JSON.parse(files[0] as string) as { target: string }
    expect(report.target).toBe(target)
    expect(files[1]).toContain(`<property name="target" value="${target}"/>`)
  })

  it('shows no token a login issued, in the JSON report or elsewhere', async () => {
    const port = await serveWith(echoBackend)
    const json = join(reports.dir, 'login', 'report.json')
    const spec = join(reports.dir, 'login.json')
    writeFileSync(spec, ECHO_SPEC)
    const result = await runCli([
      'verify',
      '--spec',
      spec,
      '--target',
      `http://127.0.0.1:${port}`,
      '--json',
      json,
    ])
    expect(result.code, result.stdout + result.stderr).toBe(1)
    const report = readFileSync(json, 'utf8')
    const everything = [result.stdout, result.stderr, report].join('\n')
    expect([ISSUED_JWT, REFRESH_TOKEN].map((secret) => piecesShown(everything, secret))).toEqual([
      [],
      [],
    ])
    expect(report).toContain('"body": "{\\"token\\":\\"***\\",\\"refresh_token\\":\\"***\\"}"')
  })

  it('stops at --max-duration against a backend that answers every other request, writes every report and exits 2', async () => {
    let requests = 0
    const port = await serveWith((_request, response) => {
      if (requests++ % 2 === 0) response.writeHead(404).end()
    })
    const dir = join(reports.dir, 'limit')
    const files = ['report.json', 'junit.xml', 'report.html'].map((file) => join(dir, file))
    const started = performance.now()
    const result = await runCli([
      'verify',
      '--target',
      `http://127.0.0.1:${port}`,
      '--max-duration',
      '3s',
      '--timeout-ms',
      '1000',
      '--json',
      files[0] as string,
      '--junit',
      files[1] as string,
      '--html',
      files[2] as string,
    ])
    const seconds = (performance.now() - started) / 1000
    expect(result.code, result.stdout + result.stderr).toBe(2)
    // The limit, the command's start and a loaded machine's margin; without the limit the run takes minutes.
    expect(seconds).toBeLessThan(3 + 10)
    expect(result.stdout).toMatch(
      /^Could not run: the run reached its time limit \(--max-duration 3s\) and stopped \(26 operations, 7 sequences, \d+ requests in 3\.\d s; \d+ not run\)\. Exit code 2\.$/m,
    )
    const report = JSON.parse(readFileSync(files[0] as string, 'utf8')) as {
      status: string
      error: { code: string }
      durationMs: number
      totals: { notRun: number; operations: number; sequences: number }
    }
    expect({
      status: report.status,
      code: report.error.code,
      listed: report.totals.operations + report.totals.sequences,
    }).toEqual({ status: 'error', code: 'max_duration', listed: 33 })
    expect(report.totals.notRun).toBeGreaterThan(20)
    expect(report.durationMs).toBeGreaterThanOrEqual(3000)
    expect(report.durationMs).toBeLessThan(4000)
    const junit = readFileSync(files[1] as string, 'utf8')
    expect(
      junit.match(/<skipped message="not run: the run reached its time limit"\/>/g)?.length,
    ).toBe(report.totals.notRun)
    expect(readFileSync(files[2] as string, 'utf8')).toContain(
      'the run reached its time limit (--max-duration 3s) and stopped',
    )
  })

  it('exits 2 with one line when --max-duration has no unit', async () => {
    const result = await runCli([
      'verify',
      '--target',
      'http://127.0.0.1:9',
      '--max-duration',
      '300',
    ])
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'standin: --max-duration needs a unit: 90s, 5m, 1h, 1h30m or 500ms, got "300".\n',
    })
  })

  it.each(['--target', '-t'])('exits 2 when nothing listens at the target (%s)', async (flag) => {
    const target = await serveBackend()
    await new Promise((resolve) => (servers.pop() as ServerType).close(resolve))
    const result = await runCli(['verify', flag, target, '--include', 'listCategories'])
    expect(result.code).toBe(2)
    expect(result.stdout).toMatch(
      /^Could not run: http:\/\/127\.0\.0\.1:\d+ did not answer: Could not connect: connect ECONNREFUSED .+ Exit code 2\.$/m,
    )
  })

  it('exits 2 with one line when a --header names an environment variable that is not set', async () => {
    const result = await runCli([
      'verify',
      '--target',
      'http://127.0.0.1:9',
      '--header',
      'Authorization: Bearer ${STANDIN_TEST_UNSET}',
    ])
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'standin: Header Authorization uses ${STANDIN_TEST_UNSET}, but STANDIN_TEST_UNSET is not set. Export it first, e.g. STANDIN_TEST_UNSET=… standin verify.\n',
    })
  })

  it('exits 2 and names the option when --target is missing', async () => {
    const result = await runCli(['verify'])
    expect({ code: result.code, stderr: result.stderr }).toEqual({
      code: 2,
      stderr:
        'standin: --target URL is required, e.g. standin verify --target http://127.0.0.1:3000.\n',
    })
  })
})

import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { serve, type ServerType } from '@hono/node-server'
import { afterAll, describe, expect, it } from 'vitest'
import { createShopBackend, type ShopBug } from '../../examples/shop-backend/index.ts'
import { runCli } from '../support/run-cli.ts'
import { makeTempDir } from '../support/temp-dir.ts'

const servers: ServerType[] = []
const reports = makeTempDir()
afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))))
  reports.cleanup()
})

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

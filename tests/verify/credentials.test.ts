import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { isStandinError } from 'standin'
import { expandHeaders, parseHeaderLines } from '../../src/verify/credentials.ts'
import { toCurl } from '../../src/verify/curl.ts'

describe('parseHeaderLines', () => {
  it('splits each line at the first colon and trims both sides', () => {
    expect(parseHeaderLines(['Authorization: Bearer ${TOKEN}', 'X-Trace:a:b'])).toEqual({
      Authorization: 'Bearer ${TOKEN}',
      'X-Trace': 'a:b',
    })
  })

  it.each([['no colon'], [': value'], ['Bad Name: x']])('refuses %j as a usage error', (line) => {
    expect(() => parseHeaderLines([line])).toThrow(
      `--header must look like 'Name: value', got "${line}".`,
    )
  })
})

describe('expandHeaders', () => {
  it('expands ${VAR} from the environment and shows the reference instead of the value', () => {
    expect(
      expandHeaders(
        { Authorization: 'Bearer ${TOKEN}', 'X-Team': 'web' },
        { TOKEN: 's3cret-value' },
      ),
    ).toEqual({
      headers: { Authorization: 'Bearer s3cret-value', 'X-Team': 'web' },
      query: {},
      shown: { authorization: 'Bearer ${TOKEN}' },
      secrets: ['s3cret-value'],
    })
  })

  it('masks credentials given literally, keeping the scheme', () => {
    expect(expandHeaders({ Authorization: 'Bearer abc123', 'X-Api-Key': 'k-999' }, {})).toEqual({
      headers: { Authorization: 'Bearer abc123', 'X-Api-Key': 'k-999' },
      query: {},
      shown: { authorization: 'Bearer ***', 'x-api-key': '***' },
      secrets: ['Bearer abc123', 'abc123', 'k-999'],
    })
  })

  it('makes a variable that is not set a usage error naming it', () => {
    let error: unknown
    try {
      expandHeaders({ Authorization: 'Bearer ${MISSING_TOKEN}' }, {})
    } catch (caught) {
      error = caught
    }
    expect(isStandinError(error) && { code: error.code, message: error.message }).toEqual({
      code: 'USAGE',
      message:
        'Header Authorization uses ${MISSING_TOKEN}, but MISSING_TOKEN is not set. Export it first, e.g. MISSING_TOKEN=… standin verify.',
    })
  })
})

describe('toCurl', () => {
  it('writes method, URL, headers and body, with shown values in place of secrets', () => {
    const curl = toCurl(
      'http://127.0.0.1:3000',
      {
        method: 'POST',
        path: '/carts/1/items?x=1',
        headers: { 'content-type': 'application/json', Authorization: 'Bearer real' },
        body: `{"name":"O'Brien"}`,
      },
      { authorization: 'Bearer ${TOKEN}' },
    )
    expect(curl).toBe(
      `curl -sS -X POST 'http://127.0.0.1:3000/carts/1/items?x=1' -H 'content-type: application/json' -H "Authorization: Bearer \${TOKEN}" --data-raw '{"name":"O'\\''Brien"}'`,
    )
  })

  it('produces a command the shell runs with the token from the environment', () => {
    const curl = toCurl(
      'http://h',
      { method: 'GET', path: '/me', headers: { Authorization: 'x' } },
      { authorization: 'Bearer ${TOKEN} $HOME `id`' },
    )
    const echoed = execFileSync('sh', ['-c', curl.replace(/^curl -sS/, 'printf "%s\\n"')], {
      env: { TOKEN: 't0k', HOME: '/root' },
    }).toString()
    expect(echoed.split('\n')).toEqual([
      '-X',
      'GET',
      'http://h/me',
      '-H',
      'Authorization: Bearer t0k $HOME `id`',
      '',
    ])
  })
})

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createProgressPrinter,
  createRoute,
  defineContract,
  formatConsoleReport,
  type ProgressEvent,
  toHtmlReport,
  toJsonReport,
  toJUnitXml,
  verify,
  z,
} from 'standin'
import { secretsOfTarget } from '../../src/verify/credentials.ts'
import { createRedactor, isSecretField } from '../../src/verify/redact.ts'

/** How many random runs the property test makes (REDACTION_CASES=5000 for a long run). */
const CASES = Number(process.env.REDACTION_CASES ?? 200)
const SEED = 20261217

/** Where reports cut what a target sent: a value's preview, a message's excerpt, a body. */
const CUTS = [60, 120, 4096]
/** The shortest piece of a secret that must not show anywhere. */
const FRAGMENT = 4

/** Characters of tokens as RFC 7235 writes them (token68). */
const TOKEN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/'
/** Characters of base64url, which JSON Web Tokens are written in. */
const BASE64URL_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
/** Characters a password in a URL takes without percent-encoding. */
const URL_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~'
const SECRET_FIELDS = [
  'token',
  'access_token',
  'refresh_token',
  'secret',
  'client_secret',
  'clientSecret',
  'password',
  'apiKey',
  'api_key',
  'privateKey',
] as const

const Profile = z.object({ label: z.string().max(8), note: z.string() })

/**
 * A vault whose answers can carry secrets: a login that issues a token and a secret, and four
 * secured reads whose answers the backend fills with whatever the run puts there.
 */
const vault = defineContract({
  info: { title: 'Vault', version: '1.0.0' },
  securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } },
  routes: {
    login: createRoute({
      method: 'post',
      path: '/login',
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.object({ user: z.enum(['ada']) }).openapi({ example: { user: 'ada' } }),
            },
          },
        },
      },
      responses: {
        200: {
          description: 'A token.',
          content: { 'application/json': { schema: z.object({ token: z.string() }) } },
        },
        422: { description: 'Invalid.' },
      },
    }),
    ...Object.fromEntries(
      (['crash', 'profile', 'dump', 'broken'] as const).map((name) => [
        name,
        createRoute({
          method: 'get',
          path: `/${name}`,
          security: [{ bearerAuth: [] }],
          responses: {
            200: {
              description: 'An answer.',
              content: {
                'application/json': {
                  schema: name === 'profile' ? Profile : z.object({ data: z.string() }),
                },
              },
            },
            401: { description: 'No token.' },
          },
        }),
      ]),
    ),
  },
})

type Place = 'crash' | 'profile' | 'dump' | 'broken'
type SecretName = 'header' | 'issued' | 'password' | 'jwt' | 'field' | 'authorization'

interface Secrets {
  header: string
  issued: string
  password: string
  jwt: string
  field: string
}

/** One secret placed in one answer, after `pad` characters of padding. */
interface Placement {
  place: Place
  secret: SecretName
  pad: number
}

interface Scenario {
  /** The token given on the command line, or the one the login issues. */
  credentials: 'header' | 'login'
  fieldName: (typeof SECRET_FIELDS)[number]
  secrets: Secrets
  placements: Placement[]
}

function secretOf(chars: string, minLength: number, maxLength: number): fc.Arbitrary<string> {
  return fc.string({ unit: fc.constantFrom(...chars), minLength, maxLength })
}

/** A JSON Web Token with a random subject and signature. */
const jwt = fc
  .tuple(secretOf(URL_CHARS, 6, 30), secretOf(BASE64URL_CHARS, 20, 43))
  .map(
    ([subject, signature]) =>
      `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({ sub: subject })}.${signature}`,
  )

/** Padding that puts the secret across a cut, or anywhere. */
const pad = fc.oneof(
  fc
    .tuple(fc.constantFrom(...CUTS), fc.integer({ min: -60, max: 12 }))
    .map(([cut, shift]) => Math.max(0, cut + shift)),
  fc.nat({ max: 5000 }),
)

const scenario: fc.Arbitrary<Scenario> = fc.record({
  credentials: fc.constantFrom('header', 'login'),
  fieldName: fc.constantFrom(...SECRET_FIELDS),
  secrets: fc.record({
    header: secretOf(TOKEN_CHARS, 8, 48),
    issued: fc.oneof(secretOf(TOKEN_CHARS, 8, 48), jwt),
    password: secretOf(URL_CHARS, 4, 24),
    jwt,
    field: secretOf(TOKEN_CHARS, 6, 40),
  }),
  placements: fc.uniqueArray(
    fc.record({
      place: fc.constantFrom<Place>('crash', 'profile', 'dump', 'broken'),
      secret: fc.constantFrom<SecretName>(
        'header',
        'issued',
        'password',
        'jwt',
        'field',
        'authorization',
      ),
      pad,
    }),
    { minLength: 1, maxLength: 4, selector: (placement) => placement.place },
  ),
})

let current: Scenario | undefined
let server: Server
let port = 0

beforeAll(async () => {
  server = createServer(answer)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})

afterAll(() => new Promise((resolve) => server.close(resolve)))

/** Answers as the current scenario says, echoing the Authorization header it was sent. */
function answer(request: IncomingMessage, response: ServerResponse): void {
  request.resume()
  request.on('end', () => {
    const run = current as Scenario
    const place = (request.url ?? '').split('?')[0]?.slice(1) as Place | 'login'
    const sent = request.headers.authorization ?? ''
    response.setHeader('x-echo', sent)
    if (place === 'login')
      return json(response, 200, {
        token: run.secrets.issued,
        client: { [run.fieldName]: run.secrets.field },
      })
    const placed = run.placements.find((placement) => placement.place === place)
    const text = placed
      ? '.'.repeat(placed.pad) +
        (placed.secret === 'authorization' ? sent : run.secrets[placed.secret])
      : 'nothing'
    if (place === 'crash') {
      response.writeHead(500, { 'content-type': 'text/plain' })
      return void response.end(`failed for ${text}`)
    }
    if (place === 'broken') {
      response.writeHead(200, { 'content-type': 'application/json' })
      return void response.end(`{"data":"${text}`)
    }
    if (place === 'profile')
      return json(response, 200, {
        label: text,
        note: run.secrets.jwt,
        [run.fieldName]: run.secrets.field,
      })
    return json(response, 200, { data: text })
  })
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' })
  response.end(JSON.stringify(body))
}

/** Everything a run prints or writes: progress, the console report, JSON, JUnit and HTML. */
async function outputsOf(run: Scenario): Promise<string> {
  current = run
  const printed: string[] = []
  const events: ProgressEvent[] = []
  const print = createProgressPrinter({ write: (text) => printed.push(text) })
  const report = await verify(vault, {
    target: `http://vault:${run.secrets.password}@127.0.0.1:${port}`,
    examples: 1,
    ...(run.credentials === 'header'
      ? {
          headers: { Authorization: 'Bearer ${VAULT_TOKEN}' },
          env: { VAULT_TOKEN: run.secrets.header },
        }
      : {}),
    onProgress: (event) => {
      events.push(event)
      print(event)
    },
  })
  return withoutTimings(
    [
      ...printed,
      JSON.stringify(events),
      formatConsoleReport(report),
      toJsonReport(report),
      toJUnitXml(report),
      toHtmlReport(report),
    ].join('\n'),
  )
}

/**
 * The output with its timings (`0.05 s`, `"durationMs":12`, `time="0.012"`) as `#`: they differ
 * between a run and its control, so a secret's piece such as `0.05` would seem to show.
 */
function withoutTimings(output: string): string {
  return output
    .replace(/\b\d+(?:\.\d+)?(?=\s?(?:ms|s)\b)/g, '#')
    .replace(/("[a-zA-Z]*(?:[Dd]uration|[Mm]s|[Tt]ime)[a-zA-Z]*"\s*:\s*)[\d.]+/g, '$1#')
    .replace(/(time=")[\d.]+"/g, '$1#"')
}

/**
 * The secrets a run knows by the time they show: the token given, those the login issues (which
 * runs first), the password in the URL with the credentials it makes on the wire, and JSON Web
 * Tokens. A token given to the backend alone is no secret of the run.
 */
function secretsOf(run: Scenario): string[] {
  const { header, issued, password, jwt, field } = run.secrets
  const given = run.credentials === 'header' ? [header] : []
  return [...given, issued, field, password, btoa(`vault:${password}`), jwt]
}

/**
 * The same run with every secret changed character by character: what shows in both is the run's
 * own text, not a secret.
 */
function controlOf(run: Scenario): Scenario {
  const secrets = Object.fromEntries(
    Object.entries(run.secrets).map(([name, value]) => [name, changed(value)]),
  ) as unknown as Secrets
  return { ...run, secrets }
}

function changed(secret: string): string {
  const parts = secret.split('.')
  if (parts.length === 3 && secret.startsWith('eyJ')) {
    const subject = (JSON.parse(fromBase64url(parts[1] as string)) as { sub: string }).sub
    return `${parts[0]}.${base64url({ sub: rotated(subject, URL_CHARS) })}.${rotated(parts[2] as string, BASE64URL_CHARS)}`
  }
  return rotated(
    secret,
    secret.split('').every((char) => URL_CHARS.includes(char)) ? URL_CHARS : TOKEN_CHARS,
  )
}

function rotated(text: string, chars: string): string {
  const half = Math.floor(chars.length / 2)
  return [...text].map((char) => chars[(chars.indexOf(char) + half) % chars.length]).join('')
}

function fromBase64url(text: string): string {
  return atob(text.replace(/-/g, '+').replace(/_/g, '/'))
}

function base64url(value: unknown): string {
  return btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')
}

/** Every piece of `FRAGMENT` characters of a secret. */
function piecesOf(secret: string): string[] {
  const pieces: string[] = []
  for (let start = 0; start + FRAGMENT <= secret.length; start++)
    pieces.push(secret.slice(start, start + FRAGMENT))
  return pieces
}

/**
 * Pieces of the run's secrets that its output shows and a control run's does not. The control runs
 * only when a piece shows: a piece as short as four characters can be part of the report's own text.
 */
async function leaksOf(run: Scenario): Promise<string[]> {
  const output = await outputsOf(run)
  const shown = secretsOf(run).flatMap((secret) =>
    piecesOf(secret)
      .filter((piece) => output.includes(piece))
      .map((piece) => ({ piece, secret })),
  )
  if (shown.length === 0) return []
  const control = await outputsOf(controlOf(run))
  return shown
    .filter(({ piece }) => !control.includes(piece))
    .map(({ piece, secret }) => `${piece} of ${secret}`)
}

describe('redaction (property)', () => {
  it(`shows no piece of ${FRAGMENT} characters of any secret in any report, for ${CASES} random runs`, async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (run) => {
        expect(await leaksOf(run)).toEqual([])
      }),
      { numRuns: CASES, seed: SEED, endOnFailure: true },
    )
  }, 600_000)
})

describe('createRedactor', () => {
  it('masks a known secret as is, JSON-escaped, percent-encoded and form-encoded', () => {
    const { text } = createRedactor(['a"b c/d+e'])
    expect(
      [
        'raw a"b c/d+e',
        `json ${JSON.stringify({ v: 'a"b c/d+e' })}`,
        'path /x/a%22b%20c%2Fd%2Be',
        'query ?k=a%22b+c%2Fd%2Be',
      ].map(text),
    ).toEqual(['raw ***', 'json {"v":"***"}', 'path /x/***', 'query ?k=***'])
  })

  it('masks the password of a URL and leaves a URL without one as it is', () => {
    const { text } = createRedactor()
    expect(
      text("curl 'http://admin:pa55@127.0.0.1:3000/me' and https://127.0.0.1:8443/a:b@c"),
    ).toBe("curl 'http://admin:***@127.0.0.1:3000/me' and https://127.0.0.1:8443/a:b@c")
  })

  it('masks JSON Web Tokens, signed or with alg: none', () => {
    const { text } = createRedactor()
    expect(
      text(
        '{"id":"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqYWtlIn0.c2ln","none":"eyJhbGciOiJub25lIn0.eyJzdWIiOiJqYWtlIn0."}',
      ),
    ).toBe('{"id":"***","none":"***"}')
  })

  it('masks the values of JSON fields named like secrets, in text that may not parse', () => {
    const { text } = createRedactor()
    expect(
      text(
        '{"access_token": "at-1", "token_type": "Bearer", "user": {"clientSecret":"cs-1", "name": "ada"}, "apiKey":"ak-',
      ),
    ).toBe(
      '{"access_token": "***", "token_type": "Bearer", "user": {"clientSecret":"***", "name": "ada"}, "apiKey":"ak-',
    )
  })

  it('masks the secret fields of data and the known secrets in its strings', () => {
    const { value } = createRedactor(['known-1'])
    expect(
      value({ password: 'pw', items: [{ refresh_token: 'rt', note: 'has known-1' }], count: 2 }),
    ).toEqual({ password: '***', items: [{ refresh_token: '***', note: 'has ***' }], count: 2 })
  })

  it('learns the cookies, credential headers and secret fields of an answer', () => {
    const redactor = createRedactor()
    redactor.learnFromAnswer(
      { 'set-cookie': 'sid=cookie-1; Path=/, theme=dark-mode', 'x-auth-token': 'header-1' },
      { data: { user: { secret: 'nested-1' } }, tokenType: 'Bearer' },
    )
    expect(redactor.text('cookie-1 dark-mode header-1 nested-1 Bearer')).toBe(
      '*** *** *** *** Bearer',
    )
  })

  it('masks the start of a known secret that a report cut short', () => {
    const { text } = createRedactor(['abcdefghijkl'])
    expect([text('failed for abcdefgh…'), text('failed for abc…'), text('abcdefghijkl…')]).toEqual([
      'failed for ***…',
      'failed for abc…',
      '***…',
    ])
  })

  it('leaves alone secrets shorter than 4 characters', () => {
    expect(createRedactor(['abc', '']).text('abc')).toBe('abc')
  })

  it('names secret fields as APIs write them', () => {
    const names = [
      'token',
      'access_token',
      'refreshToken',
      'client_secret',
      'password',
      'apiKey',
      'api_key',
      'X-Api-Key',
      'privateKey',
      'jwt',
    ]
    const others = ['tokenType', 'expires_in', 'name', 'passwordHint', 'monkey']
    expect([names.every(isSecretField), others.some(isSecretField)]).toEqual([true, false])
  })
})

describe('secretsOfTarget', () => {
  it('gives the password of a target URL, decoded, and the Basic credentials it makes', () => {
    expect([
      secretsOfTarget('http://admin:pa%2455@127.0.0.1:3000'),
      secretsOfTarget('http://127.0.0.1:3000'),
    ]).toEqual([['pa%2455', 'pa$55', btoa('admin:pa$55')], []])
  })
})

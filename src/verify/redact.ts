import { isSensitiveHeader, schemeless } from './credentials.ts'

/** Shorter values are left alone: replacing them would blank out ordinary words. */
const MIN_SECRET_LENGTH = 4
const MASK = '***'
/** Where a report cut a text short; what precedes it may be the start of a secret. */
const CUT_MARK = '…'
const MAX_DEPTH = 32

/** A JSON Web Token: a header and claims that are base64url JSON objects, and a signature. */
const JWT = /eyJ[\w-]*\.eyJ[\w-]*\.[\w-]*/g
/** The password of a URL's userinfo: `http://admin:pass@host`. */
const URL_PASSWORD = /\b([a-z][a-z\d+.-]*:\/\/[^\s/?#@:'"]*:)[^\s/?#@'"]+@/gi
/** A `"name": "value"` pair of JSON text. */
const JSON_STRING_FIELD = /"((?:[^"\\]|\\.)*)"(\s*:\s*)"(?:[^"\\]|\\.)*"/g
/** Field names whose values are secrets, once lower-cased without `_` and `-`. */
const SECRET_FIELD =
  /(token|secret|password|passwd|passphrase|apikey|privatekey|jwt|credentials?|sessionid)$/

/** Replaces secrets in a string, or in every string of a JSON-like value. */
export type Redact = <T>(value: T) => T

/**
 * What a run knows to be secret, and how anything it shows is cleaned: every place verify shows
 * what it sent or got passes through one of these before it is cut, formatted or serialised.
 */
export interface Redactor {
  /** Values to replace wherever they appear (credentials given, tokens issued, forgeries of them). */
  learn: (values: Iterable<string>) => void
  /** Learns what an answer carries that must not be shown: token and secret fields, cookies. */
  learnFromAnswer: (headers: Record<string, string>, body: unknown) => void
  /**
   * The text with `***` for every secret it has learned, in the forms text carries them (as is,
   * JSON-escaped, percent-encoded), also the start of one that a report cut short (`abc…`); for the
   * password of a URL (`http://admin:***@host`); for JSON Web Tokens; and for the values of JSON
   * fields named like secrets (`"token": "***"`).
   */
  text: (text: string) => string
  /**
   * A copy of an answer's data with `text` applied to every string and `***` for the string values
   * of fields named like secrets (`token`, `access_token`, `client_secret`, `password`, `apiKey`).
   */
  value: Redact
}

/**
 * A redactor that knows `secrets` from the start and learns more as the run goes.
 *
 * @example
 * const redactor = createRedactor(['s3cret-token'])
 * redactor.text('Authorization: Bearer s3cret-token') // 'Authorization: Bearer ***'
 */
export function createRedactor(secrets: Iterable<string> = []): Redactor {
  const known = new Set<string>()
  let pattern: RegExp | undefined
  const learn = (values: Iterable<string>) => {
    for (const value of values)
      for (const form of formsOf(value))
        if (form.length >= MIN_SECRET_LENGTH && !known.has(form)) {
          known.add(form)
          pattern = undefined
        }
  }
  const text = (input: string) => {
    pattern ??= knownPattern(known)
    const cleaned = redactPatterns(pattern ? input.replace(pattern, MASK) : input)
    return cleaned.includes(CUT_MARK) ? redactCutStarts(cleaned, known) : cleaned
  }
  const value = (<T>(input: T): T => redactData(input, text, 0) as T) as Redact
  learn(secrets)
  return {
    learn,
    learnFromAnswer: (headers, body) => learn(secretsOfAnswer(headers, body)),
    text,
    value,
  }
}

/**
 * Whether a field's value is a secret by the field's name: `token`, `accessToken`,
 * `refresh_token`, `client_secret`, `password`, `apiKey`, `x-api-key`, `privateKey`.
 */
export function isSecretField(name: string): boolean {
  return SECRET_FIELD.test(name.toLowerCase().replace(/[_-]/g, ''))
}

/** A secret as text may carry it: as is, inside a JSON string, percent-encoded, form-encoded. */
function formsOf(secret: string): string[] {
  const forms = [
    secret,
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
  ]
  return [...new Set(forms)]
}

/** One expression for every known secret, the longest first so a longer one is masked whole. */
function knownPattern(known: Set<string>): RegExp | undefined {
  if (known.size === 0) return undefined
  const alternatives = [...known]
    .sort((a, b) => b.length - a.length)
    .map((secret) => secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  return new RegExp(alternatives.join('|'), 'g')
}

function redactPatterns(text: string): string {
  return text
    .replace(URL_PASSWORD, `$1${MASK}@`)
    .replace(JWT, MASK)
    .replace(JSON_STRING_FIELD, (field, name: string, colon: string) =>
      isSecretField(name) ? `"${name}"${colon}"${MASK}"` : field,
    )
}

/**
 * Masks the start of a known secret just before a cut mark, for a text that was cut before the
 * secret was known (a body shown before the answer that issued the token inside it).
 */
function redactCutStarts(text: string, known: Set<string>): string {
  return text
    .split(CUT_MARK)
    .map((piece, index, pieces) =>
      index === pieces.length - 1 ? piece : withoutSecretStart(piece, known),
    )
    .join(CUT_MARK)
}

function withoutSecretStart(piece: string, known: Set<string>): string {
  let longest = 0
  for (const secret of known) {
    for (let length = Math.min(secret.length - 1, piece.length); length > longest; length--) {
      if (length < MIN_SECRET_LENGTH) break
      if (piece.endsWith(secret.slice(0, length))) longest = length
    }
  }
  return longest === 0 ? piece : `${piece.slice(0, -longest)}${MASK}`
}

function redactData(value: unknown, text: (text: string) => string, depth: number): unknown {
  if (typeof value === 'string') return text(value)
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return value
  if (Array.isArray(value)) return value.map((item) => redactData(item, text, depth + 1))
  return Object.fromEntries(
    Object.entries(value).map(([name, item]) => [
      name,
      typeof item === 'string' && isSecretField(name) ? MASK : redactData(item, text, depth + 1),
    ]),
  )
}

/** Cookie values an answer sets, its credential-like headers, and secret fields of its body. */
function secretsOfAnswer(headers: Record<string, string>, body: unknown): string[] {
  const cookies = (headers['set-cookie'] ?? '').split(/,(?=[^;,]+=)/).flatMap((cookie) => {
    const value = /^[^=;]+=([^;]*)/.exec(cookie.trim())?.[1]
    return value ? [value] : []
  })
  const sensitive = Object.entries(headers).flatMap(([name, value]) =>
    name !== 'set-cookie' && isSensitiveHeader(name) ? [value, ...schemeless(value)] : [],
  )
  return [...cookies, ...sensitive, ...secretFieldValues(body, 0)]
}

/** The string values of a body's fields named like secrets (`token`, `password`), at any depth. */
export function secretFieldValues(body: unknown, depth = 0): string[] {
  if (typeof body !== 'object' || body === null || depth > MAX_DEPTH) return []
  if (Array.isArray(body)) return body.flatMap((item) => secretFieldValues(item, depth + 1))
  return Object.entries(body).flatMap(([name, item]) =>
    typeof item === 'string' && isSecretField(name) ? [item] : secretFieldValues(item, depth + 1),
  )
}

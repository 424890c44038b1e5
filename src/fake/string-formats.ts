import type { Env } from './compile.ts'
import { DAY_MS, isoDate, isoDateTime, isoTime, pickInstant, unitOf } from './dates.ts'
import { faker, REFERENCE_DATE } from './faker.ts'
import type { DateRole } from './realism.ts'
import { luhn } from './realism.ts'
import { int, next, pick } from './random.ts'
import { compileRegex } from './regex.ts'
import type { Constraints, Def } from './schema-def.ts'

// One generator per zod string format. Each runs with the shared generator already seeded and
// returns a string the format accepts; lengths and extra patterns are checked by the caller.

type FormatGen = (env: Env) => string
type Factory = (def: Def, c: Constraints, role: DateRole) => FormatGen

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789'
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const HEX = '0123456789abcdef'
const EMOJI = [
  '😀',
  '🎉',
  '🚀',
  '🔥',
  '✨',
  '👍',
  '🙌',
  '🌟',
  '🍕',
  '☕',
  '🎁',
  '📦',
  '💡',
  '🐱',
  '🌈',
  '🥳',
  '😎',
  '🤖',
]

function chars(alphabet: string, length: number): string {
  let out = ''
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)]
  return out
}

const BYTE_HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'))

/** An RFC 9562 UUID of the version, from 16 random bytes. */
function uuid(version: number): string {
  let out = ''
  for (let word = 0; word < 4; word++) {
    const bits = Math.floor(next() * 4294967296)
    for (let shift = 24; shift >= 0; shift -= 8) {
      const index = word * 4 + (24 - shift) / 8
      let byte = (bits >>> shift) & 0xff
      if (index === 6) byte = (byte & 0x0f) | (version << 4)
      if (index === 8) byte = (byte & 0x3f) | 0x80
      out += BYTE_HEX[byte]
      if (index === 3 || index === 5 || index === 7 || index === 9) out += '-'
    }
  }
  return out
}

function ulid(): string {
  let time = REFERENCE_DATE - Math.floor(next() * 365 * DAY_MS)
  let stamp = ''
  for (let i = 0; i < 10; i++) {
    stamp = CROCKFORD[time % 32] + stamp
    time = Math.floor(time / 32)
  }
  return stamp + chars(CROCKFORD, 16)
}

function base64(bytes: number, url: boolean): string {
  let binary = ''
  for (let i = 0; i < bytes; i++) binary += String.fromCharCode(Math.floor(next() * 256))
  const encoded = btoa(binary)
  return url ? encoded.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '') : encoded
}

/** A byte count whose base64 text about fits the length bounds (4 characters per 3 bytes). */
function byteCount(c: Constraints): number {
  const min = Number(c.minimum ?? 0)
  const max = Math.min(Number(c.maximum ?? Infinity), 4096)
  const low = Math.ceil((min * 3) / 4)
  return int(low, Math.max(low, Math.min(Math.floor((max * 3) / 4), 48)))
}

function base64url(value: string): string {
  return btoa(value).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function jwt(alg: string): string {
  const iat = Math.floor((REFERENCE_DATE - Math.floor(next() * 30 * DAY_MS)) / 1000)
  const header = base64url(JSON.stringify({ alg, typ: 'JWT' }))
  const payload = base64url(JSON.stringify({ sub: uuid(4), iat, exp: iat + 3600 }))
  return `${header}.${payload}.${chars(`${ALNUM}-_`, 43)}`
}

function duration(): string {
  const shape = int(0, 3)
  if (shape === 0) return `PT${int(1, 59)}M`
  if (shape === 1) return `P${int(1, 30)}D`
  if (shape === 2) return `PT${int(1, 23)}H${int(1, 59)}M`
  return `P${int(1, 12)}W`
}

function ipv6(): string {
  return Array.from({ length: 8 }, () => chars(HEX, 4)).join(':')
}

/** A URL; with `protocol` / `hostname` patterns (z.url({ protocol, hostname })), one they match. */
function url(def: Def): FormatGen {
  const protocol = def.protocol instanceof RegExp ? compileRegex(def.protocol) : undefined
  const hostname = def.hostname instanceof RegExp ? def.hostname : undefined
  const host = hostname ? compileRegex(hostname) : undefined
  if (!protocol && !host) return () => faker.internet.url()
  return () => {
    const scheme = protocol ? protocol(2) : 'https'
    let name = faker.internet.domainName()
    if (hostname && host) {
      hostname.lastIndex = 0
      if (!hostname.test(name)) name = host(2).replace(/^\./, `${faker.word.noun()}.`)
    }
    return `${scheme}://${name}/`
  }
}

const precisionOf = (def: Def): number | null =>
  typeof def.precision === 'number' ? def.precision : null

const HASH_BYTES: Record<string, number> = { md5: 16, sha1: 20, sha256: 32, sha384: 48, sha512: 64 }

/** z.hash(alg, { enc }): the digest of random bytes, in the format's encoding. */
function hashFormats(): Record<string, Factory> {
  const out: Record<string, Factory> = {}
  for (const [alg, bytes] of Object.entries(HASH_BYTES)) {
    out[`${alg}_hex`] = () => () => chars(HEX, bytes * 2)
    out[`${alg}_base64`] = () => () => base64(bytes, false)
    out[`${alg}_base64url`] = () => () => base64(bytes, true)
  }
  return out
}

export const FORMATS: Record<string, Factory> = {
  ...hashFormats(),
  email: () => () => faker.internet.email().toLowerCase(),
  url: (def) => url(def),
  uuid: (def) => () => uuid(Number(String(def.version ?? 'v4').slice(1)) || 4),
  guid: () => () => uuid(4),
  cuid: () => () => `c${chars(LOWER_ALNUM, 24)}`,
  cuid2: () => () => chars('abcdefghijklmnopqrstuvwxyz', 1) + chars(LOWER_ALNUM, 23),
  ulid: () => ulid,
  nanoid: (def) => () => chars(`${ALNUM}_-`, typeof def.length === 'number' ? def.length : 21),
  xid: () => () => chars('0123456789abcdefghijklmnopqrstuv', 20),
  ksuid: () => () => chars(ALNUM, 27),
  datetime: (def, _c, role) => (env) =>
    isoDateTime(pickInstant(role, env.after, unitOf(precisionOf(def))), precisionOf(def)),
  date: (_def, _c, role) => (env) => isoDate(pickInstant(role, env.after, DAY_MS)),
  time: (def) => () =>
    isoTime(pickInstant('past', undefined, unitOf(precisionOf(def))), precisionOf(def)),
  duration: () => duration,
  ipv4: () => () => faker.internet.ipv4(),
  ipv6: () => ipv6,
  mac: (def) => () =>
    Array.from({ length: 6 }, () => chars(HEX, 2)).join(
      typeof def.delimiter === 'string' ? def.delimiter : ':',
    ),
  cidrv4: () => () => `${faker.internet.ipv4()}/${int(8, 32)}`,
  cidrv6: () => () => `${ipv6()}/${int(16, 128)}`,
  base64: (_def, c) => () => base64(byteCount(c), false),
  base64url: (_def, c) => () => base64(byteCount(c), true),
  e164: () => () => `+1${int(201, 989)}${int(2000000, 9999999)}`,
  jwt: (def) => () => jwt(typeof def.alg === 'string' ? def.alg : 'HS256'),
  emoji: () => () => pick(EMOJI),
  credit_card: () => () => luhn(`4${chars('0123456789', 14)}`),
  iban: () => () => faker.finance.iban(),
  hostname: () => () => faker.internet.domainName(),
  hex: (_def, c) => () => chars(HEX, lengthIn(c, 16, 32)),
  currency_code: () => () => pick(['USD', 'EUR', 'GBP', 'JPY', 'CAD', 'AUD', 'CHF']),
}

function lengthIn(c: Constraints, low: number, high: number): number {
  const min = Number(c.minimum ?? 0)
  const max = Number(c.maximum ?? Infinity)
  const a = Math.max(min, Math.min(low, max))
  const b = Math.max(a, Math.min(high, max))
  return int(a, b)
}

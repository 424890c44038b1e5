import { z } from 'standin'

/**
 * A schema fake() must handle; `json: false` for the few whose values JSON cannot carry (Date,
 * bigint, Map…).
 */
export interface CorpusEntry {
  name: string
  schema: z.ZodType
  json?: boolean
}

export interface TreeNode {
  label: string
  children: TreeNode[]
}
const Tree: z.ZodType<TreeNode> = z.object({
  label: z.string().min(1).max(20),
  get children() {
    return z.array(Tree).max(4)
  },
})

type List = { value: number; next: List | null }
const LinkedList: z.ZodType<List> = z.lazy(() =>
  z.object({ value: z.int(), next: LinkedList.nullable() }),
)

type Expr = { op: 'num'; value: number } | { op: 'add' | 'mul'; left: Expr; right: Expr }
const Expr: z.ZodType<Expr> = z.lazy(() =>
  z.discriminatedUnion('op', [
    z.object({ op: z.literal('num'), value: z.number().min(-100).max(100) }),
    z.object({ op: z.enum(['add', 'mul']), left: Expr, right: Expr }),
  ]),
)

enum Role {
  Admin = 'admin',
  Editor = 'editor',
}
enum Level {
  Low,
  High,
}

const Shape = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('circle'), radius: z.number().positive().max(10) }),
  z.object({ kind: z.literal('square'), side: z.number().positive().max(10) }),
  z.object({
    kind: z.literal('polygon'),
    points: z
      .array(z.tuple([z.number(), z.number()]))
      .min(3)
      .max(6),
  }),
])

export const corpus: CorpusEntry[] = [
  // strings: every format zod has
  { name: 'email', schema: z.email() },
  {
    name: 'url and http url',
    schema: z.object({
      a: z.url(),
      b: z.httpUrl(),
      c: z.url({ protocol: /^https$/, hostname: /\.example\.com$/ }),
    }),
  },
  {
    name: 'uuid, versions and guid',
    schema: z.object({ any: z.uuid(), v4: z.uuidv4(), v7: z.uuidv7(), guid: z.guid() }),
  },
  {
    name: 'cuid, cuid2, ulid, nanoid, xid, ksuid',
    schema: z.tuple([z.cuid(), z.cuid2(), z.ulid(), z.nanoid(), z.xid(), z.ksuid()]),
  },
  {
    name: 'iso datetimes with options',
    schema: z.object({
      plain: z.iso.datetime(),
      offset: z.iso.datetime({ offset: true }),
      local: z.iso.datetime({ local: true }),
      minutes: z.iso.datetime({ precision: -1 }),
      millis: z.iso.datetime({ precision: 3 }),
      micros: z.iso.datetime({ precision: 6 }),
    }),
  },
  {
    name: 'iso date, time and duration',
    schema: z.object({
      day: z.iso.date(),
      at: z.iso.time(),
      exact: z.iso.time({ precision: 3 }),
      span: z.iso.duration(),
    }),
  },
  {
    name: 'ip addresses and ranges',
    schema: z.object({
      v4: z.ipv4(),
      v6: z.ipv6(),
      cidr4: z.cidrv4(),
      cidr6: z.cidrv6(),
      mac: z.mac(),
      dashMac: z.mac({ delimiter: '-' }),
    }),
  },
  {
    name: 'base64 and base64url with lengths',
    schema: z.object({ a: z.base64(), b: z.base64url(), c: z.base64().min(8).max(16) }),
  },
  {
    name: 'jwt, with and without alg',
    schema: z.object({ token: z.jwt(), signed: z.jwt({ alg: 'RS256' }) }),
  },
  {
    name: 'emoji, e164, hostname, hex, hash',
    schema: z.object({
      mood: z.emoji(),
      tel: z.e164(),
      host: z.hostname(),
      hex: z.hex().length(12),
      digest: z.hash('sha256'),
      b64: z.hash('md5', { enc: 'base64' }),
    }),
  },
  {
    name: 'credit card, iban, currency code',
    schema: z.object({ card: z.creditCard(), account: z.iban(), money: z.currencyCode() }),
  },
  // strings: lengths, patterns and the other checks
  {
    name: 'string lengths',
    schema: z.object({
      exact: z.string().length(7),
      short: z.string().max(2),
      long: z.string().min(300).max(310),
      empty: z.string().max(0),
    }),
  },
  {
    name: 'regex patterns',
    schema: z.object({
      sku: z.string().regex(/^[A-Z]{3}-\d{4}$/),
      slug: z
        .string()
        .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
        .max(12),
      hex: z.string().regex(/^#?([a-f\d]{2}){3}$/i),
    }),
  },
  {
    name: 'prefix, suffix, includes, case',
    schema: z.object({
      a: z.string().startsWith('id_').endsWith('!').min(6),
      b: z.string().includes('@@'),
      c: z.string().lowercase().min(3),
      d: z.string().uppercase(),
    }),
  },
  { name: 'trimmed and normalised strings', schema: z.string().trim().toLowerCase().min(2).max(8) },
  {
    name: 'realism names with tight bounds',
    schema: z.object({
      name: z.string().max(3),
      email: z.string().max(12),
      description: z.string().min(1).max(5),
      city: z.string().length(4),
    }),
  },
  // numbers
  {
    name: 'number bounds, exclusive and multipleOf',
    schema: z.object({
      a: z.number().gt(0).lt(1),
      b: z.number().min(-5).max(-4),
      c: z.number().multipleOf(0.05).min(1).max(2),
      d: z.number().gte(10).multipleOf(7),
    }),
  },
  {
    name: 'integers and int formats',
    schema: z.object({
      a: z.int(),
      b: z.int32().negative(),
      c: z.uint32(),
      d: z.int().gt(5).lt(7),
      e: z.number().int().nonnegative().multipleOf(25),
    }),
  },
  {
    name: 'float32 and finite',
    schema: z.tuple([z.float32(), z.float64(), z.number().positive(), z.number().nonpositive()]),
  },
  {
    name: 'money-like names',
    schema: z.object({
      price: z.number().min(0.01).max(0.02),
      total: z.number().min(1_000_000),
      quantity: z.int().min(50),
      rating: z.number().max(0.5),
    }),
  },
  {
    name: 'bigint with bounds and multipleOf',
    schema: z.object({
      big: z.bigint(),
      bounded: z.bigint().min(10n).max(20n),
      stepped: z.bigint().multipleOf(5n).positive(),
      wide: z.int64(),
    }),
    json: false,
  },
  {
    name: 'boolean, null, literal',
    schema: z.object({
      flag: z.boolean(),
      nothing: z.null(),
      one: z.literal('one'),
      several: z.literal([1, 2, 'three']),
      yes: z.literal(true),
    }),
  },
  {
    name: 'dates with bounds',
    schema: z.object({
      when: z.date(),
      window: z.date().min(new Date('2020-01-01')).max(new Date('2020-01-02')),
      createdAt: z.date(),
    }),
    json: false,
  },
  {
    name: 'enums: zod and native',
    schema: z.object({
      color: z.enum(['red', 'green', 'blue']),
      role: z.enum(Role),
      level: z.nativeEnum(Level),
    }),
  },
  // wrappers
  {
    name: 'optional and nullable',
    schema: z.object({
      a: z.string().optional(),
      b: z.number().nullable(),
      c: z.boolean().nullish(),
      d: z.email().exactOptional(),
    }),
  },
  {
    name: 'default, prefault, catch, readonly, nonoptional',
    schema: z.object({
      a: z.string().default('x'),
      b: z.int().prefault(3),
      c: z.number().catch(0),
      d: z.array(z.string()).readonly(),
      e: z.string().optional().nonoptional(),
    }),
  },
  {
    name: 'brand',
    schema: z.object({
      id: z.uuid().brand<'UserId'>(),
      cents: z.int().nonnegative().brand('Cents'),
    }),
  },
  // collections
  {
    name: 'arrays with bounds',
    schema: z.object({
      some: z.array(z.int()).min(2).max(3),
      exact: z.array(z.string()).length(4),
      nonempty: z.array(z.email()).nonempty(),
      many: z.array(z.boolean()).min(12),
    }),
  },
  {
    name: 'tuples with optional slots and rest',
    schema: z.object({
      pair: z.tuple([z.string(), z.int()]),
      rest: z.tuple([z.boolean()], z.number()),
      optionalEnd: z.tuple([z.string(), z.number().optional()]),
    }),
  },
  {
    name: 'strict, loose and catchall objects',
    schema: z.object({
      strict: z.strictObject({ a: z.string() }),
      loose: z.looseObject({ b: z.int() }),
      catchall: z.object({ c: z.boolean() }).catchall(z.string()),
    }),
  },
  {
    name: 'records with string, enum, partial, regex and number keys',
    schema: z.object({
      attributes: z.record(z.string(), z.string().max(100)),
      byEnum: z.record(z.enum(['a', 'b', 'c']), z.int()),
      partial: z.partialRecord(z.enum(['x', 'y']), z.boolean()),
      patterned: z.record(z.string().regex(/^k_[a-z]{3}$/), z.number()),
      numbered: z.record(z.number(), z.string()),
    }),
  },
  {
    name: 'uniqueItems arrays, checked by a refinement',
    schema: z.object({
      sizes: z
        .array(z.enum(['S', 'M', 'L', 'XL']))
        .min(2)
        .refine((items) => new Set(items).size === items.length, 'Items must be unique')
        .openapi({ uniqueItems: true }),
      people: z
        .array(z.object({ id: z.int().optional(), active: z.boolean() }))
        .max(8)
        .meta({ uniqueItems: true }),
    }),
  },
  {
    name: 'map and set',
    schema: z.object({
      lookup: z.map(z.string(), z.int()),
      unique: z
        .set(z.enum(['a', 'b', 'c', 'd']))
        .min(2)
        .max(3),
    }),
    json: false,
  },
  // choices
  {
    name: 'plain unions',
    schema: z.union([
      z.string().email(),
      z.int().positive(),
      z.object({ nested: z.literal('yes') }),
    ]),
  },
  { name: 'discriminated union', schema: Shape },
  {
    name: 'nested discriminated unions',
    schema: z.discriminatedUnion('type', [
      z.object({
        type: z.literal('a'),
        inner: z.discriminatedUnion('k', [
          z.object({ k: z.literal(1) }),
          z.object({ k: z.literal(2), x: z.string() }),
        ]),
      }),
      z.object({ type: z.literal('b') }),
    ]),
  },
  { name: 'exclusive union (xor)', schema: z.xor([z.string().max(3), z.string().min(5)]) },
  {
    name: 'union published as oneOf',
    schema: z
      .union([
        z.object({ type: z.literal('artist').optional(), name: z.string() }),
        z.object({
          type: z.literal('track').optional(),
          name: z.string(),
          duration_ms: z.int().optional(),
        }),
      ])
      .openapi({}, { unionPreferredType: 'oneOf' }),
  },
  {
    name: 'intersection of objects',
    schema: z
      .object({ a: z.string() })
      .and(z.object({ b: z.int().min(1) }))
      .and(z.object({ c: z.boolean() })),
  },
  { name: 'intersection of scalars', schema: z.intersection(z.string().min(3), z.string().max(5)) },
  {
    name: 'intersection with a union',
    schema: z.intersection(
      z.object({ id: z.uuid() }),
      z.union([z.object({ a: z.string() }), z.object({ b: z.number() })]),
    ),
  },
  // recursion
  { name: 'recursive tree through a getter', schema: Tree },
  { name: 'recursive linked list through z.lazy', schema: LinkedList },
  { name: 'recursive expression (union of recursive branches)', schema: Expr },
  { name: 'z.json()', schema: z.json() },
  // pipes, transforms, refinements
  {
    name: 'transform and pipe',
    schema: z.object({
      n: z.string().regex(/^\d+$/).transform(Number).pipe(z.number().max(10_000_000)),
      upper: z.string().transform((s) => s.toUpperCase()),
    }),
  },
  {
    name: 'preprocess',
    schema: z.preprocess(
      (value) => (typeof value === 'string' ? value.trim() : value),
      z.string().min(2),
    ),
  },
  {
    name: 'coerce',
    schema: z.object({
      n: z.coerce.number().int().min(1).max(9),
      b: z.coerce.boolean(),
      s: z.coerce.string().min(1),
      d: z.coerce.date(),
    }),
  },
  {
    name: 'codec and stringbool',
    schema: z.object({
      flag: z.stringbool(),
      at: z.codec(z.iso.datetime(), z.date(), {
        decode: (s) => new Date(s),
        encode: (d) => d.toISOString(),
      }),
    }),
  },
  {
    name: 'refine on a number',
    schema: z
      .int()
      .min(0)
      .max(1000)
      .refine((n) => n % 2 === 0, 'must be even'),
  },
  {
    name: 'superRefine on an object',
    schema: z
      .object({ min: z.int().min(0).max(100), max: z.int().min(0).max(100) })
      .superRefine((v, ctx) => {
        if (v.max < v.min) ctx.addIssue({ code: 'custom', message: 'max below min' })
      }),
  },
  {
    name: 'refine on an optional and on an array',
    schema: z.object({
      code: z
        .string()
        .optional()
        .refine((v) => v === undefined || v.length > 3, 'too short'),
      ids: z
        .array(z.int().min(1).max(5))
        .min(2)
        .max(3)
        .refine((ids) => new Set(ids).size === ids.length, 'ids repeat'),
    }),
  },
  {
    name: 'refine on a string',
    schema: z
      .string()
      .min(1)
      .refine((s) => !s.includes('q'), 'no q'),
  },
  // the rest
  {
    name: 'unknown and any',
    schema: z.object({ payload: z.unknown(), extra: z.any(), email: z.unknown() }),
  },
  {
    name: 'template literal',
    schema: z.templateLiteral(['order-', z.int().min(1), '-', z.enum(['eu', 'us'])]),
  },
  {
    name: 'custom and instanceof',
    schema: z.object({ even: z.custom<number>((v) => typeof v === 'number' && v % 2 === 0) }),
  },
  {
    name: 'never inside optional',
    schema: z.object({ ok: z.string(), gone: z.never().optional() }),
  },
  {
    name: 'undefined and void fields',
    schema: z.object({ a: z.undefined(), b: z.void(), c: z.string() }),
    json: false,
  },
  { name: 'nan', schema: z.nan(), json: false },
  {
    name: 'metadata: examples and x-faker hints',
    schema: z.object({
      currency: z.string().openapi({ example: 'EUR' }),
      label: z.string().meta({ examples: ['alpha', 'beta'] }),
      company: z.string().openapi({ 'x-faker': 'company.name' }),
      count: z
        .int()
        .min(1)
        .max(3)
        .openapi({ 'x-faker': { 'number.int': { min: 1, max: 3 } } }),
      badExample: z.int().max(5).openapi({ example: 99 }),
    }),
  },
]

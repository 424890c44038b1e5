import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { z } from 'zod'

/** Where a bad value was found, as the contract's Problem schema names it. */
type Location = 'path' | 'query' | 'header' | 'cookie' | 'body'

export interface FieldError {
  location: Location
  path: string
  message: string
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; response: Response }

/** An RFC 9457 problem response, the shape of every error the shop answers with. */
export function problem(
  c: Context,
  status: ContentfulStatusCode,
  title: string,
  detail?: string,
  errors?: FieldError[],
): Response {
  const body = {
    type: 'about:blank',
    title,
    status,
    ...(detail ? { detail } : {}),
    ...(errors ? { errors } : {}),
  }
  return c.body(JSON.stringify(body), status, { 'content-type': 'application/problem+json' })
}

export function notFound(c: Context, what: string): Response {
  return problem(c, 404, 'Not found', `No ${what} with that id.`)
}

export function conflict(c: Context, detail: string): Response {
  return problem(c, 409, 'Conflict', detail)
}

/** Path parameters that break their schema are a 400: the URL itself is wrong. */
export function readParams<S extends z.ZodType>(c: Context, schema: S): Parsed<z.output<S>> {
  return parseWith(c, schema, c.req.param(), 'path', 400)
}

export function readQuery<S extends z.ZodType>(c: Context, schema: S): Parsed<z.output<S>> {
  return parseWith(c, schema, c.req.query(), 'query', 400)
}

/** A JSON body: 400 for a wrong content type or broken JSON, 422 when it breaks the schema. */
export async function readBody<S extends z.ZodType>(
  c: Context,
  schema: S,
): Promise<Parsed<z.output<S>>> {
  const json = await readJson(c)
  if (!json.ok) return json
  return parseWith(c, schema, json.value, 'body', 422)
}

export async function readJson(c: Context): Promise<Parsed<unknown>> {
  const type = c.req.header('content-type') ?? ''
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    return {
      ok: false,
      response: problem(c, 400, 'Unsupported content type', 'Send the body as application/json.'),
    }
  }
  try {
    return { ok: true, value: JSON.parse(await c.req.text()) as unknown }
  } catch {
    return { ok: false, response: problem(c, 400, 'Invalid JSON', 'The body is not valid JSON.') }
  }
}

function parseWith<S extends z.ZodType>(
  c: Context,
  schema: S,
  input: unknown,
  location: Location,
  status: 400 | 422,
): Parsed<z.output<S>> {
  const result = schema.safeParse(input)
  if (result.success) return { ok: true, value: result.data }
  const errors = result.error.issues.map((issue) => ({
    location,
    path: dotted(issue.path),
    message: issue.message,
  }))
  const title = status === 400 ? 'Bad request' : 'Request validation failed'
  return {
    ok: false,
    response: problem(
      c,
      status,
      title,
      `The ${location === 'path' ? 'path' : location} breaks the contract.`,
      errors,
    ),
  }
}

function dotted(path: PropertyKey[]): string {
  return path.reduce<string>(
    (text, part) =>
      typeof part === 'number'
        ? `${text}[${part}]`
        : text
          ? `${text}.${String(part)}`
          : String(part),
    '',
  )
}

/** Money in cents precision, so sums such as 0.1 + 0.2 stay multiples of 0.01. */
export function cents(amount: number): number {
  return Math.round(amount * 100) / 100
}

/** One page of a list, in the contract's page shape. */
export function pageOf<T>(items: T[], page: number, pageSize: number) {
  return {
    items: items.slice((page - 1) * pageSize, page * pageSize),
    page,
    pageSize,
    total: items.length,
  }
}

import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

// The blog's error shape: `{ "errors": { "body": ["…"] } }`, and a 401 without a body.

export type Parsed<T> = { ok: true; value: T } | { ok: false; response: Response }

/** An error in the blog's documented shape. */
export function errors(c: Context, status: ContentfulStatusCode, messages: string[]): Response {
  return c.json({ errors: { body: messages } }, status)
}

/** 401, documented without a body. */
export function unauthorized(c: Context): Response {
  return c.body(null, 401, { 'WWW-Authenticate': 'Token' })
}

export function notFound(c: Context, what: string): Response {
  return errors(c, 404, [`${what} not found`])
}

/** A JSON body, or the documented 422. */
export async function readJson(c: Context): Promise<Parsed<unknown>> {
  if (!/^application\/json\b/i.test(c.req.header('content-type') ?? ''))
    return { ok: false, response: errors(c, 422, ['body must be JSON']) }
  try {
    return { ok: true, value: JSON.parse(await c.req.text()) as unknown }
  } catch {
    return { ok: false, response: errors(c, 422, ['body is not valid JSON']) }
  }
}

/**
 * The object under `key` of a body (`{ "article": { … } }`), or a message saying why there is none.
 */
export function envelope(body: unknown, key: string): Record<string, unknown> | string {
  const inner = (body as Record<string, unknown> | null)?.[key]
  return typeof inner === 'object' && inner !== null && !Array.isArray(inner)
    ? (inner as Record<string, unknown>)
    : `${key} must be an object`
}

/** Messages for the fields of an object that must be text (required or not). */
export function textProblems(
  fields: Record<string, unknown>,
  required: string[],
  optional: string[] = [],
): string[] {
  const missing = required
    .filter((name) => typeof fields[name] !== 'string' || (fields[name] as string).trim() === '')
    .map((name) => `${name} can't be blank`)
  const wrong = optional
    .filter(
      (name) =>
        fields[name] !== undefined && fields[name] !== null && typeof fields[name] !== 'string',
    )
    .map((name) => `${name} must be a string`)
  return [...missing, ...wrong]
}

/** `limit` and `offset` of a list, or the messages saying what is wrong with them. */
export function paging(c: Context): { limit: number; offset: number } | string[] {
  const limit = c.req.query('limit') ?? '20'
  const offset = c.req.query('offset') ?? '0'
  const problems = [
    ...(/^\d+$/.test(limit) && Number(limit) >= 1 && Number(limit) <= 100
      ? []
      : ['limit must be an integer from 1 to 100']),
    ...(/^\d+$/.test(offset) ? [] : ['offset must be a whole number']),
  ]
  return problems.length > 0 ? problems : { limit: Number(limit), offset: Number(offset) }
}

import type { Context } from 'hono'
import { unauthorized } from './http.ts'
import type { Store, UserRecord } from './store.ts'
import { readToken } from './tokens.ts'

/**
 * Bugs that can be planted in the blog backend, one flag each: the ways real backends go wrong, for
 * `standin verify` to find.
 */
export const BLOG_BUGS = [
  /** Following a user one already follows crashes (a unique constraint nobody handles): 500. */
  'repeat-follow-500',
  /**
   * Creating an article whose title another article has crashes instead of numbering the slug: 500.
   */
  'duplicate-article-500',
  /** `PUT /user` with an empty `user` object crashes: 500. */
  'empty-update-500',
  /** An `offset` past the largest safe integer crashes the paging: 500. */
  'huge-offset-500',
  /** A bad token on an operation where credentials are optional crashes: 500. */
  'bad-token-optional-500',
  /** Text where the comment id (an integer) belongs crashes: 500. */
  'text-id-500',
  /** Articles come back with `description: null`, which the description says is a string. */
  'null-string',
  /** `POST /articles` answers 200 rather than the documented 201. */
  'created-200',
  /** The 422 body leaves out `errors.body`, which the description requires. */
  'error-missing-field',
  /** A comment that breaks the schema gets an undocumented 400 with a text body. */
  'undocumented-400-text',
  /** Deleting someone else's comment gets an undocumented 403 with a text body. */
  'undocumented-403-text',
  /** Listing articles by an author nobody knows gets an undocumented 404 with a text body. */
  'undocumented-404-text',
  /** `DELETE /articles/{slug}` answers 204 with a Content-Type. */
  'no-content-type-204',
  /**
   * Tokens are read without checking their signature: a forged one (or `alg: none`) is accepted.
   */
  'forged-token-accepted',
  /** Every article in a list says `favorited: "yes"` rather than a boolean. */
  'list-boolean-text',
] as const

export type BlogBug = (typeof BLOG_BUGS)[number]

/** What every route handler shares. */
export interface Blog {
  store: Store
  has: (bug: BlogBug) => boolean
}

type Handler = (c: Context) => Response | Promise<Response>

/** A handler that needs a logged-in user: 401 (no body, as documented) without a valid token. */
export function secured(
  blog: Blog,
  handler: (c: Context, user: UserRecord) => Response | Promise<Response>,
): Handler {
  return (c) => {
    const user = userOf(blog, c)
    return user ? handler(c, user) : unauthorized(c)
  }
}

/** A handler where credentials are optional: the user when a valid token came, else nobody. */
export function optionallySecured(
  blog: Blog,
  handler: (c: Context, user: UserRecord | undefined) => Response | Promise<Response>,
): Handler {
  return (c) => {
    const header = c.req.header('authorization')
    const user = userOf(blog, c)
    if (header !== undefined && !user && blog.has('bad-token-optional-500'))
      throw new Error('Cannot read properties of undefined (reading "username")')
    return handler(c, user)
  }
}

/**
 * The user of `Authorization: Token <jwt>`, if the token is one this backend issued to a user it
 * has.
 */
function userOf(blog: Blog, c: Context): UserRecord | undefined {
  const match = /^Token (\S+)$/.exec(c.req.header('authorization') ?? '')
  const claims = match
    ? readToken(blog.store.secret, match[1] as string, blog.has('forged-token-accepted'))
    : undefined
  return claims ? blog.store.users.get(claims.sub) : undefined
}

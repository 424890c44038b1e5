import { Hono } from 'hono'
import { type Blog, type BlogBug, BLOG_BUGS } from './blog.ts'
import { errors } from './http.ts'
import { articleRoutes } from './routes/articles.ts'
import { commentRoutes } from './routes/comments.ts'
import { profileRoutes } from './routes/profiles.ts'
import { userRoutes } from './routes/users.ts'
import { createStore, type Store } from './store.ts'

export interface BlogBackendOptions {
  /** Bugs to plant, to see what `standin verify` reports for each. None by default. */
  bugs?: BlogBug[]
  /** Start from this store instead of a freshly seeded one. */
  store?: Store
  /** Where unexpected errors (the 500s) are logged; console.error by default. */
  logError?: (error: Error) => void
}

/**
 * A blogging backend written the way real ones are, for the description in `openapi.yaml` (served
 * under `/api`): bodies in envelopes, articles keyed by slug and profiles by username, signed
 * tokens sent as `Authorization: Token …`, errors as `{ "errors": { "body": [...] } }`. It keeps
 * its description, so `standin verify` passes against it; planted bugs make it go wrong the way
 * real backends do.
 *
 * @example
 * const app = createBlogBackend({ bugs: ['repeat-follow-500'] })
 * const report = await verify(contract, { target: app.fetch })
 */
export function createBlogBackend(options: BlogBackendOptions = {}): Hono {
  const unknown = (options.bugs ?? []).filter((bug) => !BLOG_BUGS.includes(bug))
  if (unknown.length > 0)
    throw new Error(`Unknown bug ${unknown.join(', ')}; known: ${BLOG_BUGS.join(', ')}.`)
  const bugs = new Set(options.bugs ?? [])
  const blog: Blog = { store: options.store ?? createStore(), has: (bug) => bugs.has(bug) }
  const api = new Hono()
  userRoutes(api, blog)
  profileRoutes(api, blog)
  articleRoutes(api, blog)
  commentRoutes(api, blog)
  api.get('/tags', (c) =>
    c.json({
      tags: [...new Set([...blog.store.articles.values()].flatMap((article) => article.tagList))],
    }),
  )
  const app = new Hono()
  app.route('/api', api)
  app.notFound((c) => errors(c, 404, [`no route for ${c.req.method} ${c.req.path}`]))
  const logError = options.logError ?? ((error: Error) => console.error(error))
  app.onError((error, c) => {
    logError(error)
    return c.json({ errors: { body: ['something went wrong on our side'] } }, 500)
  })
  return app
}

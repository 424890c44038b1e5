import type { Context, Hono } from 'hono'
import { type Blog, optionallySecured, secured } from '../blog.ts'
import { envelope, errors, notFound, readJson, textProblems } from '../http.ts'
import { type CommentRecord, now, type UserRecord } from '../store.ts'
import { commentOf } from '../views.ts'

/** The comments of an article. */
export function commentRoutes(app: Hono, blog: Blog): void {
  app.get(
    '/articles/:slug/comments',
    optionallySecured(blog, (c, viewer) => list(c, blog, viewer)),
  )
  app.post(
    '/articles/:slug/comments',
    secured(blog, (c, user) => add(c, blog, user)),
  )
  app.delete(
    '/articles/:slug/comments/:id',
    secured(blog, (c, user) => remove(c, blog, user)),
  )
}

function list(c: Context, blog: Blog, viewer: UserRecord | undefined): Response {
  const slug = c.req.param('slug') as string
  if (!blog.store.articles.has(slug)) return notFound(c, 'article')
  return c.json({
    comments: blog.store.comments
      .filter((comment) => comment.article === slug)
      .map((comment) => commentOf(blog, comment, viewer)),
  })
}

async function add(c: Context, blog: Blog, user: UserRecord): Promise<Response> {
  const slug = c.req.param('slug') as string
  if (!blog.store.articles.has(slug)) return notFound(c, 'article')
  const body = await readJson(c)
  const fields = body.ok ? envelope(body.value, 'comment') : 'body must be JSON'
  const problems = typeof fields === 'string' ? [fields] : textProblems(fields, ['body'])
  if (problems.length > 0)
    return blog.has('undocumented-400-text')
      ? c.text(problems.join('; '), 400)
      : errors(c, 422, problems)
  const at = now()
  const comment: CommentRecord = {
    id: blog.store.nextCommentId++,
    article: slug,
    body: (fields as Record<string, string>).body as string,
    author: user.username,
    createdAt: at,
    updatedAt: at,
  }
  blog.store.comments.push(comment)
  return c.json({ comment: commentOf(blog, comment, user) }, 201)
}

function remove(c: Context, blog: Blog, user: UserRecord): Response {
  const id = c.req.param('id') as string
  if (!/^\d+$/.test(id)) {
    if (blog.has('text-id-500')) throw new Error(`invalid input syntax for type integer: "${id}"`)
    return notFound(c, 'comment')
  }
  const comment = blog.store.comments.find(
    (candidate) => candidate.id === Number(id) && candidate.article === c.req.param('slug'),
  )
  if (!comment) return notFound(c, 'comment')
  if (comment.author !== user.username)
    return blog.has('undocumented-403-text')
      ? c.text('You may only delete your own comments', 403)
      : notFound(c, 'comment')
  blog.store.comments = blog.store.comments.filter((candidate) => candidate !== comment)
  return c.body(null, 204)
}

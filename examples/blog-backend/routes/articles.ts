import type { Context, Hono } from 'hono'
import { type Blog, optionallySecured, secured } from '../blog.ts'
import { envelope, errors, notFound, paging, readJson, textProblems } from '../http.ts'
import { type ArticleRecord, now, slugOf, type UserRecord } from '../store.ts'
import { articleOf, pair } from '../views.ts'

/** Articles: lists, the feed, one by slug, writing, changing, deleting and favoriting them. */
export function articleRoutes(app: Hono, blog: Blog): void {
  app.get(
    '/articles/feed',
    secured(blog, (c, user) =>
      list(c, blog, user, (article) => blog.store.follows.has(pair(user.username, article.author))),
    ),
  )
  app.get(
    '/articles',
    optionallySecured(blog, (c, viewer) => filtered(c, blog, viewer)),
  )
  app.post(
    '/articles',
    secured(blog, (c, user) => create(c, blog, user)),
  )
  app.get(
    '/articles/:slug',
    optionallySecured(blog, (c, viewer) =>
      withArticle(c, blog, (article) => c.json({ article: articleOf(blog, article, viewer) })),
    ),
  )
  app.put(
    '/articles/:slug',
    secured(blog, (c, user) =>
      withOwnArticle(c, blog, user, (article) => change(c, blog, user, article)),
    ),
  )
  app.delete(
    '/articles/:slug',
    secured(blog, (c, user) =>
      withOwnArticle(c, blog, user, (article) => remove(c, blog, article)),
    ),
  )
  app.post(
    '/articles/:slug/favorite',
    secured(blog, (c, user) =>
      withArticle(c, blog, (article) => favorite(c, blog, user, article, true)),
    ),
  )
  app.delete(
    '/articles/:slug/favorite',
    secured(blog, (c, user) =>
      withArticle(c, blog, (article) => favorite(c, blog, user, article, false)),
    ),
  )
}

/** `GET /articles`, filtered by tag, author and who favorited them. */
function filtered(c: Context, blog: Blog, viewer: UserRecord | undefined): Response {
  const { tag, author, favorited } = c.req.query()
  if (author !== undefined && !blog.store.users.has(author) && blog.has('undocumented-404-text'))
    return c.text(`No author called ${author}`, 404)
  return list(
    c,
    blog,
    viewer,
    (article) =>
      (tag === undefined || article.tagList.includes(tag)) &&
      (author === undefined || article.author === author) &&
      (favorited === undefined || blog.store.favorites.has(pair(favorited, article.slug))),
  )
}

function list(
  c: Context,
  blog: Blog,
  viewer: UserRecord | undefined,
  keep: (article: ArticleRecord) => boolean,
): Response {
  const page = paging(c)
  if (Array.isArray(page)) return errors(c, 422, page)
  if (!Number.isSafeInteger(page.offset) && blog.has('huge-offset-500'))
    throw new RangeError('Invalid count value: offset is out of range')
  const articles = [...blog.store.articles.values()]
    .filter(keep)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  const shown = articles.slice(page.offset, page.offset + page.limit).map((article) => ({
    ...articleOf(blog, article, viewer),
    ...(blog.has('list-boolean-text') ? { favorited: 'yes' } : {}),
  }))
  return c.json({ articles: shown, articlesCount: articles.length })
}

async function create(c: Context, blog: Blog, user: UserRecord): Promise<Response> {
  const fields = await articleFields(c, ['title', 'description', 'body'])
  if (Array.isArray(fields)) return refused(c, blog, fields)
  const slug = freeSlug(blog, slugOf(fields.title as string))
  const at = now()
  const article: ArticleRecord = {
    slug,
    title: fields.title as string,
    description: fields.description as string,
    body: fields.body as string,
    tagList: tagsOf(fields.tagList),
    createdAt: at,
    updatedAt: at,
    author: user.username,
  }
  blog.store.articles.set(slug, article)
  return c.json({ article: articleOf(blog, article, user) }, blog.has('created-200') ? 200 : 201)
}

async function change(
  c: Context,
  blog: Blog,
  user: UserRecord,
  article: ArticleRecord,
): Promise<Response> {
  const fields = await articleFields(c, [])
  if (Array.isArray(fields)) return refused(c, blog, fields)
  const changed = {
    ...article,
    ...pickText(fields, ['title', 'description', 'body']),
    updatedAt: now(),
  }
  blog.store.articles.set(article.slug, changed)
  return c.json({ article: articleOf(blog, changed, user) })
}

function remove(c: Context, blog: Blog, article: ArticleRecord): Response {
  blog.store.articles.delete(article.slug)
  blog.store.comments = blog.store.comments.filter((comment) => comment.article !== article.slug)
  return blog.has('no-content-type-204')
    ? c.body(null, 204, { 'content-type': 'application/json' })
    : c.body(null, 204)
}

function favorite(
  c: Context,
  blog: Blog,
  user: UserRecord,
  article: ArticleRecord,
  on: boolean,
): Response {
  if (on) blog.store.favorites.add(pair(user.username, article.slug))
  else blog.store.favorites.delete(pair(user.username, article.slug))
  return c.json({ article: articleOf(blog, article, user) })
}

function withArticle(
  c: Context,
  blog: Blog,
  then: (article: ArticleRecord) => Response | Promise<Response>,
): Response | Promise<Response> {
  const article = blog.store.articles.get(c.req.param('slug') as string)
  return article ? then(article) : notFound(c, 'article')
}

/** Only its author changes or deletes an article; to anyone else it is not there. */
function withOwnArticle(
  c: Context,
  blog: Blog,
  user: UserRecord,
  then: (article: ArticleRecord) => Response | Promise<Response>,
): Response | Promise<Response> {
  return withArticle(c, blog, (article) =>
    article.author === user.username ? then(article) : notFound(c, 'article'),
  )
}

/** The `article` of the body, with the text fields it must have; or what is wrong with it. */
async function articleFields(
  c: Context,
  required: string[],
): Promise<Record<string, unknown> | string[]> {
  const body = await readJson(c)
  if (!body.ok) return ['body must be JSON']
  const fields = envelope(body.value, 'article')
  if (typeof fields === 'string') return [fields]
  const problems = textProblems(fields, required, ['title', 'description', 'body'])
  if (!required.includes('title') && typeof fields.title === 'string' && fields.title.trim() === '')
    problems.push("title can't be blank")
  if (
    fields.tagList !== undefined &&
    !(Array.isArray(fields.tagList) && fields.tagList.every((tag) => typeof tag === 'string'))
  )
    problems.push('tagList must be a list of strings')
  return problems.length > 0 ? problems : fields
}

/** The documented 422; with a planted bug, without the `body` it requires. */
export function refused(c: Context, blog: Blog, problems: string[]): Response {
  return blog.has('error-missing-field') ? c.json({ errors: {} }, 422) : errors(c, 422, problems)
}

function freeSlug(blog: Blog, slug: string): string {
  if (blog.store.articles.has(slug) && blog.has('duplicate-article-500'))
    throw new Error(`UNIQUE constraint failed: articles.slug (${slug})`)
  let candidate = slug
  for (let n = 2; blog.store.articles.has(candidate); n++) candidate = `${slug}-${n}`
  return candidate
}

function tagsOf(tags: unknown): string[] {
  return Array.isArray(tags)
    ? [...new Set(tags.filter((tag): tag is string => typeof tag === 'string'))]
    : []
}

function pickText(fields: Record<string, unknown>, names: string[]): Record<string, string> {
  return Object.fromEntries(
    names
      .filter((name) => typeof fields[name] === 'string')
      .map((name) => [name, fields[name] as string]),
  )
}

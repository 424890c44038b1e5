import { describe, expect, it } from 'vitest'
import {
  type Contract,
  createMockApp,
  createRoute,
  defineContract,
  defineMocks,
  fromOpenAPI,
  z,
} from 'standin'
import { type Answer, readAnswer } from './support.ts'

// A contract nobody here designed the shop way: a blogging API whose bodies sit in envelopes ({
// "article": { … } }), whose articles are keyed by slug and profiles by username, that lives under
// /api, and whose errors have a shape of their own ({ "errors": { "body": [...] } }, 401 without a
// body).
const { contract: blog } = await fromOpenAPI(
  new URL('../../examples/blog-backend/openapi.yaml', import.meta.url).pathname,
)

const TOKEN = { Authorization: 'Token jwt.token.here', 'Content-Type': 'application/json' }
const dragon = {
  title: 'How to train your dragon',
  description: 'Ever wonder how?',
  body: 'You have to believe.',
  tagList: ['dragons', 'training'],
}

function clientOf(
  contract: Contract,
  options: Parameters<typeof createMockApp>[1] = {},
  session?: string,
) {
  const app = createMockApp(contract, options)
  return async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = TOKEN,
  ): Promise<Answer> => {
    const init: RequestInit = {
      method,
      headers: { ...headers, ...(session ? { 'X-Standin-Session': session } : {}) },
    }
    if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body)
    return readAnswer(contract, method, path, await app.request(path, init))
  }
}

describe('a real-world contract, stateless', () => {
  const call = clientOf(blog)

  describe('base path', () => {
    it('serves under the path of the first server URL, and says where the API lives outside it', async () => {
      expect((await call('GET', '/api/tags')).status).toBe(200)
      const outside = await call('GET', '/tags')
      expect([outside.status, outside.body.detail]).toEqual([
        404,
        '/tags is outside this API, which lives under /api: ask for /api/tags.',
      ])
    })

    it('moves the docs with it: the index, Swagger UI and the document, whose first server is the mock', async () => {
      expect((await call('GET', '/api')).text).toContain('<code>/api/articles/{slug}</code>')
      expect((await call('GET', '/api/docs')).text).toContain(
        'href="/api/docs/assets/swagger-ui.css"',
      )
      expect((await call('GET', '/api/openapi.json')).body.servers).toEqual([
        { url: '/api', description: 'This mock' },
        { url: 'https://blog.example.com/api' },
      ])
    })

    it('serves at the root with basePath "/"', async () => {
      const root = clientOf(blog, { basePath: '/' })
      expect((await root('GET', '/tags')).status).toBe(200)
      expect((await root('GET', '/api/tags')).status).toBe(404)
    })

    it('never lets the docs shadow an operation at the base path', async () => {
      const Status = z.object({ up: z.boolean() })
      const contract = defineContract({
        info: { title: 'Status', version: '1' },
        servers: [
          { url: 'https://status.example.com/v{major}', variables: { major: { default: '2' } } },
        ],
        routes: {
          status: createRoute({
            method: 'get',
            path: '/',
            responses: {
              200: { description: 'Up?', content: { 'application/json': { schema: Status } } },
            },
          }),
        },
      })
      const status = await clientOf(contract)('GET', '/v2/')
      expect([status.status, typeof status.body.up]).toEqual([200, 'boolean'])
    })
  })

  describe('errors in the contract’s shape', () => {
    it('answers a body that breaks the schema with the documented 422 and its messages in errors.body', async () => {
      const answer = await call('POST', '/api/articles', { article: { title: '', body: 'x' } })
      expect([answer.status, answer.headers.get('content-type'), answer.body]).toEqual([
        422,
        'application/json',
        {
          errors: {
            body: [
              'article.title: Too small: expected string to have >=1 characters',
              'article.description: Invalid input: expected string, received undefined',
            ],
          },
        },
      ])
    })

    it('answers a bad query parameter with the documented 422 where no 400 is documented', async () => {
      const answer = await call('GET', '/api/articles?limit=0')
      expect([answer.status, answer.body]).toEqual([
        422,
        { errors: { body: ['limit: Too small: expected number to be >=1'] } },
      ])
    })

    it('answers missing credentials with a 401 without a body, as documented, and the challenge', async () => {
      const answer = await call('GET', '/api/user', undefined, {})
      expect([
        answer.status,
        answer.text,
        answer.headers.get('content-type'),
        answer.headers.get('www-authenticate'),
      ]).toEqual([401, '', null, 'ApiKey realm="standin", header="Authorization"'])
    })

    it('answers Prefer: code=404 in the documented shape, with the response’s description as the message', async () => {
      const answer = await call('GET', '/api/articles/some-slug', undefined, { Prefer: 'code=404' })
      expect([answer.status, answer.body]).toEqual([
        404,
        { errors: { body: ['What went wrong, by part of the request'] } },
      ])
    })

    it('keeps standin’s problem+json for a mistake in the Prefer controls: it is about the mock, not the API', async () => {
      const answer = await call('GET', '/api/articles', undefined, { Prefer: 'code=500' })
      expect([answer.status, answer.headers.get('content-type'), answer.body.detail]).toEqual([
        400,
        'application/problem+json',
        'GetArticles does not document status 500. Documented: 200, 422. Prefer: fault=500 answers it anyway, as a gateway or rate limiter in front of the API would.',
      ])
    })

    it('answers a scenario’s ctx.problem(…) in the documented shape', async () => {
      const mocks = defineMocks(blog, {
        scenarios: {
          'no-articles': {
            GetArticle: (_c, ctx) => ctx.problem(404 as never, 'Nobody wrote that.'),
          },
        },
      })
      const answer = await clientOf(blog, { mocks })('GET', '/api/articles/gone', undefined, {
        Prefer: 'scenario=no-articles',
      })
      expect([answer.status, answer.body]).toEqual([
        404,
        { errors: { body: ['Nobody wrote that.'] } },
      ])
    })

    it('chooses among the documented statuses: 400 where only it is documented, a 4XX range, else problem+json 400', async () => {
      const Body = z.object({ name: z.string().min(2) })
      const Error = z.object({ message: z.string(), code: z.int() })
      const route = (responses: Record<string, unknown>) =>
        createRoute({
          method: 'post',
          path: '/things',
          request: { body: { required: true, content: { 'application/json': { schema: Body } } } },
          responses: { 201: { description: 'Made.' }, ...responses } as never,
        })
      const contractWith = (responses: Record<string, unknown>) =>
        defineContract({
          info: { title: 'Things', version: '1' },
          routes: { makeThing: route(responses) },
        })
      const documented = { description: 'Bad.', content: { 'application/json': { schema: Error } } }
      const send = async (contract: Contract) =>
        clientOf(contract)('POST', '/things', { name: 'x' }, { 'Content-Type': 'application/json' })
      const only400 = await send(contractWith({ 400: documented }))
      expect([only400.status, only400.body]).toEqual([
        400,
        { message: 'The request breaks the contract of makeThing in 1 place.', code: 400 },
      ])
      const range = await send(contractWith({ '4XX': documented }))
      expect([range.status, range.body]).toEqual([
        400,
        { message: 'The request breaks the contract of makeThing in 1 place.', code: 400 },
      ])
      const conflictOnly = await send(contractWith({ 409: documented }))
      expect([conflictOnly.status, conflictOnly.body.code]).toEqual([409, 409])
      const nothing = await send(contractWith({}))
      expect([nothing.status, nothing.headers.get('content-type')]).toEqual([
        400,
        'application/problem+json',
      ])
    })
  })

  describe('echo and pins through envelopes', () => {
    it('answers a create with what the request sent, inside the envelope', async () => {
      const created = await call('POST', '/api/articles', { article: dragon })
      expect(created.status).toBe(201)
      expect(created.body.article).toMatchObject(dragon)
    })

    it('answers the article of the slug in the path, and the profile of the username', async () => {
      expect((await call('GET', '/api/articles/how-to-train-your-dragon')).body.article.slug).toBe(
        'how-to-train-your-dragon',
      )
      expect((await call('POST', '/api/profiles/jake/follow')).body.profile.username).toBe('jake')
      expect((await call('GET', '/api/profiles/jake')).body.profile.username).toBe('jake')
    })

    it('counts one collection the same on every page: articlesCount, and the page holds limit articles', async () => {
      const first = await call('GET', '/api/articles?limit=5')
      const second = await call('GET', '/api/articles?limit=5&offset=5')
      expect(first.body.articles).toHaveLength(5)
      expect(second.body.articlesCount).toBe(first.body.articlesCount)
      expect(first.body.articles.map((article: { slug: string }) => article.slug)).not.toEqual(
        second.body.articles.map((article: { slug: string }) => article.slug),
      )
    })
  })
})

describe('nested items carry the key of the parent in their path', () => {
  it('answers the reviews of a product, listed and one by one, with that product’s id', async () => {
    const shop = (await import('../../contracts/index.ts')).default
    const call = clientOf(shop)
    const productId = '0d9a2c4e-6f1b-4a3c-8e5d-7b9f1a2c3d4e'
    const page = await call('GET', `/products/${productId}/reviews?pageSize=5`, undefined, {})
    expect(page.body.items.map((review: { productId: string }) => review.productId)).toEqual(
      Array(5).fill(productId),
    )
    const review = await call(
      'GET',
      `/products/${productId}/reviews/${page.body.items[2].id}`,
      undefined,
      {},
    )
    expect(review.body).toEqual(page.body.items[2])
  })
})

describe('a real-world contract, stateful', () => {
  const session = (name: string) => clientOf(blog, { stateful: true }, name)

  it('stores a create sent in its envelope, keyed by a slug made from its title, and finds it there', async () => {
    const call = session('create')
    const created = await call('POST', '/api/articles', { article: dragon })
    expect([created.status, created.body.article.slug]).toEqual([201, 'how-to-train-your-dragon'])
    expect(created.body.article).toMatchObject({ ...dragon, favorited: false, favoritesCount: 0 })
    expect((await call('GET', '/api/articles/how-to-train-your-dragon')).body).toEqual(created.body)
    const again = await call('POST', '/api/articles', { article: dragon })
    expect(again.body.article.slug).toBe('how-to-train-your-dragon-2')
  })

  it('puts what a client created first in its list, newest first, before the starting articles', async () => {
    const call = session('list')
    const before = await call('GET', '/api/articles?limit=3')
    const created = await call('POST', '/api/articles', { article: dragon })
    const after = await call('GET', '/api/articles?limit=3')
    expect(after.body.articles).toEqual([created.body.article, ...before.body.articles.slice(0, 2)])
    expect(after.body.articlesCount).toBe(before.body.articlesCount + 1)
  })

  it('reads the starting articles at their own slugs', async () => {
    const call = session('starting')
    const listed = (await call('GET', '/api/articles?limit=2&offset=4')).body.articles
    for (const article of listed)
      expect((await call('GET', `/api/articles/${article.slug}`)).body.article).toEqual(article)
  })

  it('changes what a PUT sends and keeps the fields it leaves out, then deletes, answering 404 in the documented shape', async () => {
    const call = session('change')
    const { slug } = (await call('POST', '/api/articles', { article: dragon })).body.article
    const changed = await call('PUT', `/api/articles/${slug}`, { article: { body: 'With love.' } })
    expect(changed.body.article).toMatchObject({ ...dragon, body: 'With love.' })
    expect((await call('DELETE', `/api/articles/${slug}`)).status).toBe(204)
    const gone = await call('GET', `/api/articles/${slug}`)
    expect([gone.status, gone.body]).toEqual([
      404,
      {
        errors: {
          body: [
            `There is no /articles/${slug} in this session: it was never created here, or it was deleted.`,
          ],
        },
      },
    ])
  })

  it('keeps the comments of an article under it, numbered, and removes one', async () => {
    const call = session('comments')
    const { slug } = (await call('POST', '/api/articles', { article: dragon })).body.article
    const comment = await call('POST', `/api/articles/${slug}/comments`, {
      comment: { body: 'Great read.' },
    })
    expect([comment.status, comment.body.comment.id, comment.body.comment.body]).toEqual([
      201,
      1,
      'Great read.',
    ])
    expect((await call('GET', `/api/articles/${slug}/comments`)).body.comments).toEqual([
      comment.body.comment,
    ])
    expect((await call('DELETE', `/api/articles/${slug}/comments/1`)).status).toBe(204)
    expect((await call('GET', `/api/articles/${slug}/comments`)).body.comments).toEqual([])
    const orphan = await call('POST', '/api/articles/nobody-wrote-this/comments', {
      comment: { body: 'Hello?' },
    })
    expect(orphan.status).toBe(404)
  })

  it('stores and lists a collection that has a create and a list but no item route', async () => {
    const Note = z.object({ id: z.int(), orderId: z.string(), text: z.string() })
    const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } })
    const params = z.object({ orderId: z.string() })
    const contract = defineContract({
      info: { title: 'Notes', version: '1' },
      routes: {
        addNote: createRoute({
          method: 'post',
          path: '/orders/{orderId}/notes',
          request: { params, body: { required: true, ...json(z.object({ text: z.string() })) } },
          responses: { 201: { description: 'Added.', ...json(Note) } },
        }),
        listNotes: createRoute({
          method: 'get',
          path: '/orders/{orderId}/notes',
          request: { params },
          responses: { 200: { description: 'Notes.', ...json(z.array(Note)) } },
        }),
      },
    })
    const call = clientOf(contract, { stateful: true }, 'notes')
    const added = await call(
      'POST',
      '/orders/o-1/notes',
      { text: 'Leave at the door.' },
      { 'Content-Type': 'application/json' },
    )
    expect(added.body).toMatchObject({ orderId: 'o-1', text: 'Leave at the door.' })
    expect((await call('GET', '/orders/o-1/notes')).body[0]).toEqual(added.body)
  })
})

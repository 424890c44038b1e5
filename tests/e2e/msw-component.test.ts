import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMockApp } from 'standin'
import { handlers } from 'standin/msw'
import shop from '../../contracts/index.ts'
import mocks from '../../mocks/index.ts'
import { productList } from './msw-frontend/product-list.ts'

const SEED = 23
const API = 'https://api.shop.example.test'
const server = setupServer(...handlers(shop, { baseUrl: API, seed: SEED, mocks }))

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" }

/** The names in a rendered list, in order, as text. */
function renderedNames(html: string): string[] {
  return [...html.matchAll(/<li data-id="[^"]*">([^<]*)<\/li>/g)].map((match) =>
    (match[1] as string).replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ENTITIES[name]!),
  )
}

describe('a frontend component tested with standin/msw under msw/node', () => {
  it('renders the products standin serve would send for the same seed', async () => {
    // What `standin serve --seed 23` answers, in process.
    const served = createMockApp(shop, { seed: SEED, mocks, basePath: '/' })
    const page = (await (
      await served.fetch(new Request('http://127.0.0.1:4010/products?pageSize=3'))
    ).json()) as { items: { name: string }[] }
    const names = page.items.map((item) => item.name)
    expect(names).toHaveLength(3)

    const html = await productList(API)

    expect(html).toMatch(/^<ul class="products">(<li data-id="[^"]+">[^<]+<\/li>){3}<\/ul>$/)
    expect(renderedNames(html)).toEqual(names)
  })
})

import { Validator } from '@seriousme/openapi-schema-validator'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { packageAssets } from 'standin'
import shopMocks from '../../mocks/index.ts'
import { mockOf, shop } from './support.ts'

const { request } = mockOf(shop, { assets: packageAssets(), mocks: shopMocks })

describe('docs', () => {
  it('serves the OpenAPI 3.1 document at /openapi.json, valid, with this mock as its first server', async () => {
    const answer = await request('/openapi.json')
    expect(answer.headers.get('content-type')).toBe('application/json')
    expect(answer.body.servers).toEqual([
      { url: '/', description: 'This mock' },
      { url: 'http://127.0.0.1:4010', description: 'standin mock' },
    ])
    expect(
      Object.values(answer.body.paths).flatMap((item) => Object.keys(item as object)),
    ).toHaveLength(26)
    const result = await new Validator().validate(answer.body)
    expect(result.errors).toBeUndefined()
  })

  it('serves the same document as YAML at /openapi.yaml', async () => {
    const json = await request('/openapi.json')
    const yaml = await request('/openapi.yaml')
    expect(yaml.headers.get('content-type')).toBe('application/yaml')
    expect(parse(yaml.text)).toEqual(json.body)
  })

  it('serves Swagger UI at /docs with its files from the installed package, not a CDN', async () => {
    const page = await request('/docs')
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const sources = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1])
    expect(sources).toEqual([
      '/docs/assets/swagger-ui.css',
      '/docs/assets/favicon-32x32.png',
      '/docs/assets/swagger-ui-bundle.js',
    ])
    const script = await request('/docs/assets/swagger-ui-bundle.js')
    expect([script.status, script.headers.get('content-type')]).toEqual([
      200,
      'text/javascript; charset=utf-8',
    ])
    expect(script.text.length).toBeGreaterThan(100_000)
    expect(page.text).toContain('"validatorUrl":null')
  })

  it('serves only the docs files it lists', async () => {
    expect((await request('/docs/assets/package.json')).status).toBe(404)
    expect((await request('/docs/assets/..%2Fpackage.json')).status).toBe(404)
  })

  it('explains a missing asset loader instead of failing', async () => {
    const bare = mockOf(shop)
    const answer = await bare.request('/docs/assets/swagger-ui.css')
    expect(answer.body.detail).toBe(
      'No docs asset "swagger-ui.css". This mock was created without docs assets (MockOptions.assets).',
    )
  })

  it('lists every operation and the scenarios on the index page', async () => {
    const index = await request('/')
    expect(index.text.match(/<tr><td><code>/g)).toHaveLength(26)
    expect(index.text).toContain(
      '<tr><td><code>GET</code></td><td><code>/products/{productId}</code></td><td>getProduct</td><td>A product by id</td></tr>',
    )
    expect(index.text).toContain(
      '<code>empty-cart</code>, <code>payment-declined</code>, <code>flaky-payments</code>, <code>out-of-stock</code>',
    )
  })

  it('can be left out', async () => {
    const bare = mockOf(shop, { docs: false })
    expect((await bare.request('/openapi.json')).status).toBe(404)
  })

  it('gives way to an operation of the contract at the same path', async () => {
    const { createRoute, defineContract, z } = await import('standin')
    const contract = defineContract({
      info: { title: 'Root', version: '1' },
      routes: {
        root: createRoute({
          method: 'get',
          path: '/',
          responses: {
            200: {
              description: 'ok',
              content: { 'application/json': { schema: z.object({ hello: z.literal('world') }) } },
            },
          },
        }),
      },
    })
    expect((await mockOf(contract).request('/')).body).toEqual({ hello: 'world' })
  })
})

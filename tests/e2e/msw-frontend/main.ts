// The page script of the browser test: the same handlers as under msw/node, in MSW's Service
// Worker, then the component. The page's query names the seed and the API's base URL.
import { setupWorker } from 'msw/browser'
import { handlers } from 'standin/msw'
import shop from '../../../contracts/index.ts'
import mocks from '../../../mocks/index.ts'
import { mountProductList } from './product-list.ts'

async function main(): Promise<void> {
  const query = new URLSearchParams(location.search)
  const api = query.get('api') ?? ''
  const worker = setupWorker(
    ...handlers(shop, { baseUrl: api, seed: Number(query.get('seed')), mocks }),
  )
  await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, quiet: true })
  await mountProductList(document.querySelector('#products')!, api)
}

// The test waits for data-state: "ready", or the error that stopped the page.
main().then(
  () => (document.body.dataset.state = 'ready'),
  (error: unknown) => (document.body.dataset.state = `failed: ${String(error)}`),
)

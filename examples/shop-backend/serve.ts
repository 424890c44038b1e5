// Serves the reference shop backend: `node --import tsx examples/shop-backend/serve.ts [--port
// 3000] [--bug NAME]...`
import { parseArgs } from 'node:util'
import { serve } from '@hono/node-server'
import { createShopBackend } from './create-shop-backend.ts'
import type { ShopBug } from './shop.ts'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '3000' },
    host: { type: 'string', default: '127.0.0.1' },
    bug: { type: 'string', multiple: true },
  },
})
const app = createShopBackend({ bugs: (values.bug ?? []) as ShopBug[] })
const server = serve(
  { fetch: app.fetch, port: Number(values.port), hostname: values.host },
  (info) => {
    process.stdout.write(`Shop backend on http://${values.host}:${info.port}\n`)
  },
)
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => server.close(() => process.exit(0)))

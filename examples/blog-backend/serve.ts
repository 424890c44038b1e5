// Serves the blog backend: `node --import tsx examples/blog-backend/serve.ts [--port 3001] [--bug
// NAME]...`
import { parseArgs } from 'node:util'
import { serve } from '@hono/node-server'
import type { BlogBug } from './blog.ts'
import { createBlogBackend } from './create-blog-backend.ts'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '3001' },
    host: { type: 'string', default: '127.0.0.1' },
    bug: { type: 'string', multiple: true },
  },
})
const app = createBlogBackend({ bugs: (values.bug ?? []) as BlogBug[], logError: () => {} })
const server = serve(
  { fetch: app.fetch, port: Number(values.port), hostname: values.host },
  (info) => {
    process.stdout.write(`Blog backend on http://${values.host}:${info.port}/api\n`)
  },
)
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => server.close(() => process.exit(0)))

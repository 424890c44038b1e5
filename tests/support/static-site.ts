import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { createRequire } from 'node:module'
import { build } from 'esbuild'
import { repoRoot } from './temp-dir.ts'

/** A site's files by path: what the server answers for each. */
export type SiteFiles = Record<string, { type: string; body: string | Uint8Array }>

/** A static site on a node:http server on 127.0.0.1 (port 0); unknown paths get a 404. */
export async function serveFiles(files: SiteFiles): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const file = files[new URL(request.url ?? '/', 'http://localhost').pathname]
    if (!file) return response.writeHead(404).end()
    response.writeHead(200, { 'content-type': file.type }).end(file.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return { url: `http://127.0.0.1:${port}`, server }
}

/**
 * The frontend of tests/e2e/msw-frontend: its HTML, its script bundled by esbuild for the browser
 * (standin/msw's handlers in MSW's Service Worker, then the product list), and MSW's worker script.
 * The page's query names the seed and the API's base URL; it sets `data-state` on its body.
 */
export async function mswSiteFiles(): Promise<SiteFiles> {
  const folder = `${repoRoot}tests/e2e/msw-frontend`
  const bundle = await build({
    entryPoints: [`${folder}/main.ts`],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
    // As the published package resolves for a browser: `standin` is its runtime-neutral API.
    alias: {
      standin: `${repoRoot}src/universal.ts`,
      'standin/msw': `${repoRoot}src/msw/index.ts`,
    },
  })
  const js = 'text/javascript; charset=utf-8'
  return {
    '/': { type: 'text/html; charset=utf-8', body: readFileSync(`${folder}/index.html`) },
    '/main.js': { type: js, body: bundle.outputFiles[0]!.contents },
    '/mockServiceWorker.js': {
      type: js,
      body: readFileSync(createRequire(import.meta.url).resolve('msw/mockServiceWorker.js')),
    },
  }
}

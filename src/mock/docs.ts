import { toOpenAPI, type OpenAPIDocument } from '../openapi/to-openapi.ts'
import type { Contract } from '../contract/types.ts'
import type { AssetLoader } from './options.ts'
import { problemResponse } from './problem.ts'

/** Answers a docs path, or undefined to let the mock answer 404/405. */
export type DocsHandler = (request: Request, pathname: string) => Promise<Response | undefined>

/** The files of `swagger-ui-dist` the docs page uses; nothing else is served from the package. */
export const DOCS_ASSETS = [
  'swagger-ui.css',
  'swagger-ui-bundle.js',
  'favicon-32x32.png',
  'favicon-16x16.png',
  'oauth2-redirect.html',
]

const CONTENT_TYPES: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  png: 'image/png',
  html: 'text/html; charset=utf-8',
}

export interface DocsOptions {
  assets: AssetLoader | undefined
  scenarios: string[]
  /** Where the API is served (`/api`, or `/`): the pages live there too. */
  basePath?: string
}

/**
 * The docs of a mock: an index at `/`, the OpenAPI document at `/openapi.json` and `/openapi.yaml`
 * (with this mock as its first server, so "try it" calls the mock), and Swagger UI at `/docs`,
 * whose files come from `assets`, all under the base path (`/api/docs`); `pathname` is the path
 * within it. The document is built on the first request for it.
 *
 * @example
 * const docs = createDocs(contract, { assets: undefined, scenarios: [] })
 * await docs(new Request('http://mock/openapi.json'), '/openapi.json')
 */
export function createDocs(contract: Contract, options: DocsOptions): DocsHandler {
  let document: OpenAPIDocument | undefined
  const base = options.basePath === undefined || options.basePath === '/' ? '' : options.basePath
  const openapi = () => (document ??= mockDocument(contract, base))
  return async (request, pathname) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined
    const carry = carriedAccessToken(request)
    if (pathname === '/') return html(indexPage(contract, options.scenarios, carry, base))
    if (pathname === '/openapi.json')
      return new Response(JSON.stringify(openapi(), null, 2), {
        headers: { 'Content-Type': 'application/json' },
      })
    if (pathname === '/openapi.yaml')
      return new Response(await toYaml(openapi()), {
        headers: { 'Content-Type': 'application/yaml' },
      })
    if (pathname === '/docs' || pathname === '/docs/') return html(docsPage(contract, carry, base))
    if (pathname.startsWith('/docs/assets/'))
      return asset(options.assets, pathname.slice('/docs/assets/'.length))
    return undefined
  }
}

// yaml is loaded on the first request for /openapi.yaml, not when the mock starts.
async function toYaml(document: OpenAPIDocument): Promise<string> {
  const { stringify } = await import('yaml')
  return stringify(document, { aliasDuplicateObjects: false })
}

function mockDocument(contract: Contract, base: string): OpenAPIDocument {
  const document = toOpenAPI(contract)
  const servers = [{ url: base || '/', description: 'This mock' }, ...(contract.servers ?? [])]
  return { ...document, servers }
}

async function asset(assets: AssetLoader | undefined, file: string): Promise<Response> {
  const found = DOCS_ASSETS.includes(file) && assets ? await assets(file) : undefined
  if (!found) {
    const hint = assets ? '' : ' This mock was created without docs assets (MockOptions.assets).'
    return problemResponse({
      kind: 'not-found',
      status: 404,
      detail: `No docs asset "${file}".${hint}`,
    })
  }
  // The type follows the file name, whatever the loader's runtime guessed for its Response.
  const extension = file.slice(file.lastIndexOf('.') + 1)
  const headers = {
    'Content-Type': CONTENT_TYPES[extension] ?? 'application/octet-stream',
    'Cache-Control': 'public, max-age=3600',
  }
  // The bytes, not the stream: Node then sends them in one write with a Content-Length.
  return new Response(await found.arrayBuffer(), { status: 200, headers })
}

function html(body: string): Response {
  return new Response(body, { headers: { 'Content-Type': 'text/html; charset=utf-8' } })
}

/**
 * A private preview's link token (`?access_token=`), which the pages pass on to every URL and
 * request they make.
 */
interface CarriedToken {
  token: string | undefined
  /** `?access_token=…` to append to a URL, or nothing. */
  query: string
}

function carriedAccessToken(request: Request): CarriedToken {
  const token = new URL(request.url).searchParams.get('access_token') ?? undefined
  return { token, query: token ? `?access_token=${encodeURIComponent(token)}` : '' }
}

// JSON inside a <script>: `<` is escaped so no value can close the element.
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c')
}

function docsPage(contract: Contract, carry: CarriedToken, base: string): string {
  const config = {
    url: `${base}/openapi.json${carry.query}`,
    dom_id: '#swagger-ui',
    deepLinking: true,
    displayRequestDuration: true,
    validatorUrl: null,
    tryItOutEnabled: false,
  }
  const asset = (file: string) => escapeHtml(`${base}/docs/assets/${file}${carry.query}`)
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(contract.info.title)} · API docs</title>
<link rel="stylesheet" href="${asset('swagger-ui.css')}">
<link rel="icon" type="image/png" href="${asset('favicon-32x32.png')}">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${asset('swagger-ui-bundle.js')}"></script>
<script>
const accessToken = ${scriptJson(carry.token ?? null)}
window.ui = SwaggerUIBundle(Object.assign(${scriptJson(config)}, {
  requestInterceptor: (request) => {
    if (accessToken) request.headers['X-Standin-Access-Token'] = accessToken
    return request
  },
}))
</script>
</body>
</html>
`
}

function indexPage(
  contract: Contract,
  scenarios: string[],
  carry: CarriedToken,
  base: string,
): string {
  const rows = contract.operations
    .map((op) => {
      const summary = typeof op.route.summary === 'string' ? op.route.summary : ''
      return `<tr><td><code>${op.method.toUpperCase()}</code></td><td><code>${escapeHtml(base + String(op.route.path))}</code></td><td>${escapeHtml(op.operationId)}</td><td>${escapeHtml(summary)}</td></tr>`
    })
    .join('\n')
  const scenarioList =
    scenarios.length > 0
      ? `<p>Scenarios (<code>Prefer: scenario=NAME</code>): ${scenarios.map((name) => `<code>${escapeHtml(name)}</code>`).join(', ')}</p>`
      : ''
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(contract.info.title)} · mock</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}table{border-collapse:collapse;width:100%}td{padding:.25rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}</style>
</head>
<body>
<h1>${escapeHtml(contract.info.title)} <small>${escapeHtml(contract.info.version)}</small></h1>
<p>A mock of this API, served by standin. <a href="${escapeHtml(`${base}/docs${carry.query}`)}">Interactive docs</a> · <a href="${escapeHtml(`${base}/openapi.json${carry.query}`)}">openapi.json</a> · <a href="${escapeHtml(`${base}/openapi.yaml${carry.query}`)}">openapi.yaml</a></p>
<p>Steer a response with the <code>Prefer</code> header: <code>code=404</code>, <code>example=NAME</code>, <code>dynamic=false</code>, <code>delay=500</code>, <code>seed=7</code>, <code>scenario=NAME</code>.</p>
${scenarioList}
<table>
<thead><tr><td>Method</td><td>Path</td><td>Operation</td><td>Summary</td></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</body>
</html>
`
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

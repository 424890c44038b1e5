import type { Contract } from '../contract/types.ts'

/**
 * The path the API lives under: the path of the contract's first server URL, its `{variables}`
 * filled with their defaults (`https://blog.example.com/api` → `/api`, `/v{version}` → `/v2`); `/`
 * when the contract names no server or one at the root. A frontend configured with the documented
 * base URL finds the mock there, and verify sends its requests there.
 *
 * @example
 * basePathOf(contract) // '/api'
 */
export function basePathOf(contract: Pick<Contract, 'servers'>): string {
  const server = contract.servers?.[0]
  if (!server) return '/'
  const url = server.url.replace(
    /\{([^}]+)\}/g,
    (_, name: string) => server.variables?.[name]?.default ?? '',
  )
  return normalBasePath(pathOf(url))
}

/**
 * A base path as a user may write it (`api`, `/api/`, `/`) in its one form: `/api`, or `/` for the
 * root.
 *
 * @example
 * normalBasePath('api/v1/') // '/api/v1'
 */
export function normalBasePath(path: string): string {
  const trimmed = path.split(/[?#]/)[0]!.replace(/\/+$/, '').replace(/^\/*/, '/')
  return trimmed === '' ? '/' : trimmed
}

/**
 * The path of a request within the API, or undefined when it lies outside the base path.
 *
 * @example
 * withinBasePath('/api/articles', '/api') // '/articles'
 * withinBasePath('/articles', '/api') // undefined
 */
export function withinBasePath(pathname: string, basePath: string): string | undefined {
  if (basePath === '/') return pathname
  if (pathname === basePath) return '/'
  return pathname.startsWith(`${basePath}/`) ? pathname.slice(basePath.length) : undefined
}

function pathOf(url: string): string {
  try {
    return new URL(url, 'http://standin.invalid/').pathname
  } catch {
    return '/'
  }
}

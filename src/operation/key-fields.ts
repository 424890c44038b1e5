// Which field of an object a path parameter names: `{slug}` → `slug`, `{articleSlug}` under
// /articles → `slug`, `{orderId}` of an order → `orderId`, else `id`. The mock pins these fields
// and finds stored objects by them; verify fills the parameters from them.

/**
 * The fields a path parameter may name in an object, best first. `own` is for the parameter that
 * names the object itself (the last one of an item path), which may name its `id`.
 *
 * @example
 * fieldsNamedBy('articleSlug', '/articles/{articleSlug}', true) // ['articleSlug', 'slug']
 * fieldsNamedBy('orderId', '/orders/{orderId}', true) // ['orderId', 'id']
 */
export function fieldsNamedBy(param: string, path: string, own: boolean): string[] {
  // Only the object's own parameter may name its `id`: `{productId}` of a review names `productId`.
  const names = [param, ...withoutOwnerPrefix(param, ownerSegment(path, param))].filter(
    (name) => own || name !== 'id',
  )
  if (own && /(^|[a-z0-9_-])(id|Id|ID)$/.test(param)) names.push('id')
  return [...new Set(names)]
}

/**
 * Fields that identify an object when no path parameter says which: `id`, then the usual names of
 * keys.
 */
export function identityFields(collection: string): string[] {
  const owner = singular(lastSegment(collection))
  return [
    'id',
    `${owner}Id`,
    `${owner}_id`,
    'uuid',
    'key',
    'slug',
    'username',
    'handle',
    'code',
    'name',
  ]
}

/** `articles` → `article`, `categories` → `category`, `addresses` → `address`. */
export function singular(word: string): string {
  if (/ies$/i.test(word)) return `${word.slice(0, -3)}y`
  if (/(ss|x|ch|sh)es$/i.test(word)) return word.slice(0, -2)
  if (/[^s]s$/i.test(word)) return word.slice(0, -1)
  return word
}

/**
 * The literal segment a parameter follows: `articles` for `{slug}` in `/articles/{slug}/comments`.
 */
function ownerSegment(path: string, param: string): string {
  const segments = path.split('/')
  const index = segments.indexOf(`{${param}}`)
  const before =
    index > 0
      ? segments
          .slice(0, index)
          .reverse()
          .find((segment) => segment !== '' && !segment.startsWith('{'))
      : undefined
  return before ?? ''
}

/** `articleSlug`, `article_slug`, `article-slug` under `articles` → `slug`. */
function withoutOwnerPrefix(param: string, segment: string): string[] {
  const owner = singular(segment).toLowerCase()
  if (owner === '' || !param.toLowerCase().startsWith(owner) || param.length <= owner.length)
    return []
  const rest = param.slice(owner.length).replace(/^[_-]/, '')
  return rest === '' ? [] : [rest.charAt(0).toLowerCase() + rest.slice(1)]
}

function lastSegment(path: string): string {
  return (
    path
      .split('/')
      .filter((segment) => segment !== '' && !segment.startsWith('{'))
      .at(-1) ?? ''
  )
}

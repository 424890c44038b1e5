import type { Contract } from '../contract/types.ts'
import { valueAt } from '../operation/envelope.ts'
import { collectionPath, inferResources, type Role } from '../operation/resources.ts'
import type { Finding } from './violations.ts'

/** Objects remembered at most; the oldest are forgotten first. */
const MAX_REMEMBERED = 10_000

/** What one exchange tells the memory: the operation, its path parameters and its answer. */
export interface Observed {
  operationId: string
  params: Record<string, string>
  status: number
  /** The answer's body, parsed, when it is JSON (read only for a create). */
  body(): unknown
  location: string | null
}

export interface ResourceMemory {
  /**
   * Judges a read against what the traffic created and deleted before, then remembers what this
   * exchange created or deleted.
   */
  observe(observed: Observed): Finding[]
}

/**
 * What live traffic created and deleted, per object (`/products/0d9a…`), so the proxy sees what
 * verify's sequences see: an object a create answered that a read then does not find
 * (`not_found_after_create`), and one a delete removed that a read still finds
 * (`still_readable_after_delete`).
 *
 * @example
 * const memory = createResourceMemory(contract)
 * memory.observe({ operationId: 'getProduct', params: { productId }, status: 404, body: () => undefined, location: null })
 */
export function createResourceMemory(contract: Contract): ResourceMemory {
  const resources = inferResources(contract.operations)
  const known = new Map<string, 'created' | 'deleted'>()
  const remember = (object: string, what: 'created' | 'deleted') => {
    known.delete(object)
    known.set(object, what)
    if (known.size > MAX_REMEMBERED) known.delete(known.keys().next().value as string)
  }
  return {
    observe(observed) {
      const role = resources.roleOf(observed.operationId)
      if (!role) return []
      const ok = observed.status >= 200 && observed.status < 300
      if (role.action === 'create' && ok) {
        const object = createdObject(role, observed)
        if (object) remember(object, 'created')
        return []
      }
      const object = itemObject(role, observed.params)
      if (!object) return []
      if (role.action === 'delete' && ok) remember(object, 'deleted')
      if (role.action !== 'read') return []
      return judgeRead(known.get(object), observed, object)
    },
  }
}

function judgeRead(
  before: 'created' | 'deleted' | undefined,
  observed: Observed,
  object: string,
): Finding[] {
  const ok = observed.status >= 200 && observed.status < 300
  if (before === 'created' && observed.status === 404)
    return [
      finding(
        'not_found_after_create',
        `${object} answered 404, yet a create answered it earlier through this proxy.`,
      ),
    ]
  if (before === 'deleted' && ok)
    return [
      finding(
        'still_readable_after_delete',
        `${object} answered ${observed.status} after a delete of it succeeded; expected 404 or 410.`,
      ),
    ]
  return []
}

function finding(code: Finding['code'], message: string): Finding {
  return { side: 'backend', code, path: '', message, severity: 'error' }
}

/** The object a create made: its key from the body (where the role says), else from `Location`. */
function createdObject(role: Role, observed: Observed): string | undefined {
  const collection = collectionPath(role.resource, observed.params)
  const object = role.body ? valueAt(observed.body(), role.body) : undefined
  const key =
    typeof object === 'object' && object !== null
      ? (object as Record<string, unknown>)[role.resource.keyField]
      : undefined
  if (typeof key === 'string' || typeof key === 'number')
    return `${collection}/${encodeURIComponent(String(key))}`
  const last = observed.location?.split('?')[0]?.split('/').filter(Boolean).at(-1)
  return last === undefined ? undefined : `${collection}/${encodeURIComponent(decoded(last))}`
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/** The object an item operation names: `/products/0d9a…`. */
function itemObject(role: Role, params: Record<string, string>): string | undefined {
  const key = role.idParam === undefined ? undefined : params[role.idParam]
  if (key === undefined) return undefined
  return `${collectionPath(role.resource, params)}/${encodeURIComponent(key)}`
}

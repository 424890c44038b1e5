import type { Contract } from '../contract/types.ts'
import { fromOpenAPIDocument } from '../openapi/from-openapi/from-openapi.ts'
import { isObject } from '../openapi/from-openapi/pointer.ts'
import { type OpenAPIDocument, toOpenAPI } from '../openapi/to-openapi.ts'
import {
  diffOperation,
  type DocumentOperation,
  operationShape,
  operationsOf,
} from './operation-diff.ts'
import type { Json } from './resolve.ts'
import type { Change, DiffResult, Finding, Level } from './types.ts'

/**
 * One side of a comparison: a contract, or an OpenAPI 3.0 or 3.1 document as an object. A Swagger
 * 2.0 document is converted by `fromOpenAPI` (async), whose contract is then a side.
 */
export type ContractSide = Contract | Record<string, unknown>

/**
 * Every change from `base` to `head`, classified: breaking (for existing clients, or for the
 * existing server), potentially breaking, or compatible, each with the JSON pointer in both
 * documents and one sentence on why. Both sides are compared as the OpenAPI 3.1 standin prints for
 * them, so key order, `$ref`s and 3.0 vs 3.1 spelling make no difference.
 *
 * @example
 * const { changes, counts } = diffContracts(previous, contract)
 * if (counts.breaking > 0) console.log(changes.filter((change) => change.level === 'breaking'))
 */
export function diffContracts(base: ContractSide, head: ContractSide): DiffResult {
  return diffDocuments(printed(base), printed(head))
}

/** The OpenAPI 3.1 standin prints for a side. */
export function printed(side: ContractSide): OpenAPIDocument {
  if (isContract(side)) return toOpenAPI(side)
  return toOpenAPI(fromOpenAPIDocument(side).contract)
}

function isContract(side: ContractSide): side is Contract {
  return (side as { kind?: unknown }).kind === 'standin.contract'
}

/** Compares two documents as standin prints them (see `diffContracts`). */
export function diffDocuments(base: OpenAPIDocument, head: OpenAPIDocument): DiffResult {
  const changes: Change[] = []
  const before = operationsOf(base as Json)
  const after = operationsOf(head as Json)
  const document = { base: base as Json, head: head as Json }
  const basePath = basePathChange(base, head)
  if (basePath) changes.push(basePath)
  for (const [key, operation] of before) {
    const now = after.get(key)
    if (!now) continue
    diffOperation(
      { ...document, emit: (finding) => changes.push(ofOperation(finding, now)) },
      operation,
      now,
    )
    if (operation.located.value.deprecated !== true && now.located.value.deprecated === true)
      changes.push(
        ofOperation(
          {
            rule: 'operation-deprecated',
            level: 'compatible',
            head: now.located.pointer,
            message:
              'The operation is deprecated: clients should move off it before it is removed.',
          },
          now,
        ),
      )
  }
  changes.push(...movedOrGone(document, before, after))
  return { changes: sorted(changes), counts: countsOf(changes) }
}

function ofOperation(finding: Finding, operation: DocumentOperation): Change {
  return {
    ...finding,
    operation: `${operation.method} ${operation.path}`,
    ...(operation.operationId ? { operationId: operation.operationId } : {}),
  }
}

/**
 * Operations only one side has: an operation removed where one of the same shape was added moved
 * (a renamed path); the others are removed or added.
 */
function movedOrGone(
  document: { base: Json; head: Json },
  before: Map<string, DocumentOperation>,
  after: Map<string, DocumentOperation>,
): Change[] {
  const removed = [...before].filter(([key]) => !after.has(key)).map(([, operation]) => operation)
  const added = [...after].filter(([key]) => !before.has(key)).map(([, operation]) => operation)
  const changes: Change[] = []
  const moved = new Set<DocumentOperation>()
  for (const operation of removed) {
    const shape = operationShape(document.base, operation)
    const target = added.find(
      (candidate) => !moved.has(candidate) && operationShape(document.head, candidate) === shape,
    )
    if (target) {
      moved.add(target)
      changes.push(
        ofOperation(
          {
            rule: 'operation-path-renamed',
            level: 'breaking',
            side: 'clients',
            base: operation.located.pointer,
            head: target.located.pointer,
            message: `${operation.method} ${operation.path} moved to ${target.path} (the same operation); clients still call the old path.`,
          },
          operation,
        ),
      )
    } else
      changes.push(
        ofOperation(
          {
            rule: 'operation-removed',
            level: 'breaking',
            side: 'clients',
            base: operation.located.pointer,
            message: `${operation.method} ${operation.path} is gone; clients that call it break.`,
          },
          operation,
        ),
      )
  }
  for (const operation of added.filter((operation) => !moved.has(operation)))
    changes.push(
      ofOperation(
        {
          rule: 'operation-added',
          level: 'compatible',
          head: operation.located.pointer,
          message: `${operation.method} ${operation.path} is new.`,
        },
        operation,
      ),
    )
  return changes
}

/** The path every operation is served under, from the first server URL. */
function basePathOf(document: OpenAPIDocument): string {
  const servers = Array.isArray(document.servers) ? document.servers : []
  const url = isObject(servers[0]) && typeof servers[0].url === 'string' ? servers[0].url : '/'
  const path = /^[a-z][a-z0-9+.-]*:\/\//i.test(url)
    ? new URL(url).pathname
    : (url.split('?')[0] ?? '/')
  return path.replace(/\/+$/, '') || '/'
}

function basePathChange(base: OpenAPIDocument, head: OpenAPIDocument): Change | undefined {
  const before = basePathOf(base)
  const after = basePathOf(head)
  if (before === after) return undefined
  return {
    rule: 'base-path-changed',
    level: 'breaking',
    side: 'clients',
    base: '#/servers/0/url',
    head: '#/servers/0/url',
    message: `Every operation moved from under ${before} to under ${after}; clients still call the old paths.`,
  }
}

const LEVEL_ORDER: Record<Level, number> = { breaking: 0, 'potentially-breaking': 1, compatible: 2 }

/** Breaking first (clients before the server), then by operation, then where they were found. */
function sorted(changes: Change[]): Change[] {
  return changes
    .map((change, index) => ({ change, index }))
    .sort((a, b) => rank(a.change) - rank(b.change) || a.index - b.index)
    .map(({ change }) => change)
}

function rank(change: Change): number {
  return LEVEL_ORDER[change.level] * 2 + (change.side === 'server' ? 1 : 0)
}

function countsOf(changes: Change[]): DiffResult['counts'] {
  const breaking = changes.filter((change) => change.level === 'breaking')
  return {
    breaking: breaking.length,
    breakingClients: breaking.filter((change) => change.side === 'clients').length,
    breakingServer: breaking.filter((change) => change.side === 'server').length,
    potentiallyBreaking: changes.filter((change) => change.level === 'potentially-breaking').length,
    compatible: changes.filter((change) => change.level === 'compatible').length,
  }
}

import type { NamedSchemas } from './named-schemas.ts'
import { isObject, resolvePointer } from './pointer.ts'
import type { Direction, SchemaContext } from './schema-context.ts'
import type { WarningLog } from './warnings.ts'

/** Everything converting one document needs, shared by all its operations. */
export interface DocumentContext {
  document: Record<string, unknown>
  dialect: '3.0' | '3.1'
  log: WarningLog
  named: NamedSchemas
  /** Names of the security schemes the contract declares. */
  securitySchemes: ReadonlySet<string>
}

export function schemaContext(
  doc: DocumentContext,
  direction: Direction,
  inParameter = false,
): SchemaContext {
  return {
    document: doc.document,
    dialect: doc.dialect,
    log: doc.log,
    direction,
    inParameter,
    inlining: new Set(),
    refToNamed: (key, dir, pointer) => doc.named.refTo(key, dir, pointer),
    isObjectNamed: (key, dir) => doc.named.isObject(key, dir),
  }
}

/**
 * Follows `$ref`s of parameters, responses, bodies, headers and path items to the object itself.
 */
export function deref(doc: DocumentContext, value: unknown, pointer: string): unknown {
  let current = value
  const seen = new Set<string>()
  while (isObject(current) && typeof current.$ref === 'string') {
    const ref = current.$ref
    if (seen.has(ref)) {
      doc.log.add(pointer, `$ref ${ref} refers to itself`, 'left it out')
      return undefined
    }
    seen.add(ref)
    const target = resolvePointer(doc.document, ref)
    if (target === undefined) {
      doc.log.add(pointer, `$ref ${ref} does not resolve`, 'left it out')
      return undefined
    }
    current = target
  }
  return current
}

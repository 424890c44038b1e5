import { getRefId } from '@asteasolutions/zod-to-openapi'
import type { z } from 'zod'

type Schema = z.ZodType & { _zod: { parent?: Schema; def: Record<string, unknown> } }

/**
 * The named schemas (`.openapi('Name')`) a contract's routes use, each as it was declared, the
 * schemas a named schema uses before it. A copy made with `.meta({...})` carries the same name, and
 * the OpenAPI generator publishes whichever instance it meets first as the named schema, so
 * `toOpenAPI` registers these originals, in this order, before any route.
 */
export function namedSchemasOf(roots: readonly unknown[]): Map<string, z.ZodType> {
  const named = new Map<string, z.ZodType>()
  const seen = new Set<unknown>()
  const visit = (value: unknown): void => {
    if (!isSchema(value) || seen.has(value)) return
    seen.add(value)
    for (const child of childrenOf(value)) visit(child)
    const refId = getRefId(value)
    if (refId !== undefined && !named.has(refId)) named.set(refId, originalOf(value, refId))
  }
  roots.forEach(visit)
  return named
}

/** Follows `.meta()` copies back to the instance that was given the name. */
function originalOf(schema: Schema, refId: string): Schema {
  let current = schema
  while (current._zod.parent && getRefId(current._zod.parent) === refId)
    current = current._zod.parent
  return current
}

const CHILD_KEYS = [
  'innerType',
  'element',
  'in',
  'out',
  'left',
  'right',
  'rest',
  'keyType',
  'valueType',
  'catchall',
] as const

function childrenOf(schema: Schema): unknown[] {
  const def = schema._zod.def
  const children: unknown[] = CHILD_KEYS.map((key) => def[key])
  if (typeof def.shape === 'object' && def.shape !== null)
    children.push(...Object.values(def.shape))
  if (Array.isArray(def.options)) children.push(...def.options)
  if (Array.isArray(def.items)) children.push(...def.items)
  if (def.type === 'lazy' && typeof def.getter === 'function')
    children.push((def.getter as () => unknown)())
  if (schema._zod.parent) children.push(schema._zod.parent)
  return children
}

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && '_zod' in value
}

/** Every zod schema in a route's configuration (request parts, bodies, responses, headers). */
export function schemasIn(config: unknown): unknown[] {
  if (isSchema(config)) return [config]
  if (Array.isArray(config)) return config.flatMap(schemasIn)
  if (typeof config !== 'object' || config === null) return []
  return Object.values(config).flatMap(schemasIn)
}

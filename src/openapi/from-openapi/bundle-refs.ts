import { isObject, lastSegment, resolvePointer } from './pointer.ts'
import type { WarningLog } from './warnings.ts'

export interface BundleContext {
  /** Where the main document came from; relative refs resolve against it. */
  root: URL
  /**
   * Pointer of the named-schema container: `#/components/schemas` (3.x) or `#/definitions` (2.0).
   */
  schemas: string
  read: (url: URL) => Promise<unknown>
  log: WarningLog
}

interface State extends BundleContext {
  document: Record<string, unknown>
  files: Map<string, Promise<unknown>>
  named: Map<string, string>
  depth: number
}

// Keys whose values are instance data, never schemas or refs.
const DATA_KEYS = new Set(['example', 'examples', 'default', 'enum', 'const', 'x-examples'])
const SCHEMA_CHILD_KEYS = new Set([
  'schema',
  'items',
  'additionalProperties',
  'not',
  'contains',
  'propertyNames',
  'if',
  'then',
  'else',
])
const SCHEMA_MAP_KEYS = new Set([
  'properties',
  'patternProperties',
  'schemas',
  'definitions',
  '$defs',
])
const SCHEMA_LIST_KEYS = new Set(['allOf', 'oneOf', 'anyOf', 'prefixItems'])

/** True when a document has a `$ref` that points outside itself. A cheap test on the text first. */
export function hasExternalRefs(document: unknown): boolean {
  return /"\$ref":\s*"(?!#)/.test(JSON.stringify(document))
}

/**
 * Replaces every `$ref` to another file (or URL) by its target: schemas become named schemas of the
 * main document (so recursion across files works), everything else is inlined. Mutates the
 * document.
 */
export async function bundleExternalRefs(
  document: Record<string, unknown>,
  context: BundleContext,
): Promise<void> {
  const state: State = { ...context, document, files: new Map(), named: new Map(), depth: 0 }
  await walk(document, context.root, false, state, '#')
}

async function walk(
  node: unknown,
  base: URL,
  inSchema: boolean,
  state: State,
  pointer: string,
): Promise<void> {
  if (Array.isArray(node)) {
    for (const [index, item] of node.entries())
      await walk(item, base, inSchema, state, `${pointer}/${index}`)
    return
  }
  if (!isObject(node)) return
  if (typeof node.$ref === 'string') await replaceRef(node, base, inSchema, state, pointer)
  for (const [key, value] of Object.entries(node)) {
    if (
      key === '$ref' ||
      (inSchema && DATA_KEYS.has(key)) ||
      key === 'example' ||
      key === 'examples'
    )
      continue
    const childInSchema = inSchema || SCHEMA_CHILD_KEYS.has(key) || SCHEMA_LIST_KEYS.has(key)
    if (SCHEMA_MAP_KEYS.has(key) && isObject(value)) {
      for (const [name, sub] of Object.entries(value))
        await walk(sub, base, true, state, `${pointer}/${key}/${name}`)
    } else {
      await walk(value, base, childInSchema, state, `${pointer}/${key}`)
    }
  }
}

async function replaceRef(
  node: Record<string, unknown>,
  base: URL,
  inSchema: boolean,
  state: State,
  pointer: string,
): Promise<void> {
  const target = new URL(node.$ref as string, base)
  const file = new URL(target.href)
  file.hash = ''
  if (file.href === state.root.href) {
    node.$ref = target.hash || '#'
    return
  }
  const fragment = decodeURIComponent(target.hash) || '#'
  if (inSchema) return nameExternalSchema(node, target, file, fragment, state)
  return inlineExternal(node, file, fragment, state, pointer)
}

async function load(file: URL, state: State): Promise<unknown> {
  let loaded = state.files.get(file.href)
  if (!loaded) {
    loaded = state.read(file)
    state.files.set(file.href, loaded)
  }
  return structuredClone(await loaded)
}

async function nameExternalSchema(
  node: Record<string, unknown>,
  target: URL,
  file: URL,
  fragment: string,
  state: State,
): Promise<void> {
  const known = state.named.get(target.href)
  if (known) {
    node.$ref = `${state.schemas}/${known}`
    return
  }
  const value = resolvePointer(await load(file, state), fragment)
  if (value === undefined) {
    state.log.add(
      String(node.$ref),
      `the external reference ${target.href} does not resolve`,
      'treated it as any value',
    )
    delete node.$ref
    return
  }
  const name = uniqueName(externalName(file, fragment), state)
  state.named.set(target.href, name)
  container(state)[name] = value
  node.$ref = `${state.schemas}/${name}`
  await walk(value, file, true, state, `${state.schemas}/${name}`)
}

async function inlineExternal(
  node: Record<string, unknown>,
  file: URL,
  fragment: string,
  state: State,
  pointer: string,
): Promise<void> {
  const value = resolvePointer(await load(file, state), fragment)
  if (!isObject(value) || state.depth > 50) {
    state.log.add(
      pointer,
      `the external reference ${String(node.$ref)} does not resolve to an object`,
      'left it out',
    )
    delete node.$ref
    return
  }
  delete node.$ref
  Object.assign(node, value)
  state.depth += 1
  await walk(node, file, false, state, pointer)
  state.depth -= 1
}

function externalName(file: URL, fragment: string): string {
  if (fragment !== '#' && fragment !== '#/') return lastSegment(fragment)
  const base = file.pathname.slice(file.pathname.lastIndexOf('/') + 1)
  return base.replace(/\.(ya?ml|json)$/i, '') || 'External'
}

function container(state: State): Record<string, unknown> {
  const segments = state.schemas.slice(2).split('/')
  let node: Record<string, unknown> = state.document
  for (const segment of segments) {
    if (!isObject(node[segment])) node[segment] = {}
    node = node[segment] as Record<string, unknown>
  }
  return node
}

function uniqueName(wanted: string, state: State): string {
  const taken = container(state)
  let name = wanted
  for (let n = 2; Object.hasOwn(taken, name); n++) name = `${wanted}${n}`
  return name
}

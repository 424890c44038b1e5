import { childPointer, isObject, resolvePointer } from './pointer.ts'
import { COMPONENT_SCHEMA, type Direction, type SchemaContext } from './schema-context.ts'
import { schemaToExpr } from './convert-schema.ts'
import type { WarningLog } from './warnings.ts'
import { withName, zRef, type Expr } from './zod-expr.ts'

/**
 * One named schema in one direction: `Pet` (responses), `PetInput` (requests, without readOnly
 * fields).
 */
export interface NamedSchema {
  name: string
  key: string
  direction: Direction
  expr: Expr
}

/**
 * The component schemas of a document, converted on first use. A schema whose closure has readOnly
 * or writeOnly properties gets two variants; every other schema one, shared by requests and
 * responses.
 */
export class NamedSchemas {
  readonly #components: Record<string, unknown>
  readonly #base: Omit<SchemaContext, 'direction' | 'inlining'>
  readonly #built = new Map<string, NamedSchema>()
  readonly #building = new Set<string>()
  readonly #visibility = new Map<string, boolean>()

  constructor(document: Record<string, unknown>, dialect: '3.0' | '3.1', log: WarningLog) {
    const components = isObject(document.components) ? document.components : {}
    this.#components = isObject(components.schemas) ? components.schemas : {}
    this.#base = {
      document,
      dialect,
      log,
      refToNamed: (key, direction, pointer) => this.refTo(key, direction, pointer),
      isObjectNamed: (key, direction) => this.isObject(key, direction),
    }
  }

  /** The name a component gets in a direction (also the name it has in the OpenAPI output). */
  nameOf(key: string, direction: Direction): string {
    return direction === 'request' && this.#hasVisibility(key) ? this.#inputName(key) : key
  }

  refTo(key: string, direction: Direction, pointer: string): Expr | undefined {
    if (!Object.hasOwn(this.#components, key)) {
      this.#base.log.add(
        pointer,
        `$ref #/components/schemas/${key} does not resolve`,
        'accepted any value here',
      )
      return undefined
    }
    return zRef(this.nameOf(key, direction))
  }

  /**
   * The converted schema for a name from `nameOf`, converting it (and nothing else) on first use.
   */
  get(name: string): NamedSchema {
    const known = this.#built.get(name)
    if (known) return known
    const { key, direction } = this.#parse(name)
    const pointer = childPointer('#/components/schemas', key)
    this.#building.add(name)
    try {
      const ctx: SchemaContext = { ...this.#base, direction, inlining: new Set([pointer]) }
      const expr = withName(schemaToExpr(this.#components[key], pointer, ctx), name)
      const named = { name, key, direction, expr }
      this.#built.set(name, named)
      return named
    } finally {
      this.#building.delete(name)
    }
  }

  isObject(key: string, direction: Direction): boolean {
    const name = this.nameOf(key, direction)
    if (this.#building.has(name)) return false
    const { expr } = this.get(name)
    if (expr.kind === 'ref')
      return (
        expr.chain[0]?.method === 'extend' && expr.chain.every((call) => call.method !== 'nullable')
      )
    const objectLike = ['object', 'strictObject', 'looseObject'].includes(expr.callee)
    return (
      objectLike &&
      expr.chain.every((call) => call.method === 'openapi' || call.method === 'catchall')
    )
  }

  #parse(name: string): { key: string; direction: Direction } {
    if (Object.hasOwn(this.#components, name) && this.nameOf(name, 'response') === name)
      return { key: name, direction: 'response' }
    const key = name.replace(/Input\d*$/, '')
    if (Object.hasOwn(this.#components, key) && this.#inputName(key) === name)
      return { key, direction: 'request' }
    throw new Error(`no component schema is named ${name}`)
  }

  #inputName(key: string): string {
    let name = `${key}Input`
    for (let n = 2; Object.hasOwn(this.#components, name); n++) name = `${key}Input${n}`
    return name
  }

  /** True when the schema or anything it refers to has readOnly or writeOnly properties. */
  #hasVisibility(key: string): boolean {
    const known = this.#visibility.get(key)
    if (known !== undefined) return known
    this.#visibility.set(key, false) // a cycle adds nothing new
    const found = scanVisibility(
      this.#components[key],
      (ref) => this.#hasVisibility(ref),
      this.#base.document,
    )
    this.#visibility.set(key, found)
    return found
  }
}

function scanVisibility(
  node: unknown,
  named: (key: string) => boolean,
  document: Record<string, unknown>,
  seen = new Set<string>(),
): boolean {
  if (Array.isArray(node)) return node.some((item) => scanVisibility(item, named, document, seen))
  if (!isObject(node)) return false
  if (node.readOnly === true || node.writeOnly === true) return true
  if (typeof node.$ref === 'string') {
    const match = COMPONENT_SCHEMA.exec(node.$ref)
    if (match) return named(decodeURIComponent(match[1]!).replace(/~1/g, '/').replace(/~0/g, '~'))
    if (seen.has(node.$ref)) return false
    seen.add(node.$ref)
    return scanVisibility(resolvePointer(document, node.$ref), named, document, seen)
  }
  return Object.entries(node).some(
    ([key, value]) => !DATA.has(key) && scanVisibility(value, named, document, seen),
  )
}

const DATA = new Set(['example', 'examples', 'default', 'enum', 'const', 'discriminator'])

import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { isObject, resolvePointer, type Json } from './json.ts'

const escape = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1')

/**
 * Validates bodies against the ORIGINAL document with ajv's JSON Schema 2020-12 validator and
 * formats, independent of standin's zod. 3.0 schemas get their two dialect differences (nullable,
 * boolean exclusive bounds) rewritten to 2020-12 first; nothing else changes.
 */
export class OriginalSchemas {
  readonly #ajv: InstanceType<typeof Ajv2020>
  readonly #document: Json
  readonly #compiled = new Map<string, ReturnType<InstanceType<typeof Ajv2020>['compile']>>()

  constructor(document: Json) {
    const data = withoutExamples(structuredClone(document)) as Json
    // 3.1 documents carry 3.0's nullable too, now and then: ajv refuses it, so every document is
    // read the 3.0 way first.
    this.#document = to202012(data, String(document.openapi).startsWith('3.0')) as Json
    this.#ajv = new Ajv2020({
      strict: false,
      allErrors: false,
      validateFormats: true,
      logger: false,
      code: { regExp: documentRegExp },
    })
    addFormats.default(this.#ajv)
    this.#ajv.addSchema({ ...this.#document, $id: 'doc' }, 'doc')
  }

  /** Pointer of the response body schema for a status and media type, following response $refs. */
  responseSchema(
    path: string,
    method: string,
    status: number,
    mediaType: string,
  ): string | undefined {
    const op = (this.#document.paths as Json)?.[path] as Json | undefined
    const responses = (op?.[method] as Json | undefined)?.responses as Json | undefined
    if (!responses) return undefined
    const key = [
      String(status),
      `${String(status)[0]}XX`,
      `${String(status)[0]}xx`,
      'default',
    ].find((k) => k in responses)
    if (!key) return undefined
    let pointer = `#/paths/${escape(path)}/${method}/responses/${escape(key)}`
    let response = responses[key]
    while (isObject(response) && typeof response.$ref === 'string') {
      pointer = response.$ref
      response = this.#resolve(response.$ref)
    }
    const content = isObject(response) && isObject(response.content) ? response.content : {}
    const type =
      Object.keys(content).find((candidate) => candidate.split(';')[0]!.trim() === mediaType) ??
      Object.keys(content).find((c) => /json/.test(c))
    if (!type || !isObject(content[type]) || (content[type] as Json).schema === undefined)
      return undefined
    return `${pointer}/content/${escape(type)}/schema`
  }

  validate(pointer: string, value: unknown): string | undefined {
    let validate = this.#compiled.get(pointer)
    if (!validate) {
      validate = this.#ajv.compile({ $ref: `doc${pointer}` })
      this.#compiled.set(pointer, validate)
    }
    if (validate(value)) return undefined
    const error = validate.errors?.[0]
    return `${error?.instancePath || '/'} ${error?.message} (${error?.schemaPath})`
  }

  #resolve(ref: string): unknown {
    return resolvePointer(this.#document, ref)
  }
}

/**
 * A pattern as JSON Schema means it: ECMA-262 with Unicode semantics, and without them for a
 * pattern only the older reading accepts (`[\w-.]`). One that uses `\p{…}` yet is not ECMA-262
 * (Java's `\p{Alnum}`) cannot be judged, so it accepts everything.
 */
function documentRegExp(pattern: string): {
  test: (text: string) => boolean
  toString: () => string
} {
  for (const flags of /\\[pP]\{/.test(pattern) ? ['u'] : ['u', '']) {
    try {
      return new RegExp(pattern, flags)
    } catch {
      // the next reading
    }
  }
  return { test: () => true, toString: () => `unjudged ${pattern}` }
}
documentRegExp.code = 'documentRegExp'

// Examples are instance data: an `$id` inside one would read as a schema id to ajv.
function withoutExamples(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutExamples)
  if (!isObject(node)) return node
  for (const key of Object.keys(node)) {
    if (key === 'example' || key === 'examples' || key.startsWith('x-')) delete node[key]
    else node[key] = withoutExamples(node[key])
  }
  return node
}

function to202012(node: unknown, v30: boolean): unknown {
  if (Array.isArray(node)) return node.map((item) => to202012(item, v30))
  if (!isObject(node)) return node
  // In 3.0 a Reference Object's other fields are ignored (`{ $ref, type: string }` is the
  // referenced schema).
  if (v30 && typeof node.$ref === 'string') return { $ref: node.$ref }
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'example' && key !== 'examples' && key !== 'default' && key !== 'enum')
      node[key] = to202012(value, v30)
  }
  if (node.exclusiveMinimum === true && typeof node.minimum === 'number')
    [node.exclusiveMinimum, node.minimum] = [node.minimum, undefined]
  if (node.exclusiveMaximum === true && typeof node.maximum === 'number')
    [node.exclusiveMaximum, node.maximum] = [node.maximum, undefined]
  if (typeof node.exclusiveMinimum === 'boolean') delete node.exclusiveMinimum
  if (typeof node.exclusiveMaximum === 'boolean') delete node.exclusiveMaximum
  const nullable = node.nullable === true
  delete node.nullable
  if (nullable) {
    if (typeof node.type === 'string') node.type = [node.type, 'null']
    else if (Array.isArray(node.enum) && !node.enum.includes(null)) node.enum = [...node.enum, null]
    else if (node.type === undefined && !('enum' in node))
      return { anyOf: [node, { type: 'null' }] }
    if (Array.isArray(node.enum) && !node.enum.includes(null)) node.enum = [...node.enum, null]
  }
  return node
}

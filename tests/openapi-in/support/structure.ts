type Json = Record<string, unknown>
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * The structure two OpenAPI documents must share to be equivalent, ignoring key order and $ref names:
 * operations, parameters (name, in, required), body and response media types and statuses, and the
 * property names of every JSON body schema with refs followed (readOnly left out of requests, writeOnly
 * out of responses).
 */
export function structureOf(document: Json): Record<string, unknown> {
  const operations: Record<string, unknown> = {}
  for (const [path, item] of Object.entries((document.paths ?? {}) as Json)) {
    if (!isObject(item)) continue
    for (const method of METHODS) {
      const op = item[method]
      if (!isObject(op)) continue
      const parameters = [...((item.parameters as unknown[]) ?? []), ...((op.parameters as unknown[]) ?? [])]
        .map((p) => deref(document, p) as Json)
        .filter((p) => !(p.in === 'header' && ['accept', 'content-type', 'authorization'].includes(String(p.name).toLowerCase())))
        .map((p) => `${String(p.in)}:${String(p.name)}${p.required === true || p.in === 'path' ? '!' : ''}`)
        .sort()
      const body = deref(document, op.requestBody) as Json | undefined
      const responses = Object.fromEntries(
        Object.entries((op.responses ?? {}) as Json).map(([status, response]) => [status, mediaOf(document, (deref(document, response) as Json).content, 'response')]),
      )
      operations[`${method.toUpperCase()} ${path}`] = { parameters: [...new Set(parameters)], body: mediaOf(document, body?.content, 'request'), responses }
    }
  }
  return operations
}

function mediaOf(document: Json, content: unknown, direction: 'request' | 'response'): Record<string, unknown> | null {
  if (!isObject(content)) return null
  return Object.fromEntries(Object.entries(content).map(([type, media]) => [type, /json/.test(type) ? propertiesOf(document, (media as Json).schema, direction) : null]))
}

function propertiesOf(document: Json, schema: unknown, direction: 'request' | 'response', depth = 0): unknown {
  const resolved = deref(document, schema)
  if (!isObject(resolved) || depth > 3) return null
  if (Array.isArray(resolved.allOf)) {
    const parts = resolved.allOf.map((part) => propertiesOf(document, part, direction, depth)) as Array<{ properties?: string[]; required?: string[] } | null>
    return mergeParts([...parts, propertiesOf(document, { ...resolved, allOf: undefined }, direction, depth) as never])
  }
  if (resolved.type === 'array' || (Array.isArray(resolved.type) && resolved.type.includes('array'))) return { items: propertiesOf(document, resolved.items, direction, depth + 1) }
  const hidden = direction === 'request' ? 'readOnly' : 'writeOnly'
  const properties = Object.entries((resolved.properties ?? {}) as Json)
    .filter(([, property]) => (deref(document, property) as Json | undefined)?.[hidden] !== true)
    .map(([name]) => name)
  if (properties.length === 0) return null
  const required = ((resolved.required ?? []) as string[]).filter((name) => properties.includes(name))
  return { properties: properties.sort(), required: required.sort() }
}

function mergeParts(parts: Array<{ properties?: string[]; required?: string[] } | null>): unknown {
  const properties = new Set<string>()
  const required = new Set<string>()
  for (const part of parts) {
    part?.properties?.forEach((name) => properties.add(name))
    part?.required?.forEach((name) => required.add(name))
  }
  return properties.size === 0 ? null : { properties: [...properties].sort(), required: [...required].filter((name) => properties.has(name)).sort() }
}

function deref(document: Json, value: unknown): unknown {
  let current = value
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string' && hops < 20; hops++) {
    current = current.$ref
      .slice(2)
      .split('/')
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((node, segment) => (isObject(node) ? node[segment] : undefined), document)
  }
  return current
}

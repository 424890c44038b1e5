import type { DocumentParts } from './document-parts.ts'
import type { NamedSchemas } from './named-schemas.ts'
import { printExpr, printKey, printValue, type PrintScope } from './print-expr.ts'
import type { MediaSpec, ResponseSpec, RouteSpec } from './route-spec.ts'
import { fileName, routeIdentifier, schemaIdentifier, UniqueNames } from './source-names.ts'
import type { Arg, Expr } from './zod-expr.ts'

/** A value in generated source: plain JSON, a zod expression, or an object mixing both. */
type Node =
  | { kind: 'json'; value: unknown }
  | { kind: 'expr'; expr: Expr }
  | { kind: 'object'; entries: Array<[string, Node]> }

const SCHEMAS_FILE = 'schemas.ts'

/** The TypeScript files of a contract: `schemas.ts`, one file per tag, and `index.ts`. */
export function generateSource(parts: DocumentParts): Record<string, string> {
  const routes = parts.routes.map((spec) => ({ spec, node: routeNode(spec) }))
  const order = schemaOrder(
    routes.map((route) => route.node),
    parts.doc.named,
  )
  const identifiers = new Map<string, string>()
  const names = new UniqueNames()
  for (const name of order) identifiers.set(name, names.take(schemaIdentifier(name)))
  const files: Record<string, string> = {}
  if (order.length > 0) files[SCHEMAS_FILE] = schemasFile(order, identifiers, parts.doc.named)
  const routeNames = new UniqueNames([...identifiers.values()])
  const byFile = groupByTag(
    routes.map(({ spec, node }) => ({
      spec,
      node,
      identifier: routeNames.take(routeIdentifier(spec.operationId)),
    })),
  )
  for (const [file, group] of byFile) files[file] = routesFile(group, identifiers)
  files['index.ts'] = indexFile(parts, byFile)
  return files
}

function routeNode(spec: RouteSpec): Node {
  const entries: Array<[string, Node]> = [
    ['method', json(spec.method)],
    ['path', json(spec.path)],
    ...Object.entries(spec.fields).map(([key, value]): [string, Node] => [key, json(value)]),
  ]
  const request: Array<[string, Node]> = []
  for (const part of ['params', 'query', 'headers', 'cookies'] as const) {
    const shape = spec[part]
    if (shape)
      request.push([
        part,
        exprNode({
          kind: 'call',
          callee: 'object',
          args: [{ kind: 'shape', entries: shape }],
          chain: [],
        }),
      ])
  }
  if (spec.body) {
    const { content, ...rest } = spec.body
    request.push(['body', objectNode([...jsonEntries(rest), ['content', contentNode(content)]])])
  }
  if (request.length > 0) entries.push(['request', objectNode(request)])
  entries.push([
    'responses',
    objectNode(
      Object.entries(spec.responses).map(([status, response]) => [status, responseNode(response)]),
    ),
  ])
  return objectNode(entries)
}

function responseNode(response: ResponseSpec): Node {
  const entries: Array<[string, Node]> = [['description', json(response.description)]]
  if (response.headers)
    entries.push([
      'headers',
      exprNode({
        kind: 'call',
        callee: 'object',
        args: [{ kind: 'shape', entries: response.headers }],
        chain: [],
      }),
    ])
  if (response.content) entries.push(['content', contentNode(response.content)])
  if (response.links) entries.push(['links', json(response.links)])
  return objectNode(entries)
}

function contentNode(content: Record<string, MediaSpec>): Node {
  return objectNode(
    Object.entries(content).map(([type, media]) => [
      type,
      objectNode([['schema', exprNode(media.schema())], ...jsonEntries(media.extra)]),
    ]),
  )
}

const json = (value: unknown): Node => ({ kind: 'json', value })
const exprNode = (expr: Expr): Node => ({ kind: 'expr', expr })
const objectNode = (entries: Array<[string, Node]>): Node => ({ kind: 'object', entries })
const jsonEntries = (object: object): Array<[string, Node]> =>
  Object.entries(object).map(([key, value]) => [key, json(value)])

/**
 * Named schemas in dependency order (a schema after the ones it uses), reachable from the routes.
 */
function schemaOrder(roots: Node[], named: NamedSchemas): string[] {
  const order: string[] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (name: string): void => {
    if (state.has(name)) return
    state.set(name, 'visiting')
    refsOfExpr(named.get(name).expr).forEach(visit)
    state.set(name, 'done')
    order.push(name)
  }
  roots.flatMap(refsOfNode).forEach(visit)
  return order
}

function refsOfNode(node: Node): string[] {
  if (node.kind === 'expr') return refsOfExpr(node.expr)
  if (node.kind === 'object') return node.entries.flatMap(([, value]) => refsOfNode(value))
  return []
}

function refsOfExpr(expr: Expr): string[] {
  const own = expr.kind === 'ref' ? [expr.name] : expr.args.flatMap(refsOfArg)
  return [...own, ...expr.chain.flatMap((call) => call.args.flatMap(refsOfArg))]
}

function refsOfArg(arg: Arg): string[] {
  if (arg.kind === 'shape') return arg.entries.flatMap(([, expr]) => refsOfExpr(expr))
  if (arg.kind === 'list') return arg.items.flatMap(refsOfArg)
  if (arg.kind === 'call' || arg.kind === 'ref') return refsOfExpr(arg)
  return []
}

function schemasFile(
  order: string[],
  identifiers: Map<string, string>,
  named: NamedSchemas,
): string {
  const defined = new Set<string>()
  const scope: PrintScope = {
    identifier: (name) => identifiers.get(name) ?? name,
    defined: (name) => defined.has(name),
  }
  const blocks = order.map((name) => {
    const { expr } = named.get(name)
    const text = `${docComment(descriptionOf(expr))}export const ${identifiers.get(name)} = ${printExpr(expr, scope)}\n`
    defined.add(name)
    return text
  })
  return `${HEADER}import { z } from 'standin'\n\n${blocks.join('\n')}`
}

const HEADER =
  '// Imported from an OpenAPI document by `standin import`. Edit freely: this is now the contract.\n'

function descriptionOf(expr: Expr): string | undefined {
  for (const call of [...expr.chain].reverse()) {
    const meta = call.method === 'openapi' || call.method === 'meta' ? call.args.at(-1) : undefined
    if (meta?.kind === 'json' && typeof meta.value === 'object' && meta.value !== null) {
      const description = (meta.value as Record<string, unknown>).description
      if (typeof description === 'string') return description
    }
  }
  return undefined
}

function docComment(text: string | undefined, indent = ''): string {
  if (!text?.trim()) return ''
  const lines = text.trim().replace(/\*\//g, '*\\/').split('\n')
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`
  return `${indent}/**\n${lines.map((line) => `${indent} *${line ? ` ${line}` : ''}`).join('\n')}\n${indent} */\n`
}

interface RouteSource {
  spec: RouteSpec
  node: Node
  identifier: string
}

function groupByTag(routes: RouteSource[]): Map<string, RouteSource[]> {
  const files = new Map<string, RouteSource[]>()
  const names = new Map<string, string>()
  const unique = new UniqueNames(['index', 'schemas'])
  for (const route of routes) {
    const tag =
      Array.isArray(route.spec.fields.tags) && typeof route.spec.fields.tags[0] === 'string'
        ? route.spec.fields.tags[0]
        : ''
    let file = names.get(tag)
    if (!file) {
      file = `${unique.take(fileName(tag || 'untagged'))}.ts`
      names.set(tag, file)
    }
    files.set(file, [...(files.get(file) ?? []), route])
  }
  return files
}

function routesFile(routes: RouteSource[], identifiers: Map<string, string>): string {
  const used = new Set<string>()
  const scope: PrintScope = {
    identifier: (name) => {
      const identifier = identifiers.get(name) ?? name
      used.add(identifier)
      return identifier
    },
    defined: () => true,
  }
  const blocks = routes.map(({ spec, node, identifier }) => {
    const summary = [spec.fields.summary, spec.fields.description]
      .filter((text) => typeof text === 'string')
      .join('\n\n')
    return `${docComment(summary)}export const ${identifier} = createRoute(${printNode(node, scope, '')})\n`
  })
  const usesZ = blocks.some((block) => block.includes('z.'))
  const imports = [`import { createRoute${usesZ ? ', z' : ''} } from 'standin'`]
  if (used.size > 0)
    imports.push(`import { ${[...used].sort().join(', ')} } from './${SCHEMAS_FILE}'`)
  return `${HEADER}${imports.join('\n')}\n\n${blocks.join('\n')}`
}

function printNode(node: Node, scope: PrintScope, indent: string): string {
  if (node.kind === 'json') return printValue(node.value, indent)
  if (node.kind === 'expr') return printExpr(node.expr, scope, indent)
  const inner = `${indent}  `
  const lines = node.entries.map(
    ([key, value]) =>
      `${inner}${/^\d+$/.test(key) ? key : printKey(key)}: ${printNode(value, scope, inner)},`,
  )
  return `{\n${lines.join('\n')}\n${indent}}`
}

function indexFile(parts: DocumentParts, files: Map<string, RouteSource[]>): string {
  const imports = [...files].map(
    ([file, routes]) =>
      `import { ${routes.map((route) => route.identifier).join(', ')} } from './${file}'`,
  )
  const routeLines = [...files.values()]
    .flat()
    .map(({ spec, identifier }) =>
      spec.operationId === identifier
        ? `    ${identifier},`
        : `    ${printKey(spec.operationId)}: ${identifier},`,
    )
  const definition: Array<[string, unknown]> = [
    ['info', parts.info],
    ['servers', parts.servers],
    ['tags', parts.tags],
    ['securitySchemes', parts.securitySchemes],
    ['security', parts.security],
  ]
  const fields = definition
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `  ${key}: ${printValue(value, '  ')},`)
  return `${HEADER}import { defineContract } from 'standin'\n${imports.join('\n')}\n\n${docComment(parts.info.title)}export default defineContract({\n${fields.join('\n')}\n  routes: {\n${routeLines.join('\n')}\n  },\n})\n`
}

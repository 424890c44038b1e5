import { createRoute, z } from '@hono/zod-openapi'
import { defineContract } from '../../contract/define-contract.ts'
import type { Contract, RouteConfig, Routes } from '../../contract/types.ts'
import type { DocumentParts } from './document-parts.ts'
import type { NamedSchemas } from './named-schemas.ts'
import type { MediaSpec, ResponseSpec, RouteSpec } from './route-spec.ts'
import { evaluateExpr, type Expr, type RefResolver } from './zod-expr.ts'

/**
 * Named schemas as zod values, built on first use; a reference back into one being built is
 * `z.lazy`.
 */
class ZodSchemas implements RefResolver {
  readonly #named: NamedSchemas
  readonly #built = new Map<string, z.ZodType>()
  readonly #pending = new Set<string>()

  constructor(named: NamedSchemas) {
    this.#named = named
  }

  get(name: string): z.ZodType {
    const known = this.#built.get(name)
    if (known) return known
    this.#pending.add(name)
    try {
      const schema = evaluateExpr(this.#named.get(name).expr, this)
      this.#built.set(name, schema)
      return schema
    } finally {
      this.#pending.delete(name)
    }
  }

  pending(name: string): boolean {
    return this.#pending.has(name)
  }

  evaluate(expr: Expr): z.ZodType {
    return evaluateExpr(expr, this)
  }
}

/**
 * The contract of a document. With `lazy`, body and response schemas are `z.lazy` wrappers
 * converted on first use, so a large document costs only what is used.
 */
export function buildContract(parts: DocumentParts, lazy: boolean): Contract {
  const schemas = new ZodSchemas(parts.doc.named)
  const routes: Routes = {}
  for (const spec of parts.routes) routes[spec.operationId] = routeConfig(spec, schemas, lazy)
  const { info, servers, tags, securitySchemes, security } = parts
  return defineContract({
    info,
    routes,
    ...(servers ? { servers } : {}),
    ...(tags ? { tags } : {}),
    ...(securitySchemes ? { securitySchemes } : {}),
    ...(security ? { security } : {}),
  })
}

function routeConfig(spec: RouteSpec, schemas: ZodSchemas, lazy: boolean): RouteConfig {
  const request: Record<string, unknown> = {}
  for (const part of ['params', 'query', 'headers', 'cookies'] as const) {
    const entries = spec[part]
    if (entries)
      request[part] = z.object(
        Object.fromEntries(entries.map(([name, expr]) => [name, schemas.evaluate(expr)])),
      )
  }
  if (spec.body)
    request.body = { ...spec.body, content: contentConfig(spec.body.content, schemas, lazy) }
  const responses = Object.fromEntries(
    Object.entries(spec.responses).map(([status, response]) => [
      status,
      responseConfig(response, schemas, lazy),
    ]),
  )
  const config = {
    method: spec.method,
    path: spec.path,
    ...spec.fields,
    ...(Object.keys(request).length > 0 ? { request } : {}),
    responses,
  }
  return createRoute(config as unknown as RouteConfig)
}

function responseConfig(
  response: ResponseSpec,
  schemas: ZodSchemas,
  lazy: boolean,
): Record<string, unknown> {
  const config: Record<string, unknown> = { description: response.description }
  if (response.headers)
    config.headers = z.object(
      Object.fromEntries(response.headers.map(([name, expr]) => [name, schemas.evaluate(expr)])),
    )
  if (response.content) config.content = contentConfig(response.content, schemas, lazy)
  if (response.links) config.links = response.links
  return config
}

function contentConfig(
  content: Record<string, MediaSpec>,
  schemas: ZodSchemas,
  lazy: boolean,
): Record<string, unknown> {
  const config: Record<string, unknown> = {}
  for (const [type, media] of Object.entries(content)) {
    const schema = lazy
      ? z.lazy(() => schemas.evaluate(media.schema()))
      : schemas.evaluate(media.schema())
    config[type] = { schema, ...media.extra }
  }
  return config
}

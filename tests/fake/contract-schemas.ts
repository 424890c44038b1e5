import type { z } from 'standin'
import contract from '../../contracts/index.ts'

export interface NamedSchema {
  name: string
  schema: z.ZodType
}

/**
 * Every JSON request body and response body schema of the example contract, named `operationId
 * status`.
 */
export function contractSchemas(): NamedSchema[] {
  return contract.operations.flatMap((operation) => {
    const route = operation.route as {
      request?: { body?: { content?: Record<string, { schema?: z.ZodType }> } }
      responses: Record<string, { content?: Record<string, { schema?: z.ZodType }> }>
    }
    const bodies = Object.values(route.request?.body?.content ?? {}).map((media) => ({
      name: `${operation.operationId} request body`,
      schema: media.schema,
    }))
    const responses = Object.entries(route.responses).flatMap(([status, response]) =>
      Object.values(response.content ?? {}).map((media) => ({
        name: `${operation.operationId} ${status}`,
        schema: media.schema,
      })),
    )
    return [...bodies, ...responses].filter(
      (entry): entry is NamedSchema => entry.schema !== undefined,
    )
  })
}

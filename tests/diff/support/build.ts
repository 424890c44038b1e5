import { type Contract, type ContractDefinition, defineContract, type Routes, z } from 'standin'
import { type Change, diffContracts } from '../../../src/diff/index.ts'

export type Json = Record<string, unknown>

/** One finding as a pair's table states it: everything but the message and operationId. */
export type Expected = Omit<Change, 'message' | 'operationId'>

/**
 * One minimal change, written as zod contracts and/or as OpenAPI documents, with the exact
 * findings `diffContracts` must give for each spelling.
 */
export interface Pair {
  name: string
  zod?: readonly [Contract, Contract]
  openapi?: readonly [Json, Json]
  expected: Expected[]
}

const info = { title: 'Pets', version: '1.0.0' }

/** A contract of `routes` (keyed by operationId) with the same info every pair uses. */
export function contractOf(
  routes: Routes,
  rest: Omit<ContractDefinition, 'info' | 'routes'> = {},
): Contract {
  return defineContract({ info, ...rest, routes })
}

/** An OpenAPI document of `paths`; `rest` adds components, servers, security. */
export function documentOf(openapi: '3.0.3' | '3.1.0', paths: Json, rest: Json = {}): Json {
  return { openapi, info, paths, ...rest }
}

/** `{ 'application/json': { schema } }`, for zod routes and documents alike. */
export function json<S>(schema: S): { 'application/json': { schema: S } } {
  return { 'application/json': { schema } }
}

/** A documented answer with a JSON body. */
export function answer<S>(schema: S, description = 'OK') {
  return { description, content: json(schema) }
}

/** An OpenAPI parameter object. */
export function parameter(name: string, place: string, schema: Json, required = false): Json {
  return { name, in: place, ...(required || place === 'path' ? { required: true } : {}), schema }
}

export const petIdParams = z.object({ petId: z.string() })
export const petIdParameter = parameter('petId', 'path', { type: 'string' })

/**
 * A JSON pointer into the printed document: `pointer('GET /pets/{petId}', 'responses', 200)` is
 * `#/paths/~1pets~1{petId}/get/responses/200`.
 */
export function pointer(operation: string, ...segments: Array<string | number>): string {
  const [method = '', path = ''] = operation.split(' ')
  return ['#/paths', ...[path, method.toLowerCase(), ...segments].map(escape)].join('/')
}

function escape(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1')
}

/** The pointer of an operation's JSON request body schema, and of places inside it. */
export function requestSchema(operation: string, ...segments: Array<string | number>): string {
  return pointer(operation, 'requestBody', 'content', 'application/json', 'schema', ...segments)
}

/** The pointer of an answer's JSON body schema, and of places inside it. */
export function responseSchema(
  operation: string,
  status: number,
  ...segments: Array<string | number>
): string {
  return pointer(
    operation,
    'responses',
    status,
    'content',
    'application/json',
    'schema',
    ...segments,
  )
}

/** A component schema's pointer. */
export function component(name: string, ...segments: Array<string | number>): string {
  return ['#/components/schemas', name, ...segments].map(String).join('/')
}

/** What `diffContracts` finds, each as a pair's table states it, in a stable order. */
export function findings(base: Contract | Json, head: Contract | Json): Expected[] {
  const { changes } = diffContracts(base, head)
  for (const change of changes)
    if (!change.message) throw new Error(`${change.rule} has no message`)
  return ordered(changes.map(({ message: _message, operationId: _id, ...rest }) => rest))
}

export function ordered(list: Expected[]): Expected[] {
  return [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
}

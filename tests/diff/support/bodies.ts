import { createRoute, type z } from 'standin'
import {
  answer,
  contractOf,
  documentOf,
  type Json,
  json,
  petIdParameter,
  petIdParams,
} from './build.ts'

// One-operation APIs whose request or response body is the schema a pair changes.

export const send = 'POST /pets'
export const read = 'GET /pets/{petId}'

/** A contract whose POST /pets takes `schema` as its required JSON body. */
export function sends(schema: z.ZodType) {
  return contractOf({
    createPet: createRoute({
      method: 'post',
      path: '/pets',
      request: { body: { required: true, content: json(schema) } },
      responses: { 204: { description: 'Created' } },
    }),
  })
}

export function sendsDocument(openapi: '3.0.3' | '3.1.0', schema: Json, schemas?: Json): Json {
  return documentOf(
    openapi,
    {
      '/pets': {
        post: {
          operationId: 'createPet',
          requestBody: { required: true, content: json(schema) },
          responses: { '204': { description: 'Created' } },
        },
      },
    },
    schemas ? { components: { schemas } } : {},
  )
}

/** A contract whose GET /pets/{petId} answers 200 with `schema`. */
export function answers(schema: z.ZodType) {
  return contractOf({
    getPet: createRoute({
      method: 'get',
      path: '/pets/{petId}',
      request: { params: petIdParams },
      responses: { 200: answer(schema) },
    }),
  })
}

export function answersDocument(openapi: '3.0.3' | '3.1.0', schema: Json, schemas?: Json): Json {
  return documentOf(
    openapi,
    {
      '/pets/{petId}': {
        get: {
          operationId: 'getPet',
          parameters: [petIdParameter],
          responses: { '200': answer(schema) },
        },
      },
    },
    schemas ? { components: { schemas } } : {},
  )
}

/** An object schema of `properties`, the names in `required` required. */
export function object(
  properties: Json,
  required: string[] = Object.keys(properties),
  rest: Json = {},
) {
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}), ...rest }
}

export const text = { type: 'string' }
export const whole = { type: 'integer' }
export const fraction = { type: 'number' }

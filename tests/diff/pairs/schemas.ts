import { z } from 'standin'
import { component, type Json, type Pair, requestSchema, responseSchema } from '../support/build.ts'
import {
  answers,
  answersDocument,
  fraction,
  object,
  read,
  send,
  sends,
  sendsDocument,
  text,
  whole,
} from '../support/bodies.ts'

// Schemas of request and response bodies: the same change classified by the way the data flows.

interface TreeNode {
  name: string
  children: TreeNode[]
}

/** A recursive schema whose names are at most `maxLength` long. */
function tree(maxLength: number): z.ZodType<TreeNode> {
  const Node: z.ZodType<TreeNode> = z
    .object({
      name: z.string().max(maxLength),
      get children() {
        return z.array(Node)
      },
    })
    .openapi('Node')
  return Node
}

function node(maxLength: number): Json {
  return object({
    name: { ...text, maxLength },
    children: { type: 'array', items: ref('Node') },
  })
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const Named = z.object({ id: z.string(), name: z.string() }).openapi('Base')
const Identified = z.object({ id: z.string() }).openapi('Base')

export const schemaPairs: Pair[] = [
  // Properties
  {
    name: 'a required property added to a request',
    zod: [
      sends(z.object({ name: z.string() })),
      sends(z.object({ name: z.string(), age: z.int() })),
    ],
    openapi: [
      sendsDocument('3.0.3', object({ name: text })),
      sendsDocument('3.0.3', object({ name: text, age: whole })),
    ],
    expected: [
      {
        rule: 'request-required-property-added',
        level: 'breaking',
        side: 'clients',
        operation: send,
        head: requestSchema(send, 'properties', 'age'),
      },
    ],
  },
  {
    name: 'an optional property added to a request',
    zod: [
      sends(z.object({ name: z.string() })),
      sends(z.object({ name: z.string(), age: z.int().optional() })),
    ],
    openapi: [
      sendsDocument('3.1.0', object({ name: text })),
      sendsDocument('3.1.0', object({ name: text, age: whole }, ['name'])),
    ],
    expected: [
      {
        rule: 'request-property-added',
        level: 'compatible',
        operation: send,
        head: requestSchema(send, 'properties', 'age'),
      },
    ],
  },
  {
    name: 'a property removed from an open request body',
    zod: [
      sends(z.object({ name: z.string(), tag: z.string().optional() })),
      sends(z.object({ name: z.string() })),
    ],
    openapi: [
      sendsDocument('3.0.3', object({ name: text, tag: text }, ['name'])),
      sendsDocument('3.0.3', object({ name: text })),
    ],
    expected: [
      {
        rule: 'request-property-removed',
        level: 'potentially-breaking',
        side: 'clients',
        operation: send,
        base: requestSchema(send, 'properties', 'tag'),
      },
    ],
  },
  {
    name: 'a property removed from a request body that takes no others',
    zod: [
      sends(z.strictObject({ name: z.string(), tag: z.string().optional() })),
      sends(z.strictObject({ name: z.string() })),
    ],
    openapi: [
      sendsDocument(
        '3.1.0',
        object({ name: text, tag: text }, ['name'], { additionalProperties: false }),
      ),
      sendsDocument('3.1.0', object({ name: text }, ['name'], { additionalProperties: false })),
    ],
    expected: [
      {
        rule: 'request-property-removed',
        level: 'breaking',
        side: 'clients',
        operation: send,
        base: requestSchema(send, 'properties', 'tag'),
      },
    ],
  },
  {
    name: 'an optional request property made required',
    zod: [
      sends(z.object({ name: z.string(), tag: z.string().optional() })),
      sends(z.object({ name: z.string(), tag: z.string() })),
    ],
    openapi: [
      sendsDocument('3.0.3', object({ name: text, tag: text }, ['name'])),
      sendsDocument('3.0.3', object({ name: text, tag: text })),
    ],
    expected: [
      {
        rule: 'request-property-became-required',
        level: 'breaking',
        side: 'clients',
        operation: send,
        base: requestSchema(send, 'properties', 'tag'),
        head: requestSchema(send, 'properties', 'tag'),
      },
    ],
  },
  {
    name: 'a required request property made optional',
    zod: [
      sends(z.object({ name: z.string(), tag: z.string() })),
      sends(z.object({ name: z.string(), tag: z.string().optional() })),
    ],
    openapi: [
      sendsDocument('3.1.0', object({ name: text, tag: text })),
      sendsDocument('3.1.0', object({ name: text, tag: text }, ['name'])),
    ],
    expected: [
      {
        rule: 'request-property-became-optional',
        level: 'breaking',
        side: 'server',
        operation: send,
        base: requestSchema(send, 'properties', 'tag'),
        head: requestSchema(send, 'properties', 'tag'),
      },
    ],
  },
  {
    name: 'an optional response property made required',
    zod: [
      answers(z.object({ id: z.string(), tag: z.string().optional() })),
      answers(z.object({ id: z.string(), tag: z.string() })),
    ],
    openapi: [
      answersDocument('3.0.3', object({ id: text, tag: text }, ['id'])),
      answersDocument('3.0.3', object({ id: text, tag: text })),
    ],
    expected: [
      {
        rule: 'response-property-became-required',
        level: 'breaking',
        side: 'server',
        operation: read,
        base: responseSchema(read, 200, 'properties', 'tag'),
        head: responseSchema(read, 200, 'properties', 'tag'),
      },
    ],
  },
  {
    name: 'a required response property made optional',
    zod: [
      answers(z.object({ id: z.string(), tag: z.string() })),
      answers(z.object({ id: z.string(), tag: z.string().optional() })),
    ],
    openapi: [
      answersDocument('3.1.0', object({ id: text, tag: text })),
      answersDocument('3.1.0', object({ id: text, tag: text }, ['id'])),
    ],
    expected: [
      {
        rule: 'response-property-became-optional',
        level: 'breaking',
        side: 'clients',
        operation: read,
        base: responseSchema(read, 200, 'properties', 'tag'),
        head: responseSchema(read, 200, 'properties', 'tag'),
      },
    ],
  },
  {
    name: 'a required response property removed',
    zod: [
      answers(z.object({ id: z.string(), name: z.string() })),
      answers(z.object({ id: z.string() })),
    ],
    openapi: [
      answersDocument('3.0.3', object({ id: text, name: text })),
      answersDocument('3.0.3', object({ id: text })),
    ],
    expected: [
      {
        rule: 'response-required-property-removed',
        level: 'breaking',
        side: 'clients',
        operation: read,
        base: responseSchema(read, 200, 'properties', 'name'),
      },
    ],
  },
  {
    name: 'an optional response property removed',
    zod: [
      answers(z.object({ id: z.string(), tag: z.string().optional() })),
      answers(z.object({ id: z.string() })),
    ],
    openapi: [
      answersDocument('3.1.0', object({ id: text, tag: text }, ['id'])),
      answersDocument('3.1.0', object({ id: text })),
    ],
    expected: [
      {
        rule: 'response-optional-property-removed',
        level: 'potentially-breaking',
        side: 'clients',
        operation: read,
        base: responseSchema(read, 200, 'properties', 'tag'),
      },
    ],
  },
  {
    name: 'an optional property added to a response',
    zod: [
      answers(z.object({ id: z.string() })),
      answers(z.object({ id: z.string(), tag: z.string().optional() })),
    ],
    openapi: [
      answersDocument('3.0.3', object({ id: text })),
      answersDocument('3.0.3', object({ id: text, tag: text }, ['id'])),
    ],
    expected: [
      {
        rule: 'response-property-added',
        level: 'compatible',
        operation: read,
        head: responseSchema(read, 200, 'properties', 'tag'),
      },
    ],
  },
  {
    name: 'a request property renamed (the same shape)',
    zod: [
      sends(z.object({ name: z.string().max(50), age: z.int() })),
      sends(z.object({ title: z.string().max(50), age: z.int() })),
    ],
    openapi: [
      sendsDocument('3.1.0', object({ name: { ...text, maxLength: 50 }, age: whole })),
      sendsDocument('3.1.0', object({ title: { ...text, maxLength: 50 }, age: whole })),
    ],
    expected: [
      {
        rule: 'request-property-renamed',
        level: 'breaking',
        side: 'clients',
        operation: send,
        base: requestSchema(send, 'properties', 'name'),
        head: requestSchema(send, 'properties', 'title'),
      },
    ],
  },
  {
    name: 'an optional request property renamed (the same shape)',
    zod: [
      sends(z.object({ name: z.string(), zip: z.string().optional() })),
      sends(z.object({ name: z.string(), postalCode: z.string().optional() })),
    ],
    openapi: [
      sendsDocument('3.0.3', object({ name: text, zip: text }, ['name'])),
      sendsDocument('3.0.3', object({ name: text, postalCode: text }, ['name'])),
    ],
    expected: [
      {
        rule: 'request-property-renamed',
        level: 'breaking',
        side: 'clients',
        operation: send,
        base: requestSchema(send, 'properties', 'zip'),
        head: requestSchema(send, 'properties', 'postalCode'),
      },
    ],
  },
  {
    name: 'a response property renamed (the same shape)',
    zod: [
      answers(z.object({ id: z.string(), zip: z.string() })),
      answers(z.object({ id: z.string(), postalCode: z.string() })),
    ],
    openapi: [
      answersDocument('3.0.3', object({ id: text, zip: text })),
      answersDocument('3.0.3', object({ id: text, postalCode: text })),
    ],
    expected: [
      {
        rule: 'response-property-renamed',
        level: 'breaking',
        side: 'clients',
        operation: read,
        base: responseSchema(read, 200, 'properties', 'zip'),
        head: responseSchema(read, 200, 'properties', 'postalCode'),
      },
    ],
  },

  {
    name: 'a change inside a recursive schema',
    zod: [answers(tree(10)), answers(tree(20))],
    openapi: [
      answersDocument('3.1.0', ref('Node'), { Node: node(10) }),
      answersDocument('3.1.0', ref('Node'), { Node: node(20) }),
    ],
    expected: [
      {
        rule: 'response-maxLength-loosened',
        level: 'breaking',
        side: 'clients',
        operation: read,
        base: component('Node', 'properties', 'name'),
        head: component('Node', 'properties', 'name'),
      },
    ],
  },
  {
    name: 'a required property removed from a part of an allOf',
    zod: [
      answers(Named.and(z.object({ size: z.int() }))),
      answers(Identified.and(z.object({ size: z.int() }))),
    ],
    openapi: [
      answersDocument(
        '3.0.3',
        { allOf: [ref('Base'), object({ size: whole })] },
        {
          Base: object({ id: text, name: text }),
        },
      ),
      answersDocument(
        '3.0.3',
        { allOf: [ref('Base'), object({ size: whole })] },
        {
          Base: object({ id: text }),
        },
      ),
    ],
    expected: [
      {
        rule: 'response-required-property-removed',
        level: 'breaking',
        side: 'clients',
        operation: read,
        base: component('Base', 'properties', 'name'),
      },
    ],
  },

  // Types
  {
    name: 'a request number narrowed to an integer',
    zod: [sends(z.object({ weight: z.number() })), sends(z.object({ weight: z.int() }))],
    openapi: [
      sendsDocument('3.0.3', object({ weight: fraction })),
      sendsDocument('3.0.3', object({ weight: whole })),
    ],
    expected: [
      {
        rule: 'request-type-narrowed',
        level: 'breaking',
        side: 'clients',
        operation: send,
        base: requestSchema(send, 'properties', 'weight'),
        head: requestSchema(send, 'properties', 'weight'),
      },
    ],
  },
  {
    name: 'a response number narrowed to an integer',
    zod: [answers(z.object({ weight: z.number() })), answers(z.object({ weight: z.int() }))],
    openapi: [
      answersDocument('3.1.0', object({ weight: fraction })),
      answersDocument('3.1.0', object({ weight: whole })),
    ],
    expected: [
      {
        rule: 'response-type-narrowed',
        level: 'breaking',
        side: 'server',
        operation: read,
        base: responseSchema(read, 200, 'properties', 'weight'),
        head: responseSchema(read, 200, 'properties', 'weight'),
      },
    ],
  },
  {
    name: 'a request property changed from string to number',
    zod: [sends(z.object({ age: z.string() })), sends(z.object({ age: z.number() }))],
    openapi: [
      sendsDocument('3.1.0', object({ age: text })),
      sendsDocument('3.1.0', object({ age: fraction })),
    ],
    expected: [
      {
        rule: 'request-type-changed',
        level: 'breaking',
        side: 'clients',
        operation: send,
        base: requestSchema(send, 'properties', 'age'),
        head: requestSchema(send, 'properties', 'age'),
      },
    ],
  },
  {
    name: 'a response property changed from string to number',
    zod: [answers(z.object({ age: z.string() })), answers(z.object({ age: z.number() }))],
    openapi: [
      answersDocument('3.0.3', object({ age: text })),
      answersDocument('3.0.3', object({ age: fraction })),
    ],
    expected: [
      {
        rule: 'response-type-changed',
        level: 'breaking',
        side: 'clients',
        operation: read,
        base: responseSchema(read, 200, 'properties', 'age'),
        head: responseSchema(read, 200, 'properties', 'age'),
      },
    ],
  },
  {
    name: "a response array's items changed type",
    zod: [answers(z.array(z.string())), answers(z.array(z.int()))],
    openapi: [
      answersDocument('3.1.0', { type: 'array', items: text }),
      answersDocument('3.1.0', { type: 'array', items: whole }),
    ],
    expected: [
      {
        rule: 'response-type-changed',
        level: 'breaking',
        side: 'clients',
        operation: read,
        base: responseSchema(read, 200, 'items'),
        head: responseSchema(read, 200, 'items'),
      },
    ],
  },
  {
    name: 'null allowed in a response',
    zod: [
      answers(z.object({ name: z.string() })),
      answers(z.object({ name: z.string().nullable() })),
    ],
    openapi: [
      answersDocument('3.0.3', object({ name: text })),
      answersDocument('3.0.3', object({ name: { ...text, nullable: true } })),
    ],
    expected: [
      {
        rule: 'response-nullable-added',
        level: 'breaking',
        side: 'clients',
        operation: read,
        base: responseSchema(read, 200, 'properties', 'name'),
        head: responseSchema(read, 200, 'properties', 'name'),
      },
    ],
  },
  {
    name: 'null no longer allowed in a request',
    zod: [sends(z.object({ name: z.string().nullable() })), sends(z.object({ name: z.string() }))],
    openapi: [
      sendsDocument('3.1.0', object({ name: { type: ['string', 'null'] } })),
      sendsDocument('3.1.0', object({ name: text })),
    ],
    expected: [
      {
        rule: 'request-nullable-removed',
        level: 'breaking',
        side: 'clients',
        operation: send,
        base: requestSchema(send, 'properties', 'name'),
        head: requestSchema(send, 'properties', 'name'),
      },
    ],
  },

  // Bounds, patterns and formats
  {
    name: "a request string's maxLength lowered",
    zod: [
      sends(z.object({ name: z.string().max(50) })),
      sends(z.object({ name: z.string().max(20) })),
    ],
    openapi: [
      sendsDocument('3.0.3', object({ name: { ...text, maxLength: 50 } })),
      sendsDocument('3.0.3', object({ name: { ...text, maxLength: 20 } })),
    ],
    expected: [
      {
        rule: 'request-maxLength-tightened',
        level: 'breaking',
        side: 'clients',
        operation: send,
        base: requestSchema(send, 'properties', 'name'),
        head: requestSchema(send, 'properties', 'name'),
      },
    ],
  },
  {
    name: "a request number's minimum raised",
    zod: [sends(z.object({ age: z.int().min(0) })), sends(z.object({ age: z.int().min(1) }))],
    openapi: [
      sendsDocument('3.1.0', object({ age: { ...whole, minimum: 0 } })),
      sendsDocument('3.1.0', object({ age: { ...whole, minimum: 1 } })),
    ],
    expected: [
      {
        rule: 'request-minimum-tightened',
        level: 'breaking',
        side: 'clients',
        operation: send,
        base: requestSchema(send, 'properties', 'age'),
        head: requestSchema(send, 'properties', 'age'),
      },
    ],
  },
  {
    name: "a response string's maxLength raised",
    zod: [
      answers(z.object({ name: z.string().max(50) })),
      answers(z.object({ name: z.string().max(100) })),
    ],
    openapi: [
      answersDocument('3.1.0', object({ name: { ...text, maxLength: 50 } })),
      answersDocument('3.1.0', object({ name: { ...text, maxLength: 100 } })),
    ],
    expected: [
      {
        rule: 'response-maxLength-loosened',
        level: 'breaking',
        side: 'clients',
        operation: read,
        base: responseSchema(read, 200, 'properties', 'name'),
        head: responseSchema(read, 200, 'properties', 'name'),
      },
    ],
  },
  {
    name: "a response number's minimum lowered",
    zod: [answers(z.object({ age: z.int().min(1) })), answers(z.object({ age: z.int().min(0) }))],
    openapi: [
      answersDocument('3.0.3', object({ age: { ...whole, minimum: 1 } })),
      answersDocument('3.0.3', object({ age: { ...whole, minimum: 0 } })),
    ],
    expected: [
      {
        rule: 'response-minimum-loosened',
        level: 'breaking',
        side: 'clients',
        operation: read,
        base: responseSchema(read, 200, 'properties', 'age'),
        head: responseSchema(read, 200, 'properties', 'age'),
      },
    ],
  },
  {
    name: 'a pattern added to a request string',
    zod: [
      sends(z.object({ sku: z.string() })),
      sends(z.object({ sku: z.string().regex(/^[A-Z]{3}-\d{6}$/) })),
    ],
    openapi: [
      sendsDocument('3.1.0', object({ sku: text })),
      sendsDocument('3.1.0', object({ sku: { ...text, pattern: '^[A-Z]{3}-\\d{6}$' } })),
    ],
    expected: [
      {
        rule: 'request-pattern-added',
        level: 'breaking',
        side: 'clients',
        operation: send,
        base: requestSchema(send, 'properties', 'sku'),
        head: requestSchema(send, 'properties', 'sku'),
      },
    ],
  },
  {
    name: 'a format added to a request string',
    zod: [sends(z.object({ contact: z.string() })), sends(z.object({ contact: z.email() }))],
    openapi: [
      sendsDocument('3.0.3', object({ contact: text })),
      sendsDocument('3.0.3', object({ contact: { ...text, format: 'email' } })),
    ],
    expected: [
      {
        rule: 'request-format-added',
        level: 'breaking',
        side: 'clients',
        operation: send,
        base: requestSchema(send, 'properties', 'contact'),
        head: requestSchema(send, 'properties', 'contact'),
      },
    ],
  },

  {
    name: 'an integer minimum written as an exclusive one, the same bound',
    zod: [sends(z.object({ age: z.int().min(1) })), sends(z.object({ age: z.int().gt(0) }))],
    openapi: [
      sendsDocument('3.0.3', object({ age: { ...whole, minimum: 1 } })),
      sendsDocument('3.0.3', object({ age: { ...whole, minimum: 0, exclusiveMinimum: true } })),
    ],
    expected: [],
  },
  {
    name: "a request number's minimum made exclusive",
    zod: [
      sends(z.object({ weight: z.number().min(0) })),
      sends(z.object({ weight: z.number().gt(0) })),
    ],
    openapi: [
      sendsDocument('3.1.0', object({ weight: { ...fraction, minimum: 0 } })),
      sendsDocument('3.1.0', object({ weight: { ...fraction, exclusiveMinimum: 0 } })),
    ],
    expected: [
      {
        rule: 'request-minimum-tightened',
        level: 'breaking',
        side: 'clients',
        operation: send,
        base: requestSchema(send, 'properties', 'weight'),
        head: requestSchema(send, 'properties', 'weight'),
      },
    ],
  },
  {
    name: "a response number's exclusive maximum raised",
    openapi: [
      answersDocument(
        '3.0.3',
        object({ weight: { ...fraction, maximum: 10, exclusiveMaximum: true } }),
      ),
      answersDocument('3.0.3', object({ weight: { ...fraction, maximum: 10 } })),
    ],
    expected: [
      {
        rule: 'response-maximum-loosened',
        level: 'breaking',
        side: 'clients',
        operation: read,
        base: responseSchema(read, 200, 'properties', 'weight'),
        head: responseSchema(read, 200, 'properties', 'weight'),
      },
    ],
  },
  {
    name: 'a multipleOf added to a request number',
    // zod's .multipleOf() is not printed by @hono/zod-openapi, so only the document spells it.
    openapi: [
      sendsDocument('3.1.0', object({ price: fraction })),
      sendsDocument('3.1.0', object({ price: { ...fraction, multipleOf: 0.01 } })),
    ],
    expected: [
      {
        rule: 'request-multipleOf-added',
        level: 'breaking',
        side: 'clients',
        operation: send,
        base: requestSchema(send, 'properties', 'price'),
        head: requestSchema(send, 'properties', 'price'),
      },
    ],
  },
  {
    name: "a response number's multipleOf made finer",
    openapi: [
      answersDocument('3.0.3', object({ price: { ...fraction, multipleOf: 0.1 } })),
      answersDocument('3.0.3', object({ price: { ...fraction, multipleOf: 0.01 } })),
    ],
    expected: [
      {
        rule: 'response-multipleOf-changed',
        level: 'breaking',
        side: 'clients',
        operation: read,
        base: responseSchema(read, 200, 'properties', 'price'),
        head: responseSchema(read, 200, 'properties', 'price'),
      },
    ],
  },
  {
    name: 'uniqueItems added to a request array',
    openapi: [
      sendsDocument('3.1.0', object({ tags: { type: 'array', items: text, uniqueItems: false } })),
      sendsDocument('3.1.0', object({ tags: { type: 'array', items: text, uniqueItems: true } })),
    ],
    expected: [
      {
        rule: 'request-uniqueItems-added',
        level: 'breaking',
        side: 'clients',
        operation: send,
        base: requestSchema(send, 'properties', 'tags'),
        head: requestSchema(send, 'properties', 'tags'),
      },
    ],
  },
  {
    name: "a tuple's element changed type in a response",
    zod: [
      answers(z.object({ point: z.tuple([z.string(), z.int()]) })),
      answers(z.object({ point: z.tuple([z.string(), z.string()]) })),
    ],
    openapi: [
      answersDocument(
        '3.1.0',
        object({ point: { type: 'array', prefixItems: [text, whole], items: false } }),
      ),
      answersDocument(
        '3.1.0',
        object({ point: { type: 'array', prefixItems: [text, text], items: false } }),
      ),
    ],
    expected: [
      {
        rule: 'response-type-changed',
        level: 'breaking',
        side: 'clients',
        operation: read,
        base: responseSchema(read, 200, 'properties', 'point', 'prefixItems', 1),
        head: responseSchema(read, 200, 'properties', 'point', 'prefixItems', 1),
      },
    ],
  },
  {
    name: "a record's values changed type in a response",
    zod: [
      answers(z.object({ labels: z.record(z.string(), z.string()) })),
      answers(z.object({ labels: z.record(z.string(), z.int()) })),
    ],
    openapi: [
      answersDocument('3.0.3', object({ labels: { type: 'object', additionalProperties: text } })),
      answersDocument('3.0.3', object({ labels: { type: 'object', additionalProperties: whole } })),
    ],
    expected: [
      {
        rule: 'response-type-changed',
        level: 'breaking',
        side: 'clients',
        operation: read,
        base: responseSchema(read, 200, 'properties', 'labels', 'additionalProperties'),
        head: responseSchema(read, 200, 'properties', 'labels', 'additionalProperties'),
      },
    ],
  },
  {
    name: 'a request body closed to other properties',
    zod: [sends(z.object({ name: z.string() })), sends(z.strictObject({ name: z.string() }))],
    openapi: [
      sendsDocument('3.1.0', object({ name: text })),
      sendsDocument('3.1.0', object({ name: text }, ['name'], { additionalProperties: false })),
    ],
    expected: [
      {
        rule: 'request-properties-closed',
        level: 'potentially-breaking',
        side: 'clients',
        operation: send,
        base: requestSchema(send),
        head: requestSchema(send),
      },
    ],
  },

  // Enums
  {
    name: 'a value removed from a request enum',
    zod: [
      sends(z.object({ size: z.enum(['s', 'm', 'l']) })),
      sends(z.object({ size: z.enum(['s', 'm']) })),
    ],
    openapi: [
      sendsDocument('3.0.3', object({ size: { ...text, enum: ['s', 'm', 'l'] } })),
      sendsDocument('3.0.3', object({ size: { ...text, enum: ['s', 'm'] } })),
    ],
    expected: [
      {
        rule: 'request-enum-value-removed',
        level: 'breaking',
        side: 'clients',
        operation: send,
        base: requestSchema(send, 'properties', 'size'),
        head: requestSchema(send, 'properties', 'size'),
      },
    ],
  },
  {
    name: 'a value added to a request enum',
    zod: [
      sends(z.object({ size: z.enum(['s', 'm']) })),
      sends(z.object({ size: z.enum(['s', 'm', 'l']) })),
    ],
    openapi: [
      sendsDocument('3.1.0', object({ size: { ...text, enum: ['s', 'm'] } })),
      sendsDocument('3.1.0', object({ size: { ...text, enum: ['s', 'm', 'l'] } })),
    ],
    expected: [
      {
        rule: 'request-enum-value-added',
        level: 'breaking',
        side: 'server',
        operation: send,
        base: requestSchema(send, 'properties', 'size'),
        head: requestSchema(send, 'properties', 'size'),
      },
    ],
  },
  {
    name: 'a value added to a response enum',
    zod: [
      answers(z.object({ status: z.enum(['available', 'sold']) })),
      answers(z.object({ status: z.enum(['available', 'pending', 'sold']) })),
    ],
    openapi: [
      answersDocument('3.1.0', object({ status: { ...text, enum: ['available', 'sold'] } })),
      answersDocument(
        '3.1.0',
        object({ status: { ...text, enum: ['available', 'pending', 'sold'] } }),
      ),
    ],
    expected: [
      {
        rule: 'response-enum-value-added',
        level: 'potentially-breaking',
        side: 'clients',
        operation: read,
        base: responseSchema(read, 200, 'properties', 'status'),
        head: responseSchema(read, 200, 'properties', 'status'),
      },
    ],
  },
]

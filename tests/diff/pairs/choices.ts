import { z } from 'standin'
import { component, type Json, type Pair, requestSchema, responseSchema } from '../support/build.ts'
import {
  answers,
  answersDocument,
  object,
  read,
  send,
  sends,
  sendsDocument,
  text,
  whole,
} from '../support/bodies.ts'

// oneOf and anyOf members, discriminators, and a schema that becomes a choice or stops being one,
// on kinds of pets.

const Dog = z.object({ kind: z.literal('dog'), barks: z.boolean() }).openapi('Dog')
const Cat = z.object({ kind: z.literal('cat'), purrs: z.boolean() }).openapi('Cat')
const Bird = z.object({ kind: z.literal('bird'), sings: z.boolean() }).openapi('Bird')
const kinds = {
  Dog: object({ kind: { type: 'string', enum: ['dog'] }, barks: { type: 'boolean' } }),
  Cat: object({ kind: { type: 'string', enum: ['cat'] }, purrs: { type: 'boolean' } }),
  Bird: object({ kind: { type: 'string', enum: ['bird'] }, sings: { type: 'boolean' } }),
}
const Owner = z.object({ name: z.string() }).openapi('Owner')
const owner = object({ name: text })
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
function oneOfKinds(names: string[], mapping?: Record<string, string>): Json {
  const byKind = Object.fromEntries(names.map((name) => [name.toLowerCase(), ref(name).$ref]))
  return {
    oneOf: names.map(ref),
    discriminator: { propertyName: 'kind', mapping: mapping ?? byKind },
  }
}

export const choicePairs: Pair[] = [
  {
    name: 'a oneOf member added to a response',
    zod: [
      answers(z.discriminatedUnion('kind', [Dog, Cat])),
      answers(z.discriminatedUnion('kind', [Dog, Cat, Bird])),
    ],
    openapi: [
      answersDocument('3.0.3', oneOfKinds(['Dog', 'Cat']), kinds),
      answersDocument('3.0.3', oneOfKinds(['Dog', 'Cat', 'Bird']), kinds),
    ],
    expected: [
      {
        rule: 'response-oneOf-member-added',
        level: 'potentially-breaking',
        side: 'clients',
        operation: read,
        head: component('Bird'),
      },
      {
        rule: 'response-discriminator-mapping-added',
        level: 'potentially-breaking',
        side: 'clients',
        operation: read,
        base: responseSchema(read, 200),
        head: responseSchema(read, 200),
      },
    ],
  },
  {
    name: 'a oneOf member removed from a request',
    zod: [
      sends(z.discriminatedUnion('kind', [Dog, Cat, Bird])),
      sends(z.discriminatedUnion('kind', [Dog, Cat])),
    ],
    openapi: [
      sendsDocument('3.1.0', oneOfKinds(['Dog', 'Cat', 'Bird']), kinds),
      sendsDocument('3.1.0', oneOfKinds(['Dog', 'Cat']), kinds),
    ],
    expected: [
      {
        rule: 'request-oneOf-member-removed',
        level: 'breaking',
        side: 'clients',
        operation: send,
        base: component('Bird'),
      },
      {
        rule: 'request-discriminator-mapping-removed',
        level: 'breaking',
        side: 'clients',
        operation: send,
        base: requestSchema(send),
        head: requestSchema(send),
      },
    ],
  },
  {
    name: 'an anyOf member added to a request',
    zod: [
      sends(z.object({ id: z.union([z.string(), z.int()]) })),
      sends(z.object({ id: z.union([z.string(), z.int(), z.array(z.string())]) })),
    ],
    openapi: [
      sendsDocument('3.0.3', object({ id: { anyOf: [text, whole] } })),
      sendsDocument(
        '3.0.3',
        object({ id: { anyOf: [text, whole, { type: 'array', items: text }] } }),
      ),
    ],
    expected: [
      {
        rule: 'request-anyOf-member-added',
        level: 'breaking',
        side: 'server',
        operation: send,
        head: requestSchema(send, 'properties', 'id', 'anyOf', 2),
      },
    ],
  },
  {
    name: "a discriminator's kind mapped to another schema",
    openapi: [
      answersDocument('3.1.0', oneOfKinds(['Dog', 'Cat', 'Bird']), kinds),
      answersDocument(
        '3.1.0',
        oneOfKinds(['Dog', 'Cat', 'Bird'], {
          dog: ref('Dog').$ref,
          cat: ref('Bird').$ref,
          bird: ref('Bird').$ref,
        }),
        kinds,
      ),
    ],
    expected: [
      {
        rule: 'response-discriminator-mapping-changed',
        level: 'breaking',
        side: 'clients',
        operation: read,
        base: responseSchema(read, 200),
        head: responseSchema(read, 200),
      },
    ],
  },
  {
    name: "a member's properties written in another order",
    zod: [
      answers(z.union([z.object({ id: z.string(), size: z.int() }), z.boolean()])),
      answers(z.union([z.object({ size: z.int(), id: z.string() }), z.boolean()])),
    ],
    openapi: [
      answersDocument('3.1.0', { oneOf: [object({ id: text, size: whole }), { type: 'boolean' }] }),
      answersDocument('3.1.0', { oneOf: [object({ size: whole, id: text }), { type: 'boolean' }] }),
    ],
    expected: [],
  },
  {
    name: "a discriminator's schemas renamed, the same shapes",
    zod: [
      answers(z.discriminatedUnion('kind', [Dog, Cat])),
      answers(z.discriminatedUnion('kind', [Dog, Cat.openapi('Feline')])),
    ],
    openapi: [
      answersDocument('3.1.0', oneOfKinds(['Dog', 'Cat']), kinds),
      answersDocument(
        '3.1.0',
        oneOfKinds(['Dog', 'Feline'], { dog: ref('Dog').$ref, cat: ref('Feline').$ref }),
        {
          Dog: kinds.Dog,
          Feline: kinds.Cat,
        },
      ),
    ],
    expected: [],
  },
  {
    name: 'a named schema made nullable in a response',
    zod: [answers(z.object({ owner: Owner })), answers(z.object({ owner: Owner.nullable() }))],
    openapi: [
      answersDocument('3.0.3', object({ owner: ref('Owner') }), { Owner: owner }),
      answersDocument('3.0.3', object({ owner: { allOf: [ref('Owner')], nullable: true } }), {
        Owner: owner,
      }),
    ],
    expected: [
      {
        rule: 'response-nullable-added',
        level: 'breaking',
        side: 'clients',
        operation: read,
        base: component('Owner'),
        head: responseSchema(read, 200, 'properties', 'owner'),
      },
    ],
  },
  {
    name: 'null allowed in a response choice',
    zod: [answers(z.union([Dog, Cat])), answers(z.union([Dog, Cat]).nullable())],
    openapi: [
      answersDocument('3.1.0', { oneOf: [ref('Dog'), ref('Cat')] }, kinds),
      answersDocument('3.1.0', { oneOf: [ref('Dog'), ref('Cat'), { type: 'null' }] }, kinds),
    ],
    expected: [
      {
        rule: 'response-nullable-added',
        level: 'breaking',
        side: 'clients',
        operation: read,
        base: responseSchema(read, 200),
        head: responseSchema(read, 200),
      },
    ],
  },
  {
    name: 'a request string widened to a string or an integer',
    zod: [
      sends(z.object({ id: z.string() })),
      sends(z.object({ id: z.union([z.string(), z.int()]) })),
    ],
    openapi: [
      sendsDocument('3.1.0', object({ id: text })),
      sendsDocument('3.1.0', object({ id: { type: ['string', 'integer'] } })),
    ],
    expected: [
      {
        rule: 'request-anyOf-member-added',
        level: 'breaking',
        side: 'server',
        operation: send,
        head: requestSchema(send, 'properties', 'id', 'anyOf', 1),
      },
    ],
  },
  {
    name: 'a request choice narrowed to one of its members',
    zod: [
      sends(z.object({ id: z.union([z.string(), z.int()]) })),
      sends(z.object({ id: z.string() })),
    ],
    openapi: [
      sendsDocument('3.0.3', object({ id: { anyOf: [text, whole] } })),
      sendsDocument('3.0.3', object({ id: text })),
    ],
    expected: [
      {
        rule: 'request-anyOf-member-removed',
        level: 'breaking',
        side: 'clients',
        operation: send,
        base: requestSchema(send, 'properties', 'id', 'anyOf', 1),
      },
    ],
  },
  {
    name: 'a response of one kind that becomes one of two',
    zod: [answers(Dog), answers(z.discriminatedUnion('kind', [Dog, Cat]))],
    openapi: [
      answersDocument('3.1.0', ref('Dog'), kinds),
      answersDocument('3.1.0', oneOfKinds(['Dog', 'Cat']), kinds),
    ],
    expected: [
      {
        rule: 'response-oneOf-member-added',
        level: 'potentially-breaking',
        side: 'clients',
        operation: read,
        head: component('Cat'),
      },
      {
        rule: 'response-discriminator-added',
        level: 'compatible',
        operation: read,
        base: component('Dog'),
        head: responseSchema(read, 200),
      },
    ],
  },
  {
    name: 'a union given a discriminator',
    zod: [answers(z.union([Dog, Cat])), answers(z.discriminatedUnion('kind', [Dog, Cat]))],
    openapi: [
      answersDocument('3.0.3', { anyOf: [ref('Dog'), ref('Cat')] }, kinds),
      answersDocument('3.0.3', oneOfKinds(['Dog', 'Cat']), kinds),
    ],
    expected: [
      {
        rule: 'response-discriminator-added',
        level: 'compatible',
        operation: read,
        base: responseSchema(read, 200),
        head: responseSchema(read, 200),
      },
    ],
  },
  {
    name: "a choice's unnamed member changed in place",
    zod: [
      answers(z.object({ code: z.union([z.string().max(5), z.int()]) })),
      answers(z.object({ code: z.union([z.string().max(10), z.int()]) })),
    ],
    openapi: [
      answersDocument('3.1.0', object({ code: { anyOf: [{ ...text, maxLength: 5 }, whole] } })),
      answersDocument('3.1.0', object({ code: { anyOf: [{ ...text, maxLength: 10 }, whole] } })),
    ],
    expected: [
      {
        rule: 'response-maxLength-loosened',
        level: 'breaking',
        side: 'clients',
        operation: read,
        base: responseSchema(read, 200, 'properties', 'code', 'anyOf', 0),
        head: responseSchema(read, 200, 'properties', 'code', 'anyOf', 0),
      },
    ],
  },
  {
    name: "a discriminator's kind renamed in a response",
    zod: [
      answers(z.discriminatedUnion('kind', [Dog, Cat])),
      answers(
        z.discriminatedUnion('kind', [
          Dog,
          z.object({ kind: z.literal('feline'), purrs: z.boolean() }).openapi('Cat'),
        ]),
      ),
    ],
    openapi: [
      answersDocument('3.0.3', oneOfKinds(['Dog', 'Cat']), kinds),
      answersDocument(
        '3.0.3',
        oneOfKinds(['Dog', 'Cat'], { dog: ref('Dog').$ref, feline: ref('Cat').$ref }),
        {
          ...kinds,
          Cat: object({ kind: { type: 'string', enum: ['feline'] }, purrs: { type: 'boolean' } }),
        },
      ),
    ],
    expected: [
      {
        rule: 'response-enum-value-removed',
        level: 'breaking',
        side: 'server',
        operation: read,
        base: component('Cat', 'properties', 'kind'),
        head: component('Cat', 'properties', 'kind'),
      },
      {
        rule: 'response-enum-value-added',
        level: 'potentially-breaking',
        side: 'clients',
        operation: read,
        base: component('Cat', 'properties', 'kind'),
        head: component('Cat', 'properties', 'kind'),
      },
      {
        rule: 'response-discriminator-mapping-removed',
        level: 'breaking',
        side: 'server',
        operation: read,
        base: responseSchema(read, 200),
        head: responseSchema(read, 200),
      },
      {
        rule: 'response-discriminator-mapping-added',
        level: 'potentially-breaking',
        side: 'clients',
        operation: read,
        base: responseSchema(read, 200),
        head: responseSchema(read, 200),
      },
    ],
  },
]

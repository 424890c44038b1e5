import type { Contract, Operation } from '../contract/types.ts'
import { StandinError } from '../contract/standin-error.ts'
import { fakerMethod, fakerMethodNames } from './faker.ts'
import { parseHint } from './explicit-choice.ts'
import { metaOf } from './metadata.ts'
import { reset } from './random.ts'
import { childrenOf, isSchema, joinPath, showPath, type Schema } from './schema-def.ts'

interface Place {
  /** `request body`, `response 200`, `query`, … */
  where: string
  schema: Schema
}

/**
 * Throws StandinError('FAKER_HINT_INVALID', ...) naming operationId + schema path when an `x-faker`
 * hint names no faker method (or its arguments make the method throw). Call it when a contract
 * loads, so a typo fails then and not on some later request.
 *
 * @example
 * checkFakerHints(await loadContract('contracts/index.ts'))
 */
export function checkFakerHints(contract: Contract): void {
  // Schemas shared between operations are checked once: a large document shares most of them.
  const seen = new Set<Schema>()
  const problems = contract.operations.flatMap((operation) =>
    placesOf(operation).flatMap(({ where, schema }) =>
      hintProblems(schema, seen).map(
        (problem) => `${operation.operationId}: ${where} at ${problem}`,
      ),
    ),
  )
  if (problems.length === 0) return
  throw new StandinError(
    'FAKER_HINT_INVALID',
    `Invalid x-faker hint${problems.length > 1 ? 's' : ''}:\n  ${[...new Set(problems)].join('\n  ')}`,
  )
}

function placesOf(operation: Operation): Place[] {
  const request = (operation.route.request ?? {}) as Record<string, unknown>
  const places: Place[] = []
  for (const part of ['params', 'query', 'headers', 'cookies']) {
    if (isSchema(request[part])) places.push({ where: part, schema: request[part] })
  }
  places.push(
    ...contentPlaces('request body', (request.body as { content?: unknown } | undefined)?.content),
  )
  for (const [status, response] of Object.entries(operation.route.responses ?? {})) {
    const { content, headers } = response as { content?: unknown; headers?: unknown }
    places.push(...contentPlaces(`response ${status}`, content))
    if (isSchema(headers)) places.push({ where: `response ${status} headers`, schema: headers })
  }
  return places
}

function contentPlaces(where: string, content: unknown): Place[] {
  if (typeof content !== 'object' || content === null) return []
  return Object.values(content as Record<string, { schema?: unknown }>)
    .map((media) => media?.schema)
    .filter(isSchema)
    .map((schema) => ({ where, schema }))
}

/** Every bad hint inside a schema, as `path: problem`. */
function hintProblems(root: Schema, seen: Set<Schema>): string[] {
  const problems: string[] = []
  const visit = (schema: Schema, path: string): void => {
    if (seen.has(schema)) return
    seen.add(schema)
    const hint = metaOf(schema).hint
    if (hint !== undefined) {
      const problem = hintProblem(hint)
      if (problem) problems.push(`${showPath(path)}: ${problem}`)
    }
    for (const [segment, inner] of childrenOf(schema))
      visit(inner, segment === '' ? path : joinPath(path, segment))
  }
  visit(root, '')
  return [...new Set(problems)]
}

function hintProblem(hint: unknown): string | undefined {
  const [name, args] = parseHint(hint)
  if (name === undefined)
    return `x-faker hint ${JSON.stringify(hint)} is neither "module.method" nor { "module.method": args }`
  const method = fakerMethod(name)
  if (!method) return `x-faker "${name}" names no faker method${suggestion(name)}`
  try {
    reset(0)
    method(...args)
    return undefined
  } catch (error) {
    return `x-faker "${name}" fails with its arguments ${JSON.stringify(args)}: ${error instanceof Error ? error.message : String(error)}`
  }
}

function suggestion(name: string): string {
  let best: string | undefined
  let bestDistance = 4
  for (const candidate of fakerMethodNames()) {
    const distance = levenshtein(name.toLowerCase(), candidate.toLowerCase())
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance]
  }
  return best
    ? `; did you mean "${best}"?`
    : '; see the faker API reference for "module.method" names'
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      )
    }
    previous = current
  }
  return previous[b.length] as number
}

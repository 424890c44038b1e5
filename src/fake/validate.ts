import { safeParse } from 'zod'
import { StandinError } from '../contract/standin-error.ts'
import type { Gen, Node } from './compile.ts'
import { exampleValues, metaOf } from './metadata.ts'
import { mix } from './random.ts'
import { showPath, type Schema } from './schema-def.ts'

/** Tries per value before a refinement counts as unsatisfiable. */
export const MAX_TRIES = 50

export function accepts(schema: Schema, value: unknown): boolean {
  return safeParse(schema, value).success
}

/**
 * What a schema nothing passes answers with under best effort: its example, else the value tried
 * last.
 */
export function bestEffortValue(schema: Schema, last: unknown): unknown {
  const example = exampleValues(metaOf(schema))[0]
  return example !== undefined ? example : last
}

/** The first problem zod reports for a value, as `path: message`. */
function firstIssue(schema: Schema, value: unknown): string | undefined {
  const result = safeParse(schema, value)
  if (result.success) return undefined
  const issue = result.error.issues[0]
  if (!issue) return 'rejected'
  const path = issue.path.map(String).join('.')
  return path ? `${path}: ${issue.message}` : issue.message
}

/**
 * For schemas with refine/superRefine/check: generate, let zod judge, try again with a fresh seed,
 * and fail with the schema path when nothing passes (with best effort: the schema's example, else
 * the last try).
 */
export function withRetries(schema: Schema, node: Node, path: string): Node {
  const gen: Gen = (seed, env) => {
    const { overrides, after } = env
    let problem = ''
    let last: unknown
    for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
      env.overrides = overrides
      env.after = after
      const value = node.gen(attempt === 0 ? seed : mix(seed, attempt), env)
      const issue = firstIssue(schema, value)
      if (issue === undefined) return value
      problem = issue
      last = value
    }
    if (env.bestEffort) return bestEffortValue(schema, last)
    throw new StandinError(
      'FAKE_REFINE_EXHAUSTED',
      `No value generated for ${showPath(path)} passed its refinement in ${MAX_TRIES} tries (zod said: ${problem}). ` +
        'Attach a passing value with .openapi({ example }), or make the check easier to meet.',
    )
  }
  return { ...node, gen }
}

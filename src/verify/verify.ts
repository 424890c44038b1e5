import { isContract } from '../contract/define-contract.ts'
import { StandinError } from '../contract/standin-error.ts'
import type { Contract, Operation } from '../contract/types.ts'
import { basePathOf, normalBasePath } from '../operation/base-path.ts'
import { type Credentials, expandHeaders, expandQuery, secretsOfTarget } from './credentials.ts'
import { formatDuration } from './duration.ts'
import { createIdPool } from './id-pool.ts'
import { logIn } from './log-in.ts'
import { isNotRun, notRunReason, TIME_LIMIT_CODE } from './not-run.ts'
import { createRedactor, type Redactor } from './redact.ts'
import { redactProgress, redactReport } from './redact-report.ts'
import { inferResources } from '../operation/resources.ts'
import { orderOperations, type Resource, verifiableResources } from './resources.ts'
import type { RunContext } from './run-case.ts'
import { notRunOperation, runOperation } from './run-operation.ts'
import { notRunSequence, runSequence } from './run-sequence.ts'
import { createTransport } from './transport.ts'
import {
  type CaseResult,
  ISSUE_CODES,
  type IssueCode,
  type OperationResult,
  type ProgressEvent,
  type SequenceResult,
  TRANSPORT_CODES,
  type VerifyOptions,
  type VerifyReport,
  type VerifyTotals,
} from './types.ts'

export const DEFAULT_SEED = 1
export const DEFAULT_EXAMPLES = 3
export const DEFAULT_TIMEOUT_MS = 10_000
export const DEFAULT_MAX_DURATION_MS = 600_000
const MAX_DURATION_LIMIT_MS = 86_400_000

/**
 * Checks a running backend against a contract: every selected operation with the contract's
 * examples, faker-valid inputs, inputs that break the schema and missing or malformed credentials
 * (creates first, then reads and updates), then stateful create → read → update → delete sequences,
 * then the deletes, within the run's time limit (`maxDurationMs`). Never throws for what the target
 * does; a StandinError for options that cannot work (a bad URL, an unknown --include, a missing
 * environment variable).
 *
 * @example
 * const report = await verify(contract, { target: 'http://127.0.0.1:3000', seed: 7 })
 * process.exitCode = exitCodeOf(report)
 */
export async function verify(contract: Contract, options: VerifyOptions): Promise<VerifyReport> {
  const selected = validateOptions(contract, options)
  const credentials = givenCredentials(options)
  const redactor = createRedactor([
    ...credentials.secrets,
    ...(typeof options.target === 'string' ? secretsOfTarget(options.target) : []),
  ])
  const started = performance.now()
  const basePath = apiBasePath(contract, options)
  const run = new AbortController()
  const transport = createTransport(options.target, {
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    basePath,
    signal: run.signal,
  })
  const context = createRunContext(contract, options, { transport, credentials, redactor })
  const progress = progressReporter(options, redactor)
  const limit = startTimeLimit(context, run, options.maxDurationMs ?? DEFAULT_MAX_DURATION_MS)
  try {
    progress({
      type: 'start',
      target: transport.baseUrl,
      operations: selected.length,
      seed: context.seed,
    })
    const login = await logIn(context, options.headers ?? {})
    context.credentials = login.credentials
    // Deletes run last, after the sequences, so that nothing else meets a parent emptied by them.
    const ordered = orderOperations(selected, context.resources)
    const [others, deletes] = [
      ordered.filter((op) => op.method !== 'delete'),
      ordered.filter((op) => op.method === 'delete'),
    ]
    const operations = await runOperations(
      context,
      others,
      { offset: 0, total: ordered.length, before: login.cases },
      progress,
    )
    const sequences = await runSequences(context, selected, progress)
    operations.push(
      ...(await runOperations(
        context,
        deletes,
        { offset: others.length, total: ordered.length, before: [] },
        progress,
      )),
    )
    const report = toReport(
      context,
      contract,
      { operations, sequences, basePath },
      performance.now() - started,
    )
    return redactReport(report, redactor)
  } finally {
    clearTimeout(limit)
    transport.close()
  }
}

/**
 * The process exit code for a report: 0 passed, 1 contract violated, 2 could not run.
 *
 * @example
 * process.exitCode = exitCodeOf(await verify(contract, { target: app.fetch }))
 */
export function exitCodeOf(report: VerifyReport): 0 | 1 | 2 {
  return report.status === 'passed' ? 0 : report.status === 'failed' ? 1 : 2
}

/** The credentials the options give: headers and query parameters, `${VAR}` expanded. */
function givenCredentials(options: VerifyOptions): Credentials {
  const env = options.env ?? globalThis.process?.env ?? {}
  const headers = expandHeaders(options.headers ?? {}, env)
  const query = expandQuery(options.query ?? {}, env)
  return { ...headers, query: query.query, secrets: [...headers.secrets, ...query.secrets] }
}

function createRunContext(
  contract: Contract,
  options: VerifyOptions,
  { transport, credentials, redactor }: Pick<RunContext, 'transport' | 'credentials' | 'redactor'>,
): RunContext {
  const model = inferResources(contract.operations)
  return {
    contract,
    transport,
    credentials,
    pool: createIdPool(),
    resources: verifiableResources(model, contract.operations),
    model,
    seed: options.seed ?? DEFAULT_SEED,
    examples: options.examples ?? DEFAULT_EXAMPLES,
    checkOptions: {
      strict: options.strict ?? false,
      ...(options.maxResponseMs === undefined ? {} : { maxResponseMs: options.maxResponseMs }),
      redact: redactor.value,
    },
    health: { answered: false, failuresInARow: 0, requests: 0 },
    notes: [],
    redactor,
    enabled: checkSelection(options),
    identity: new Map(),
    destructive: options.destructive ?? false,
    standin: {},
  }
}

/**
 * Stops the run when its time is up: no request is sent after that, and the ones in flight are
 * abandoned.
 */
function startTimeLimit(
  context: RunContext,
  run: AbortController,
  maxDurationMs: number,
): ReturnType<typeof setTimeout> {
  return setTimeout(() => {
    context.health.stopped ??= {
      code: TIME_LIMIT_CODE,
      message: `the run reached its time limit (--max-duration ${formatDuration(maxDurationMs)}) and stopped`,
    }
    run.abort()
  }, maxDurationMs)
}

/** Hands progress to `onProgress` as the report will show it: redacted. */
function progressReporter(
  options: VerifyOptions,
  redactor: Redactor,
): (event: ProgressEvent) => void {
  const { onProgress } = options
  return (event) => onProgress?.(redactProgress(event, redactor))
}

async function runOperations(
  context: RunContext,
  operations: Operation[],
  place: { offset: number; total: number; before: CaseResult[] },
  progress: (event: ProgressEvent) => void,
): Promise<OperationResult[]> {
  const results: OperationResult[] = []
  const beforeOf = (operation: Operation) =>
    place.before.filter((found) => found.operationId === operation.operationId)
  for (const [index, operation] of operations.entries()) {
    if (context.health.stopped) break
    const result = await runOperation(context, operation, beforeOf(operation))
    results.push(result)
    progress({ type: 'operation', index: place.offset + index, total: place.total, result })
  }
  const rest = notReached(context, operations.slice(results.length), (operation, reason) =>
    notRunOperation(operation, reason, beforeOf(operation)),
  )
  return [...results, ...rest]
}

async function runSequences(
  context: RunContext,
  selected: Operation[],
  progress: (event: ProgressEvent) => void,
): Promise<SequenceResult[]> {
  const ordered = orderOperations(selected, context.resources)
  const resources = ordered.flatMap((op) =>
    context.resources.filter(
      (resource) => resource.create === op && hasItemOperation(resource, selected),
    ),
  )
  const results: SequenceResult[] = []
  for (const [index, resource] of resources.entries()) {
    if (context.health.stopped) break
    const result = await runSequence(context, resource)
    results.push(result)
    progress({ type: 'sequence', index, total: resources.length, result })
  }
  return [...results, ...notReached(context, resources.slice(results.length), notRunSequence)]
}

/** What a stopped run did not reach, each saying why. */
function notReached<T, R>(
  context: RunContext,
  rest: T[],
  notRun: (item: T, reason: string) => R,
): R[] {
  const { stopped } = context.health
  return stopped ? rest.map((item) => notRun(item, notRunReason(stopped))) : []
}

function hasItemOperation(resource: Resource, selected: Operation[]): boolean {
  return [resource.read, resource.update, resource.remove].some(
    (op) => op !== undefined && selected.includes(op),
  )
}

function toReport(
  context: RunContext,
  contract: Contract,
  {
    operations,
    sequences,
    basePath,
  }: { operations: OperationResult[]; sequences: SequenceResult[]; basePath: string },
  durationMs: number,
): VerifyReport {
  const order = new Map(contract.operations.map((op, index) => [op.operationId, index]))
  const sorted = underOwnOperation(operations).sort(
    (a, b) => (order.get(a.operationId) ?? 0) - (order.get(b.operationId) ?? 0),
  )
  const { stopped, answered } = context.health
  const failed = [...operations, ...sequences].some((result) => !result.ok)
  const error =
    stopped ??
    (answered
      ? undefined
      : { code: 'unreachable', message: `${context.transport.baseUrl} never answered.` })
  return {
    target: context.transport.baseUrl,
    seed: context.seed,
    status: error ? 'error' : failed ? 'failed' : 'passed',
    ...(error ? { error } : {}),
    durationMs: Math.round(durationMs),
    operations: sorted,
    sequences,
    basePath: { used: basePath, documented: basePathOf(contract) },
    notes: [...new Set(context.notes)],
    totals: totalsOf(sorted, sequences, context.health.requests),
  }
}

/**
 * Every case under the operation it sent a request to: a create run to get an id for another
 * operation counts as the create's, first among its cases. Operations the run did not select keep
 * theirs where they were.
 */
function underOwnOperation(operations: OperationResult[]): OperationResult[] {
  const byId = new Map(operations.map((op) => [op.operationId, op]))
  const moved = new Map<string, CaseResult[]>()
  const kept = operations.map((op) => {
    const own = op.cases.filter(
      (found) => found.operationId === op.operationId || !byId.has(found.operationId),
    )
    for (const found of op.cases.filter((candidate) => !own.includes(candidate)))
      moved.set(found.operationId, [...(moved.get(found.operationId) ?? []), found])
    return { ...op, cases: own }
  })
  return kept.map((op) => {
    const cases = [...(moved.get(op.operationId) ?? []), ...op.cases]
    return { ...op, cases, ok: cases.every((found) => found.ok) }
  })
}

function totalsOf(
  operations: OperationResult[],
  sequences: SequenceResult[],
  requests: number,
): VerifyTotals {
  const cases = [
    ...operations.flatMap((op) => op.cases),
    ...sequences.flatMap((sequence) => sequence.steps),
  ]
  const issues = cases.flatMap((found) => found.issues)
  return {
    operations: operations.length,
    failedOperations: operations.filter((op) => !op.ok).length,
    sequences: sequences.length,
    failedSequences: sequences.filter((sequence) => !sequence.ok).length,
    requests,
    errors: issues.filter((found) => found.severity === 'error').length,
    warnings: issues.filter((found) => found.severity === 'warning').length,
    notRun: [...operations, ...sequences].filter(isNotRun).length,
  }
}

/** Validates the options and returns the selected operations, in contract order. */
function validateOptions(contract: Contract, options: VerifyOptions): Operation[] {
  if (!isContract(contract))
    throw new StandinError('USAGE', 'verify() needs a contract made by defineContract(...).')
  if (typeof options.target === 'string') checkTargetUrl(options.target)
  else if (typeof options.target !== 'function')
    throw new StandinError(
      'USAGE',
      'target must be a base URL or a fetch handler such as app.fetch.',
    )
  checkInteger('seed', options.seed, 0, 2 ** 32 - 1)
  checkInteger('examples', options.examples, 0, 1000)
  checkInteger('timeoutMs', options.timeoutMs, 1, 3_600_000)
  checkInteger('maxDurationMs', options.maxDurationMs, 1, MAX_DURATION_LIMIT_MS)
  checkInteger('maxResponseMs', options.maxResponseMs, 1, 3_600_000)
  for (const code of [...(options.checks ?? []), ...(options.excludeChecks ?? [])]) checkCode(code)
  return selectOperations(contract, options.include ?? [], options.exclude ?? [])
}

/**
 * Where requests go on the target: the given base path, the target URL's own path, else the
 * contract's.
 */
function apiBasePath(contract: Contract, options: VerifyOptions): string {
  if (options.basePath !== undefined) return normalBasePath(options.basePath)
  if (
    typeof options.target === 'string' &&
    normalBasePath(new URL(options.target).pathname) !== '/'
  )
    return '/'
  return basePathOf(contract)
}

/**
 * Which checks report: `checks` when given (else all), less `excludeChecks`. Transport failures
 * always do.
 */
function checkSelection(options: VerifyOptions): (code: IssueCode) => boolean {
  const only =
    options.checks && options.checks.length > 0 ? new Set<IssueCode>(options.checks) : undefined
  const excluded = new Set<IssueCode>(options.excludeChecks ?? [])
  return (code) => TRANSPORT_CODES.has(code) || ((only?.has(code) ?? true) && !excluded.has(code))
}

function checkTargetUrl(target: string): void {
  let url: URL | undefined
  try {
    url = new URL(target)
  } catch {
    url = undefined
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new StandinError('USAGE', `--target must be an http:// or https:// URL, got "${target}".`)
  }
}

function checkCode(code: string): void {
  if (!(ISSUE_CODES as readonly string[]).includes(code))
    throw new StandinError(
      'USAGE',
      `"${code}" is no check of verify. Checks: ${ISSUE_CODES.join(', ')}.`,
    )
}

function checkInteger(name: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined) return
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new StandinError(
      'USAGE',
      `${name} must be an integer from ${min} to ${max}, got ${value}.`,
    )
  }
}

function selectOperations(contract: Contract, include: string[], exclude: string[]): Operation[] {
  const matches = (op: Operation, name: string) => op.operationId === name || op.tags.includes(name)
  for (const name of [...include, ...exclude]) {
    if (!contract.operations.some((op) => matches(op, name))) {
      throw new StandinError(
        'USAGE',
        `"${name}" is neither an operationId nor a tag of the contract. Operations: ${contract.operations.map((op) => op.operationId).join(', ')}.`,
      )
    }
  }
  const selected = contract.operations.filter(
    (op) =>
      (include.length === 0 || include.some((name) => matches(op, name))) &&
      !exclude.some((name) => matches(op, name)),
  )
  if (selected.length === 0)
    throw new StandinError('USAGE', 'The --include/--exclude options leave no operation to verify.')
  return selected
}

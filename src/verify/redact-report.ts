import type { Redactor } from './redact.ts'
import type {
  CaseResult,
  OperationResult,
  ProgressEvent,
  SequenceResult,
  VerifyReport,
} from './types.ts'

// What leaves verify, in its progress and its report, passes through here: the text of requests,
// answers, messages, curl commands and notes. Codes, statuses and names of the contract stay as
// they are, so a secret that happens to be a word cannot change a verdict.

/** The report with every secret the run knows replaced by `***`: what every reporter formats. */
export function redactReport(report: VerifyReport, redactor: Redactor): VerifyReport {
  const { text } = redactor
  return {
    ...report,
    target: text(report.target),
    ...(report.error ? { error: { ...report.error, message: text(report.error.message) } } : {}),
    operations: report.operations.map((op) => redactOperation(op, redactor)),
    sequences: report.sequences.map((sequence) => redactSequence(sequence, redactor)),
    notes: report.notes.map(text),
  }
}

/** A progress event as `onProgress` gets it, redacted like the report. */
export function redactProgress(event: ProgressEvent, redactor: Redactor): ProgressEvent {
  if (event.type === 'start') return { ...event, target: redactor.text(event.target) }
  if (event.type === 'operation')
    return { ...event, result: redactOperation(event.result, redactor) }
  return { ...event, result: redactSequence(event.result, redactor) }
}

function redactOperation(op: OperationResult, redactor: Redactor): OperationResult {
  return {
    ...op,
    cases: op.cases.map((found) => redactCase(found, redactor)),
    ...(op.skipped === undefined ? {} : { skipped: redactor.text(op.skipped) }),
  }
}

function redactSequence(sequence: SequenceResult, redactor: Redactor): SequenceResult {
  return {
    ...sequence,
    steps: sequence.steps.map((found) => redactCase(found, redactor)),
    ...(sequence.skipped === undefined ? {} : { skipped: redactor.text(sequence.skipped) }),
  }
}

function redactCase(found: CaseResult, redactor: Redactor): CaseResult {
  const { text } = redactor
  const { request, response } = found
  return {
    ...found,
    name: text(found.name),
    request: {
      ...request,
      url: text(request.url),
      headers: textOfValues(request.headers, text),
      ...(request.body === undefined ? {} : { body: text(request.body) }),
    },
    ...(response
      ? {
          response: {
            ...response,
            headers: textOfValues(response.headers, text),
            body: text(response.body),
          },
        }
      : {}),
    issues: found.issues.map((issue) => ({ ...issue, message: text(issue.message) })),
    curl: text(found.curl),
  }
}

function textOfValues(
  values: Record<string, string>,
  text: (text: string) => string,
): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, text(value)]))
}

import type { Redact } from './redact.ts'

// How much of what a target sent a report shows. Each is redacted whole before it is cut, so that a
// secret across the cut cannot survive in part.

/** A value quoted in a message: `(got "9.99")`. */
const PREVIEW_CHARS = 60
/** A body quoted in a message: `The server failed with 500: …`. */
const EXCERPT_CHARS = 120
/** A body kept in a report. */
const BODY_CHARS = 4096

/** Leaves a value as it is: for checks run outside verify, which has no secrets to hide. */
export const showAsIs: Redact = (value) => value

/**
 * A value as JSON on one line, cut at 60 characters.
 *
 * @example
 * preview({ price: '9.99' }, showAsIs) // '{"price":"9.99"}'
 */
export function preview(value: unknown, redact: Redact): string {
  return cut(value === undefined ? 'undefined' : JSON.stringify(redact(value)), PREVIEW_CHARS)
}

/**
 * `: ` and a body on one line, cut at 120 characters, to end a message with; nothing for an empty
 * body.
 */
export function excerpt(text: string, redact: Redact): string {
  const line = redact(text).replace(/\s+/g, ' ').trim()
  return line === '' ? '' : `: ${cut(line, EXCERPT_CHARS)}`
}

/** A body as a report keeps it: cut at 4 KiB. */
export function shownBody(text: string, redact: Redact): string {
  const shown = redact(text)
  return shown.length > BODY_CHARS ? `${shown.slice(0, BODY_CHARS)}…` : shown
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

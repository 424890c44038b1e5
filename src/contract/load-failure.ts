import { isAbsolute, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { USE_STANDIN_Z } from './foreign-schemas.ts'

/** A place in a user's file: 1-based line and column, as editors count them. */
export interface SourceLocation {
  file: string
  line: number
  column: number
}

/** Where a failed import points, and what to say about it. */
export interface LoadFailure {
  location: SourceLocation | undefined
  message: string
}

// standin's own code in a checkout; an installed standin lies under node_modules.
const STANDIN_CODE = ['../', '../../bin/'].map((dir) =>
  fileURLToPath(new URL(dir, import.meta.url)),
)
const ESBUILD_LINE = /^(.+):(\d+):(\d+): ERROR: (.+)$/m
const STACK_FRAME =
  /^\s*at (?:.*? \()?(?:file:\/\/)?(\/[^():]+|[A-Za-z]:\\[^():]+):(\d+):(\d+)\)?$/gm

/**
 * What went wrong while importing a user's file: a compile error where the compiler put it
 * (esbuild's error objects, or their text once tsx passed them between threads), or a thrown error
 * at the first frame in the user's own code.
 *
 * @example
 * describeLoadFailure(error) // { location: { file: '/abs/contracts/index.ts', line: 12, column: 7 }, message: 'Expected ")" but found "{"' }
 */
export function describeLoadFailure(error: unknown): LoadFailure {
  return fromEsbuildErrors(error) ?? fromEsbuildText(error) ?? fromStack(error)
}

/**
 * The file a user named: its absolute `path`, how they wrote it (`shown`), and the directory it is
 * relative to.
 */
export interface NamedFile {
  path: string
  shown: string
  cwd: string
}

/**
 * One line for a file that failed to load: `file:line:column: message` with the file as the user
 * named it (another file it imports relative to `cwd`), or, where nothing points into their code,
 * what failed.
 *
 * @example
 * loadFailureMessage(error, { path: '/abs/contracts/index.ts', shown: 'contracts/index.ts', cwd: '/abs' })
 * // 'contracts/index.ts:12:7: Expected ")" but found "{"'
 */
export function loadFailureMessage(error: unknown, named: NamedFile): string {
  const { location, message } = describeLoadFailure(error)
  if (!location)
    return `Could not load ${named.shown}: ${message.replace(/\.$/, '')}. Fix the file and try again.`
  const file = resolve(named.cwd, location.file)
  const shown = file === named.path ? named.shown : displayPath(file, named.cwd)
  return `${shown}:${location.line}:${location.column}: ${message}`
}

/** A path as a user reads it: relative to `cwd` when it lies inside, else absolute. */
export function displayPath(path: string, cwd: string): string {
  const inside = relative(cwd, path)
  return inside === '' || inside.startsWith('..') || isAbsolute(inside) ? path : inside
}

interface EsbuildMessage {
  text: string
  location: { file: string; line: number; column: number } | null
}

function fromEsbuildErrors(error: unknown): LoadFailure | undefined {
  const first = (error as { errors?: EsbuildMessage[] } | null)?.errors?.[0]
  if (typeof first?.text !== 'string') return undefined
  const location = first.location
  if (!location) return { location: undefined, message: first.text }
  // esbuild counts columns from 0.
  return {
    location: { file: location.file, line: location.line, column: location.column + 1 },
    message: first.text,
  }
}

function fromEsbuildText(error: unknown): LoadFailure | undefined {
  const message = messageOf(error)
  if (!message.startsWith('Transform failed')) return undefined
  const match = ESBUILD_LINE.exec(message)
  if (!match) return undefined
  const [, file, line, column, text] = match as unknown as [string, string, string, string, string]
  return { location: { file, line: Number(line), column: Number(column) + 1 }, message: text }
}

function fromStack(error: unknown): LoadFailure {
  const message = withHint(error, firstLine(messageOf(error)))
  const stack = error instanceof Error ? (error.stack ?? '') : ''
  for (const [, file, line, column] of stack.matchAll(STACK_FRAME)) {
    if (file && isUserFile(file))
      return { location: { file, line: Number(line), column: Number(column) }, message }
  }
  return { location: undefined, message }
}

function withHint(error: unknown, message: string): string {
  if (error instanceof TypeError && /\.openapi is not a function$/.test(message)) {
    return `${message}: this schema was made with another copy of zod; ${USE_STANDIN_Z}.`
  }
  return message
}

function isUserFile(file: string): boolean {
  return (
    isAbsolute(file) &&
    !file.includes('/node_modules/') &&
    !STANDIN_CODE.some((dir) => file.startsWith(dir))
  )
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function firstLine(message: string): string {
  return (
    message
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? 'unknown error'
  )
}

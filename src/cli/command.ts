import { parseArgs, type ParseArgsConfig } from 'node:util'
import { StandinError } from '../contract/standin-error.ts'
import { parseDuration } from '../verify/duration.ts'

export type OptionSpec = NonNullable<ParseArgsConfig['options']>
export type ParsedValues = Record<string, string | boolean | string[] | boolean[] | undefined>

/** Where a command writes; the real process by default, a buffer in tests. */
export interface CliIO {
  out: (text: string) => void
  err: (text: string) => void
}

export interface Command {
  name: string
  summary: string
  usage: string
  options: OptionSpec
  allowPositionals?: boolean
  run: (values: ParsedValues, positionals: string[], io: CliIO) => Promise<number>
}

export function defineCommand(command: Command): Command {
  return command
}

/** Parses argv for a command; every mistake becomes one usage line. */
export function parseCommandArgs(
  command: Command,
  argv: string[],
): { values: ParsedValues; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: command.options,
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    })
    return { values: values as ParsedValues, positionals }
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''
    throw new StandinError(
      'USAGE',
      `${reason.replace(/\.?$/, '.')} Run \`standin ${command.name} --help\` for usage.`,
    )
  }
}

export function stringOption(values: ParsedValues, name: string): string | undefined {
  const value = values[name]
  return typeof value === 'string' ? value : undefined
}

export function integerOption(
  values: ParsedValues,
  name: string,
  range: { min: number; max: number },
): number | undefined {
  const raw = stringOption(values, name)
  if (raw === undefined) return undefined
  const value = Number(raw)
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw new StandinError(
      'USAGE',
      `--${name} must be an integer from ${range.min} to ${range.max}, got "${raw}".`,
    )
  }
  return value
}

/**
 * A duration with units (`90s`, `5m`, `1h`, `1h30m`, `500ms`) in milliseconds; its range is the
 * library's to check.
 */
export function durationOption(values: ParsedValues, name: string): number | undefined {
  const raw = stringOption(values, name)
  if (raw === undefined) return undefined
  const ms = parseDuration(raw)
  if (ms === undefined)
    throw new StandinError(
      'USAGE',
      `--${name} needs a unit: 90s, 5m, 1h, 1h30m or 500ms, got "${raw}".`,
    )
  return ms
}

export function choiceOption<T extends string>(
  values: ParsedValues,
  name: string,
  choices: readonly T[],
): T | undefined {
  const raw = stringOption(values, name)
  if (raw === undefined) return undefined
  if (!choices.includes(raw as T)) {
    throw new StandinError('USAGE', `--${name} must be one of ${choices.join(', ')}, got "${raw}".`)
  }
  return raw as T
}

/**
 * Whether the arguments ask for a command's help: `--help`, or `-h` where the command gives `-h` no
 * meaning of its own (after `serve` it is `--host`, as after Prism's `mock`).
 *
 * @example
 * asksForHelp(serveCommand, ['-h', '0.0.0.0']) // false
 */
export function asksForHelp(command: Command, args: readonly string[]): boolean {
  return args.includes('--help') || (!takesShortFlag(command, 'h') && args.includes('-h'))
}

function takesShortFlag(command: Command, short: string): boolean {
  return Object.values(command.options).some((option) => option.short === short)
}

export function formatCommandHelp(command: Command): string {
  return `${command.summary}\n\nUsage: ${command.usage}\n`
}

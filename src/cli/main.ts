import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { isStandinError } from '../contract/standin-error.ts'
import {
  asksForHelp,
  type CliIO,
  type Command,
  formatCommandHelp,
  parseCommandArgs,
} from './command.ts'

/**
 * Each command's module, loaded when it runs or shows help: `serve` starts without the others'
 * code.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  openapi: async () => (await import('./openapi.ts')).openapiCommand,
  serve: async () => (await import('./serve.ts')).serveCommand,
  proxy: async () => (await import('./proxy.ts')).proxyCommand,
  verify: async () => (await import('./verify.ts')).verifyCommand,
  import: async () => (await import('./import.ts')).importCommand,
  init: async () => (await import('./init.ts')).initCommand,
  examples: async () => (await import('./examples.ts')).examplesCommand,
  diff: async () => (await import('./diff.ts')).diffCommand,
  preview: async () => (await import('./preview.ts')).previewCommand,
}

const processIO: CliIO = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
}

/** Runs the `standin` command line and returns the exit code. */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const debug = argv.includes('--debug')
  const args = argv.filter((arg) => arg !== '--debug')
  try {
    return await dispatch(args, io)
  } catch (error) {
    return reportFailure(error, debug, io)
  }
}

async function dispatch(args: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = args
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(await formatHelp())
    return name === undefined ? 2 : 0
  }
  if (name === '--version' || name === '-v') {
    io.out(`${readVersion()}\n`)
    return 0
  }
  const command = Object.hasOwn(COMMANDS, name) ? await COMMANDS[name]?.() : undefined
  if (!command) {
    io.err(`standin: unknown command "${name}". Run \`standin --help\` for the list of commands.\n`)
    return 2
  }
  if (asksForHelp(command, rest)) {
    io.out(formatCommandHelp(command))
    return 0
  }
  const { values, positionals } = parseCommandArgs(command, rest)
  return command.run(values, positionals, io)
}

function reportFailure(error: unknown, debug: boolean, io: CliIO): number {
  if (debug) io.err(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  if (isStandinError(error)) {
    if (!debug) io.err(`standin: ${error.message}\n`)
    return 2
  }
  if (!debug) {
    const message = error instanceof Error ? error.message : String(error)
    io.err(
      `standin: unexpected error: ${message.split('\n')[0]} (run again with --debug for the stack trace)\n`,
    )
  }
  return 2
}

async function formatHelp(): Promise<string> {
  const commands = await Promise.all(Object.values(COMMANDS).map((load) => load()))
  const width = Math.max(...commands.map((command) => command.name.length)) + 2
  const lines = commands.map((command) => `  ${command.name.padEnd(width)}${command.summary}`)
  return `standin ${readVersion()}: one zod contract, a realistic mock, contract tests and OpenAPI.

Usage: standin <command> [options]

Commands:
${lines.join('\n')}

Options:
  -h, --help       show help (also after a command: standin serve --help; after serve, -h is --host)
  -v, --version    print the version
  --debug          print stack traces of errors

Run \`standin <command> --help\` for the options of a command.
`
}

/**
 * The package's own package.json, by name, so the sources and the built dist/ read the same file.
 */
function readVersion(): string {
  const file = createRequire(import.meta.url).resolve('standin/package.json')
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version
}

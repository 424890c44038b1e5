import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import type { ServerSpec } from './server-process.ts'

const run = promisify(execFile)

/** The repository the benchmark runs from. */
export const repoRoot = fileURLToPath(new URL('..', import.meta.url))

/** The bare node:http baseline, answering from a JSON file of fixed answers. */
export function bareSpec(answersFile: string): ServerSpec {
  return {
    label: 'bare node:http',
    command: process.execPath,
    args: (port) => [join(repoRoot, 'bench', 'bare-server.js'), answersFile, String(port)],
    cwd: repoRoot,
  }
}

/**
 * `standin serve` on the example contract, as a user starts it.
 *
 * @example
 * standinSpec({ seed: 1, nodeFlags: ['--cpu-prof'] })
 */
export function standinSpec(options: {
  seed: number
  label?: string
  serveFlags?: string[]
  nodeFlags?: string[]
}): ServerSpec {
  const serve = [
    'serve',
    '--host',
    '127.0.0.1',
    '--quiet',
    '--seed',
    String(options.seed),
    ...(options.serveFlags ?? []),
  ]
  return {
    label: options.label ?? 'standin',
    command: process.execPath,
    args: (port) => [
      ...(options.nodeFlags ?? []),
      join(repoRoot, 'bin', 'standin.js'),
      ...serve,
      '--port',
      String(port),
    ],
    cwd: repoRoot,
  }
}

/** Whether `standin serve` exists yet: its source file is there and `serve --help` answers. */
export async function probeStandinServe(): Promise<
  { ok: true; help: string } | { ok: false; reason: string }
> {
  if (!existsSync(join(repoRoot, 'src', 'cli', 'serve.ts')))
    return { ok: false, reason: 'src/cli/serve.ts does not exist yet' }
  try {
    const { stdout } = await run(
      process.execPath,
      [join(repoRoot, 'bin', 'standin.js'), 'serve', '--help'],
      { cwd: repoRoot, timeout: 60_000 },
    )
    return { ok: true, help: stdout }
  } catch (error) {
    return { ok: false, reason: `\`standin serve --help\` failed: ${firstLine(error)}` }
  }
}

/** The `serve` flag that turns a response cache off, if its help lists one. */
export function findUncachedFlag(help: string): string | undefined {
  return /--no-cache\b/.exec(help)?.[0]
}

/** Writes the OpenAPI document standin emits for the example contract, through the CLI. */
export async function writeOpenAPI(file: string): Promise<void> {
  await run(process.execPath, [join(repoRoot, 'bin', 'standin.js'), 'openapi', '--out', file], {
    cwd: repoRoot,
    timeout: 60_000,
  })
}

function firstLine(error: unknown): string {
  const stderr = (error as { stderr?: string }).stderr?.trim()
  return (stderr || (error instanceof Error ? error.message : String(error))).split('\n')[0] ?? ''
}

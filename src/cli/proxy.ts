import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { StandinError } from '../contract/standin-error.ts'
import { DEFAULT_PORT } from '../mock/options.ts'
import type { MockServer, ServeOptions } from '../node.ts'
import { type CliIO, defineCommand, type ParsedValues, stringOption } from './command.ts'
import { serveOptionSpecs, serveOptionsOf, serveUntilSignalled } from './serve.ts'

export const proxyCommand = defineCommand({
  name: 'proxy',
  summary: 'Stand between a frontend and its backend: check live traffic, mock what is not built.',
  usage: `standin proxy --target URL [options]

Forwards every request to the backend and answers with its answer as it came; checks each request
(the frontend's side) and each answer (the backend's) against the contract, logs each violation,
counts them on the answer (Standin-Violations) and lists them at GET /__standin/violations. What the
backend does not build yet the mock answers: operations named with --mock, a 501 or a 404 that is not
the operation's documented one, and everything while the backend is unreachable.

Options:
  -t, --target URL          where the backend is, e.g. http://127.0.0.1:3000 (required); a path
                            prefixes every request
  --mock ID|TAG             answer this operation (or every operation of this tag) from the mock
                            (repeatable)
  --mock-all-except ID|TAG  answer every operation but these from the mock (repeatable)
  --fail-on-violation       answer 502 problem+json instead of an answer that breaks the contract
  --junit FILE              at exit, write the violations as JUnit XML (a test case per operation)
  --json FILE               at exit, write the violations grouped by cause as JSON
  --record FILE.har         keep every exchange in a HAR 1.2 file, secrets redacted (written a second
                            after the last exchange and at exit); \`standin serve --replay FILE.har\`
                            answers them again
  -c, --contract FILE       contract file (default: contracts/index.ts)
  --spec FILE|URL           an OpenAPI 3.x or Swagger 2.0 document instead of a contract
  -p, --port N              port to listen on (default: ${DEFAULT_PORT}; 0 picks a free one)
  -h, --host HOST           address to listen on (default: 127.0.0.1)
  --quiet                   no log line per request (violations and mocked answers are still logged)
  The mock for what the backend does not answer takes the options of \`standin serve\`: --mocks,
  --no-mocks, --base-path, --seed, --static, --scenario, --cors-origin, --no-cors, --max-body-bytes,
  --max-delay, --watch, --no-cache, --stateful, --state-file, --max-sessions, --max-objects,
  --max-state-bytes.

Exit codes: 0 no violation of the contract was seen, 1 some were, 2 could not run.`,
  options: {
    ...serveOptionSpecs(),
    target: { type: 'string', short: 't' },
    mock: { type: 'string', multiple: true },
    'mock-all-except': { type: 'string', multiple: true },
    'fail-on-violation': { type: 'boolean' },
    junit: { type: 'string' },
    json: { type: 'string' },
    record: { type: 'string' },
  },
  async run(values, _positionals, io) {
    const { serveProxy } = await import('../node.ts')
    const options = proxyOptionsOf(values, io)
    return serveUntilSignalled(
      () => serveProxy(options),
      io,
      (server) => writeReports(server, values, io),
    )
  },
})

function proxyOptionsOf(
  values: ParsedValues,
  io: CliIO,
): ServeOptions & { proxy: NonNullable<ServeOptions['proxy']> } {
  const target = stringOption(values, 'target')
  if (!target)
    throw new StandinError(
      'USAGE',
      '--target URL is required, e.g. standin proxy --target http://127.0.0.1:3000.',
    )
  const mockAllExcept = listOption(values, 'mock-all-except')
  return {
    ...serveOptionsOf(values, io),
    proxy: {
      target,
      mockOperations: listOption(values, 'mock') ?? [],
      ...(mockAllExcept ? { mockAllExcept } : {}),
      failOnViolation: values['fail-on-violation'] === true,
      ...(stringOption(values, 'record') ? { record: stringOption(values, 'record') } : {}),
    },
  }
}

function listOption(values: ParsedValues, name: string): string[] | undefined {
  const raw = values[name]
  if (!Array.isArray(raw) || raw.length === 0) return undefined
  return raw
    .flatMap((entry) => String(entry).split(','))
    .map((entry) => entry.trim())
    .filter(Boolean)
}

/** Writes `--junit` and `--json`; the exit code says whether any violation was seen. */
async function writeReports(server: MockServer, values: ParsedValues, io: CliIO): Promise<number> {
  const report = server.violations()
  if (!report) return 0
  const { toProxyJUnit } = await import('../proxy/reports.ts')
  const junit = stringOption(values, 'junit')
  const json = stringOption(values, 'json')
  if (junit) await writeReport(junit, toProxyJUnit(report))
  if (json) await writeReport(json, `${JSON.stringify(report, null, 2)}\n`)
  const { errors, causes, exchanges } = report.totals
  io.out(
    `${exchanges} exchange${exchanges === 1 ? '' : 's'} seen; ${errors} violation${errors === 1 ? '' : 's'} of the contract in ${causes} cause${causes === 1 ? '' : 's'}.\n`,
  )
  return errors > 0 ? 1 : 0
}

async function writeReport(file: string, text: string): Promise<void> {
  try {
    await mkdir(dirname(file), { recursive: true })
    await writeFile(file, text)
  } catch (error) {
    throw new StandinError(
      'USAGE',
      `Cannot write the report ${file}: ${error instanceof Error ? error.message : String(error)}.`,
    )
  }
}

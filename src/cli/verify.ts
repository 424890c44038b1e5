import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { StandinError } from '../contract/standin-error.ts'
import {
  type CliIO,
  defineCommand,
  durationOption,
  integerOption,
  type ParsedValues,
  stringOption,
} from './command.ts'
import type { IssueCode } from '../verify/types.ts'
import { contractSourceOptions, loadContractSource } from './contract-source.ts'

export const verifyCommand = defineCommand({
  name: 'verify',
  summary: 'Check a running backend against a contract (contract tests for CI).',
  usage: `standin verify --target URL [options]

Options:
  -t, --target URL        base URL of the backend, e.g. http://127.0.0.1:3000 (required); a URL with a
                          path (http://127.0.0.1:3000/api) is the API's base URL as it is
  --base-path PATH        where the API lives on the target (default: the path of the contract's first
                          server URL, when --target has no path of its own; / for the root)
  -c, --contract FILE     contract file (default: contracts/index.ts)
  --spec FILE|URL         an OpenAPI 3.x or Swagger 2.0 document instead of a contract
  --header 'Name: value'  send with every request (repeatable); \${VAR} in the value is read from the
                          environment and never printed: --header 'Authorization: Bearer \${TOKEN}'
  --query 'name=value'    send with every request (repeatable), e.g. an API key: --query 'api_key=\${KEY}'
  --checks CODE           only these checks (repeatable or comma-separated, e.g. schema_mismatch,server_error)
  --exclude-checks CODE   not these checks (repeatable or comma-separated), e.g. accepted_forged_credentials
                          against a mock, which takes any well-formed token
  --include ID|TAG        only these operations (repeatable)
  --exclude ID|TAG        not these operations (repeatable)
  --examples N            faker-generated valid requests per operation (default: 3)
  --seed N                seed of all generated requests (default: 1)
  --strict                fields the contract does not declare are errors, not warnings
  --destructive           also change the email, username and password of the account the run acts
                          as, and delete it (left out by default, so the credentials keep working)
  --max-response-ms N     report responses slower than N ms (slow_response)
  --timeout-ms N          give up on a request after N ms (default: 10000)
  --max-duration TIME     stop the whole run after TIME (90s, 5m, 1h, 1h30m, 500ms; a unit is
                          required; default: 10m): what was not run is reported as such, exit 2
  --junit FILE            write a JUnit XML report for CI
  --json FILE             write the full report as JSON
  --html FILE             write a self-contained HTML page of the report (causes, coverage, every
                          request with its curl) for CI to publish

Exit codes: 0 the backend keeps the contract, 1 it breaks it, 2 could not run.`,
  options: {
    target: { type: 'string', short: 't' },
    'base-path': { type: 'string' },
    ...contractSourceOptions,
    header: { type: 'string', multiple: true },
    query: { type: 'string', multiple: true },
    checks: { type: 'string', multiple: true },
    'exclude-checks': { type: 'string', multiple: true },
    include: { type: 'string', multiple: true },
    exclude: { type: 'string', multiple: true },
    examples: { type: 'string' },
    seed: { type: 'string' },
    strict: { type: 'boolean' },
    destructive: { type: 'boolean' },
    'max-response-ms': { type: 'string' },
    'timeout-ms': { type: 'string' },
    'max-duration': { type: 'string' },
    junit: { type: 'string' },
    json: { type: 'string' },
    html: { type: 'string' },
  },
  async run(values, _positionals, io) {
    // Loaded here so that other commands start without faker and the verifier.
    const verifier = await import('../verify/index.ts')
    const target = stringOption(values, 'target')
    if (!target)
      throw new StandinError(
        'USAGE',
        '--target URL is required, e.g. standin verify --target http://127.0.0.1:3000.',
      )
    const contract = await loadContractSource(values, io)
    const color = colorFor(process.stdout)
    const basePath = stringOption(values, 'base-path')
    const report = await verifier.verify(contract, {
      target,
      ...(basePath === undefined ? {} : { basePath }),
      ...numericOptions(values),
      headers: verifier.parseHeaderLines(listOption(values, 'header')),
      query: verifier.parseQueryLines(listOption(values, 'query')),
      checks: codesOption(values, 'checks'),
      excludeChecks: codesOption(values, 'exclude-checks'),
      include: listOption(values, 'include'),
      exclude: listOption(values, 'exclude'),
      strict: values.strict === true,
      destructive: values.destructive === true,
      onProgress: verifier.createProgressPrinter({
        write: io.err,
        tty: process.stderr.isTTY === true,
        color: colorFor(process.stderr),
      }),
    })
    io.out(`\n${verifier.formatConsoleReport(report, { color })}`)
    await writeReport(
      stringOption(values, 'junit'),
      verifier.toJUnitXml(report),
      'JUnit report',
      io,
    )
    await writeReport(
      stringOption(values, 'json'),
      verifier.toJsonReport(report),
      'JSON report',
      io,
    )
    await writeReport(
      stringOption(values, 'html'),
      verifier.toHtmlReport(report),
      'HTML report',
      io,
    )
    return verifier.exitCodeOf(report)
  },
})

function numericOptions(values: ParsedValues) {
  const maxResponseMs = integerOption(values, 'max-response-ms', { min: 1, max: 3_600_000 })
  const timeoutMs = integerOption(values, 'timeout-ms', { min: 1, max: 3_600_000 })
  const examples = integerOption(values, 'examples', { min: 0, max: 1000 })
  const seed = integerOption(values, 'seed', { min: 0, max: 2 ** 32 - 1 })
  const maxDurationMs = durationOption(values, 'max-duration')
  return {
    ...(maxDurationMs === undefined ? {} : { maxDurationMs }),
    ...(maxResponseMs === undefined ? {} : { maxResponseMs }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(examples === undefined ? {} : { examples }),
    ...(seed === undefined ? {} : { seed }),
  }
}

/** Check codes, repeated or comma-separated; verify refuses a code it does not know. */
function codesOption(values: ParsedValues, name: string): IssueCode[] {
  return listOption(values, name)
    .flatMap((value) => value.split(','))
    .map((code) => code.trim())
    .filter((code) => code !== '') as IssueCode[]
}

function listOption(values: ParsedValues, name: string): string[] {
  const value = values[name]
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : []
}

async function writeReport(
  file: string | undefined,
  text: string,
  what: string,
  io: CliIO,
): Promise<void> {
  if (!file) return
  await mkdir(dirname(file), { recursive: true })
  await writeFile(file, text)
  io.err(`Wrote ${what} to ${file}\n`)
}

function colorFor(stream: NodeJS.WriteStream): boolean {
  return stream.isTTY === true && process.env.NO_COLOR === undefined
}

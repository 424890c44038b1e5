import { writeFile } from 'node:fs/promises'
import { StandinError } from '../contract/standin-error.ts'
import { diffContracts } from '../diff/diff-contracts.ts'
import {
  type FailOn,
  failing,
  formatConsole,
  formatJson,
  formatJUnit,
  formatMarkdown,
} from '../diff/report.ts'
import { loadContractSide } from '../node/contract-side.ts'
import { choiceOption, defineCommand, stringOption } from './command.ts'
import { reportWarnings } from './contract-source.ts'

export const diffCommand = defineCommand({
  name: 'diff',
  summary: 'Tell which changes between two versions of a contract break its clients.',
  usage: `standin diff BASE HEAD [options]

Each side is a contract file (contracts/index.ts), an OpenAPI or Swagger document (a file or an http(s)
URL), or git:REF:PATH (the file at a git revision, with what it imports at that revision, e.g.
git:origin/main:contracts/index.ts). Both are compared as the OpenAPI standin prints for them; every
change is breaking (for clients, or for the existing server), potentially breaking, or compatible.

Options:
  --format console|markdown|json   how to print the changes (default: console; markdown for a PR comment)
  --junit FILE                     also write JUnit XML: a test case per operation
  --fail-on breaking|potentially-breaking
                                   exit 1 when a change at least this serious is found (default: breaking)

Exit codes: 0 nothing fails, 1 a change fails (see --fail-on), 2 could not compare.`,
  allowPositionals: true,
  options: {
    format: { type: 'string' },
    junit: { type: 'string' },
    'fail-on': { type: 'string' },
  },
  async run(values, positionals, io) {
    const [base, head, ...extra] = positionals
    if (base === undefined || head === undefined || extra.length > 0)
      throw new StandinError(
        'USAGE',
        'Pass two sides: standin diff BASE HEAD (e.g. standin diff git:main:contracts/index.ts contracts/index.ts).',
      )
    const format =
      choiceOption(values, 'format', ['console', 'markdown', 'json'] as const) ?? 'console'
    const failOn: FailOn =
      choiceOption(values, 'fail-on', ['breaking', 'potentially-breaking'] as const) ?? 'breaking'
    const [before, after] = [await loadContractSide(base), await loadContractSide(head)]
    reportWarnings(base, before.warnings, io)
    reportWarnings(head, after.warnings, io)
    const result = diffContracts(before.contract, after.contract)
    const sides = { base, head }
    io.out(
      format === 'markdown'
        ? formatMarkdown(result, sides)
        : format === 'json'
          ? formatJson(result, sides)
          : formatConsole(result, sides),
    )
    const junit = stringOption(values, 'junit')
    if (junit) await writeFile(junit, formatJUnit(result, failOn))
    return failing(result, failOn).length > 0 ? 1 : 0
  },
})

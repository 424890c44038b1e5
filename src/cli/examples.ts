import { writeFile } from 'node:fs/promises'
import { stringify } from 'yaml'
import { StandinError } from '../contract/standin-error.ts'
import { readHarFile } from '../node/har-file.ts'
import { type RecordedExamples, recordedExamples } from '../proxy/examples-overlay.ts'
import { type CliIO, defineCommand, stringOption } from './command.ts'
import {
  CONTRACT_SOURCE_USAGE,
  contractSourceOptions,
  loadContractSource,
} from './contract-source.ts'

export const examplesCommand = defineCommand({
  name: 'examples',
  summary: 'Turn recorded answers into named examples of the contract (an OpenAPI Overlay).',
  usage: `standin examples --from FILE.har [options]

Each recorded answer that keeps the contract becomes a named example (recorded-<status>-<n>) of its
operation's response, written as an OpenAPI Overlay 1.0 document; answers that break the contract are
listed as skipped, with the reason.

Options:
  --from FILE.har        the recording (a HAR file, from standin or a browser)
${CONTRACT_SOURCE_USAGE}
  -o, --out FILE         write the overlay to FILE (YAML for .yaml/.yml, else JSON) instead of standard output`,
  options: {
    ...contractSourceOptions,
    from: { type: 'string' },
    out: { type: 'string', short: 'o' },
  },
  async run(values, _positionals, io) {
    const from = stringOption(values, 'from')
    if (from === undefined)
      throw new StandinError('USAGE', 'Pass --from FILE.har: the recording to take examples from.')
    const out = stringOption(values, 'out')
    const exchanges = await readHarFile(from)
    const contract = await loadContractSource(values, io)
    const result = recordedExamples(contract, exchanges)
    const text = /\.ya?ml$/i.test(out ?? '')
      ? stringify(result.overlay, { aliasDuplicateObjects: false })
      : `${JSON.stringify(result.overlay, null, 2)}\n`
    if (out) await writeFile(out, text)
    else io.out(text)
    reportOutcome(result, out, io)
    return 0
  },
})

/** What was added and where, and each skipped answer with its reason, on standard error. */
function reportOutcome(result: RecordedExamples, out: string | undefined, io: CliIO): void {
  for (const { exchange, reason } of result.skipped)
    io.err(`Skipped ${exchange}: ${reason.replace(/\.$/, '')}.\n`)
  const count = result.added.length
  const where = out ? ` to ${out}` : ''
  io.err(
    `Wrote ${count} recorded example${count === 1 ? '' : 's'}${where}; ${result.skipped.length} skipped.\n`,
  )
}

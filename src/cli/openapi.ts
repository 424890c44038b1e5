import { writeFile } from 'node:fs/promises'
import { stringify } from 'yaml'
import { toOpenAPI } from '../openapi/to-openapi.ts'
import { choiceOption, defineCommand, stringOption } from './command.ts'
import { CONTRACT_SOURCE_USAGE, contractSourceOptions, loadContractSource } from './contract-source.ts'

export const openapiCommand = defineCommand({
  name: 'openapi',
  summary: 'Print the OpenAPI document of a contract.',
  usage: `standin openapi [options]

Options:
${CONTRACT_SOURCE_USAGE}
  --format json|yaml     output format (default: json, or from the --out extension)
  --openapi 3.1|3.0      OpenAPI version (default: 3.1)
  -o, --out FILE         write to FILE instead of standard output`,
  options: {
    ...contractSourceOptions,
    format: { type: 'string' },
    openapi: { type: 'string' },
    out: { type: 'string', short: 'o' },
  },
  async run(values, _positionals, io) {
    const out = stringOption(values, 'out')
    const format = choiceOption(values, 'format', ['json', 'yaml'] as const) ?? formatFromFile(out)
    const version = choiceOption(values, 'openapi', ['3.1', '3.0'] as const) ?? '3.1'
    const contract = await loadContractSource(values, io)
    const document = toOpenAPI(contract, { version })
    const text = format === 'yaml' ? stringify(document, { aliasDuplicateObjects: false }) : `${JSON.stringify(document, null, 2)}\n`
    if (out) {
      await writeFile(out, text)
      io.err(`Wrote OpenAPI ${version} (${contract.operations.length} operations) to ${out}\n`)
    } else {
      io.out(text)
    }
    return 0
  },
})

function formatFromFile(file: string | undefined): 'json' | 'yaml' {
  return file && /\.ya?ml$/i.test(file) ? 'yaml' : 'json'
}

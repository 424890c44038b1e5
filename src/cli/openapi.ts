import { writeFile } from 'node:fs/promises'
import { stringify } from 'yaml'
import { toOpenAPI } from '../openapi/to-openapi.ts'
import { StandinError } from '../contract/standin-error.ts'
import type { ServerObject } from '../contract/types.ts'
import { choiceOption, defineCommand, type ParsedValues, stringOption } from './command.ts'
import {
  CONTRACT_SOURCE_USAGE,
  contractSourceOptions,
  loadContractSource,
} from './contract-source.ts'

export const openapiCommand = defineCommand({
  name: 'openapi',
  summary: 'Print the OpenAPI document of a contract.',
  usage: `standin openapi [options]

Options:
${CONTRACT_SOURCE_USAGE}
  --format json|yaml     output format (default: json, or from the --out extension)
  --openapi 3.1|3.0      OpenAPI version (default: 3.1)
  -o, --out FILE         write to FILE instead of standard output
  --server URL           publish URL as the API's server instead of the contract's servers (repeatable), e.g.
                         where the mock is deployed: --server https://shop-mock.example.workers.dev`,
  options: {
    ...contractSourceOptions,
    format: { type: 'string' },
    openapi: { type: 'string' },
    out: { type: 'string', short: 'o' },
    server: { type: 'string', multiple: true },
  },
  async run(values, _positionals, io) {
    const out = stringOption(values, 'out')
    const format = choiceOption(values, 'format', ['json', 'yaml'] as const) ?? formatFromFile(out)
    const version = choiceOption(values, 'openapi', ['3.1', '3.0'] as const) ?? '3.1'
    const servers = serversOption(values)
    const contract = await loadContractSource(values, io)
    const document = toOpenAPI(contract, { version, ...(servers ? { servers } : {}) })
    const text =
      format === 'yaml'
        ? stringify(document, { aliasDuplicateObjects: false })
        : `${JSON.stringify(document, null, 2)}\n`
    if (out) {
      await writeFile(out, text)
      io.err(`Wrote OpenAPI ${version} (${contract.operations.length} operations) to ${out}\n`)
    } else {
      io.out(text)
    }
    return 0
  },
})

/**
 * `--server URL`, repeated: each an absolute http(s) URL; undefined keeps the contract's servers.
 */
function serversOption(values: ParsedValues): ServerObject[] | undefined {
  const urls = values.server
  if (!Array.isArray(urls) || urls.length === 0) return undefined
  return urls.map((url) => {
    if (!isHttpUrl(String(url)))
      throw new StandinError(
        'USAGE',
        `--server must be an http(s) URL such as https://api.example.com, got "${String(url)}".`,
      )
    return { url: String(url) }
  })
}

function isHttpUrl(text: string): boolean {
  return URL.canParse(text) && /^https?:$/.test(new URL(text).protocol)
}

function formatFromFile(file: string | undefined): 'json' | 'yaml' {
  return file && /\.ya?ml$/i.test(file) ? 'yaml' : 'json'
}

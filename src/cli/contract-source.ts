import { DEFAULT_CONTRACT_FILE, loadContract } from '../contract/load-contract.ts'
import { fromOpenAPI } from '../openapi/from-openapi/from-openapi.ts'
import { summarizeWarnings } from '../openapi/from-openapi/warnings.ts'
import { StandinError } from '../contract/standin-error.ts'
import type { Contract } from '../contract/types.ts'
import { type CliIO, type OptionSpec, type ParsedValues, stringOption } from './command.ts'

/**
 * The options every command that reads a contract accepts: `--contract FILE` or `--spec FILE|URL`.
 */
export const contractSourceOptions = {
  contract: { type: 'string', short: 'c' },
  spec: { type: 'string' },
} satisfies OptionSpec

export const CONTRACT_SOURCE_USAGE = `  -c, --contract FILE    contract file (default: ${DEFAULT_CONTRACT_FILE})
  --spec FILE|URL        an OpenAPI 3.x or Swagger 2.0 document (JSON or YAML) instead of a contract`

export interface ContractSourceOptions {
  /** Convert body and response schemas of a --spec on first use (for serving large documents). */
  lazy?: boolean
}

/**
 * The contract a command works on: `--contract FILE` (the default file when neither is given) or
 * `--spec FILE|URL`, never both. What a document cannot express is summarized on stderr.
 *
 * @example
 * const contract = await loadContractSource(values, io)
 */
export async function loadContractSource(
  values: ParsedValues,
  io: CliIO,
  options: ContractSourceOptions = {},
): Promise<Contract> {
  const file = stringOption(values, 'contract')
  const spec = stringOption(values, 'spec')
  if (file !== undefined && spec !== undefined) {
    throw new StandinError('USAGE', 'Pass either --contract FILE or --spec FILE|URL, not both.')
  }
  if (spec === undefined) return loadContract(file)
  if (spec.trim() === '')
    throw new StandinError('USAGE', '--spec needs a file path or an http(s) URL.')
  const { contract, warnings } = await fromOpenAPI(spec, { lazy: options.lazy ?? false })
  reportWarnings(spec, warnings, io)
  return contract
}

export function reportWarnings(
  spec: string,
  warnings: Parameters<typeof summarizeWarnings>[0],
  io: CliIO,
): void {
  if (warnings.length === 0) return
  const lines = summarizeWarnings(warnings)
  io.err(
    `standin: ${warnings.length} ${warnings.length === 1 ? 'part' : 'parts'} of ${spec} could not be expressed exactly:\n${lines.map((line) => `  ${line}\n`).join('')}`,
  )
}

import type { Contract } from '../../contract/types.ts'
import { buildContract } from './build-contract.ts'
import { documentParts } from './document-parts.ts'
import { generateSource } from './generate-source.ts'
import { checkDocument, loadDocument, type OpenAPISource } from './load-document.ts'
import { WarningLog, type ImportWarning } from './warnings.ts'

export interface FromOpenAPIOptions {
  /** Directory relative paths are resolved from; `process.cwd()` by default. */
  cwd?: string
  /**
   * Convert body and response schemas on first use instead of up front: a document of a thousand
   * operations loads in a moment and costs only what is used. Warnings about a schema then appear
   * in `warnings` when it is first used.
   */
  lazy?: boolean
}

export interface FromOpenAPIResult {
  contract: Contract
  /**
   * What could not be expressed exactly, with a JSON pointer into the document and what was done
   * instead.
   */
  warnings: ImportWarning[]
}

/**
 * A contract from an OpenAPI document: 3.0 or 3.1 as a parsed object, or a JSON/YAML file path or
 * http(s) URL (Swagger 2.0 is converted on the way in). The contract is the same kind of value
 * `defineContract` returns, so the mock, verify and `toOpenAPI` work on it unchanged.
 *
 * @example
 * const { contract, warnings } = await fromOpenAPI('petstore.yaml')
 * const app = createMockApp(contract)
 */
export async function fromOpenAPI(
  source: string | URL | Record<string, unknown>,
  options: FromOpenAPIOptions = {},
): Promise<FromOpenAPIResult> {
  const log = new WarningLog()
  const loaded = await loadDocument(source as OpenAPISource, {
    cwd: options.cwd ?? process.cwd(),
    log,
  })
  return {
    contract: buildContract(documentParts(loaded, log), options.lazy ?? false),
    warnings: log.list,
  }
}

/**
 * `fromOpenAPI` for an OpenAPI 3.x object already in memory, synchronously (no external `$ref`s, no
 * Swagger 2.0).
 *
 * @example
 * const { contract } = fromOpenAPIDocument(JSON.parse(text))
 */
export function fromOpenAPIDocument(
  document: Record<string, unknown>,
  options: Pick<FromOpenAPIOptions, 'lazy'> = {},
): FromOpenAPIResult {
  const log = new WarningLog()
  const loaded = checkDocument(document, log)
  return {
    contract: buildContract(documentParts(loaded, log), options.lazy ?? false),
    warnings: log.list,
  }
}

export interface ImportedSource {
  /** File name (relative to the output folder) → TypeScript source. */
  files: Record<string, string>
  warnings: ImportWarning[]
  operations: number
}

/**
 * The zod + `createRoute` TypeScript of an OpenAPI document, as a person would write it: named
 * schemas in `schemas.ts`, one file per tag, and an `index.ts` that exports `defineContract(...)`.
 *
 * @example
 * const { files } = await importOpenAPI('petstore.yaml')
 * for (const [name, text] of Object.entries(files)) await writeFile(join('contracts', name), text)
 */
export async function importOpenAPI(
  source: string | URL | Record<string, unknown>,
  options: Pick<FromOpenAPIOptions, 'cwd'> = {},
): Promise<ImportedSource> {
  const log = new WarningLog()
  const loaded = await loadDocument(source as OpenAPISource, {
    cwd: options.cwd ?? process.cwd(),
    log,
  })
  const parts = documentParts(loaded, log)
  return { files: generateSource(parts), warnings: log.list, operations: parts.routes.length }
}

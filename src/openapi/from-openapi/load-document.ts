import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { StandinError } from '../../contract/standin-error.ts'
import { bundleExternalRefs, hasExternalRefs } from './bundle-refs.ts'
import { isObject } from './pointer.ts'
import { readDocument, shownName, toSourceUrl } from './read-source.ts'
import type { WarningLog } from './warnings.ts'

/** A parsed OpenAPI 3.x document (2.0 is converted on the way in). */
export type OpenAPIInput = Record<string, unknown> & {
  openapi: string
  paths?: Record<string, unknown>
}

/** Where an OpenAPI document comes from: a parsed object, a file path, or an http(s) URL. */
export type OpenAPISource = string | URL | Record<string, unknown>

export interface LoadedDocument {
  document: OpenAPIInput
  /** Schema dialect: 3.0 (`nullable`, boolean exclusive bounds) or 3.1 (JSON Schema 2020-12). */
  dialect: '3.0' | '3.1'
  /** How the source is shown in messages. */
  shown: string
}

export interface LoadOptions {
  cwd: string
  log: WarningLog
}

/**
 * Reads, bundles external refs, converts Swagger 2.0, and checks that the result is OpenAPI 3.x.
 */
export async function loadDocument(
  source: OpenAPISource,
  options: LoadOptions,
): Promise<LoadedDocument> {
  const { url, shown, raw } = await readSource(source, options.cwd)
  const document = isObject(raw) ? raw : undefined
  const kind = document ? documentKind(document) : 'unknown'
  if (!document || kind === 'unknown') throw notOpenAPI(shown, raw)
  const read = (file: URL) => readDocument(file, options.cwd)
  if (hasExternalRefs(document)) {
    const schemas = kind === 'swagger' ? '#/definitions' : '#/components/schemas'
    await bundleExternalRefs(document, { root: url, schemas, read, log: options.log })
  }
  const converted =
    kind === 'swagger' ? await convertSwagger(document, shown) : (document as OpenAPIInput)
  return { document: converted, dialect: dialectOf(converted, options.log), shown }
}

/** The same checks for an object already in memory, without external refs or Swagger 2.0. */
export function checkDocument(document: Record<string, unknown>, log: WarningLog): LoadedDocument {
  const kind = documentKind(document)
  if (kind === 'swagger') {
    throw new StandinError(
      'SPEC_INVALID',
      'Swagger 2.0 needs converting first: use the async fromOpenAPI(), which does it.',
    )
  }
  if (kind === 'unknown') throw notOpenAPI('The document', document)
  return {
    document: document as OpenAPIInput,
    dialect: dialectOf(document as OpenAPIInput, log),
    shown: 'the document',
  }
}

async function readSource(
  source: OpenAPISource,
  cwd: string,
): Promise<{ url: URL; shown: string; raw: unknown }> {
  if (typeof source === 'string' || source instanceof URL) {
    const url = toSourceUrl(source, cwd)
    return { url, shown: shownName(url, cwd), raw: await readDocument(url, cwd) }
  }
  const raw = hasExternalRefs(source) ? structuredClone(source) : source
  return { url: pathToFileURL(`${cwd}/openapi.json`), shown: 'the document', raw }
}

function documentKind(document: Record<string, unknown>): 'openapi' | 'swagger' | 'unknown' {
  if (typeof document.openapi === 'string' && /^3\.\d+(\.\d+)?/.test(document.openapi))
    return 'openapi'
  if (String(document.swagger) === '2.0') return 'swagger'
  return 'unknown'
}

function notOpenAPI(shown: string, raw: unknown): StandinError {
  const found = isObject(raw)
    ? typeof raw.openapi === 'string' || raw.swagger !== undefined
      ? `it declares version ${String(raw.openapi ?? raw.swagger)}`
      : 'it has no "openapi" or "swagger" field'
    : `it is ${raw === null ? 'null' : Array.isArray(raw) ? 'a list' : `a ${typeof raw}`}`
  return new StandinError(
    'SPEC_INVALID',
    `${shown} is not an OpenAPI 3.x or Swagger 2.0 document: ${found}.`,
  )
}

function dialectOf(document: OpenAPIInput, log: WarningLog): '3.0' | '3.1' {
  if (document.openapi.startsWith('3.0')) return '3.0'
  if (!/^3\.1(\.|$)/.test(document.openapi)) {
    log.add('#/openapi', `OpenAPI ${document.openapi} is newer than 3.1`, 'read it as 3.1')
  }
  return '3.1'
}

interface Swagger2OpenAPI {
  convertObj: (document: unknown, options: Record<string, unknown>) => Promise<{ openapi: unknown }>
}

async function convertSwagger(
  document: Record<string, unknown>,
  shown: string,
): Promise<OpenAPIInput> {
  // Loaded on first use: it is CommonJS and only Swagger 2.0 documents need it.
  const swagger2openapi = createRequire(import.meta.url)('swagger2openapi') as Swagger2OpenAPI
  try {
    const result = await swagger2openapi.convertObj(document, {
      patch: true,
      warnOnly: true,
      resolve: false,
    })
    return result.openapi as OpenAPIInput
  } catch (error) {
    const reason = String((error as Error).message).split('\n')[0]
    throw new StandinError(
      'SPEC_INVALID',
      `${shown} is a Swagger 2.0 document that cannot be converted to OpenAPI 3: ${reason}`,
    )
  }
}

import type { ContractInfo, SecurityScheme, ServerObject, TagObject } from '../../contract/types.ts'
import { convertOperations, knownSecurity } from './convert-operations.ts'
import { deref, type DocumentContext } from './document-context.ts'
import type { LoadedDocument } from './load-document.ts'
import { NamedSchemas } from './named-schemas.ts'
import { childPointer, isObject } from './pointer.ts'
import type { RouteSpec } from './route-spec.ts'
import type { WarningLog } from './warnings.ts'

/** A document taken apart into what a contract definition holds; schemas still unconverted. */
export interface DocumentParts {
  doc: DocumentContext
  info: ContractInfo
  servers?: ServerObject[]
  tags?: TagObject[]
  securitySchemes?: Record<string, SecurityScheme>
  security?: Array<Record<string, string[]>>
  routes: RouteSpec[]
}

export function documentParts(loaded: LoadedDocument, log: WarningLog): DocumentParts {
  const { document, dialect } = loaded
  const named = new NamedSchemas(document, dialect, log)
  const base = { document, dialect, log, named, securitySchemes: new Set<string>() }
  const securitySchemes = convertSecuritySchemes(base)
  const doc: DocumentContext = { ...base, securitySchemes: new Set(Object.keys(securitySchemes)) }
  const parts: DocumentParts = {
    doc,
    info: convertInfo(document.info, log),
    routes: convertOperations(doc),
  }
  if (Array.isArray(document.servers))
    parts.servers = pickAll(
      document.servers,
      ['url', 'description', 'variables'],
      '#/servers',
      log,
    ) as unknown as ServerObject[]
  if (Array.isArray(document.tags))
    parts.tags = pickAll(
      document.tags,
      ['name', 'description'],
      '#/tags',
      log,
    ) as unknown as TagObject[]
  if (Object.keys(securitySchemes).length > 0) parts.securitySchemes = securitySchemes
  if (Array.isArray(document.security))
    parts.security = knownSecurity(doc, document.security, '#/security')
  if (isObject(document.webhooks) && Object.keys(document.webhooks).length > 0) {
    log.add('#/webhooks', 'webhooks are not part of a standin contract', 'left them out')
  }
  return parts
}

/** Objects cut down to the fields a contract holds; the others are reported. */
function pickAll(
  list: unknown[],
  keys: string[],
  pointer: string,
  log: WarningLog,
): Array<Record<string, unknown>> {
  return list
    .filter(isObject)
    .filter((item) => typeof item[keys[0]!] === 'string')
    .map((item, index) => pick(item, keys, childPointer(pointer, index), log))
}

function pick(
  item: Record<string, unknown>,
  keys: string[],
  pointer: string,
  log: WarningLog,
): Record<string, unknown> {
  const dropped = Object.keys(item).filter((key) => !keys.includes(key))
  if (dropped.length > 0)
    log.add(
      pointer,
      `${dropped.join(', ')} ${dropped.length === 1 ? 'is' : 'are'} not part of a standin contract`,
      'left it out',
    )
  return Object.fromEntries(
    keys.filter((key) => typeof item[key] === 'string').map((key) => [key, item[key]]),
  )
}

function convertInfo(raw: unknown, log: WarningLog): ContractInfo {
  const full = isObject(raw) ? raw : {}
  const info = pick(
    full,
    ['title', 'version', 'description', 'termsOfService', 'contact', 'license'],
    '#/info',
    log,
  )
  if (isObject(full.contact))
    info.contact = pick(full.contact, ['name', 'url', 'email'], '#/info/contact', log)
  if (isObject(full.license))
    info.license = pick(full.license, ['name', 'url', 'identifier'], '#/info/license', log)
  if (typeof full.version === 'number') info.version = String(full.version)
  const title = typeof info.title === 'string' && info.title.trim() !== '' ? info.title : undefined
  const version =
    typeof info.version === 'string' || typeof info.version === 'number'
      ? String(info.version)
      : undefined
  if (!title) log.add('#/info/title', 'the document has no title', 'called it "Untitled API"')
  if (!version) log.add('#/info/version', 'the document has no version', 'used "0.0.0"')
  return { ...info, title: title ?? 'Untitled API', version: version ?? '0.0.0' } as ContractInfo
}

function convertSecuritySchemes(doc: DocumentContext): Record<string, SecurityScheme> {
  const components = isObject(doc.document.components) ? doc.document.components : {}
  const schemes: Record<string, SecurityScheme> = {}
  for (const [name, raw] of Object.entries(
    isObject(components.securitySchemes) ? components.securitySchemes : {},
  )) {
    const pointer = childPointer('#/components/securitySchemes', name)
    const scheme = securityScheme(deref(doc, raw, pointer))
    if (scheme) schemes[name] = scheme
    else
      doc.log.add(
        pointer,
        `security scheme "${name}" is not one standin supports (apiKey, http, oauth2, openIdConnect)`,
        'left it out',
      )
  }
  return schemes
}

function securityScheme(raw: unknown): SecurityScheme | undefined {
  if (!isObject(raw)) return undefined
  const description = typeof raw.description === 'string' ? { description: raw.description } : {}
  switch (raw.type) {
    case 'http':
      if (typeof raw.scheme !== 'string') return undefined
      return {
        type: 'http',
        scheme: raw.scheme,
        ...(typeof raw.bearerFormat === 'string' ? { bearerFormat: raw.bearerFormat } : {}),
        ...description,
      }
    case 'apiKey':
      if (typeof raw.name !== 'string' || !['header', 'query', 'cookie'].includes(String(raw.in)))
        return undefined
      return {
        type: 'apiKey',
        name: raw.name,
        in: raw.in as 'header' | 'query' | 'cookie',
        ...description,
      }
    case 'oauth2':
      return isObject(raw.flows) ? { type: 'oauth2', flows: raw.flows, ...description } : undefined
    case 'openIdConnect':
      return typeof raw.openIdConnectUrl === 'string'
        ? { type: 'openIdConnect', openIdConnectUrl: raw.openIdConnectUrl, ...description }
        : undefined
    default:
      return undefined
  }
}

import { readFile } from 'node:fs/promises'
import { relative, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { StandinError } from '../../contract/standin-error.ts'

/** Reads and parses one JSON or YAML document from a file or an http(s) URL. */
export async function readDocument(url: URL, cwd: string): Promise<unknown> {
  const text = await readText(url, cwd)
  return parseText(text, shownName(url, cwd))
}

export function toSourceUrl(source: string | URL, cwd: string): URL {
  if (source instanceof URL) return source
  if (/^https?:\/\//i.test(source) || source.startsWith('file:')) return new URL(source)
  return pathToFileURL(resolve(cwd, source))
}

export function shownName(url: URL, cwd: string): string {
  if (url.protocol !== 'file:') return url.href
  const path = fileURLToPath(url)
  return relative(cwd, path) || path
}

async function readText(url: URL, cwd: string): Promise<string> {
  const shown = shownName(url, cwd)
  if (url.protocol === 'file:') {
    try {
      return await readFile(url, 'utf8')
    } catch (error) {
      const reason =
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? 'no such file'
          : String((error as Error).message)
      throw new StandinError(
        'SPEC_NOT_FOUND',
        `Cannot read the OpenAPI document ${shown}: ${reason}. Check the path passed to --spec.`,
      )
    }
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new StandinError(
      'SPEC_NOT_FOUND',
      `Cannot read ${shown}: only files and http(s) URLs are supported.`,
    )
  }
  return fetchText(url, shown)
}

async function fetchText(url: URL, shown: string): Promise<string> {
  let response: Response
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json, application/yaml, text/yaml, */*' },
    })
  } catch (error) {
    const reason =
      (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message
    throw new StandinError(
      'SPEC_NOT_FOUND',
      `Cannot fetch the OpenAPI document ${shown}: ${reason}.`,
    )
  }
  if (!response.ok) {
    throw new StandinError(
      'SPEC_NOT_FOUND',
      `Cannot fetch the OpenAPI document ${shown}: HTTP ${response.status}.`,
    )
  }
  return response.text()
}

/**
 * JSON when it looks like JSON (much faster on large documents), YAML otherwise (loaded only then).
 */
export async function parseText(text: string, shown: string): Promise<unknown> {
  const trimmed = text.trimStart()
  try {
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) return JSON.parse(trimmed)
  } catch {
    // Not strict JSON: YAML is a superset, let it try.
  }
  const { parse: parseYaml } = await import('yaml')
  try {
    return parseYaml(text, { maxAliasCount: -1, merge: true })
  } catch (error) {
    const reason = String((error as Error).message).split('\n')[0]
    throw new StandinError('SPEC_INVALID', `${shown} is neither JSON nor YAML: ${reason}`)
  }
}

import { getOpenApiMetadata } from '@asteasolutions/zod-to-openapi'
import type { z } from 'zod'
import { inspectSchema } from '../fake/index.ts'
import { defineField } from './text-fields.ts'

// Array and object parameters in the path, headers and cookies travel by their OpenAPI style:
// `simple` (`a,b`; objects `k,v` or, exploded, `k=v`), `label` (`.a.b`), `matrix` (`;id=a,b`) and,
// for cookies, `form` (`a,b`). This module writes (verify) and reads (the mock) them, so both
// agree.

export type ParamLocation = 'path' | 'header' | 'cookie'

export interface StyledParam {
  kind: 'array' | 'object'
  style: 'simple' | 'label' | 'matrix' | 'form'
  explode: boolean
}

const STYLES = new Set(['simple', 'label', 'matrix', 'form'])

/**
 * The array- and object-valued parameters of a path, header or cookie schema, with their style.
 *
 * @example
 * styledParams(z.object({ ids: z.array(z.string()).openapi({ param: { style: 'label' } }) }), 'path') // Map { 'ids' => { kind: 'array', style: 'label', explode: false } }
 */
export function styledParams(
  schema: z.ZodType | undefined,
  location: ParamLocation,
): Map<string, StyledParam> {
  const params = new Map<string, StyledParam>()
  const info = schema ? inspectSchema(schema) : undefined
  if (info?.kind !== 'object') return params
  for (const [name, field] of Object.entries(info.shape)) {
    const kind = inspectSchema(field).kind
    if (kind !== 'array' && kind !== 'object' && kind !== 'record') continue
    const param =
      (getOpenApiMetadata(field) as { param?: { style?: unknown; explode?: unknown } }).param ?? {}
    const style =
      typeof param.style === 'string' && STYLES.has(param.style)
        ? (param.style as StyledParam['style'])
        : location === 'cookie'
          ? 'form'
          : 'simple'
    params.set(name, {
      kind: kind === 'array' ? 'array' : 'object',
      style,
      explode: typeof param.explode === 'boolean' ? param.explode : style === 'form',
    })
  }
  return params
}

/**
 * The text of an array or object parameter in its style.
 *
 * @example
 * encodeStyled('ids', ['a', 'b'], { kind: 'array', style: 'matrix', explode: false }) // ';ids=a,b'
 */
export function encodeStyled(name: string, value: unknown, param: StyledParam): string {
  const items = Array.isArray(value) ? value.map(asText) : []
  const pairs =
    !Array.isArray(value) && typeof value === 'object' && value !== null
      ? Object.entries(value).map(([key, field]): [string, string] => [key, asText(field)])
      : []
  const keyed = param.explode && param.style !== 'form'
  const parts =
    param.kind === 'array'
      ? items
      : keyed
        ? pairs.map(([key, text]) => `${key}=${text}`)
        : pairs.flat()
  if (param.style === 'label') return `.${parts.join(param.explode ? '.' : ',')}`
  if (param.style !== 'matrix') return parts.join(',')
  if (!param.explode) return `;${name}=${parts.join(',')}`
  return parts.map((part) => (param.kind === 'array' ? `;${name}=${part}` : `;${part}`)).join('')
}

/**
 * The value of an array or object parameter from its text (items as text, for the schema to
 * coerce).
 *
 * @example
 * decodeStyled('ids', ';ids=a,b', { kind: 'array', style: 'matrix', explode: false }) // ['a', 'b']
 */
export function decodeStyled(name: string, text: string, param: StyledParam): unknown {
  const parts = splitStyled(name, text, param)
  if (param.kind === 'array') return parts
  const value: Record<string, unknown> = {}
  if (param.explode && param.style !== 'form') {
    for (const part of parts) {
      const equals = part.indexOf('=')
      if (equals > 0) defineField(value, part.slice(0, equals), part.slice(equals + 1))
    }
    return value
  }
  for (let index = 0; index + 1 < parts.length; index += 2)
    defineField(value, parts[index] as string, parts[index + 1])
  return value
}

/**
 * Every styled parameter of a part read back into its array or object; other values stay as they
 * came.
 */
export function decodeStyledPart(
  values: Record<string, unknown>,
  params: ReadonlyMap<string, StyledParam>,
): Record<string, unknown> {
  if (params.size === 0) return values
  const decoded = { ...values }
  for (const [name, param] of params) {
    const text = values[name]
    if (typeof text === 'string') defineField(decoded, name, decodeStyled(name, text, param))
  }
  return decoded
}

function splitStyled(name: string, text: string, param: StyledParam): string[] {
  if (text === '') return []
  if (param.style === 'label') return text.replace(/^\./, '').split(param.explode ? '.' : ',')
  if (param.style === 'matrix' && !param.explode)
    return text.replace(new RegExp(`^;${escape(name)}=`), '').split(',')
  if (param.style === 'matrix')
    return text
      .split(';')
      .filter((part) => part !== '')
      .map((part) =>
        param.kind === 'array' ? part.replace(new RegExp(`^${escape(name)}=`), '') : part,
      )
  return text.split(',').map((part) => part.trim())
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function asText(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)
}

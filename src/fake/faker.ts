import type { Faker } from '@faker-js/faker'
import { faker as englishFaker } from '@faker-js/faker/locale/en'
import { next, reset } from './random.ts'

/**
 * The fixed "now" of generated data: 2026-01-01T00:00:00Z. Recent-past dates fall before it, future
 * ones after it, so output never depends on the clock.
 *
 * @example
 * Date.parse(fake(Product).createdAt) < REFERENCE_DATE // true
 */
export const REFERENCE_DATE = Date.UTC(2026, 0, 1)

// The English-only entry exports a ready instance, not the class or the raw locale; reuse both from
// it so no other locale reaches the bundle. Its randomizer is our shared generator: a leaf reseeds
// it cheaply.
const FakerClass = englishFaker.constructor as typeof Faker

export const faker: Faker = new FakerClass({
  locale: englishFaker.rawDefinitions,
  randomizer: {
    next,
    seed: (seed: number | number[]) => reset(Array.isArray(seed) ? (seed[0] ?? 0) : seed),
  },
})
faker.setDefaultRefDate(new Date(REFERENCE_DATE))

// faker fills most of its values from templates ("{{person.firstName}} {{person.lastName}}") and
// parses each template on every call; that parsing was half the cost of a realistic object.
// Templates made of plain paths are parsed once here and resolved the way faker resolves them (its
// methods, else its locale data, a random entry of a list); templates with calls in them go to
// faker's own implementation.
type Part = string | Resolver
/** A template's path (`person.firstName`) resolved: a value, or what a method returns. */
type Resolver = () => unknown
const templates = new Map<string, Part[] | null>()
const fakerTemplate = faker.helpers.fake
const entrypoints: unknown[] = [faker, faker.rawDefinitions]

faker.helpers.fake = (pattern: string | readonly string[]): string => {
  const template = typeof pattern === 'string' ? pattern : faker.helpers.arrayElement(pattern)
  return expand(template, cached(template))
}

/** A template filled in; what it is filled with may hold templates again (a city pattern, …). */
function expand(template: string, parts: Part[] | null): string {
  if (!parts) return fakerTemplate(template)
  let out = ''
  for (const part of parts) {
    const value = typeof part === 'string' ? part : part()
    if (value === undefined) return fakerTemplate(template)
    out += String(value)
  }
  return out !== template && /{{[a-z]/.test(out) ? expand(out, parse(out)) : out
}

/** Templates come from faker's locale data, a fixed set: each is parsed once. */
function cached(template: string): Part[] | null {
  let parts = templates.get(template)
  if (parts === undefined) {
    parts = parse(template)
    if (templates.size < 10_000) templates.set(template, parts)
  }
  return parts
}

function parse(template: string): Part[] | null {
  const parts: Part[] = []
  let rest = template
  for (let start = rest.search(/{{[a-z]/); start !== -1; start = rest.search(/{{[a-z]/)) {
    const end = rest.indexOf('}}', start)
    if (end === -1) break
    const path = rest.slice(start + 2, end)
    if (!/^[A-Za-z_][\w.]*$/.test(path)) return null
    parts.push(rest.slice(0, start), resolverOf(path))
    rest = rest.slice(end + 2)
  }
  parts.push(rest)
  return parts
}

const resolvers = new Map<string, Resolver>()

function resolverOf(path: string): Resolver {
  let resolver = resolvers.get(path)
  if (!resolver) {
    resolver = compileResolver(path.split('.'))
    if (resolvers.size < 10_000) resolvers.set(path, resolver)
  }
  return resolver
}

/**
 * What `resolve` does, with its lookups done once (faker's methods and locale data do not change):
 * each call only draws an entry from the lists at the path's end, in the same order. Where a list
 * sits higher up, the entry drawn decides what comes next, so `resolve` runs on each call.
 */
function compileResolver(path: string[]): Resolver {
  let candidates = entrypoints
  for (const key of path.slice(0, -1)) {
    candidates = presentValues(candidates, key)
    if (candidates.some(Array.isArray)) return () => resolve(path)
  }
  const values = presentValues(candidates, path[path.length - 1] as string)
  return () => {
    let first: unknown
    for (let index = 0; index < values.length; index++) {
      const value = values[index]
      const drawn = Array.isArray(value) ? faker.helpers.arrayElement(value) : value
      if (index === 0) first = drawn
    }
    return typeof first === 'function' ? first() : first
  }
}

/** The values at `key` of the candidates that are objects, left out where missing or null. */
function presentValues(candidates: unknown[], key: string): unknown[] {
  return candidates
    .map((candidate) =>
      candidate === null || typeof candidate !== 'object'
        ? undefined
        : (candidate as Record<string, unknown>)[key],
    )
    .filter((value) => value !== undefined && value !== null)
}

function resolve(path: string[]): unknown {
  let candidates = entrypoints
  for (const key of path) {
    const nextCandidates: unknown[] = []
    for (const candidate of candidates) {
      const value =
        candidate === null || typeof candidate !== 'object'
          ? undefined
          : (candidate as Record<string, unknown>)[key]
      if (value !== undefined && value !== null)
        nextCandidates.push(Array.isArray(value) ? faker.helpers.arrayElement(value) : value)
    }
    candidates = nextCandidates
  }
  const [first] = candidates
  return typeof first === 'function' ? first() : first
}

type FakerMethod = (...args: unknown[]) => unknown

/**
 * The faker method a hint such as `commerce.productName` names, bound to our instance; undefined if
 * none.
 */
export function fakerMethod(name: string): FakerMethod | undefined {
  const [moduleName, methodName, ...rest] = name.split('.')
  if (!moduleName || !methodName || rest.length > 0 || moduleName.startsWith('_')) return undefined
  const module = (faker as unknown as Record<string, unknown>)[moduleName]
  if (typeof module !== 'object' || module === null) return undefined
  const method = (module as Record<string, unknown>)[methodName]
  if (typeof method !== 'function' || methodName.startsWith('_') || methodName === 'constructor')
    return undefined
  return (...args: unknown[]) => (method as FakerMethod).apply(module, args)
}

/** Every `module.method` faker offers, for "did you mean" suggestions. */
export function fakerMethodNames(): string[] {
  const names: string[] = []
  for (const [moduleName, module] of Object.entries(faker as unknown as Record<string, unknown>)) {
    if (moduleName.startsWith('_') || typeof module !== 'object' || module === null) continue
    for (const methodName of methodsOf(module)) names.push(`${moduleName}.${methodName}`)
  }
  return names
}

function methodsOf(module: object): string[] {
  const names = new Set<string>()
  for (
    let proto = Object.getPrototypeOf(module);
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (
        name !== 'constructor' &&
        !name.startsWith('_') &&
        typeof (module as Record<string, unknown>)[name] === 'function'
      )
        names.add(name)
    }
  }
  return [...names]
}

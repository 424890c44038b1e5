import { isObject, resolvePointer, type Json } from './json.ts'

/**
 * One place where two OpenAPI documents say different things, located in the first (input)
 * document.
 */
export interface Difference {
  /**
   * JSON pointer into the input document (after following its $refs) of the object that differs.
   */
  pointer: string
  /** The keyword (or `properties/name`, `responses/404`…) that differs at that object. */
  keyword: string
  input: unknown
  output: unknown
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']
/**
 * Headers OpenAPI describes elsewhere (content negotiation, security): a `parameters` entry for
 * them is ignored.
 */
const RESERVED_HEADERS = ['accept', 'content-type', 'authorization']
/**
 * Keywords that describe a schema to people or tools, not the values it accepts. `readOnly` and
 * `writeOnly` are not compared as values: what they mean (the property is left out of requests or
 * of responses) is compared instead.
 */
const ANNOTATIONS = ['title', 'description', 'deprecated', 'default']
/** Keywords compared as plain values (after normalising the dialect). */
const VALUE_KEYWORDS = [
  'type',
  'format',
  'enum',
  'const',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'examples',
  ...ANNOTATIONS,
]
const escape = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1')

/**
 * Every difference in meaning between two OpenAPI 3.x documents, ignoring key order, `$ref` names
 * (a ref and the schema it names compare the same, so inlined and named schemas are alike), the
 * 3.0/3.1 dialect (`nullable`, boolean exclusive bounds, `example`), and how an object is split
 * over `allOf`. Request bodies leave out `readOnly` properties and responses `writeOnly` ones, as a
 * server sees them.
 */
export function differencesBetween(input: Json, output: Json): Difference[] {
  const comparison = new Comparison(input, output)
  comparison.documents()
  const seen = new Set<string>()
  return comparison.found.filter((difference) => {
    const key = `${difference.pointer} ${difference.keyword}`
    return !seen.has(key) && Boolean(seen.add(key))
  })
}

/** Which way a schema's values travel; `parameter` covers headers too (text, never null). */
type Direction = 'request' | 'response' | 'parameter'

class Comparison {
  readonly found: Difference[] = []
  readonly #compared = new Set<string>()

  constructor(
    readonly input: Json,
    readonly output: Json,
  ) {}

  documents(): void {
    const inPaths = (this.input.paths ?? {}) as Json
    const outPaths = (this.output.paths ?? {}) as Json
    for (const [path, inItem] of Object.entries(inPaths)) {
      const pointer = `#/paths/${escape(path)}`
      const outItem = outPaths[path]
      for (const method of METHODS) {
        const inOp = (inItem as Json)[method]
        if (!isObject(inOp)) continue
        const outOp = isObject(outItem) ? outItem[method] : undefined
        if (!isObject(outOp)) this.#differ(pointer, method, 'an operation', 'nothing')
        else this.#operation(`${pointer}/${method}`, inItem as Json, inOp, outItem as Json, outOp)
      }
    }
    for (const [path, outItem] of Object.entries(outPaths)) {
      for (const method of METHODS) {
        if (
          isObject((outItem as Json)[method]) &&
          !isObject((inPaths[path] as Json | undefined)?.[method])
        ) {
          this.#differ(`#/paths/${escape(path)}`, method, 'nothing', 'an operation')
        }
      }
    }
  }

  #operation(pointer: string, inItem: Json, inOp: Json, outItem: Json, outOp: Json): void {
    for (const key of ['summary', 'description', 'deprecated'])
      this.#value(
        pointer,
        key,
        inOp[key] ?? (key === 'summary' ? undefined : inItem[key]),
        outOp[key],
      )
    if (inOp.operationId !== undefined)
      this.#value(pointer, 'operationId', inOp.operationId, outOp.operationId)
    this.#value(pointer, 'tags', sorted(inOp.tags), sorted(outOp.tags))
    this.#value(
      pointer,
      'security',
      inOp.security ?? this.input.security,
      outOp.security ?? this.output.security,
    )
    this.#parameters(
      pointer,
      [...list(inItem.parameters), ...list(inOp.parameters)],
      [...list(outItem.parameters), ...list(outOp.parameters)],
    )
    this.#requestBody(pointer, inOp.requestBody, outOp.requestBody)
    this.#responses(
      `${pointer}/responses`,
      (inOp.responses ?? {}) as Json,
      (outOp.responses ?? {}) as Json,
    )
  }

  #parameters(pointer: string, inList: unknown[], outList: unknown[]): void {
    const inParams = this.#parameterMap(inList, pointer, this.input)
    const outParams = this.#parameterMap(outList, pointer, this.output)
    for (const [key, { parameter, at }] of inParams) {
      const out = outParams.get(key)?.parameter
      if (!out) {
        this.#differ(pointer, `parameters/${key}`, 'a parameter', 'nothing')
        continue
      }
      this.#value(
        at,
        'required',
        parameter.in === 'path' || parameter.required === true,
        out.in === 'path' || out.required === true,
      )
      // A parameter without a description of its own is described by its schema's.
      this.#value(
        at,
        'description',
        descriptionOf(parameter, this.input),
        descriptionOf(out, this.output),
      )
      this.#value(at, 'deprecated', parameter.deprecated, out.deprecated)
      this.#value(at, 'style', styleOf(parameter), styleOf(out))
      this.#value(at, 'explode', explodeOf(parameter), explodeOf(out))
      if (parameter.schema !== undefined || out.schema !== undefined)
        this.#schema(`${at}/schema`, parameter.schema, out.schema, 'parameter')
      this.#content(at, parameter.content, out.content, 'parameter')
    }
    for (const key of outParams.keys())
      if (!inParams.has(key)) this.#differ(pointer, `parameters/${key}`, 'nothing', 'a parameter')
  }

  /**
   * Parameters by `in:name`; the operation's declaration overrides the path item's (they come
   * later).
   */
  #parameterMap(
    parameters: unknown[],
    pointer: string,
    document: Json,
  ): Map<string, { parameter: Json; at: string }> {
    const map = new Map<string, { parameter: Json; at: string }>()
    parameters.forEach((raw, index) => {
      const { value, at } = follow(document, raw, `${pointer}/parameters/${index}`)
      if (!isObject(value)) return
      if (value.in === 'header' && RESERVED_HEADERS.includes(String(value.name).toLowerCase()))
        return
      map.set(`${String(value.in)}:${String(value.name)}`, { parameter: value, at })
    })
    return map
  }

  #requestBody(pointer: string, inRaw: unknown, outRaw: unknown): void {
    const input = follow(this.input, inRaw, `${pointer}/requestBody`)
    const output = follow(this.output, outRaw, '').value
    if (!isObject(input.value) && !isObject(output)) return
    if (!isObject(input.value) || !isObject(output))
      return this.#differ(pointer, 'requestBody', inRaw ?? 'nothing', outRaw ?? 'nothing')
    this.#value(input.at, 'required', input.value.required === true, output.required === true)
    this.#value(input.at, 'description', input.value.description, output.description)
    this.#content(input.at, input.value.content, output.content, 'request')
  }

  #responses(pointer: string, inResponses: Json, outResponses: Json): void {
    for (const status of new Set([...Object.keys(inResponses), ...Object.keys(outResponses)])) {
      if (!(status in outResponses) || !(status in inResponses)) {
        this.#differ(
          pointer,
          status,
          status in inResponses ? 'a response' : 'nothing',
          status in outResponses ? 'a response' : 'nothing',
        )
        continue
      }
      const input = follow(this.input, inResponses[status], `${pointer}/${escape(status)}`)
      const output = follow(this.output, outResponses[status], '').value as Json
      const inResponse = input.value as Json
      this.#value(input.at, 'description', inResponse.description, output.description)
      this.#headers(input.at, (inResponse.headers ?? {}) as Json, (output.headers ?? {}) as Json)
      this.#content(input.at, inResponse.content, output.content, 'response')
    }
  }

  #headers(pointer: string, inHeaders: Json, outHeaders: Json): void {
    const lower = (headers: Json) =>
      new Map(
        Object.entries(headers).map(([name, header]) => [name.toLowerCase(), { name, header }]),
      )
    const inMap = lower(inHeaders)
    const outMap = lower(outHeaders)
    for (const [key, { name, header }] of inMap) {
      const out = outMap.get(key)
      if (!out) {
        this.#differ(pointer, `headers/${name}`, 'a header', 'nothing')
        continue
      }
      const input = follow(this.input, header, `${pointer}/headers/${escape(name)}`)
      const output = follow(this.output, out.header, '').value as Json
      const inHeader = input.value as Json
      this.#value(input.at, 'required', inHeader.required === true, output.required === true)
      this.#value(input.at, 'description', inHeader.description, output.description)
      this.#schema(`${input.at}/schema`, inHeader.schema, output.schema, 'parameter')
    }
    for (const [key, { name }] of outMap)
      if (!inMap.has(key)) this.#differ(pointer, `headers/${name}`, 'nothing', 'a header')
  }

  #content(pointer: string, inContent: unknown, outContent: unknown, direction: Direction): void {
    const input = isObject(inContent) ? inContent : {}
    const output = isObject(outContent) ? outContent : {}
    for (const type of new Set([...Object.keys(input), ...Object.keys(output)])) {
      if (!(type in input) || !(type in output)) {
        this.#differ(
          pointer,
          `content/${type}`,
          type in input ? 'a media type' : 'nothing',
          type in output ? 'a media type' : 'nothing',
        )
        continue
      }
      const at = `${pointer}/content/${escape(type)}`
      const inMedia = input[type] as Json
      const outMedia = output[type] as Json
      this.#schema(`${at}/schema`, inMedia.schema, outMedia.schema, direction)
    }
  }

  /**
   * Two schemas, following refs on both sides; a pair of refs met again (recursion) is taken as
   * equal.
   */
  #schema(pointer: string, inRaw: unknown, outRaw: unknown, direction: Direction): void {
    const input = follow(this.input, refWithSiblings(inRaw), pointer)
    const output = follow(this.output, refWithSiblings(outRaw), '')
    if (input.refs.length > 0 || output.refs.length > 0) {
      const key = `${direction} ${input.at} ${output.refs.join(' ')}`
      if (this.#compared.has(key)) return
      this.#compared.add(key)
    }
    const a = this.#normalize(input.value, input.at, this.input, direction)
    const b = this.#normalize(output.value, '', this.output, direction)
    for (const keyword of VALUE_KEYWORDS)
      this.#value(a.at[keyword] ?? input.at, keyword, a.schema[keyword], b.schema[keyword])
    this.#value(input.at, 'required', sorted(a.schema.required), sorted(b.schema.required))
    this.#value(input.at, 'discriminator', discriminatorOf(a.schema), discriminatorOf(b.schema))
    this.#properties(a, b, direction)
    for (const keyword of ['items', 'additionalProperties', 'not'] as const) {
      const inValue = a.schema[keyword]
      const outValue = b.schema[keyword]
      if (inValue === undefined && outValue === undefined) continue
      if (
        typeof inValue === 'boolean' ||
        typeof outValue === 'boolean' ||
        inValue === undefined ||
        outValue === undefined
      ) {
        this.#value(a.at[keyword] ?? input.at, keyword, shapeOf(inValue), shapeOf(outValue))
      } else this.#schema(`${a.at[keyword] ?? input.at}/${keyword}`, inValue, outValue, direction)
    }
    for (const keyword of ['prefixItems', 'oneOf', 'anyOf'] as const)
      this.#members(a, b, keyword, direction)
  }

  #properties(a: Normalized, b: Normalized, direction: Direction): void {
    const inProps = (a.schema.properties ?? {}) as Json
    const outProps = (b.schema.properties ?? {}) as Json
    for (const name of new Set([...Object.keys(inProps), ...Object.keys(outProps)])) {
      const at = a.at[`properties/${name}`] ?? `${a.pointer}/properties/${escape(name)}`
      if (!(name in inProps) || !(name in outProps)) {
        this.#differ(
          a.pointer,
          `properties/${name}`,
          name in inProps ? 'a property' : 'nothing',
          name in outProps ? 'a property' : 'nothing',
        )
      } else this.#schema(at, inProps[name], outProps[name], direction)
    }
  }

  #members(
    a: Normalized,
    b: Normalized,
    keyword: 'prefixItems' | 'oneOf' | 'anyOf',
    direction: Direction,
  ): void {
    const inList = list(a.schema[keyword])
    const outList = list(b.schema[keyword])
    const at = a.at[keyword] ?? a.pointer
    if (inList.length !== outList.length)
      return this.#differ(at, keyword, `${inList.length} members`, `${outList.length} members`)
    inList.forEach((member, index) =>
      this.#schema(`${at}/${keyword}/${index}`, member, outList[index], direction),
    )
  }

  /**
   * A schema in one dialect, with `allOf` merged into one object, null folded into `type`, and the
   * properties hidden in this direction left out. `at` remembers where each keyword came from.
   */
  #normalize(raw: unknown, pointer: string, document: Json, direction: Direction): Normalized {
    const result: Normalized = { schema: {}, at: {}, pointer }
    if (!isObject(raw)) return result
    this.#merge(result, raw, pointer, document)
    this.#foldNullMember(result, document)
    // `nullable` beside allOf/anyOf/oneOf and no `type` is the 3.0 way to make a $ref nullable.
    if (
      raw.nullable === true &&
      raw.type === undefined &&
      ['allOf', 'anyOf', 'oneOf'].some((key) => key in raw)
    )
      addNull(result.schema)
    hideProperties(result, document, direction)
    result.schema = sameMeaning(result.schema)
    if (direction === 'parameter') withoutNull(result.schema)
    return result
  }

  #merge(result: Normalized, raw: Json, pointer: string, document: Json): void {
    const schema = dialect31(raw)
    for (const [keyword, value] of Object.entries(schema)) {
      if (
        keyword === 'allOf' ||
        keyword.startsWith('x-') ||
        keyword === '$ref' ||
        keyword === 'example'
      )
        continue
      if (keyword === 'properties') {
        const properties = (result.schema.properties ??= {}) as Json
        for (const [name, property] of Object.entries(value as Json)) {
          // A property two parts declare must meet both declarations; the later one's words
          // describe it.
          properties[name] =
            name in properties
              ? { ...annotationsOf(document, property), allOf: [properties[name], property] }
              : property
          result.at[`properties/${name}`] ??= `${pointer}/properties/${escape(name)}`
        }
      } else if (keyword === 'type' && result.schema.type !== undefined) {
        result.schema.type = commonTypes(result.schema.type, value)
      } else if (keyword === 'enum' && Array.isArray(result.schema.enum) && Array.isArray(value)) {
        const other = value.map((item) => JSON.stringify(item))
        result.schema.enum = result.schema.enum.filter((item) =>
          other.includes(JSON.stringify(item)),
        )
      } else if (keyword === 'required') {
        result.schema.required = [...new Set([...list(result.schema.required), ...list(value)])]
      } else if (!(keyword in result.schema) || ANNOTATIONS.includes(keyword)) {
        // The outer schema's annotations win over those of the parts it is built from.
        if (!(keyword in result.schema)) result.schema[keyword] = value
        result.at[keyword] ??= pointer
      }
    }
    const parts = list(schema.allOf).map((part, index) =>
      follow(document, part, `${pointer}/allOf/${index}`),
    )
    // Parts that only annotate go first: their words describe the whole before a real part's do.
    const ordered = [
      ...parts.filter((part) => onlyAnnotates(part.value)),
      ...parts.filter((part) => !onlyAnnotates(part.value)),
    ]
    for (const part of ordered) {
      if (!isObject(part.value)) continue
      const others = parts.filter((other) => other !== part).map((other) => other.value)
      this.#mergePart(
        result,
        part.value,
        part.at,
        document,
        onlyAnnotates(part.value) || others.every(onlyAnnotates),
      )
    }
  }

  /** `anyOf`/`oneOf: [X, {type: 'null'}]` is X that also allows null. */
  #foldNullMember(result: Normalized, document: Json): void {
    for (const keyword of ['anyOf', 'oneOf']) {
      const members = list(result.schema[keyword])
      const rest = members.filter((member) => !isNullSchema(member))
      if (rest.length === members.length || rest.length !== 1) continue
      const at = result.at[keyword] ?? result.pointer
      delete result.schema[keyword]
      const only = follow(document, rest[0], `${at}/${keyword}/${members.indexOf(rest[0])}`)
      if (isObject(only.value)) this.#mergePart(result, only.value, only.at, document)
      if (only.refs.length > 0 || Object.keys(result.at).length === 0) result.pointer = only.at
      addNull(result.schema)
    }
  }

  /**
   * An allOf part: its constraints join the whole. Its annotations describe the whole when the part
   * only annotates, or every other part does (`allOf: [X]` and `allOf: [X, {description}]` are X,
   * described); one of several real parts has a title or description of its own.
   */
  #mergePart(
    result: Normalized,
    part: Json,
    pointer: string,
    document: Json,
    describesWhole = true,
  ): void {
    const before = { ...result.schema }
    this.#merge(result, part, pointer, document)
    if (describesWhole) return
    for (const keyword of ANNOTATIONS) {
      if (keyword in before) result.schema[keyword] = before[keyword]
      else delete result.schema[keyword]
    }
  }

  #value(pointer: string, keyword: string, input: unknown, output: unknown): void {
    if (JSON.stringify(canonical(input)) !== JSON.stringify(canonical(output)))
      this.#differ(pointer, keyword, input, output)
  }

  #differ(pointer: string, keyword: string, input: unknown, output: unknown): void {
    this.found.push({ pointer, keyword, input, output })
  }
}

interface Normalized {
  schema: Json
  /**
   * Where in the document each keyword (and `properties/name`) was read, for keywords from allOf
   * parts.
   */
  at: Record<string, string>
  pointer: string
}

/** 3.0's `nullable`, boolean exclusive bounds and single `example` in 3.1's terms. */
function dialect31(schema: Json): Json {
  const result: Json = { ...schema }
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (result[flag] === true) {
      result[flag] = result[bound]
      delete result[bound]
    } else if (result[flag] === false) delete result[flag]
  }
  if (schema.example !== undefined && schema.examples === undefined)
    result.examples = [schema.example]
  // 3.0.3: nullable adds null to the types `type` names, and does nothing without a `type`. Null is
  // then allowed by an enum too, as tools read it (the 3.0.3 text wants it listed in the enum).
  if (schema.nullable === true && schema.type !== undefined) {
    result.type = [...typeList(schema.type), 'null']
    if (Array.isArray(schema.enum) && !schema.enum.includes(null))
      result.enum = [...schema.enum, null]
  }
  delete result.nullable
  return result
}

const typeList = (type: unknown): string[] => (Array.isArray(type) ? type : [type]) as string[]

/** The types both lists allow: a value of an allOf must have a type every part allows. */
function commonTypes(a: unknown, b: unknown): string[] {
  const left = typeList(a)
  const right = typeList(b)
  const allows = (types: string[], type: string) =>
    types.includes(type) || (type === 'integer' && types.includes('number'))
  return [
    ...new Set([
      ...left.filter((type) => allows(right, type)),
      ...right.filter((type) => allows(left, type)),
    ]),
  ].filter((type) => type !== 'number' || (left.includes('number') && right.includes('number')))
}

const KEYWORDS_OF_TYPE: Record<string, string[]> = {
  string: ['minLength', 'maxLength', 'pattern'],
  number: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  array: ['items', 'prefixItems', 'minItems', 'maxItems', 'uniqueItems'],
  object: ['properties', 'required', 'additionalProperties', 'minProperties', 'maxProperties'],
}
const COMPOSITIONS = ['anyOf', 'oneOf', 'allOf', 'not', '$ref']

/**
 * One spelling for schemas that accept the same values: `const` as a one-value enum, an enum of
 * every boolean as no enum, `{}`/`true` items and additionalProperties as absent, a type implied by
 * its keywords (`properties` without `type` reads as an object, as every tool reads it), `anyOf` of
 * bare types as a type list, and no keywords that cannot apply to the type (`minLength` on an
 * integer).
 */
function sameMeaning(input: Json): Json {
  const schema = { ...input }
  for (const keyword of ['readOnly', 'writeOnly', 'deprecated', 'uniqueItems', 'nullable'])
    if (schema[keyword] === false) delete schema[keyword]
  if (schema.const !== undefined && schema.enum === undefined) schema.enum = [schema.const]
  delete schema.const
  for (const keyword of ['items', 'additionalProperties']) {
    if (
      schema[keyword] === true ||
      (isObject(schema[keyword]) && Object.keys(schema[keyword] as Json).length === 0)
    )
      delete schema[keyword]
  }
  for (const keyword of ['anyOf', 'oneOf']) {
    flattenNested(schema, keyword)
    foldAnything(schema, keyword)
    foldBareTypes(schema, keyword)
    foldLiterals(schema, keyword)
  }
  // An enum's values say its type (`type: number, enum: [1, 2]` is an integer enum); a value of
  // another type than `type` allows is no value at all.
  if (Array.isArray(schema.enum)) {
    const declared = schema.type === undefined ? undefined : typeList(schema.type)
    const fits = (value: unknown) =>
      !declared ||
      declared.includes(jsonType(value)) ||
      (jsonType(value) === 'integer' && declared.includes('number'))
    schema.enum = schema.enum.filter(fits)
    schema.type = [...new Set((schema.enum as unknown[]).map(jsonType))]
  }
  if (schema.type === undefined && !COMPOSITIONS.some((keyword) => keyword in schema)) {
    const implied = Object.keys(KEYWORDS_OF_TYPE).filter(
      (type) =>
        type !== 'number' && type !== 'string' && KEYWORDS_OF_TYPE[type]!.some((k) => k in schema),
    )
    if (implied.length === 1) schema.type = implied
  }
  if (typeof schema.type === 'string') schema.type = [schema.type]
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : undefined
  if (types) {
    schema.type = [...types].sort()
    for (const [type, keywords] of Object.entries(KEYWORDS_OF_TYPE)) {
      const applies = types.includes(type) || (type === 'number' && types.includes('integer'))
      if (!applies) for (const keyword of keywords) delete schema[keyword]
    }
    const values = Array.isArray(schema.enum) ? schema.enum : undefined
    if (
      values &&
      types.every((type) => type === 'boolean' || type === 'null') &&
      [true, false, ...(types.includes('null') ? [null] : [])].every((v) => values.includes(v))
    )
      delete schema.enum
  }
  return schema
}

function jsonType(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value
}

/**
 * `oneOf: [a, { oneOf: [b, c] }]` is `oneOf: [a, b, c]` (the inner one's discriminator only
 * annotates).
 */
function flattenNested(schema: Json, keyword: string): void {
  const members = list(schema[keyword])
  const nested = (member: unknown) =>
    isObject(member) &&
    Array.isArray(member[keyword]) &&
    Object.keys(member).every(
      (key) => key === keyword || key === 'discriminator' || ANNOTATIONS.includes(key),
    )
  if (!members.some(nested)) return
  schema[keyword] = members.flatMap((member) =>
    nested(member) ? ((member as Json)[keyword] as unknown[]) : [member],
  )
}

/**
 * A choice with a member that accepts anything accepts anything (null included when it says so).
 */
function foldAnything(schema: Json, keyword: string): void {
  const members = list(schema[keyword])
  const anything = members.find(
    (member) =>
      isObject(member) &&
      Object.keys(member).every((key) => key === 'nullable' || ANNOTATIONS.includes(key)),
  )
  if (!anything) return
  delete schema[keyword]
}

/** `anyOf: [{const: 1}, {enum: [2]}]` is `enum: [1, 2]`. */
function foldLiterals(schema: Json, keyword: string): void {
  const members = list(schema[keyword])
  const literal = (member: unknown) =>
    isObject(member) &&
    (member.const !== undefined || Array.isArray(member.enum)) &&
    Object.keys(member).every((key) => ['const', 'enum', 'type'].includes(key))
  if (members.length === 0 || !members.every(literal) || schema.enum !== undefined) return
  schema.enum = members.flatMap((member) =>
    (member as Json).const !== undefined
      ? [(member as Json).const]
      : ((member as Json).enum as unknown[]),
  )
  if (schema.type === undefined)
    schema.type = [...new Set((schema.enum as unknown[]).map(jsonType))]
  delete schema[keyword]
}

/** `anyOf: [{type: 'string'}, {type: 'number'}]` is `type: ['number', 'string']`. */
function foldBareTypes(schema: Json, keyword: string): void {
  const members = list(schema[keyword])
  const bare = members.every(
    (member) => isObject(member) && Object.keys(member).length === 1 && member.type !== undefined,
  )
  if (members.length === 0 || !bare || schema.type !== undefined) return
  schema.type = [
    ...new Set(members.flatMap((member) => (member as Json).type as string | string[])),
  ]
  delete schema[keyword]
}

/** Parameters and headers are text, which is never JSON null, whatever `nullable` says. */
function withoutNull(schema: Json): void {
  if (Array.isArray(schema.type) && schema.type.length > 1)
    schema.type = schema.type.filter((type) => type !== 'null')
  if (Array.isArray(schema.enum)) schema.enum = schema.enum.filter((value) => value !== null)
}

/**
 * A schema that constrains nothing: words, examples, flags, vendor extensions, `nullable` without a
 * type.
 */
const onlyAnnotates = (schema: unknown) =>
  isObject(schema) &&
  Object.keys(schema).every(
    (key) =>
      [...ANNOTATIONS, 'example', 'examples', 'readOnly', 'writeOnly', 'nullable'].includes(key) ||
      key.startsWith('x-'),
  )

const isNullSchema = (schema: unknown) =>
  isObject(schema) &&
  (schema.type === 'null' ||
    (Array.isArray(schema.type) && schema.type.length === 1 && schema.type[0] === 'null'))

function addNull(schema: Json): void {
  if (schema.type === undefined) {
    if (Array.isArray(schema.enum) && !schema.enum.includes(null))
      schema.enum = [...schema.enum, null]
    return
  }
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string]
  if (!types.includes('null')) schema.type = [...types, 'null']
  if (Array.isArray(schema.enum) && !schema.enum.includes(null))
    schema.enum = [...schema.enum, null]
}

/**
 * Leaves out properties a request never carries (readOnly) or a response never shows (writeOnly).
 */
function hideProperties(result: Normalized, document: Json, direction: Direction): void {
  if (direction === 'parameter' || !isObject(result.schema.properties)) return
  const hidden = direction === 'request' ? 'readOnly' : 'writeOnly'
  const properties = { ...result.schema.properties }
  for (const [name, property] of Object.entries(properties)) {
    // A sibling of $ref counts too: tools honour `{ $ref, readOnly: true }` though 3.0 says to
    // ignore it.
    const resolved = follow(document, property, '').value
    if (
      (isObject(property) && property[hidden] === true) ||
      (isObject(resolved) && resolved[hidden] === true)
    )
      delete properties[name]
  }
  result.schema.properties = properties
  if (Array.isArray(result.schema.required))
    result.schema.required = result.schema.required.filter((name) => name in properties)
}

function discriminatorOf(schema: Json): unknown {
  const discriminator = schema.discriminator
  if (!isObject(discriminator)) return undefined
  return {
    propertyName: discriminator.propertyName,
    mapping: Object.keys((discriminator.mapping ?? {}) as Json).sort(),
  }
}

function descriptionOf(parameter: Json, document: Json): unknown {
  const schema = follow(document, parameter.schema, '').value
  return parameter.description ?? (isObject(schema) ? schema.description : undefined)
}

const styleOf = (parameter: Json) =>
  parameter.style ?? (parameter.in === 'query' || parameter.in === 'cookie' ? 'form' : 'simple')
const explodeOf = (parameter: Json) => parameter.explode ?? styleOf(parameter) === 'form'
const shapeOf = (value: unknown) =>
  value === undefined ? 'absent' : typeof value === 'boolean' ? value : 'a schema'
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])
const sorted = (value: unknown) => (Array.isArray(value) ? [...value].sort() : value)

/** A value with object keys sorted, so key order never counts as a difference. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical)
  if (!isObject(value)) return value
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, canonical(value[key])]),
  )
}

/**
 * `{ $ref, description }` reads as 3.1 reads it: the referenced schema, described here. A
 * `nullable` beside a $ref changes nothing (3.0 ignores the siblings of $ref; the importer warns
 * about it).
 */
function refWithSiblings(schema: unknown): unknown {
  if (!isObject(schema) || typeof schema.$ref !== 'string') return schema
  const { $ref, nullable: _ignored, ...siblings } = schema
  return Object.keys(siblings).length === 0 ? { $ref } : { ...siblings, allOf: [{ $ref }] }
}

function annotationsOf(document: Json, schema: unknown): Json {
  const resolved = follow(document, schema, '').value
  return isObject(resolved)
    ? Object.fromEntries(
        ANNOTATIONS.filter((key) => key in resolved).map((key) => [key, resolved[key]]),
      )
    : {}
}

/** Follows `$ref`s (local ones) and says where the value was found and which refs led there. */
function follow(
  document: Json,
  value: unknown,
  pointer: string,
): { value: unknown; at: string; refs: string[] } {
  let current = value
  let at = pointer
  const refs: string[] = []
  while (isObject(current) && typeof current.$ref === 'string' && refs.length < 20) {
    at = current.$ref
    refs.push(at)
    current = resolvePointer(document, at)
  }
  return { value: current, at, refs }
}

/**
 * Whether a warning covers a difference: one at the differing keyword or inside it, on the same
 * object, or on an object that contains the difference.
 */
export function isReported(
  difference: Difference,
  warnings: ReadonlyArray<{ pointer: string }>,
): boolean {
  const at = `${difference.pointer}/${escape(difference.keyword)}`
  return warnings.some(({ pointer }) => {
    const parent = pointer.slice(0, pointer.lastIndexOf('/'))
    return (
      pointer === difference.pointer ||
      parent === difference.pointer ||
      at === pointer ||
      at.startsWith(`${pointer}/`) ||
      pointer.startsWith(`${at}/`)
    )
  })
}

import { StandinError } from '../contract/standin-error.ts'
import {
  compileArray,
  compileMap,
  compileRecord,
  compileSet,
  compileTuple,
} from './compile-collection.ts'
import { compileEnum, compileIntersection, compileLiteral, compileUnion } from './compile-choice.ts'
import {
  compileAny,
  compileBoolean,
  compileCustom,
  compileFile,
  compileTemplateLiteral,
  compileTransform,
  constant,
  impossible,
} from './compile-misc.ts'
import { compileBigint, compileDate, compileNumber } from './compile-number.ts'
import { compileObject } from './compile-object.ts'
import { compileString } from './compile-string.ts'
import {
  compileCatch,
  compileDefault,
  compileLazy,
  compileNullable,
  compileOptional,
  compilePassThrough,
  compilePipe,
} from './compile-wrapper.ts'
import { explicitChoice } from './explicit-choice.ts'
import { canonical } from './random.ts'
import { mergeMeta, metaOf, NO_META, type Meta } from './metadata.ts'
import {
  hasCustomChecks,
  kindOf,
  PASS_THROUGH_WRAPPERS,
  showPath,
  type Schema,
} from './schema-def.ts'
import { withRetries } from './validate.ts'

/** What a generator reads besides its seed; one per `fake()` call. */
export interface Env {
  /** How many recursive references are open: containers shrink deep values so recursion ends. */
  depth: number
  /** Mixed into the seed an object derives from its `id`. */
  idSeed: number
  /** Earliest instant (ms) for the next timestamp, set by an object around its later timestamps. */
  after: number | undefined
  /** Field values for the root object; the root object takes them and clears this. */
  overrides: Record<string, unknown> | undefined
  /** How many objects enclose the value being generated: deep inside, data thins out (see DEEP). */
  level: number
  /**
   * A string that no try meets gives the closest one instead of an error (see
   * FakeOptions.bestEffort).
   */
  bestEffort: boolean
}

export type Gen = (seed: number, env: Env) => unknown

export interface Node {
  gen: Gen
  /** Contains a reference back to an enclosing schema. */
  recursive: boolean
  /** Why no value exists, when none does (z.never(), a required field without one, …). */
  impossible?: string
}

type Position = 'root' | 'field' | 'element'

export interface Ctx {
  /** Where this schema sits, for messages: `items[].price`. */
  path: string
  /** The property name (for array elements: the singular of the list's name). */
  key?: string
  /** The name of the enclosing object: its component name, else the property holding it. */
  parent?: string
  position: Position
  /** Metadata from the wrappers around this schema (outer wins). */
  meta: Meta
  /** Inside `.nonoptional()`: never generate undefined. */
  required: boolean
  session: Session
}

interface Session {
  useExamples: boolean
  /** A string without a value compiles to a stand-in rather than an impossible node. */
  standIns: boolean
  active: Map<Schema, Map<string, CycleRef>>
  done: Map<Schema, Map<string, Node>>
  depth: number
}

export type Compiler = (schema: Schema, ctx: Ctx) => Node

/**
 * Recursive references deeper than this shrink (empty arrays, null, omitted, non-recursive branch).
 */
export const SHRINK_DEPTH = 2

/**
 * How deep inside objects data thins out, so a large description (an API whose objects embed
 * objects that embed more) answers in kilobytes, not megabytes. From `scalarChoice` objects down, a
 * union that may be a plain value is one (an embedded resource comes as its id, as APIs do unless
 * asked to expand it); from `sparse` down, optional fields are left out and lists hold their fewest
 * items.
 */
export const DEEP = { scalarChoice: 2, sparse: 4 } as const
const MAX_DEPTH = 24
const MAX_COMPILE_DEPTH = 400

// The one table that dispatches on zod schema kinds.
const COMPILERS: Record<string, Compiler> = {
  string: compileString,
  number: compileNumber,
  bigint: compileBigint,
  boolean: compileBoolean,
  date: compileDate,
  null: constant(null),
  undefined: constant(undefined),
  void: constant(undefined),
  nan: constant(Number.NaN),
  any: compileAny,
  unknown: compileAny,
  never: impossible('z.never() accepts no value'),
  symbol: impossible('z.symbol() has no JSON value'),
  function: impossible('z.function() has no JSON value'),
  promise: impossible('z.promise() has no JSON value'),
  literal: compileLiteral,
  enum: compileEnum,
  template_literal: compileTemplateLiteral,
  object: compileObject,
  array: compileArray,
  tuple: compileTuple,
  record: compileRecord,
  map: compileMap,
  set: compileSet,
  union: compileUnion,
  intersection: compileIntersection,
  optional: compileOptional,
  nullable: compileNullable,
  default: compileDefault,
  prefault: compileDefault,
  nonoptional: compilePassThrough,
  readonly: compilePassThrough,
  success: compilePassThrough,
  catch: compileCatch,
  lazy: compileLazy,
  pipe: compilePipe,
  transform: compileTransform,
  custom: compileCustom,
  file: compileFile,
}

/** Kinds that only wrap another schema: their metadata belongs to the schema inside. */
const WRAPPERS = new Set([...PASS_THROUGH_WRAPPERS, 'success', 'catch', 'lazy'])

export function newSession(useExamples: boolean, standIns: boolean): Session {
  return { useExamples, standIns, active: new Map(), done: new Map(), depth: 0 }
}

/**
 * The generator for a schema in a context; compiled once per schema and context within a session.
 */
export function compile(schema: Schema, ctx: Ctx): Node {
  const key = contextKey(ctx)
  const done = ctx.session.done.get(schema)?.get(key)
  if (done) return done
  const active = ctx.session.active.get(schema)?.get(key)
  if (active) return active.reference()
  if (++ctx.session.depth > MAX_COMPILE_DEPTH) {
    throw new StandinError(
      'FAKE_UNSUPPORTED',
      `Schema at ${showPath(ctx.path)} nests too deeply to generate; is a getter building a new schema on every read?`,
    )
  }
  const cycle = new CycleRef(ctx.path)
  entry(ctx.session.active, schema).set(key, cycle)
  try {
    const node = cycle.close(compileFresh(schema, ctx))
    entry(ctx.session.done, schema).set(key, node)
    return node
  } finally {
    ctx.session.active.get(schema)?.delete(key)
    ctx.session.depth--
  }
}

function compileFresh(schema: Schema, ctx: Ctx): Node {
  const kind = kindOf(schema)
  const meta = mergeMeta(metaOf(schema), ctx.meta)
  const compiler = COMPILERS[kind]
  if (!compiler) return impossible(`zod schema kind "${kind}" is not supported`)(schema, ctx)
  if (WRAPPERS.has(kind)) return refined(schema, compiler(schema, { ...ctx, meta }), ctx)
  const generic = (): Node => refined(schema, compiler(schema, { ...ctx, meta: NO_META }), ctx)
  return explicitChoice(schema, { ...ctx, meta }, generic) ?? generic()
}

/** With refine/superRefine/check on the schema, values are judged by zod and retried. */
function refined(schema: Schema, node: Node, ctx: Ctx): Node {
  return hasCustomChecks(schema) && !node.impossible ? withRetries(schema, node, ctx.path) : node
}

/** A child context: a property, an element, a tuple slot. */
export function child(ctx: Ctx, path: string, fields: Partial<Ctx> & { position: Position }): Ctx {
  return { path, meta: NO_META, required: false, session: ctx.session, ...fields }
}

function contextKey(ctx: Ctx): string {
  const meta =
    ctx.meta === NO_META ? '' : canonical([ctx.meta.example, ctx.meta.examples, ctx.meta.hint])
  return `${ctx.key ?? ''}\u0000${ctx.parent ?? ''}\u0000${ctx.position}\u0000${ctx.required}\u0000${meta}`
}

function entry<V>(map: Map<Schema, Map<string, V>>, schema: Schema): Map<string, V> {
  let inner = map.get(schema)
  if (!inner) map.set(schema, (inner = new Map()))
  return inner
}

/** Stands in for a schema while it is being compiled, so a schema that contains itself compiles. */
class CycleRef {
  private target: Node | undefined
  private used = false

  constructor(private readonly path: string) {}

  reference(): Node {
    this.used = true
    const path = this.path
    const gen: Gen = (seed, env) => {
      if (++env.depth > MAX_DEPTH) {
        throw new StandinError(
          'FAKE_UNSUPPORTED',
          `Recursive schema at ${showPath(path)} never ends: every branch recurses. Make the recursive part optional, nullable or an array that may be empty.`,
        )
      }
      const value = (this.target as Node).gen(seed, env)
      env.depth--
      return value
    }
    return { gen, recursive: true }
  }

  close(node: Node): Node {
    const closed = this.used ? { ...node, recursive: true } : node
    this.target = closed
    return closed
  }
}

import type {
  Contract,
  OperationId,
  ParsedPathParamsOf,
  ParsedQueryOf,
  ParsedRequestBodyOf,
  ResponseBodyOf,
  StatusOf,
} from '../contract/types.ts'
import type { FaultKind } from './faults/kinds.ts'
import type { SessionState } from './state/session-state.ts'

type Or<T, Fallback> = [T] extends [never] ? Fallback : T

type SuccessCode = 200 | 201 | 202 | 203 | 204 | 205 | 206 | 207 | 208 | 226

/** The documented 2xx statuses of an operation. */
export type SuccessStatusOf<C extends Contract, Id extends OperationId<C>> = Extract<
  StatusOf<C, Id>,
  SuccessCode
>

/** What an operation answers on success: the body a handler may return without `ctx.respond`. */
export type SuccessBodyOf<C extends Contract, Id extends OperationId<C>> = ResponseBodyOf<
  C,
  Id,
  SuccessStatusOf<C, Id>
>

/** The request as a hand-written mock sees it: validated and parsed by the operation's schemas. */
export interface MockRequest<
  C extends Contract = Contract,
  Id extends OperationId<C> = OperationId<C>,
> {
  operationId: Id
  /** As sent: `HEAD` for a HEAD request served by a GET operation. */
  method: string
  /** The URL path, e.g. `/orders/9f8e…`. */
  path: string
  params: Or<ParsedPathParamsOf<C, Id>, Record<string, never>>
  query: Or<ParsedQueryOf<C, Id>, Record<string, never>>
  body: Or<ParsedRequestBodyOf<C, Id>, undefined>
  headers: Headers
  cookies: Record<string, string>
  /** The seed of this response: the same request gets the same seed. */
  seed: number
  /** The scenario that picked this handler, if any. */
  scenario: string | undefined
}

/** A response with an explicit status, made by `ctx.respond` or `ctx.problem`. */
export interface MockReply {
  readonly kind: 'standin.reply'
  readonly status: number
  readonly body: unknown
  readonly headers: Readonly<Record<string, string>>
}

export interface ReplyInit {
  headers?: Record<string, string>
}

type RespondArgs<Body> = [Body] extends [undefined]
  ? [body?: undefined, init?: ReplyInit]
  : [body: Body, init?: ReplyInit]

/** Helpers a handler gets as its second argument. */
export interface MockContext<
  C extends Contract = Contract,
  Id extends OperationId<C> = OperationId<C>,
> {
  /**
   * The success body the mock would have generated for this request, with some top-level fields
   * pinned.
   */
  fake(overrides?: Partial<SuccessBodyOf<C, Id>>): SuccessBodyOf<C, Id>
  /** Answers with a documented status and its body (type-checked against that status). */
  respond<S extends StatusOf<C, Id>>(
    status: S,
    ...args: RespondArgs<ResponseBodyOf<C, Id, S>>
  ): MockReply
  /**
   * Answers with a documented error status and a problem+json body (`type`, `title`, `status`,
   * `detail`).
   */
  problem(status: Exclude<StatusOf<C, Id>, SuccessCode>, detail?: string): MockReply
  /**
   * Fails this request on purpose, as `Prefer: fault=` does: what the network does to the answer
   * (`'reset'`, `'timeout'`, `'empty'`, `'malformed'`, `'truncated'`), or the status a gateway or
   * rate limiter answers with instead (429, 500, 502, 503, 504). The answer lost or damaged is
   * `answer` (a body or a `ctx.respond` reply) when given, else the generated success: a payment
   * taken whose answer never arrives is `ctx.fault('reset', await takePayment(c, ctx))`.
   */
  fault(kind: FaultKind, answer?: MockResult<C, Id>): MockReply
  seed: number
  /**
   * The session's objects when the mock is stateful (`standin serve --stateful`); undefined when it
   * is not.
   */
  state: SessionState | undefined
}

/** What a handler returns: a success body, or a reply from `ctx.respond` / `ctx.problem`. */
export type MockResult<C extends Contract, Id extends OperationId<C>> =
  | SuccessBodyOf<C, Id>
  | MockReply

/**
 * A hand-written answer for one operation; its return value is checked against the contract twice:
 * by tsc and per request.
 */
export type MockHandler<
  C extends Contract = Contract,
  Id extends OperationId<C> = OperationId<C>,
> = (
  c: MockRequest<C, Id>,
  ctx: MockContext<C, Id>,
) => MockResult<C, Id> | Promise<MockResult<C, Id>>

/** Handlers by operationId. */
export type OperationMocks<C extends Contract> = { [Id in OperationId<C>]?: MockHandler<C, Id> }

/**
 * Objects collections start with in stateful mode, by collection path (`'/carts'`,
 * `'/products/0d9a…/reviews'`), instead of the generated ones. A function is called the first time
 * a stateful mock needs the objects, so a stateless one never pays for making them.
 */
export type InitialState = Readonly<Record<string, readonly object[] | (() => readonly object[])>>

/**
 * The argument of `defineMocks`: handlers by operationId, the objects collections start with in
 * stateful mode (`state`), and named scenarios that replace some of either.
 */
export type MocksDefinition<C extends Contract> =
  string extends OperationId<C>
    ? LooseMocksDefinition
    : OperationMocks<C> & {
        state?: InitialState
        scenarios?: Record<string, OperationMocks<C> & { state?: InitialState }>
      }

/** Handlers of one scenario of a contract whose operations the type checker does not know. */
export interface LooseOperationMocks {
  [operationId: string]: AnyMockHandler | InitialState | undefined
  state?: InitialState
}

/**
 * Mocks of a contract whose operations the type checker does not know (one read from an OpenAPI
 * document at run time with `fromOpenAPI`): handlers by operationId, checked when they load.
 */
export interface LooseMocksDefinition {
  [operationId: string]:
    | AnyMockHandler
    | InitialState
    | Record<string, LooseOperationMocks>
    | undefined
  state?: InitialState
  scenarios?: Record<string, LooseOperationMocks>
}

// The loose shape the app runs, whatever contract the handlers were typed against.
export type AnyMockHandler = (
  c: MockRequest<Contract, string>,
  ctx: MockContext<Contract, string>,
) => unknown

/** What `defineMocks` returns and `createMockApp({ mocks })` takes. */
export interface Mocks {
  readonly kind: 'standin.mocks'
  readonly handlers: Readonly<Record<string, AnyMockHandler>>
  readonly scenarios: Readonly<Record<string, Readonly<Record<string, AnyMockHandler>>>>
  /** Declared starting objects of stateful mode: for every session, and per scenario. */
  readonly state?: {
    readonly initial: InitialState
    readonly scenarios: Readonly<Record<string, InitialState>>
  }
}

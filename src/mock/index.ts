export { createMockApp } from './create-mock-app.ts'
export { fixture, type FixtureOptions } from './fixture.ts'
export { defineMocks, isMocks, checkMocks } from './define-mocks.ts'
export { DOCS_ASSETS } from './docs.ts'
export {
  type AssetLoader,
  type MockOptions,
  type StatefulOptions,
  DEFAULT_HOST,
  DEFAULT_PORT,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_DELAY_MS,
  DEFAULT_SEED,
} from './options.ts'
export { parsePrefer, type Preferences } from './prefer.ts'
export {
  FAULT_HEADER,
  type FaultKind,
  type NetworkFault,
  type StatusFault,
} from './faults/kinds.ts'
export type { FaultOptions, LatencyOptions, RateLimitOptions } from './faults/options.ts'
export { parseFaults, parseLatency, parseRateLimit } from './faults/spec.ts'
export { PROBLEM_BASE, PROBLEM_MEDIA_TYPE, type ProblemBody, type ProblemIssue } from './problem.ts'
export type {
  AnyMockHandler,
  InitialState,
  MockContext,
  MockHandler,
  MockReply,
  MockRequest,
  MockResult,
  Mocks,
  MocksDefinition,
  OperationMocks,
  ReplyInit,
  SuccessBodyOf,
  SuccessStatusOf,
} from './mock-types.ts'

// The runtime-neutral API: everything here runs on Node, Cloudflare Workers and in browsers.
// `standin` resolves here under the workerd/worker/browser export conditions; src/index.ts adds the
// Node-only API.

// Authoring: one zod instance for contracts and standin alike
export { z, createRoute } from '@hono/zod-openapi'

// Contract
export {
  defineContract,
  isContract,
  getOperation,
  documentedStatuses,
  StandinError,
  isStandinError,
} from './contract/index.ts'
export type {
  Contract,
  ContractDefinition,
  ContractInfo,
  Discriminator,
  HttpMethod,
  Operation,
  OperationId,
  ParsedPathParamsOf,
  ParsedQueryOf,
  ParsedRequestBodyOf,
  PathParamsOf,
  QueryOf,
  RequestBodyOf,
  ResponseBodyOf,
  RouteConfig,
  Routes,
  SecurityRequirement,
  SecurityScheme,
  StatusOf,
} from './contract/index.ts'

// OpenAPI: the contract as an OpenAPI 3.1 or 3.0 document
export { toOpenAPI } from './openapi/index.ts'
export type { OpenAPIDocument, OpenAPIOptions } from './openapi/index.ts'

// Fake
export {
  fake,
  fakeInvalid,
  seedOf,
  checkFakerHints,
  inspectSchema,
  exampleOf,
  REFERENCE_DATE,
} from './fake/index.ts'
export type { FakeOptions, SchemaInfo } from './fake/index.ts'

// Mock
export {
  createMockApp,
  fixture,
  defineMocks,
  isMocks,
  parsePrefer,
  parseFaults,
  parseLatency,
  parseRateLimit,
  FAULT_HEADER,
  DOCS_ASSETS,
  PROBLEM_BASE,
  PROBLEM_MEDIA_TYPE,
} from './mock/index.ts'
export {
  DEFAULT_HOST,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_DELAY_MS,
  DEFAULT_PORT,
  DEFAULT_SEED,
} from './mock/index.ts'
export type {
  AssetLoader,
  FaultKind,
  FaultOptions,
  FixtureOptions,
  LatencyOptions,
  NetworkFault,
  RateLimitOptions,
  StatusFault,
  MockContext,
  MockHandler,
  MockOptions,
  MockReply,
  MockRequest,
  MockResult,
  Mocks,
  MocksDefinition,
  Preferences,
  ProblemBody,
  ProblemIssue,
  SuccessBodyOf,
  SuccessStatusOf,
} from './mock/index.ts'

// Operations: one model of each operation and of the collections they form, read by the mock and
// verify
export { inferResources } from './operation/index.ts'
export type { Action, FieldPath, ResourceSpec, Resources, Role } from './operation/index.ts'

// State: stateful mocks (sessions, stores, the Durable Object of a Worker)
export {
  createMemoryStore,
  StandinSession,
  durableObjectStore,
  SESSION_COOKIE,
  SESSION_HEADER,
  DEFAULT_MAX_OBJECTS,
  DEFAULT_MAX_SESSIONS,
  DEFAULT_MAX_STATE_BYTES,
  StoreUnavailableError,
} from './mock/state/index.ts'
export type {
  DurableObjectNamespaceLike,
  MemoryStore,
  MemoryStoreOptions,
  ResourceExtension,
  SessionDump,
  SessionState,
  StateStore,
  StoreChange,
  StoredObject,
} from './mock/state/index.ts'
export type { InitialState, StatefulOptions } from './mock/index.ts'

// Verify
export {
  verify,
  exitCodeOf,
  checkResponse,
  parseHeaderLines,
  parseQueryLines,
  ISSUE_CODES,
  createProgressPrinter,
  formatConsoleReport,
  toJUnitXml,
  toHtmlReport,
  toJsonReport,
} from './verify/index.ts'
export type {
  CaseKind,
  CaseResult,
  CheckOptions,
  CheckResult,
  ConsoleOptions,
  FetchHandler,
  Issue,
  IssueCode,
  IssuePath,
  OperationResult,
  ProgressEvent,
  ReceivedResponse,
  ResponseUnderTest,
  SentRequest,
  SequenceResult,
  VerifyOptions,
  VerifyReport,
  VerifyTotals,
} from './verify/index.ts'

// Proxy: between a frontend and its backend — live checks, the mock for what is not built yet
export {
  ANSWERED_BY_HEADER,
  createProxyApp,
  VIOLATIONS_HEADER,
  VIOLATIONS_PATH,
} from './proxy/index.ts'
export type {
  ProxyApp,
  ProxyExchange,
  ProxyOptions,
  RecordedMessage,
  Side,
  Transport,
  Violation,
  ViolationCause,
  ViolationCode,
  ViolationReport,
} from './proxy/index.ts'

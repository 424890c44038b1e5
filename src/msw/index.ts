// `standin/msw`: the mock of a contract as MSW request handlers, for frontend tests without a server.
// msw (2.x or 3.x) is a peer dependency: install it beside standin.
export { handlers, type MswOptions, type StandinHandlers } from './handlers.ts'

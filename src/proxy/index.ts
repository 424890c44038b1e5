export {
  ANSWERED_BY_HEADER,
  createProxyApp,
  type ProxyApp,
  type ProxyOptions,
  VIOLATIONS_HEADER,
  VIOLATIONS_PATH,
} from './create-proxy-app.ts'
export type { ProxyExchange, RecordedMessage } from './exchange.ts'
export type { Transport } from './forward.ts'
export type {
  Side,
  Violation,
  ViolationCause,
  ViolationCode,
  ViolationReport,
} from './violations.ts'

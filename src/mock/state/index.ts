export {
  createMemoryStore,
  type MemoryStore,
  type MemoryStoreOptions,
  type StoreChange,
  type StoreSnapshot,
} from './memory-store.ts'
export {
  StandinSession,
  durableObjectStore,
  type DurableObjectNamespaceLike,
  type DurableObjectStateLike,
  type SessionObjectEnv,
} from './durable-object.ts'
export type { ResourceExtension } from '../../operation/resources.ts'
export { SESSION_COOKIE, SESSION_HEADER } from './session-id.ts'
export type { SessionState } from './session-state.ts'
export {
  DEFAULT_MAX_OBJECTS,
  DEFAULT_MAX_SESSIONS,
  DEFAULT_MAX_STATE_BYTES,
  type Entry,
  type PutResult,
  type SessionDump,
  type SessionInfo,
  type StateStore,
  type StoredObject,
  StoreUnavailableError,
  type Write,
} from './store.ts'

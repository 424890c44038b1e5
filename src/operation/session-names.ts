// How a stateful mock tells its sessions apart. verify reads them too: run against a standin mock,
// it keeps the one session its first answer started, so what it creates is there when it reads it
// back.

/** The header a client names its session with. */
export const SESSION_HEADER = 'X-Standin-Session'
/** The cookie that keeps a session for a client that names none (a browser). */
export const SESSION_COOKIE = 'standin_session'
/** The header on every answer of a mock: `stateless`, or `stateful; session=ID`. */
export const MOCK_HEADER = 'X-Standin-Mock'

import type { ProblemInit } from '../problem.ts'
import { readCookies } from '../request-parts.ts'
import { withChangedHeaders } from '../changed-headers.ts'

import { SESSION_COOKIE, SESSION_HEADER } from '../../operation/session-names.ts'

export { SESSION_COOKIE, SESSION_HEADER }

const VALID = /^[A-Za-z0-9._-]{1,64}$/
const RULE = 'must be 1 to 64 letters, digits, ".", "_" or "-"'

/** A request's session: named by the client, or new (then the answer sets the cookie). */
export type SessionId =
  | { ok: true; id: string; fresh: boolean }
  | { ok: false; problem: ProblemInit }

/**
 * The session of a request: the `X-Standin-Session` header, else the `standin_session` cookie, else
 * a new random id. A malformed one is a 400 problem rather than a session of its own.
 *
 * @example
 * readSessionId(new Request('http://mock/orders', { headers: { 'X-Standin-Session': 'alice' } })) // { ok: true, id: 'alice', fresh: false }
 */
export function readSessionId(request: Request): SessionId {
  const header = request.headers.get(SESSION_HEADER)
  if (header !== null) return checked(header.trim(), { location: 'header', path: SESSION_HEADER })
  const cookie = readCookies(request.headers)[SESSION_COOKIE]
  if (cookie !== undefined) return checked(cookie, { location: 'cookie', path: SESSION_COOKIE })
  return { ok: true, id: crypto.randomUUID(), fresh: true }
}

function checked(id: string, where: { location: 'header' | 'cookie'; path: string }): SessionId {
  if (VALID.test(id)) return { ok: true, id, fresh: false }
  const detail = `The session id in ${where.location === 'header' ? `the ${SESSION_HEADER} header` : `the ${SESSION_COOKIE} cookie`} ${RULE}. Send another one, or none to get a new session.`
  return {
    ok: false,
    problem: { kind: 'validation', status: 400, detail, errors: [{ ...where, message: RULE }] },
  }
}

/**
 * The response with the cookie that keeps a new session: HttpOnly, SameSite=Lax, for every path.
 *
 * @example
 * withSessionCookie(response, '5b3e…') // Set-Cookie: standin_session=5b3e…; Path=/; HttpOnly; SameSite=Lax
 */
export function withSessionCookie(response: Response, id: string): Response {
  const cookie = `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax`
  return withChangedHeaders(response, (headers) => headers.append('Set-Cookie', cookie))
}

import { allowedMethods } from '../router.ts'
import { parsePrefer } from '../prefer.ts'
import { problemResponse } from '../problem.ts'
import type { SessionDump, StateStore } from './store.ts'

const STATE_PATH = '/__standin/state'
const RESET_PATH = '/__standin/reset'

/** True for the paths `controlResponse` answers. */
export function isControlPath(pathname: string): boolean {
  return pathname === STATE_PATH || pathname === RESET_PATH
}

/**
 * `GET /__standin/state` shows what the session created, changed and deleted; `POST
 * /__standin/reset` forgets it, and with `Prefer: scenario=NAME` starts the session over in that
 * scenario (its declared objects, and its handlers for requests that name no scenario).
 *
 * @example
 * await controlResponse(request, '/__standin/reset', 'alice', store, ['empty-cart'])
 */
export async function controlResponse(
  request: Request,
  pathname: string,
  session: string,
  store: StateStore,
  scenarios: readonly string[],
): Promise<Response> {
  const wanted = pathname === STATE_PATH ? ['GET'] : ['POST']
  const method = request.method === 'HEAD' ? 'GET' : request.method
  if (!wanted.includes(method)) return wrongMethod(request, pathname, allowedMethods(wanted))
  if (pathname === RESET_PATH) {
    const scenario = resetScenario(request, scenarios)
    if (scenario instanceof Response) return scenario
    await store.reset(session, scenario)
  }
  const dump = (await store.dump(session)) ?? emptyDump(session)
  const body = store.saving ? { ...dump, saving: store.saving() } : dump
  return new Response(request.method === 'HEAD' ? null : dumpBody(body), {
    status: 200,
    headers: { 'Content-Type': 'application/json' },
  })
}

function resetScenario(
  request: Request,
  scenarios: readonly string[],
): string | undefined | Response {
  const prefer = parsePrefer(request.headers.get('prefer'), 0)
  if (!prefer.ok)
    return problemResponse({
      kind: 'invalid-prefer',
      status: 400,
      detail: 'The Prefer header has values the mock cannot use.',
      errors: prefer.issues,
    })
  const scenario = prefer.value.scenario
  if (scenario === undefined || scenarios.includes(scenario)) return scenario
  const list =
    scenarios.length > 0 ? `Known scenarios: ${scenarios.join(', ')}.` : 'No scenarios are loaded.'
  const message = `Unknown scenario "${scenario}". ${list}`
  return problemResponse({
    kind: 'invalid-prefer',
    status: 400,
    detail: message,
    errors: [{ location: 'header', path: 'Prefer', message }],
  })
}

// Well below V8's longest string (2^29 - 24 characters): a bigger dump is sent as a stream.
const MAX_DUMP_STRING = 64 * 1024 ** 2

/**
 * `JSON.stringify(dump)`, as one string when it is small and as a stream of its parts (one object
 * each) when one string could exceed what the runtime can build: the same bytes either way.
 *
 * @example
 * dumpBody({ session: 'a', scenario: null, objects: {}, deleted: {} }) // '{"session":"a",…}'
 */
export function dumpBody(
  dump: DumpWithSaving,
  maxString = MAX_DUMP_STRING,
): string | ReadableStream<Uint8Array> {
  const parts = dumpParts(dump)
  let length = 0
  for (const part of parts) length += part.length
  if (length <= maxString) return parts.join('')
  const encoder = new TextEncoder()
  let next = 0
  return new ReadableStream({
    pull(controller) {
      const part = parts[next++]
      if (part === undefined) controller.close()
      else controller.enqueue(encoder.encode(part))
    },
  })
}

/** A session's dump, and whether its state is being saved when a state file is in use. */
type DumpWithSaving = SessionDump & { saving?: unknown }

function dumpParts(dump: DumpWithSaving): string[] {
  const head = `{"session":${JSON.stringify(dump.session)},"scenario":${JSON.stringify(dump.scenario)},"objects":{`
  const parts = [head]
  Object.entries(dump.objects).forEach(([collection, objects], c) => {
    parts.push(`${c > 0 ? ',' : ''}${JSON.stringify(collection)}:[`)
    objects.forEach((object, i) => {
      parts.push(`${i > 0 ? ',' : ''}${JSON.stringify(object)}`)
    })
    parts.push(']')
  })
  const saving = dump.saving === undefined ? '' : `,"saving":${JSON.stringify(dump.saving)}`
  parts.push(`},"deleted":${JSON.stringify(dump.deleted)}${saving}}`)
  return parts
}

function emptyDump(session: string): SessionDump {
  return { session, scenario: null, objects: {}, deleted: {} }
}

function wrongMethod(request: Request, pathname: string, allow: string[]): Response {
  if (request.method === 'OPTIONS')
    return new Response(null, { status: 204, headers: { Allow: allow.join(', ') } })
  const detail = `${pathname} does not take ${request.method}; it takes ${allow.join(', ')}.`
  return problemResponse({
    kind: 'method-not-allowed',
    status: 405,
    detail,
    headers: { Allow: allow.join(', ') },
  })
}

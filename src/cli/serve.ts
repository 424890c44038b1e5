import { StandinError } from '../contract/standin-error.ts'
import {
  DEFAULT_HOST,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_DELAY_MS,
  DEFAULT_PORT,
  DEFAULT_SEED,
} from '../mock/options.ts'
import {
  DEFAULT_MAX_OBJECTS,
  DEFAULT_MAX_SESSIONS,
  DEFAULT_MAX_STATE_BYTES,
} from '../mock/state/store.ts'
import { parseFaults, parseLatency, parseRateLimit } from '../mock/faults/spec.ts'
import type { MockServer, ServeOptions } from '../node.ts'
import {
  type CliIO,
  defineCommand,
  integerOption,
  type ParsedValues,
  stringOption,
} from './command.ts'

export const serveCommand = defineCommand({
  name: 'serve',
  summary: 'Serve a realistic mock of a contract over HTTP.',
  usage: `standin serve [options]

Options:
  -c, --contract FILE    contract file (default: contracts/index.ts)
  --spec FILE|URL        an OpenAPI 3.x or Swagger 2.0 document (JSON or YAML) instead of a contract
  --mocks FILE           hand-written mocks and scenarios (default: mocks/index.ts beside the contract, if any)
  --no-mocks             serve no hand-written mocks even if mocks/index.ts exists
  -p, --port N           port to listen on (default: ${DEFAULT_PORT}; 0 picks a free one)
  -h, --host HOST        address to listen on (default: ${DEFAULT_HOST}); as in Prism, -h is the host here
                         and --help the help
  --base-path PATH       serve the API under PATH (default: the path of the contract's first server URL; / for the root)
  --seed N               seed of all generated data (default: ${DEFAULT_SEED})
  --static               answer with the contract's examples by default instead of faker data
  --scenario NAME        scenario to use when a request names none
  --cors-origin ORIGIN   allow only this origin (repeatable; default: every origin)
  --no-cors              send no CORS headers
  --max-body-bytes N     largest request body accepted (default: ${DEFAULT_MAX_BODY_BYTES})
  --max-delay MS         cap of Prefer: delay= (default: ${DEFAULT_MAX_DELAY_MS})
  --faults SPEC          fail a seeded share of requests: 'rate=0.05,kinds=reset|503' (kinds: reset,
                         timeout, empty, malformed, truncated, 429, 500, 502, 503, 504; default
                         reset|empty|truncated|malformed|503)
  --latency TIME         wait before each answer: 200ms, or a seeded spread such as 50-400ms
  --rate-limit N/TIME    answer 429 with Retry-After past N requests a second (10/s), minute or hour
  --watch                reload when the contract or mocks change
  --quiet                no log line per request
  --replay FILE.har      answer the requests recorded in FILE.har with their recorded answers, the rest from the mock
  --no-cache             render every answer, instead of sending a generated one again for the same request
  --stateful             remember what clients create, per session (X-Standin-Session or a cookie)
  --state-file FILE      keep the sessions in FILE across restarts (implies --stateful)
  --max-sessions N       sessions kept, least recently used forgotten first (default: ${DEFAULT_MAX_SESSIONS})
  --max-objects N        objects kept per session, least recently used first out (default: ${DEFAULT_MAX_OBJECTS})
  --max-state-bytes N    bytes of stored JSON kept, all sessions together (default: ${DEFAULT_MAX_STATE_BYTES});
                         least recently used sessions forgotten first; one session keeps a quarter, its
                         oldest objects first out; a larger object is refused with 413`,
  options: {
    ...serveOptionSpecs(),
  },
  async run(values, _positionals, io) {
    // Loaded here so that other commands start without faker and the mock.
    const { serveMock } = await import('../node.ts')
    return serveUntilSignalled(() => serveMock(serveOptionsOf(values, io)), io)
  },
})

/** The options `serve` takes, which `proxy` takes too. */
export function serveOptionSpecs() {
  return {
    contract: { type: 'string', short: 'c' },
    spec: { type: 'string' },
    mocks: { type: 'string' },
    'no-mocks': { type: 'boolean' },
    port: { type: 'string', short: 'p' },
    host: { type: 'string', short: 'h' },
    'base-path': { type: 'string' },
    seed: { type: 'string' },
    static: { type: 'boolean' },
    scenario: { type: 'string' },
    'cors-origin': { type: 'string', multiple: true },
    'no-cors': { type: 'boolean' },
    'max-body-bytes': { type: 'string' },
    'max-delay': { type: 'string' },
    faults: { type: 'string' },
    latency: { type: 'string' },
    'rate-limit': { type: 'string' },
    watch: { type: 'boolean' },
    quiet: { type: 'boolean' },
    replay: { type: 'string' },
    'no-cache': { type: 'boolean' },
    stateful: { type: 'boolean' },
    'state-file': { type: 'string' },
    'max-sessions': { type: 'string' },
    'max-objects': { type: 'string' },
    'max-state-bytes': { type: 'string' },
  } as const
}

/** What the serve options say, with the lines going to `io`. */
export function serveOptionsOf(values: ParsedValues, io: CliIO): ServeOptions {
  return {
    ...serveOptions(values),
    log: (line) => io.out(`${line}\n`),
    error: (line) => io.err(`${line}\n`),
  }
}

/**
 * Starts a server and serves until SIGINT or SIGTERM, then closes it; returns what `stopped`
 * returns for it (0 by default).
 */
export async function serveUntilSignalled<Server extends Pick<MockServer, 'close'> = MockServer>(
  start: () => Promise<Server>,
  io: CliIO,
  stopped: (server: Server) => Promise<number> = async () => 0,
): Promise<number> {
  // Listening before the server starts: a SIGTERM right after the startup line shuts down cleanly.
  const signalled = nextSignal()
  const server = await start().catch((error: unknown) => {
    signalled.stop()
    throw error
  })
  const signal = await signalled.signal
  io.out(`Received ${signal}; shutting down.\n`)
  await server.close()
  return stopped(server)
}

function serveOptions(values: ParsedValues): ServeOptions {
  const options: ServeOptions = {
    contract: stringOption(values, 'contract'),
    spec: stringOption(values, 'spec'),
    mocks: values['no-mocks'] === true ? false : stringOption(values, 'mocks'),
    port: integerOption(values, 'port', { min: 0, max: 65_535 }),
    host: stringOption(values, 'host'),
    basePath: stringOption(values, 'base-path'),
    seed: integerOption(values, 'seed', { min: 0, max: Number.MAX_SAFE_INTEGER }),
    dynamic: values.static === true ? false : undefined,
    scenario: stringOption(values, 'scenario'),
    cors: corsOption(values),
    maxBodyBytes: integerOption(values, 'max-body-bytes', { min: 1, max: 1024 ** 3 }),
    maxDelayMs: integerOption(values, 'max-delay', { min: 0, max: 600_000 }),
    ...failureOptions(values),
    watch: values.watch === true,
    quiet: values.quiet === true,
    replay: stringOption(values, 'replay'),
    cache: values['no-cache'] === true ? false : undefined,
    ...stateOptions(values),
  }
  return Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  ) as ServeOptions
}

/** `--faults`, `--latency` and `--rate-limit`, read by the same parsers as a Worker's variables. */
function failureOptions(
  values: ParsedValues,
): Pick<ServeOptions, 'faults' | 'latency' | 'rateLimit'> {
  const faults = stringOption(values, 'faults')
  const latency = stringOption(values, 'latency')
  const rateLimit = stringOption(values, 'rate-limit')
  return {
    faults: faults === undefined ? undefined : parseFaults(faults),
    latency: latency === undefined ? undefined : parseLatency(latency),
    rateLimit: rateLimit === undefined ? undefined : parseRateLimit(rateLimit),
  }
}

function stateOptions(
  values: ParsedValues,
): Pick<ServeOptions, 'stateful' | 'stateFile' | 'maxSessions' | 'maxObjects' | 'maxStateBytes'> {
  const stateFile = stringOption(values, 'state-file')
  const stateful = values.stateful === true || stateFile !== undefined
  const maxSessions = integerOption(values, 'max-sessions', { min: 1, max: 1_000_000 })
  const maxObjects = integerOption(values, 'max-objects', { min: 1, max: 10_000_000 })
  const maxStateBytes = integerOption(values, 'max-state-bytes', {
    min: 1,
    max: Number.MAX_SAFE_INTEGER,
  })
  if (!stateful && [maxSessions, maxObjects, maxStateBytes].some((cap) => cap !== undefined)) {
    throw new StandinError(
      'USAGE',
      '--max-sessions, --max-objects and --max-state-bytes bound the sessions of a stateful mock. Add --stateful.',
    )
  }
  return { stateful, stateFile, maxSessions, maxObjects, maxStateBytes }
}

function corsOption(values: ParsedValues): ServeOptions['cors'] {
  if (values['no-cors'] === true) return false
  const origins = values['cors-origin']
  return Array.isArray(origins) && origins.length > 0 ? { origins: origins.map(String) } : undefined
}

function nextSignal(): { signal: Promise<NodeJS.Signals>; stop(): void } {
  let handle: (signal: NodeJS.Signals) => void = () => undefined
  const stop = () => {
    process.off('SIGINT', handle)
    process.off('SIGTERM', handle)
  }
  const signal = new Promise<NodeJS.Signals>((resolve) => {
    handle = (received) => {
      stop()
      resolve(received)
    }
    process.on('SIGINT', handle)
    process.on('SIGTERM', handle)
  })
  return { signal, stop }
}

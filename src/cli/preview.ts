import { StandinError } from '../contract/standin-error.ts'
import { DEFAULT_HOST, DEFAULT_PREVIEW_PORT, DEFAULT_SEED } from '../mock/options.ts'
import { defineCommand, integerOption, type ParsedValues, stringOption } from './command.ts'
import { serveOptionSpecs, serveUntilSignalled } from './serve.ts'

export const previewCommand = defineCommand({
  name: 'preview',
  summary: 'Serve a built frontend and the mock of its contract on one origin, in a local Worker.',
  usage: `standin preview --static DIR --dev [options]

Options:
  --static DIR           the built frontend (a folder with index.html); a path with no file gets index.html
  --dev                  run the preview locally, in workerd (wrangler's local runtime)
  --api-path PATH        where the mock answers (default: the contract's base path, or /api when that is /)
  -c, --contract FILE    contract file (default: contracts/index.ts)
  --mocks FILE           hand-written mocks and scenarios (default: mocks/index.ts beside the contract, if any)
  --no-mocks             serve no hand-written mocks even if mocks/index.ts exists
  --seed N               seed of all generated data (default: ${DEFAULT_SEED})
  --scenario NAME        scenario to use when a request names none
  --stateful             remember what clients create, per session (a cookie), in Durable Objects
  -p, --port N           port to listen on (default: ${DEFAULT_PREVIEW_PORT}; 0 picks a free one)
  -h, --host HOST        address to listen on (default: ${DEFAULT_HOST})`,
  options: {
    static: { type: 'string' },
    dev: { type: 'boolean' },
    deploy: { type: 'boolean' },
    'api-path': { type: 'string' },
    ...sharedWithServe(),
  },
  async run(values, _positionals, io) {
    const options = previewOptionsOf(values)
    const { startPreview } = await import('../node/preview.ts')
    return serveUntilSignalled(async () => {
      const preview = await startPreview(options)
      io.out(
        `Preview of ${options.staticDir} on ${preview.url} · mock on ${preview.apiUrl}${stateNote(options)}\n`,
      )
      return { close: preview.dispose }
    }, io)
  },
})

/** The options `preview` takes as `serve` spells them. */
function sharedWithServe() {
  const {
    contract,
    mocks,
    'no-mocks': noMocks,
    seed,
    scenario,
    stateful,
    port,
    host,
  } = serveOptionSpecs()
  return { contract, mocks, 'no-mocks': noMocks, seed, scenario, stateful, port, host }
}

function previewOptionsOf(values: ParsedValues) {
  if (values.deploy === true) {
    throw new StandinError(
      'USAGE',
      'preview --deploy is not available yet. Run it locally with --dev.',
    )
  }
  const staticDir = stringOption(values, 'static')
  if (staticDir === undefined) {
    throw new StandinError(
      'USAGE',
      "preview needs --static DIR, the folder your frontend's build writes.",
    )
  }
  if (values.dev !== true) {
    throw new StandinError('USAGE', 'preview runs locally only for now: add --dev.')
  }
  return {
    staticDir,
    contract: stringOption(values, 'contract'),
    mocks: values['no-mocks'] === true ? (false as const) : stringOption(values, 'mocks'),
    apiPath: stringOption(values, 'api-path'),
    seed: integerOption(values, 'seed', { min: 0, max: Number.MAX_SAFE_INTEGER }),
    scenario: stringOption(values, 'scenario'),
    stateful: values.stateful === true,
    port: integerOption(values, 'port', { min: 0, max: 65_535 }),
    host: stringOption(values, 'host'),
  }
}

function stateNote(options: { stateful: boolean }): string {
  return options.stateful ? ' · sessions in Durable Objects' : ''
}

import { type InitResult, initProject } from '../init/index.ts'
import { defineCommand, stringOption } from './command.ts'

export const initCommand = defineCommand({
  name: 'init',
  summary: 'Set up standin in a project: an example contract, mocks, a Worker and scripts.',
  usage: `standin init [options]

Writes, in a project that has a package.json (never over a file or a script it already has):
  contracts/index.ts     an example contract to edit
  mocks/index.ts         hand-written answers and scenarios for it
  worker.ts              the Cloudflare Worker that serves the mock (createWorker from standin/worker;
                         worker.mts in a CommonJS project)
  wrangler.toml          its configuration: name, assets for the docs page, the sessions' Durable Object
  package.json scripts   standin:serve, standin:verify, standin:openapi, standin:worker, standin:deploy

Options:
  --dir DIR              the project folder (default: the current folder)`,
  options: {
    dir: { type: 'string' },
  },
  async run(values, _positionals, io) {
    const result = await initProject(stringOption(values, 'dir') ?? '.')
    io.out(formatInitResult(result))
    return 0
  },
})

/** What init did, one line per file and script, then what to run next. */
export function formatInitResult(result: InitResult): string {
  const rows = [
    ...result.files.map((file) => [file.written ? 'wrote' : 'skipped', file.path, file.note]),
    ...result.scripts.map((script) => [
      script.added ? 'added' : 'skipped',
      `script ${script.name}`,
      script.added ? script.command : `package.json has it: ${script.command}`,
    ]),
  ]
  const width = Math.max(...rows.map((row) => row[1]?.length ?? 0)) + 2
  const lines = rows.map(
    ([action, what, note]) => `  ${action?.padEnd(9)}${what?.padEnd(width)}${note}`,
  )
  return `standin init in ${result.dir}\n${lines.join('\n')}\n\n${NEXT_STEPS}`
}

const NEXT_STEPS = `Next:
  npm run standin:serve     the mock on http://127.0.0.1:4010 (docs at /docs); edit contracts/index.ts and it reloads
  npm run standin:verify    check your backend against the contract (set its URL in the script)
  npm i -D wrangler         once, for the Worker: npm run standin:worker runs it locally, standin:deploy deploys it
`

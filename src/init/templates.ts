/** A file `standin init` writes, relative to the project folder. */
export interface StarterFile {
  path: string
  /** What it is, in a few words, for the list init prints. */
  summary: string
  content: string
}

/** What the starter files depend on in the project they are written into. */
export interface StarterProject {
  /** The Worker's name (becomes https://NAME.ACCOUNT.workers.dev). */
  workerName: string
  /** Where swagger-ui-dist is installed, relative to the project folder, with forward slashes. */
  assetsDirectory: string
  /** True when the project's package.json says `"type": "module"`. */
  isModule: boolean
}

/** The date wrangler runs the Worker as of; the repository's own wrangler.toml has the same. */
export const COMPATIBILITY_DATE = '2025-09-01'

/** The scripts `standin init` adds to package.json. */
export const STARTER_SCRIPTS: Readonly<Record<string, string>> = {
  'standin:serve': 'standin serve --stateful --watch',
  'standin:verify': 'standin verify --target http://127.0.0.1:3000',
  'standin:openapi': 'standin openapi --out openapi.json',
  'standin:worker': 'wrangler dev --ip 127.0.0.1',
  'standin:deploy': 'wrangler deploy',
}

export function starterFiles(project: StarterProject): StarterFile[] {
  return [
    {
      path: 'contracts/index.ts',
      summary: 'an example contract: tasks with list, get and create',
      content: CONTRACT,
    },
    ...moduleScope(project, 'contracts'),
    { path: 'mocks/index.ts', summary: 'starting tasks and two scenarios', content: MOCKS },
    ...moduleScope(project, 'mocks'),
    {
      path: workerEntry(project),
      summary: 'the Cloudflare Worker that serves the mock',
      content: WORKER,
    },
    {
      path: 'wrangler.toml',
      summary: `the Worker's configuration (name "${project.workerName}")`,
      content: wranglerToml(project),
    },
  ]
}

/**
 * The Worker's entry: an ES module whatever the project's type, so `.mts` in a CommonJS project, where a
 * `.ts` file would be CommonJS to TypeScript.
 */
export function workerEntry(project: StarterProject): string {
  return project.isModule ? 'worker.ts' : 'worker.mts'
}

/**
 * Contract and mocks files load as ES modules, where `import … from 'standin'` gets the library the command
 * runs; in a CommonJS project (`npm init -y` writes `"type": "commonjs"`) a package.json in their folder says so.
 */
function moduleScope(project: StarterProject, folder: string): StarterFile[] {
  if (project.isModule) return []
  const summary = `marks ${folder}/ as ES modules (the project is CommonJS)`
  return [{ path: `${folder}/package.json`, summary, content: '{ "type": "module" }\n' }]
}

const CONTRACT = `import { createRoute, defineContract, z } from 'standin'

// The contract of your API: edit the schemas and routes; \`npm run standin:serve\` answers with them.

const Task = z
  .object({
    id: z.uuid(),
    title: z.string().min(1).max(120),
    done: z.boolean().default(false),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .openapi('Task')

const NewTask = z.object({ title: z.string().min(1).max(120) }).openapi('NewTask')

const TaskPage = z
  .object({ items: z.array(Task), total: z.int().min(0), page: z.int().min(1), pageSize: z.int().min(1).max(100) })
  .openapi('TaskPage')

const Problem = z
  .object({ type: z.string(), title: z.string(), status: z.int(), detail: z.string().optional() })
  .openapi('Problem')

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: Problem } } })

export default defineContract({
  info: { title: 'Tasks', version: '1.0.0' },
  servers: [{ url: 'http://127.0.0.1:4010', description: 'standin mock' }],
  routes: {
    listTasks: createRoute({
      method: 'get',
      path: '/tasks',
      summary: 'A page of tasks',
      request: {
        query: z.object({ page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(100).default(20) }),
      },
      responses: {
        200: { description: 'A page of tasks', content: { 'application/json': { schema: TaskPage } } },
        400: problem('A query parameter is out of range.'),
      },
    }),
    getTask: createRoute({
      method: 'get',
      path: '/tasks/{taskId}',
      summary: 'One task',
      request: { params: z.object({ taskId: z.uuid() }) },
      responses: {
        200: { description: 'The task', content: { 'application/json': { schema: Task } } },
        400: problem('The id is not a UUID.'),
        404: problem('No task with this id.'),
      },
    }),
    createTask: createRoute({
      method: 'post',
      path: '/tasks',
      summary: 'Add a task',
      request: { body: { required: true, content: { 'application/json': { schema: NewTask } } } },
      responses: {
        201: { description: 'The new task', content: { 'application/json': { schema: Task } } },
        400: problem('The body is not JSON.'),
        422: problem('The body breaks the schema.'),
      },
    }),
  },
})
`

const MOCKS = `import { defineMocks } from 'standin'
import contract from '../contracts/index.js'

// What a fresh session holds when the mock remembers (\`standin serve --stateful\`, the Worker), and named
// scenarios a client picks with \`Prefer: scenario=empty\`. A handler by operationId replaces the generated answer.
export default defineMocks(contract, {
  state: {
    '/tasks': () => [
      { id: '0b8f2e1c-3d4a-4b5c-8d6e-7f8091a2b3c4', title: 'Write the contract', done: true, createdAt: '2026-01-05T09:00:00Z' },
      { id: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d', title: 'Build the frontend against the mock', done: false, createdAt: '2026-01-06T09:00:00Z' },
    ],
  },
  scenarios: {
    empty: { state: { '/tasks': [] }, listTasks: (_c, ctx) => ({ ...ctx.fake(), items: [], total: 0 }) },
    'not-found': { getTask: (_c, ctx) => ctx.problem(404, 'No task with this id.') },
  },
})
`

const WORKER = `import { createWorker } from 'standin/worker'
import contract from './contracts/index.js'
import mocks from './mocks/index.js'

// wrangler.toml binds the sessions' Durable Object to this class, so the entry exports it.
export { StandinSession } from 'standin/worker'
export default createWorker(contract, mocks)
`

function wranglerToml(project: StarterProject): string {
  return `# The mock of this project's contract on Cloudflare Workers. \`npm run standin:worker\` runs it locally
# (wrangler dev, offline); \`npx wrangler login\` once, then \`npm run standin:deploy\`. The URL becomes
# https://${project.workerName}.ACCOUNT.workers.dev. \`npx wrangler secret put STANDIN_ACCESS_TOKEN\` makes it private.
name = "${project.workerName}"
main = "${workerEntry(project)}"
compatibility_date = "${COMPATIBILITY_DATE}"
minify = true

# The docs page's script and style come from the swagger-ui-dist package (installed with standin), served
# as static assets; the Worker runs first and hands out only the files the docs page needs.
[assets]
directory = "${project.assetsDirectory}"
binding = "ASSETS"
run_worker_first = true

[vars]
STANDIN_SEED = "1"
# Remember what each client creates, per session (X-Standin-Session header or standin_session cookie), in
# one Durable Object per session, bound below. "false" answers as \`standin serve\` without --stateful.
STANDIN_STATEFUL = "true"

[[durable_objects.bindings]]
name = "STANDIN_SESSIONS"
class_name = "StandinSession"

[[migrations]]
tag = "v1"
new_sqlite_classes = ["StandinSession"]
`
}

import { execFileSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeTempDir, repoRoot } from '../support/temp-dir.ts'

// The package as a user gets it: `npm pack`, installed into an empty project, run through npx.
const project = makeTempDir({
  'package.json': JSON.stringify({ name: 'tarball-user', private: true, type: 'module' }),
  'contracts/index.ts': `
import { createRoute, defineContract, z } from 'standin'
const Pet = z.object({ id: z.int(), name: z.string() }).openapi('Pet')
export default defineContract({
  info: { title: 'Pets', version: '1.0.0' },
  routes: {
    getPet: createRoute({
      method: 'get',
      path: '/pets/{petId}',
      request: { params: z.object({ petId: z.coerce.number().int() }) },
      responses: { 200: { description: 'A pet', content: { 'application/json': { schema: Pet } } } },
    }),
  },
})
`,
})
afterAll(project.cleanup)

function cleanEnv(): NodeJS.ProcessEnv {
  // `npm test` exports npm_* settings of this repository; the nested npm must not inherit them.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')))
  return { ...env, npm_config_yes: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' }
}

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, env: cleanEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
}

beforeAll(() => {
  run('npm', ['pack', '--pack-destination', project.dir], repoRoot)
  const tarball = readdirSync(project.dir).find((name) => name.endsWith('.tgz'))
  if (!tarball) throw new Error('npm pack produced no tarball')
  run('npm', ['install', '--prefer-offline', '--no-save', join(project.dir, tarball)], project.dir)
}, 300_000)

describe('the packed tarball, installed into an empty project', () => {
  it('runs `npx standin --help`', () => {
    const help = run('npx', ['standin', '--help'], project.dir)
    expect(help).toMatch(/^Usage: standin <command> \[options\]$/m)
    expect(help).toMatch(/^ {2}openapi /m)
  })

  it("loads the project's own TypeScript contract that imports 'standin'", () => {
    const document = JSON.parse(run('npx', ['standin', 'openapi'], project.dir)) as {
      paths: Record<string, { get: { parameters: unknown[] } }>
    }
    expect(document.paths['/pets/{petId}']?.get.parameters).toEqual([
      { name: 'petId', in: 'path', required: true, schema: { type: 'integer' } },
    ])
  })
})

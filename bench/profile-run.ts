import { mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type CpuProfile, summariseCpuProfile } from './cpu-profile.ts'
import { type LoadOptions, runLoad } from './load.ts'
import type { ProfileReport } from './results.ts'
import { startServer } from './server-process.ts'
import { repoRoot, standinSpec } from './specs.ts'
import { PROBE, WORKLOADS, type WorkloadId } from './workloads.ts'

/** What to profile: a workload under load, or the start-up itself. */
export type ProfileTopic = WorkloadId | 'startup'

/**
 * Runs `standin serve` under `node --cpu-prof` for one topic and summarises where its CPU time went.
 * The profile file is kept in `dir` for a closer look (Chrome DevTools or speedscope open it).
 *
 * @example
 * const report = await profileStandin('list', 'the list missed its target', { seed: 1, dir: '/tmp/p', load })
 */
export async function profileStandin(
  topic: ProfileTopic,
  reason: string,
  options: { seed: number; dir: string; load: LoadOptions },
): Promise<ProfileReport & { file?: string }> {
  const dir = join(options.dir, `profile-${topic}`)
  mkdirSync(dir, { recursive: true })
  const spec = standinSpec({ seed: options.seed, label: 'standin (profiled)', nodeFlags: ['--cpu-prof', '--cpu-prof-dir', dir] })
  const server = await startServer(spec, PROBE)
  // Start-up is profiled whole; under load, only the measured run counts (not start-up nor warm-up).
  let fromMicros = 0
  const markStart = async () => {
    fromMicros = Number(process.hrtime.bigint() / 1000n)
  }
  try {
    const workload = WORKLOADS.find((entry) => entry.id === topic)
    if (workload) {
      if (options.load.warmupSeconds === 0) await markStart()
      await runLoad(server.baseUrl, workload, { ...options.load, afterWarmup: markStart })
    }
  } finally {
    await server.stop()
  }
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'))
  const report = { workload: topic, reason }
  if (!file) return { ...report, failure: 'no .cpuprofile was written (the server did not exit normally on SIGTERM)' }
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile
  return { ...report, summary: summariseCpuProfile(profile, repoRoot, { fromMicros }), file: join(dir, file) }
}

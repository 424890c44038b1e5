import { mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type CpuProfile, createSourceMapper, summariseCpuProfile } from './cpu-profile.ts'
import { type LoadOptions, runLoad } from './load.ts'
import type { ProfileReport } from './results.ts'
import { startServer } from './server-process.ts'
import { repoRoot, standinSpec } from './specs.ts'
import { PROBE, WORKLOADS, type WorkloadId } from './workloads.ts'

/** What to profile: a workload under load, or the start-up itself. */
export type ProfileTopic = WorkloadId | 'startup'

/**
 * Runs `standin serve` under `node --cpu-prof` for one topic and summarises where its CPU time
 * went. The profile file is kept in `dir` for a closer look (Chrome DevTools or speedscope open
 * it).
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
  const spec = standinSpec({
    seed: options.seed,
    label: 'standin (profiled)',
    nodeFlags: ['--cpu-prof', '--cpu-prof-dir', dir],
  })
  const server = await startServer(spec, PROBE)
  // Start-up is profiled whole; under load, only the measured run counts (not start-up nor
  // warm-up).
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
  return { workload: topic, reason, ...readProfiles(dir, fromMicros) }
}

/**
 * The summary of the profiles `node --cpu-prof --cpu-prof-dir dir` wrote: the main thread's, counted
 * from `fromMicros`, and the busy time of the other threads; or why there is none.
 *
 * @example
 * readProfiles('/tmp/profile-list', 0).summary?.functions[0]
 */
export function readProfiles(
  dir: string,
  fromMicros: number,
): Pick<ProfileReport, 'summary' | 'otherThreadsBusyMs' | 'failure'> & { file?: string } {
  const files = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'))
  const mapSource = createSourceMapper()
  const main = files.find((name) => threadOf(name) === 0)
  if (!main)
    return { failure: 'no .cpuprofile was written (the server did not exit normally on SIGTERM)' }
  const read = (name: string) =>
    summariseCpuProfile(JSON.parse(readFileSync(join(dir, name), 'utf8')) as CpuProfile, repoRoot, {
      fromMicros,
      mapSource,
    })
  const otherThreadsBusyMs = files
    .filter((name) => name !== main)
    .reduce((sum, name) => sum + read(name).busyMs, 0)
  return {
    summary: read(main),
    otherThreadsBusyMs: Math.round(otherThreadsBusyMs),
    file: join(dir, main),
  }
}

/**
 * node names profiles CPU.<date>.<time>.<pid>.<thread id>.<sequence>.cpuprofile; thread 0 is the
 * main thread.
 */
export function threadOf(file: string): number | undefined {
  const match = /\.(\d+)\.\d+\.cpuprofile$/.exec(file)
  return match ? Number(match[1]) : undefined
}

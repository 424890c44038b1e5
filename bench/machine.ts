import { existsSync, readFileSync } from 'node:fs'
import { availableParallelism, cpus, loadavg, release, totalmem } from 'node:os'
import { join } from 'node:path'

export interface MachineInfo {
  cpu: string
  cores: number
  memoryGiB: number
  os: string
  /**
   * 1-minute load average when the run started and when it ended: other work on the machine shows
   * here.
   */
  loadAverage: { start: number; end?: number }
}

/**
 * What the figures were measured on.
 *
 * @example
 * describeMachine() // { cpu: 'AMD EPYC 7B13', cores: 2, memoryGiB: 24, os: 'Linux 6.1.0', loadAverage: { start: 0.4 } }
 */
export function describeMachine(): MachineInfo {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${process.platform === 'linux' ? 'Linux' : process.platform} ${release()}`,
    loadAverage: { start: currentLoad() },
  }
}

/** The 1-minute load average, two decimals. */
export function currentLoad(): number {
  return Math.round((loadavg()[0] ?? 0) * 100) / 100
}

/** The version field of an installed package, or undefined when it is not installed. */
export function packageVersion(dir: string): string | undefined {
  const file = join(dir, 'package.json')
  if (!existsSync(file)) return undefined
  return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version
}

import { type ChildProcess, spawn } from 'node:child_process'

// Each busy process ends itself after this long, should its parent die without stopping it.
const MAX_LOAD_MS = 15 * 60 * 1000

/**
 * Keeps `processes` CPU cores busy (one Node process spinning on each) until the returned stop is
 * called, to run a test on a loaded machine: `STATE_CPU_LOAD=2 npx vitest run tests/state/worker.test.ts`.
 */
export function startCpuLoad(processes: number): () => void {
  const spin = `const end = Date.now() + ${MAX_LOAD_MS}; while (Date.now() < end) {}`
  const children: ChildProcess[] = Array.from({ length: processes }, () =>
    spawn(process.execPath, ['-e', spin], { stdio: 'ignore' }),
  )
  return () => {
    for (const child of children) child.kill()
  }
}

/** The load `STATE_CPU_LOAD` asks for (busy processes), 0 without it. */
export function cpuLoadFromEnv(): number {
  const processes = Number(process.env.STATE_CPU_LOAD ?? 0)
  return Number.isSafeInteger(processes) && processes > 0 ? processes : 0
}

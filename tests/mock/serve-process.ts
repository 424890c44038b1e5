import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { join } from 'node:path'
import { repoRoot } from '../support/temp-dir.ts'

/** A running `standin serve` child process. */
export interface ServeProcess {
  url: string
  child: ChildProcessWithoutNullStreams
  /** Everything printed so far. */
  stdout(): string
  stderr(): string
  /**
   * Resolves when `predicate` holds for standard output or error (checked on every chunk), rejects
   * after `ms`.
   */
  waitFor(predicate: (out: string, err: string) => boolean, ms?: number): Promise<void>
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

export interface StartServeOptions {
  cwd?: string
  /** The Node binary to run; this process's own by default. */
  node?: string
  /** The command's script; this repository's bin/standin.js by default. */
  bin?: string
}

/** Starts `standin serve --port 0 ...args` and waits for its startup line. */
export async function startServe(
  args: string[],
  options: StartServeOptions = {},
): Promise<ServeProcess> {
  const bin = options.bin ?? join(repoRoot, 'bin/standin.js')
  const child = spawn(options.node ?? process.execPath, [bin, 'serve', '--port', '0', ...args], {
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, NO_COLOR: '1' },
  })
  let out = ''
  let err = ''
  const listeners = new Set<() => void>()
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString()
    listeners.forEach((listener) => listener())
  })
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString()
    listeners.forEach((listener) => listener())
  })
  const waitFor = (predicate: (o: string, e: string) => boolean, ms = 20_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!predicate(out, err)) return
        listeners.delete(check)
        clearTimeout(timer)
        resolve()
      }
      const timer = setTimeout(() => {
        listeners.delete(check)
        reject(new Error(`timed out waiting; stdout:\n${out}\nstderr:\n${err}`))
      }, ms)
      listeners.add(check)
      void exited.then((code) => {
        check()
        if (listeners.has(check)) {
          listeners.delete(check)
          clearTimeout(timer)
          reject(new Error(`exited with ${code} first; stdout:\n${out}\nstderr:\n${err}`))
        }
      })
      check()
    })
  await waitFor((o) => / on http:\/\/127\.0\.0\.1:\d+ /.test(o))
  const url = /on (http:\/\/127\.0\.0\.1:\d+) /.exec(out)![1]!
  return {
    url,
    child,
    stdout: () => out,
    stderr: () => err,
    waitFor,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal)
      return exited
    },
  }
}

import type { Contract } from '../contract/types.ts'
import type { ProxyExchange } from '../proxy/exchange.ts'
import { createHarRecorder, type HarRecorder } from '../proxy/har.ts'
import { writeHarFile } from './har-file.ts'

/** How long after an exchange the HAR file is written again, so a burst is one write. */
const SAVE_DELAY_MS = 1000

export interface Recording {
  /** Where the proxy of this contract hands its exchanges (the same recording across reloads). */
  onExchange(contract: Contract): (exchange: ProxyExchange) => void
  /** Writes what is recorded now and stops. */
  close(): Promise<void>
}

/**
 * `standin proxy --record FILE.har`: every exchange kept, secrets redacted, and the file rewritten
 * whole (see `writeHarFile`) a second after the last exchange and at shutdown; a write that fails
 * is reported once per cause and tried again with the next exchange.
 *
 * @example
 * const recording = createRecording('/tmp/session.har', console.error)
 * createProxyApp(contract, { target, onExchange: recording.onExchange(contract) })
 */
export function createRecording(file: string, error: (line: string) => void): Recording {
  let recorder: HarRecorder | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  let writing: Promise<void> = Promise.resolve()
  let failedWith: string | undefined
  const save = async () => {
    if (!recorder) return
    try {
      await writeHarFile(file, recorder.har())
      failedWith = undefined
    } catch (reason) {
      const message = reason instanceof Error ? reason.message : String(reason)
      if (failedWith !== message)
        error(`standin: could not write the recording ${file}: ${message}`)
      failedWith = message
    }
  }
  const schedule = () => {
    if (timer !== undefined) return
    timer = setTimeout(() => {
      timer = undefined
      writing = writing.then(save)
    }, SAVE_DELAY_MS)
    timer.unref()
  }
  return {
    onExchange(contract) {
      recorder ??= createHarRecorder({ contract })
      const into = recorder
      return (exchange) => {
        into.add(exchange)
        schedule()
      }
    },
    async close() {
      clearTimeout(timer)
      timer = undefined
      await writing
      await save()
    },
  }
}

import { resolve } from 'node:path'
import type { Contract } from '../contract/types.ts'
import { createReplayer, type ReplayOptions } from '../proxy/replay.ts'
import { readHarFile } from './har-file.ts'

type Fetch = (request: Request) => Response | Promise<Response>

export interface ReplayFileOptions extends ReplayOptions {
  cwd: string
  /** The files a `--watch` reload follows: the recording joins them. */
  files?: Set<string>
}

/**
 * `fetch` with the answers of a HAR file in front of it: a recorded request gets its recorded answer,
 * anything else goes on to `fetch`.
 *
 * @example
 * const fetch = await withReplay(app.fetch, contract, 'session.har', { cwd: process.cwd() })
 */
export async function withReplay(
  fetch: Fetch,
  contract: Contract,
  file: string,
  options: ReplayFileOptions,
): Promise<Fetch> {
  const exchanges = await readHarFile(file, options.cwd)
  options.files?.add(resolve(options.cwd, file))
  const replay = createReplayer(contract, exchanges, options)
  return async (request) => (await replay(request)) ?? fetch(request)
}

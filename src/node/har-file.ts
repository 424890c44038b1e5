import { readFile, rename, unlink, writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { StandinError } from '../contract/standin-error.ts'
import type { ProxyExchange } from '../proxy/exchange.ts'
import { type Har, readHar } from '../proxy/har.ts'

/**
 * Writes a HAR file whole or not at all: to a temporary file beside it, renamed over it, so a reader
 * (or a crash halfway) never sees half a recording.
 *
 * @example
 * await writeHarFile('session.har', recorder.har())
 */
export async function writeHarFile(path: string, har: Har): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`
  try {
    await writeFile(temporary, `${JSON.stringify(har, null, 2)}\n`)
    await rename(temporary, path)
  } catch (error) {
    await unlink(temporary).catch(() => undefined)
    throw error
  }
}

/**
 * The exchanges of a HAR file; a missing file is a StandinError (HAR_NOT_FOUND), one that is not
 * HAR another (HAR_INVALID), each naming the file.
 *
 * @example
 * const exchanges = await readHarFile('session.har')
 */
export async function readHarFile(
  file: string,
  cwd: string = process.cwd(),
): Promise<ProxyExchange[]> {
  const text = await readFile(resolve(cwd, file), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT')
      throw new StandinError('HAR_NOT_FOUND', `No HAR file at ${file}. Check the path.`)
    throw new StandinError('HAR_INVALID', `Cannot read ${file}: ${error.message}.`)
  })
  return readHar(text, file)
}

import { randomUUID } from 'node:crypto'
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { brotliDecompressSync, createBrotliDecompress } from 'node:zlib'
import { repoRoot } from './temp-dir.ts'

/** Where the bundled chromium runs from, and the fontconfig file that gives it its own fonts. */
export interface BundledChromium {
  executablePath: string
  fontconfigFile: string
}

export const canUnpackChromium = process.platform === 'linux' && process.arch === 'x64'

// Beside, not inside, node_modules/.cache/standin: the command prunes old bundles from there.
const CHROMIUM_CACHE = join(repoRoot, 'node_modules/.cache/standin-chromium')
const TAR_BLOCK = 512

/**
 * The chromium inside the `@sparticuz/chromium` package (brotli-compressed, with its fonts beside
 * it), unpacked once per version into node_modules/.cache/standin-chromium. Each process unpacks
 * into its own folder and renames it into place, so test files launching at once never run a
 * half-written binary (the package's own unpacker writes a shared /tmp/chromium in place).
 */
export async function unpackBundledChromium(
  cacheDir: string = CHROMIUM_CACHE,
): Promise<BundledChromium> {
  if (!canUnpackChromium)
    throw new Error('@sparticuz/chromium ships a linux-x64 chromium only: put a chromium on PATH.')
  const { version, bin } = bundledChromiumPackage()
  const dir = join(cacheDir, `chromium-${version}`)
  if (!existsSync(join(dir, 'chromium'))) await unpackInto(dir, bin)
  return { executablePath: join(dir, 'chromium'), fontconfigFile: join(dir, 'fonts.conf') }
}

async function unpackInto(dir: string, bin: string): Promise<void> {
  const partial = `${dir}.${randomUUID()}.partial`
  mkdirSync(partial, { recursive: true })
  try {
    await pipeline(
      createReadStream(join(bin, 'chromium.br')),
      createBrotliDecompress(),
      createWriteStream(join(partial, 'chromium'), { mode: 0o755 }),
    )
    extractTar(brotliDecompressSync(readFileSync(join(bin, 'fonts.tar.br'))), partial)
    writeFileSync(join(partial, 'fonts.conf'), fontconfig(dir))
    renameSync(partial, dir)
  } catch (error) {
    if (!existsSync(join(dir, 'chromium'))) throw error
  } finally {
    rmSync(partial, { recursive: true, force: true })
  }
}

/** Only the bundled fonts, whatever the machine has: the same pages render alike everywhere. */
function fontconfig(dir: string): string {
  return `<?xml version="1.0"?>
<fontconfig>
  <dir>${join(dir, 'fonts')}</dir>
  <cachedir>${join(dir, 'fonts-cache')}</cachedir>
</fontconfig>
`
}

/** The regular files of a ustar archive (the package's fonts: a handful of files, no links). */
function extractTar(archive: Buffer, into: string): void {
  for (let offset = 0; offset + TAR_BLOCK <= archive.length; ) {
    const header = archive.subarray(offset, offset + TAR_BLOCK)
    if (header.every((byte) => byte === 0)) return
    const size = Number.parseInt(field(header, 124, 12) || '0', 8)
    const type = field(header, 156, 1)
    const name = join(field(header, 345, 155), field(header, 0, 100))
    if ((type === '0' || type === '') && !name.split('/').includes('..')) {
      mkdirSync(dirname(join(into, name)), { recursive: true })
      writeFileSync(
        join(into, name),
        archive.subarray(offset + TAR_BLOCK, offset + TAR_BLOCK + size),
      )
    }
    offset += TAR_BLOCK + Math.ceil(size / TAR_BLOCK) * TAR_BLOCK
  }
}

function field(header: Buffer, start: number, length: number): string {
  return header
    .toString('utf8', start, start + length)
    .replace(/\0.*$/s, '')
    .trim()
}

function bundledChromiumPackage(): { version: string; bin: string } {
  const root = join(dirname(createRequire(import.meta.url).resolve('@sparticuz/chromium')), '..')
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    version: string
  }
  return { version, bin: join(root, 'bin') }
}

import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { importOpenAPI } from '../openapi/from-openapi/from-openapi.ts'
import { StandinError } from '../contract/standin-error.ts'
import { defineCommand, stringOption } from './command.ts'
import { reportWarnings } from './contract-source.ts'

export const importCommand = defineCommand({
  name: 'import',
  summary: 'Turn an OpenAPI document into zod contract files.',
  usage: `standin import SPEC [options]

SPEC is an OpenAPI 3.x or Swagger 2.0 document (JSON or YAML), a file or an http(s) URL.

Options:
  -o, --out DIR          folder to write the contract to (default: contracts); must be empty or new
  --force                write into a folder that already has files, replacing files of the same name`,
  options: {
    out: { type: 'string', short: 'o' },
    force: { type: 'boolean' },
  },
  allowPositionals: true,
  async run(values, positionals, io) {
    if (positionals.length !== 1) {
      throw new StandinError(
        'USAGE',
        'Pass exactly one OpenAPI document: standin import SPEC --out DIR.',
      )
    }
    const spec = positionals[0]!
    const out = stringOption(values, 'out') ?? 'contracts'
    if (values.force !== true) await requireEmpty(out)
    const { files, warnings, operations } = await importOpenAPI(spec)
    reportWarnings(spec, warnings, io)
    for (const [name, text] of Object.entries(files)) {
      await mkdir(dirname(join(out, name)), { recursive: true })
      await writeFile(join(out, name), text)
    }
    io.err(
      `Wrote ${Object.keys(files).length} files (${operations} operations) to ${out}. Serve them with: standin serve --contract ${join(out, 'index.ts')}\n`,
    )
    return 0
  },
})

async function requireEmpty(dir: string): Promise<void> {
  const entries = await readdir(dir).catch(() => [])
  if (entries.length > 0) {
    throw new StandinError(
      'USAGE',
      `${dir} already has files. Pass an empty or new folder with --out, or --force to overwrite.`,
    )
  }
}

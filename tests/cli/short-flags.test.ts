import { describe, expect, it } from 'vitest'
import { asksForHelp, type CliIO, type Command, parseCommandArgs } from '../../src/cli/command.ts'
import { importCommand } from '../../src/cli/import.ts'
import { main } from '../../src/cli/main.ts'
import { openapiCommand } from '../../src/cli/openapi.ts'
import { serveCommand } from '../../src/cli/serve.ts'
import { verifyCommand } from '../../src/cli/verify.ts'

const commands: Command[] = [openapiCommand, serveCommand, verifyCommand, importCommand]

function bufferIO(): CliIO & { stdout: () => string; stderr: () => string } {
  let out = ''
  let err = ''
  return {
    out: (text) => void (out += text),
    err: (text) => void (err += text),
    stdout: () => out,
    stderr: () => err,
  }
}

describe('short flags', () => {
  it('are these, per command', () => {
    const shorts = Object.fromEntries(
      commands.map((command) => [command.name, shortFlagsOf(command)]),
    )
    expect(shorts).toEqual({
      openapi: { c: 'contract', o: 'out' },
      serve: { c: 'contract', p: 'port', h: 'host' },
      verify: { c: 'contract', t: 'target' },
      import: { o: 'out' },
    })
  })

  it.each(commands.map((command) => [command.name, command] as const))(
    'are shown beside their long names in the usage of %s',
    (_name, command) => {
      for (const [short, long] of Object.entries(shortFlagsOf(command)))
        expect(command.usage).toContain(`  -${short}, --${long} `)
    },
  )

  it('give serve its port, host and contract as Prism spells them', () => {
    const { values } = parseCommandArgs(serveCommand, [
      '-p',
      '4010',
      '-h',
      '0.0.0.0',
      '-c',
      'api/index.ts',
    ])
    expect(values).toEqual({ port: '4010', host: '0.0.0.0', contract: 'api/index.ts' })
  })

  it('give verify its target and contract', () => {
    const { values } = parseCommandArgs(verifyCommand, [
      '-t',
      'http://127.0.0.1:3000',
      '-c',
      'api/index.ts',
    ])
    expect(values).toEqual({ target: 'http://127.0.0.1:3000', contract: 'api/index.ts' })
  })

  it('give openapi and import where to write', () => {
    expect(
      parseCommandArgs(openapiCommand, ['-o', 'openapi.yaml', '-c', 'api/index.ts']).values,
    ).toEqual({ out: 'openapi.yaml', contract: 'api/index.ts' })
    expect(parseCommandArgs(importCommand, ['spec.yaml', '-o', 'api']).values).toEqual({
      out: 'api',
    })
  })
})

describe('-h', () => {
  it('is the host after serve and help after every other command; --help is help everywhere', () => {
    expect(asksForHelp(serveCommand, ['-h', '0.0.0.0'])).toBe(false)
    expect(asksForHelp(serveCommand, ['--help'])).toBe(true)
    expect(
      commands
        .filter((command) => command !== serveCommand)
        .map((command) => asksForHelp(command, ['-h'])),
    ).toEqual([true, true, true])
  })

  it('prints the usage of openapi', async () => {
    const io = bufferIO()
    expect(await main(['openapi', '-h'], io)).toBe(0)
    expect(io.stdout()).toBe(
      `Print the OpenAPI document of a contract.\n\nUsage: ${openapiCommand.usage}\n`,
    )
  })

  it('without a host after serve is one usage line and exit code 2', async () => {
    const io = bufferIO()
    expect(await main(['serve', '-h'], io)).toBe(2)
    expect(io.stderr()).toBe(
      "standin: Option '-h, --host <value>' argument missing. Run `standin serve --help` for usage.\n",
    )
  })
})

function shortFlagsOf(command: Command): Record<string, string> {
  return Object.fromEntries(
    Object.entries(command.options).flatMap(([name, option]) =>
      option.short ? [[option.short, name]] : [],
    ),
  )
}

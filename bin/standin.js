#!/usr/bin/env node
// Runs the TypeScript sources (and the user's TypeScript contracts) on Node without a build step.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src/cli/main.ts')
process.exitCode = await main(process.argv.slice(2))

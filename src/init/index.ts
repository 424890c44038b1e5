export { initProject, workerNameOf } from './init-project.ts'
export type { FileOutcome, InitResult, ScriptOutcome } from './init-project.ts'
export { COMPATIBILITY_DATE, STARTER_SCRIPTS, starterFiles } from './templates.ts'
export type { StarterFile, StarterProject } from './templates.ts'

import { stateSuite } from './state-suite.ts'
import { workerStateTarget } from './targets.ts'

stateSuite('Cloudflare Workers (a Durable Object per session, in workerd)', () =>
  workerStateTarget(),
)

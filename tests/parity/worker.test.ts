import { mockBehaviourSuite } from './behaviour-suite.ts'
import { workerTarget } from './targets.ts'

mockBehaviourSuite('Cloudflare Workers (workerd)', () => workerTarget())
